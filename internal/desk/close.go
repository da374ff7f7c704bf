package desk

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
)

// Close ends a conversation. A non-empty endMessage is queued to the
// customer first when the send window allows it (it counts against the
// budget like any message); the conversation closes either way.
func (a *Actions) Close(app core.App, agent *store.Agent, convID, endMessage string) (*store.Conversation, error) {
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
			if b, err := a.Budget(tx, conv); err == nil && b.Open() {
				if err := a.QueueText(tx, conv, agent, store.SenderAgent, endMessage); err != nil {
					return err
				}
				sentEnd = true
			}
		}
		conv.Set("state", store.StateClosed)
		conv.Set("closed_at", a.now())
		conv.Set("close_reason", "agent")
		if conv.AgentID() == "" {
			conv.Set("agent", agent.Id)
		}
		out = conv
		return store.SaveChanges(tx, conv.Record)
	})
	if err == nil && sentEnd {
		a.outboxWake()
	}
	return out, err
}

// QueueText stores an outbound text message as pending for the outbox,
// inside tx. agent may be nil for automatic messages. It sets conv's
// last_agent_at (the customer's silence starts); the caller saves conv.
func (a *Actions) QueueText(tx core.App, conv *store.Conversation, agent *store.Agent, sender, text string) error {
	now := a.now()
	rec, err := store.NewMessageRecord(tx)
	if err != nil {
		return err
	}
	seq, err := store.NextSeq(tx, now)
	if err != nil {
		return err
	}
	rec.Set("seq", seq)
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
	if err := tx.Save(rec); err != nil {
		return err
	}
	conv.Set("last_agent_at", now)
	return nil
}
