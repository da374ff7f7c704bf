package desk

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/licensing"
	"github.com/wedesk/wedesk/internal/store"
)

// BindOutboundGuard guards the messages API: agents create outbound
// messages (or internal notes) only where they may, within WeChat's window;
// a new pending message wakes the outbox.
func (a *Actions) BindOutboundGuard(app core.App, outboundTypes func(kind string) map[string]bool) {
	app.OnRecordCreateRequest(store.CollectionMessages).BindFunc(func(e *core.RecordRequestEvent) error {
		if !store.IsAgentRecord(e.Auth) {
			// Every outbound message has an agent as its author, so a
			// superuser (who bypasses the create rule) is refused here too.
			return e.ForbiddenError("Only agents send messages.", nil)
		}
		return a.createOutbound(e, store.NewAgent(e.Auth), outboundTypes)
	})
	app.OnRecordAfterCreateSuccess(store.CollectionMessages).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString("status") == store.StatusPending {
			a.outboxWake()
		}
		return e.Next()
	})
	// Messages are history: only superusers may change or delete them, and
	// only through the dashboard (the collection rules already say so).
}

// createOutbound fills and checks an agent's new message, then saves it as
// pending in the same transaction that counted the window, so two agents
// replying at once cannot both take the last allowed message.
func (a *Actions) createOutbound(e *core.RecordRequestEvent, agent *store.Agent, outboundTypes func(string) map[string]bool) error {
	rec := e.Record
	note := rec.GetBool("internal")
	prepareOutbound(rec, agent, a.now())
	if !note {
		if err := checkOutboundContent(e, outboundTypes); err != nil {
			return err
		}
	}
	return e.App.RunInTransaction(func(tx core.App) error {
		conv, err := store.FindConversation(tx, rec.GetString("conversation"))
		if errors.Is(err, store.ErrNotFound) {
			return e.NotFoundError("Conversation not found.", nil)
		} else if err != nil {
			return err
		}
		if !conv.CanBeSeenBy(agent) {
			return e.ForbiddenError("This conversation belongs to another agent.", nil)
		}
		if conv.IsClosed() && !note {
			return e.BadRequestError("The conversation has ended; the customer must write again first.", nil)
		}
		if !note {
			if err := checkLicense(tx, conv, a.now()); err != nil {
				return apiErrorFromLicense(e, err)
			}
			if err := a.checkBudget(tx, conv); err != nil {
				return apiErrorFromBudget(e, err)
			}
			if err := claimIfUnassigned(tx, conv, agent, a.now()); errors.Is(err, ErrAtCapacity) {
				return e.BadRequestError("You are at your maximum of concurrent conversations.", nil)
			} else if err != nil {
				return err
			}
			// The customer-silence timeouts count from the agent's reply.
			conv.Set("last_agent_at", a.now())
			if err := store.SaveChanges(tx, conv.Record); err != nil {
				return err
			}
		}
		seq, err := store.NextSeq(tx, a.now())
		if err != nil {
			return err
		}
		rec.Set("seq", seq)
		e.App = tx
		return e.Next()
	})
}

// prepareOutbound overwrites the fields an agent may not choose.
func prepareOutbound(rec *core.Record, agent *store.Agent, now time.Time) {
	rec.Set("direction", store.DirectionOut)
	rec.Set("sender", store.SenderAgent)
	rec.Set("agent", agent.Id)
	rec.Set("wechat_msgid", "")
	rec.Set("dedup_key", "")
	rec.Set("error", "")
	rec.Set("attempts", 0)
	rec.Set("media_state", store.MediaNone)
	rec.Set("blocked", false)
	rec.Set("media_issue", "")
	rec.Set("duration_ms", 0)
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

// errBudgetRefused ends the create chain after the refusal was written.
var errBudgetRefused = errors.New("desk: send refused by the budget")

// apiErrorFromBudget answers a refused budget with 400 and the refusal
// body: its stable code and the reason in the agent's language.
func apiErrorFromBudget(e *core.RecordRequestEvent, err error) error {
	if handled, werr := WriteRefusal(e.RequestEvent, err); handled {
		if werr != nil {
			return werr
		}
		return errBudgetRefused
	}
	return e.InternalServerError("Could not compute the send budget.", fmt.Sprint(err))
}

// checkLicense refuses sending on a channel whose organization's license
// has expired; inbound messages are still stored and shown.
func checkLicense(tx core.App, conv *store.Conversation, now time.Time) error {
	ch, err := store.FindChannel(tx, conv.ChannelID())
	if err != nil {
		return err
	}
	return licensing.CheckSending(tx, ch.AppID(), now)
}

// apiErrorFromLicense answers 400 with the stable code license_expired.
func apiErrorFromLicense(e *core.RecordRequestEvent, err error) error {
	var ex *licensing.ExpiredError
	if errors.As(err, &ex) {
		msg := ex.Message("zh") + " / " + ex.Message("en")
		return e.Error(http.StatusBadRequest, msg, validation.Errors{
			"conversation": validation.NewError(ex.Code(), msg),
		})
	}
	return err
}
