package desk

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
)

// Retry puts a failed outbound message, or one whose delivery is unknown
// (the agent chose to resend it), back into the outbox. The window is
// checked again: a retry is a new attempt to reach the customer.
func (a *Actions) Retry(app core.App, agent *store.Agent, msgID string) (*store.Message, error) {
	var out *store.Message
	err := app.RunInTransaction(func(tx core.App) error {
		msg, err := store.FindMessage(tx, msgID)
		if err != nil {
			return err
		}
		conv, err := store.FindConversation(tx, msg.ConversationID())
		if err != nil {
			return err
		}
		if !conv.CanBeSeenBy(agent) {
			return ErrNotYours
		}
		if msg.Direction() != store.DirectionOut || (msg.Status() != store.StatusFailed && msg.Status() != store.StatusUnknown) {
			return ErrNotRetryable
		}
		if err := a.checkBudget(tx, conv); err != nil {
			return err
		}
		msg.Set("status", store.StatusPending)
		msg.Set("attempts", 0)
		msg.Set("error", "")
		msg.Set("next_attempt_at", a.now())
		out = msg
		return store.SaveChanges(tx, msg.Record)
	})
	if err == nil {
		a.outboxWake()
	}
	return out, err
}
