package desk

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
)

// Claim assigns an unassigned conversation to the agent and makes it
// active, only within the agent's capacity (counted inside the
// transaction, so simultaneous claims cannot overfill an agent). Taking
// another agent's conversation is not a claim: supervisors use TakeOver.
func (a *Actions) Claim(app core.App, agent *store.Agent, convID string) (*store.Conversation, error) {
	var out *store.Conversation
	err := app.RunInTransaction(func(tx core.App) error {
		conv, err := store.FindConversation(tx, convID)
		if err != nil {
			return err
		}
		if conv.IsClosed() {
			return ErrClosed
		}
		if conv.AgentID() == agent.Id {
			out = conv
			return nil
		}
		if conv.AgentID() != "" {
			return ErrAlreadyTaken
		}
		if err := checkCapacity(tx, agent); err != nil {
			return err
		}
		conv.Set("assigned_at", a.now())
		conv.Set("agent", agent.Id)
		conv.Set("state", store.StateActive)
		conv.Set("unread", 0)
		out = conv
		return store.SaveChanges(tx, conv.Record)
	})
	return out, err
}

// checkCapacity refuses a new conversation to an agent already holding
// max_concurrent open ones; call it inside the assigning transaction.
func checkCapacity(tx core.App, agent *store.Agent) error {
	n, err := store.CountOpenByAgent(tx, agent.Id)
	if err != nil {
		return err
	}
	if n >= agent.MaxConcurrent() {
		return ErrAtCapacity
	}
	return nil
}

// claimIfUnassigned makes the first reply to a queued conversation claim it.
func claimIfUnassigned(tx core.App, conv *store.Conversation, agent *store.Agent, now time.Time) error {
	if conv.AgentID() != "" {
		return nil
	}
	if err := checkCapacity(tx, agent); err != nil {
		return err
	}
	conv.Set("assigned_at", now)
	conv.Set("agent", agent.Id)
	conv.Set("state", store.StateActive)
	if err := store.SaveChanges(tx, conv.Record); err != nil {
		return fmt.Errorf("desk: claim on reply: %w", err)
	}
	return nil
}

// MarkRead clears the unread count when the owning agent looks at their
// conversation; other viewers (supervisors, queue browsers) leave it as is.
func (a *Actions) MarkRead(app core.App, agent *store.Agent, conv *store.Conversation) error {
	if conv.AgentID() != agent.Id || conv.GetInt("unread") == 0 {
		return nil
	}
	conv.Set("unread", 0)
	return store.SaveChanges(app, conv.Record)
}
