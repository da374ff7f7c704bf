package hooks

import (
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
)

// CloseConversation ends a conversation. A non-empty endMessage is queued to
// the customer first when the send window allows it (it counts against the
// budget like any message); the conversation closes either way.
func (d *Desk) CloseConversation(app core.App, agent *store.Agent, convID, endMessage string) (*store.Conversation, error) {
	var out *store.Conversation
	sentEnd := false
	err := app.RunInTransaction(func(tx core.App) error {
		conv, err := store.FindConversation(tx, convID)
		if err != nil {
			return err
		}
		if !conv.CanBeSeenBy(agent) {
			return ErrNotYours
		}
		if conv.IsClosed() {
			return ErrClosed
		}
		if endMessage = strings.TrimSpace(endMessage); endMessage != "" {
			if b, err := d.budget(tx, conv); err == nil && b.Open() {
				if err := d.queueText(tx, conv, agent, store.SenderAgent, endMessage); err != nil {
					return err
				}
				sentEnd = true
			}
		}
		now := d.now()
		conv.Set("state", store.StateClosed)
		conv.Set("closed_at", now)
		conv.Set("close_reason", "agent")
		if conv.AgentID() == "" {
			conv.Set("agent", agent.Id)
		}
		out = conv
		return tx.Save(conv.Record)
	})
	if err == nil && sentEnd {
		d.outbox.notify()
	}
	return out, err
}

// queueText stores an outbound text message as pending for the outbox.
func (d *Desk) queueText(tx core.App, conv *store.Conversation, agent *store.Agent, sender, text string) error {
	now := d.now()
	rec, err := store.NewMessageRecord(tx)
	if err != nil {
		return err
	}
	rec.Set("seq", store.NextSeq(now))
	rec.Set("conversation", conv.Id)
	rec.Set("direction", store.DirectionOut)
	rec.Set("sender", sender)
	if agent != nil {
		rec.Set("agent", agent.Id)
	}
	rec.Set("type", "text")
	rec.Set("text", text)
	rec.Set("status", store.StatusPending)
	rec.Set("next_attempt_at", now)
	return tx.Save(rec)
}

// closeConversation is POST /api/wedesk/conversations/{id}/close with an
// optional {"end_message": "..."}.
func (d *Desk) closeConversation(e *core.RequestEvent) error {
	agent, err := requireAgent(e)
	if err != nil {
		return err
	}
	var body struct {
		EndMessage string `json:"end_message" form:"end_message"`
	}
	if err := e.BindBody(&body); err != nil {
		return e.BadRequestError("Invalid body.", nil)
	}
	conv, err := d.CloseConversation(e.App, agent, e.Request.PathValue("id"), body.EndMessage)
	if err != nil {
		return actionError(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{"id": conv.Id, "state": conv.State()})
}
