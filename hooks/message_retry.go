package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
)

// RetryMessage puts a failed outbound message back into the outbox. The
// window is checked again: a retry is a new attempt to reach the customer.
func (d *Desk) RetryMessage(app core.App, agent *store.Agent, msgID string) (*store.Message, error) {
	var out *store.Message
	err := app.RunInTransaction(func(tx core.App) error {
		rec, err := tx.FindRecordById(store.CollectionMessages, msgID)
		if err != nil {
			return store.ErrNotFound
		}
		msg := store.NewMessage(rec)
		conv, err := store.FindConversation(tx, msg.ConversationID())
		if err != nil {
			return err
		}
		if !conv.CanBeSeenBy(agent) {
			return ErrNotYours
		}
		if msg.Direction() != store.DirectionOut || msg.Status() != store.StatusFailed {
			return ErrNotRetryable
		}
		if err := d.checkBudget(tx, conv); err != nil {
			return err
		}
		rec.Set("status", store.StatusPending)
		rec.Set("attempts", 0)
		rec.Set("error", "")
		rec.Set("next_attempt_at", d.now())
		out = msg
		return tx.Save(rec)
	})
	if err == nil {
		d.outbox.notify()
	}
	return out, err
}

// retryMessage is POST /api/wedesk/messages/{id}/retry.
func (d *Desk) retryMessage(e *core.RequestEvent) error {
	agent, err := requireAgent(e)
	if err != nil {
		return err
	}
	msg, err := d.RetryMessage(e.App, agent, e.Request.PathValue("id"))
	if err != nil {
		return actionError(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{"id": msg.Id, "status": msg.Status()})
}
