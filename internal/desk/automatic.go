package desk

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/routing"
	"github.com/wedesk/wedesk/internal/store"
)

// QueueAutomatic queues an automatic text (queue notice, comfort message,
// navigation menu) with sender system, inside tx, only when it leaves the
// agent's reserve intact: WeChat allows 5 sends per customer message and
// automatic messages count, so routing.MayNotify refuses once only
// routing.AgentReserve (2) sends remain. It reports whether the message was
// queued; a refused message is simply not sent.
func (a *Actions) QueueAutomatic(tx core.App, conv *store.Conversation, text string) (bool, error) {
	b, err := a.Budget(tx, conv)
	if err != nil {
		return false, err
	}
	if !b.Open() || !routing.MayNotify(b.Remaining, b.Quota) {
		return false, nil
	}
	return true, a.QueueText(tx, conv, nil, store.SenderSystem, text)
}

// QueueFinal queues an automatic text that ends the customer's wait (the
// abandon confirmation): no agent will answer this conversation any more,
// so it needs only an open window, not the agent's reserve.
func (a *Actions) QueueFinal(tx core.App, conv *store.Conversation, text string) (bool, error) {
	b, err := a.Budget(tx, conv)
	if err != nil || !b.Open() {
		return false, err
	}
	return true, a.QueueText(tx, conv, nil, store.SenderSystem, text)
}

// AddSystemNote stores a system line in the conversation's history (a
// transfer, a take-over): shown to agents, never sent to the customer.
func (a *Actions) AddSystemNote(tx core.App, conv *store.Conversation, text string, payload map[string]any) error {
	rec, err := store.NewMessageRecord(tx)
	if err != nil {
		return err
	}
	seq, err := store.NextSeq(tx, a.now())
	if err != nil {
		return err
	}
	rec.Set("seq", seq)
	rec.Set("conversation", conv.Id)
	rec.Set("direction", store.DirectionOut)
	rec.Set("sender", store.SenderSystem)
	rec.Set("type", "text")
	rec.Set("text", text)
	rec.Set("payload", payload)
	rec.Set("internal", true)
	rec.Set("status", store.StatusReceived)
	return tx.Save(rec)
}

// QueueAutomaticPayload is QueueAutomatic for a message of another type (a
// 微信客服 msgmenu): text is what the inbox shows, payload what is sent.
func (a *Actions) QueueAutomaticPayload(tx core.App, conv *store.Conversation, typ, text string, payload map[string]any) (bool, error) {
	b, err := a.Budget(tx, conv)
	if err != nil {
		return false, err
	}
	if !b.Open() || !routing.MayNotify(b.Remaining, b.Quota) {
		return false, nil
	}
	now := a.now()
	rec, err := store.NewMessageRecord(tx)
	if err != nil {
		return false, err
	}
	seq, err := store.NextSeq(tx, now)
	if err != nil {
		return false, err
	}
	rec.Set("seq", seq)
	rec.Set("conversation", conv.Id)
	rec.Set("direction", store.DirectionOut)
	rec.Set("sender", store.SenderSystem)
	rec.Set("type", typ)
	rec.Set("text", text)
	rec.Set("payload", payload)
	rec.Set("status", store.StatusPending)
	rec.Set("next_attempt_at", now)
	return true, tx.Save(rec)
}
