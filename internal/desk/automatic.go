package desk

import (
	"errors"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/sendlimit"
	"github.com/wedesk/wedesk/internal/store"
)

// ErrAutomaticSkipped says an automatic message was not queued: the send
// budget is closed or down to the sends kept for the agent
// (sendlimit.AgentReserve). It is logged, never queued to fail.
var ErrAutomaticSkipped = errors.New("desk: automatic message skipped: the send budget is kept for the agent")

// Automatic is one automatic message for the customer.
type Automatic struct {
	// Sender is store.SenderSystem (timeouts, surveys, hours) or
	// store.SenderBot (the bot's answers, the welcome).
	Sender string
	// Type is the message type ("text" when empty); Payload its body for
	// structured types (msgmenu).
	Type    string
	Text    string
	Payload map[string]any
	// Reason names what sent it, for the log when it is skipped.
	Reason string
	// OutsideBudget marks a template message: WeChat does not count it
	// against the customer-service budget, so it needs none of it.
	OutsideBudget bool
}

// QueueAutomatic stores an automatic message as pending for the outbox,
// inside tx, when the conversation's send budget allows an automatic
// message: every automatic message draws on the same WeChat budget as the
// agent's replies, and never on the sends kept for the agent. Otherwise it
// logs the skip and returns ErrAutomaticSkipped. The caller wakes the
// outbox after commit (WakeOutbox).
func (a *Actions) QueueAutomatic(tx core.App, conv *store.Conversation, m Automatic) error {
	if !m.OutsideBudget {
		b, err := a.Budget(tx, conv)
		if err != nil {
			return err
		}
		if !sendlimit.AutomaticAllowed(b) {
			tx.Logger().Info("desk: automatic message skipped", "conversation", conv.Id, "reason", m.Reason,
				"remaining", b.Remaining, "budget", b.Reason)
			return ErrAutomaticSkipped
		}
	}
	now := a.now()
	rec, err := store.NewMessageRecord(tx)
	if err != nil {
		return err
	}
	seq, err := store.NextSeq(tx, now)
	if err != nil {
		return err
	}
	if m.Type == "" {
		m.Type = "text"
	}
	rec.Load(map[string]any{"seq": seq, "conversation": conv.Id, "direction": store.DirectionOut,
		"sender": m.Sender, "type": m.Type, "text": m.Text, "status": store.StatusPending,
		"next_attempt_at": now, "internal": false})
	if m.Payload != nil {
		rec.Set("payload", m.Payload)
	}
	if err := tx.Save(rec); err != nil {
		return err
	}
	if m.Sender != store.SenderBot {
		// Comfort, prompts, surveys and notices are not answers: the
		// silence they speak to goes on, and its timeouts with it.
		return nil
	}
	return touchAgentSide(tx, conv, now)
}

// AddNote stores an internal system note on the conversation (see
// AddSystemNote).
func (a *Actions) AddNote(tx core.App, conv *store.Conversation, text string) error {
	return a.AddSystemNote(tx, conv, text, nil)
}

// WakeOutbox tells the outbox that messages were queued.
func (a *Actions) WakeOutbox() { a.outboxWake() }

// touchAgentSide records that the bot answered the customer: the
// customer-silence timeouts count from last_agent_at.
func touchAgentSide(tx core.App, conv *store.Conversation, now time.Time) error {
	conv.Set("last_agent_at", now)
	return store.SaveChanges(tx, conv.Record)
}
