package hooks

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/sendlimit"
	"github.com/wedesk/wedesk/internal/store"
)

// outboundTypes are the message types an agent may create, per channel kind.
var outboundTypes = map[string]map[string]bool{
	store.KindWechatMP: {"text": true, "image": true, "voice": true, "video": true, "news": true, "msgmenu": true, "miniprogrampage": true},
}

// registerMessageHooks guards the messages API: agents create outbound
// messages (or internal notes) only where they may, within WeChat's window.
func registerMessageHooks(app core.App, d *Desk) {
	app.OnRecordCreateRequest(store.CollectionMessages).BindFunc(func(e *core.RecordRequestEvent) error {
		if !store.IsAgentRecord(e.Auth) {
			// Every outbound message has an agent as its author, so a
			// superuser (who bypasses the create rule) is refused here too.
			return e.ForbiddenError("Only agents send messages.", nil)
		}
		agent := store.NewAgent(e.Auth)
		return d.createOutbound(e, agent)
	})
	app.OnRecordAfterCreateSuccess(store.CollectionMessages).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString("status") == store.StatusPending {
			d.outbox.notify()
		}
		return e.Next()
	})
	// Messages are history: only superusers may change or delete them, and
	// only through the dashboard (the collection rules already say so).
}

// createOutbound fills and checks an agent's new message, then saves it as
// pending in the same transaction that counted the window, so two agents
// replying at once cannot both take the last allowed message.
func (d *Desk) createOutbound(e *core.RecordRequestEvent, agent *store.Agent) error {
	rec := e.Record
	note := rec.GetBool("internal")
	prepareOutbound(rec, agent, d.now())
	if !note {
		if err := d.checkOutboundContent(e); err != nil {
			return err
		}
	}
	return e.App.RunInTransaction(func(tx core.App) error {
		conv, err := store.FindConversation(tx, rec.GetString("conversation"))
		if err != nil {
			return e.NotFoundError("Conversation not found.", nil)
		}
		if !conv.CanBeSeenBy(agent) {
			return e.ForbiddenError("This conversation belongs to another agent.", nil)
		}
		if conv.IsClosed() && !note {
			return e.BadRequestError("The conversation has ended; the customer must write again first.", nil)
		}
		if !note {
			if err := d.checkBudget(tx, conv); err != nil {
				return apiErrorFromBudget(e, err)
			}
			if err := claimIfUnassigned(tx, conv, agent, d.now()); err != nil {
				return err
			}
		}
		e.App = tx
		return e.Next()
	})
}

// prepareOutbound overwrites the fields an agent may not choose.
func prepareOutbound(rec *core.Record, agent *store.Agent, now time.Time) {
	rec.Set("direction", store.DirectionOut)
	rec.Set("sender", store.SenderAgent)
	rec.Set("agent", agent.Id)
	rec.Set("seq", store.NextSeq(now))
	rec.Set("wechat_msgid", "")
	rec.Set("dedup_key", "")
	rec.Set("error", "")
	rec.Set("attempts", 0)
	rec.Set("media_state", store.MediaNone)
	if rec.GetString("type") == "" {
		rec.Set("type", "text")
	}
	if rec.GetBool("internal") {
		rec.Set("status", store.StatusReceived) // stored, never delivered
		return
	}
	rec.Set("status", store.StatusPending)
	rec.Set("next_attempt_at", now)
}

// checkBudget enforces WeChat's 48 h / N-message window before WeChat would.
func (d *Desk) checkBudget(tx core.App, conv *store.Conversation) error {
	b, err := d.budget(tx, conv)
	if err != nil {
		return err
	}
	return b.Check()
}

// budget computes a conversation's current send budget.
func (d *Desk) budget(app core.App, conv *store.Conversation) (sendlimit.Budget, error) {
	ch, err := store.FindChannel(app, conv.ChannelID())
	if err != nil {
		return sendlimit.Budget{}, err
	}
	last := conv.LastCustomerAt()
	sent := 0
	if !last.IsZero() {
		if sent, err = store.CountOutboundSince(app, conv.Id, last); err != nil {
			return sendlimit.Budget{}, err
		}
	}
	return sendlimit.Compute(last, sent, ch.SendQuota(), d.now()), nil
}

// apiErrorFromBudget turns a refused budget into a 400 with the reason.
func apiErrorFromBudget(e *core.RecordRequestEvent, err error) error {
	var le *sendlimit.Error
	if errors.As(err, &le) {
		return e.Error(http.StatusBadRequest, le.Error(), validation.Errors{
			"conversation": validation.NewError("send_"+string(le.Budget.Reason), le.Error()),
		})
	}
	return e.InternalServerError("Could not compute the send budget.", fmt.Sprint(err))
}
