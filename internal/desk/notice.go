package desk

import (
	"errors"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
)

// QueueNotice queues a routing notice (queue notice, comfort message,
// navigation menu) with sender system, inside tx, through QueueAutomatic:
// it is sent only while the agent's reserve stays intact (WeChat allows 5
// sends per customer message and automatic messages count; see
// sendlimit.AutomaticAllowed and routing.MayNotify). It reports whether the
// message was queued; a refused one is simply not sent.
func (a *Actions) QueueNotice(tx core.App, conv *store.Conversation, text string) (bool, error) {
	return a.QueueNoticePayload(tx, conv, "text", text, nil)
}

// QueueNoticePayload is QueueNotice for a message of another type (a
// 微信客服 msgmenu): text is what the inbox shows, payload what is sent.
func (a *Actions) QueueNoticePayload(tx core.App, conv *store.Conversation, typ, text string, payload map[string]any) (bool, error) {
	err := a.QueueAutomatic(tx, conv, Automatic{Sender: store.SenderSystem, Type: typ, Text: text,
		Payload: payload, Reason: "routing notice"})
	if errors.Is(err, ErrAutomaticSkipped) {
		return false, nil
	}
	return err == nil, err
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
// transfer, a take-over, an automation step): shown to agents, never sent
// to the customer, not counted against the budget.
func (a *Actions) AddSystemNote(tx core.App, conv *store.Conversation, text string, payload map[string]any) error {
	rec, err := store.NewMessageRecord(tx)
	if err != nil {
		return err
	}
	seq, err := store.NextSeq(tx, a.now())
	if err != nil {
		return err
	}
	rec.Load(map[string]any{"seq": seq, "conversation": conv.Id, "direction": store.DirectionOut,
		"sender": store.SenderSystem, "type": "text", "text": text, "status": store.StatusReceived, "internal": true})
	if payload != nil {
		rec.Set("payload", payload)
	}
	return tx.Save(rec)
}
