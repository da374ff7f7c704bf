package assign

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/ingest"
	"github.com/wedesk/wedesk/internal/routing"
	"github.com/wedesk/wedesk/internal/store"
)

// followUp is an automatic message to send after the drain, for a
// conversation that still waits.
type followUp struct {
	conv    *store.Conversation
	comfort bool // comfort message (the customer wrote while queued), else the queue notice
}

// Observe is the ingest observer: it places newly opened conversations in
// their queue (or greets them with the navigation menu), handles menu
// choices, menu CLICK keys and the abandon keyword, drains the queues, and
// then sends queue notices and comfort messages to those still waiting.
func (a *Assigner) Observe(app core.App, b *ingest.Batch) error {
	ids := candidateIDs(b)
	if len(ids) == 0 && !hasClosedWithEvents(b) {
		return nil // nothing for routing to do: no write transaction
	}
	var follow []followUp
	err := app.RunInTransaction(func(tx core.App) error {
		var err error
		follow, err = a.admit(tx, b, ids)
		return err
	})
	if err != nil || len(follow) == 0 {
		return err
	}
	if placed(follow) {
		if _, err := a.Drain(); err != nil {
			return err
		}
	}
	if follow = audible(follow); len(follow) == 0 {
		return nil
	}
	return app.RunInTransaction(func(tx core.App) error {
		for _, f := range follow {
			if err := a.notify(tx, f); err != nil {
				return err
			}
		}
		return nil
	})
}

// admit applies the batch's customer messages to routing state inside tx.
// It runs in a write transaction after every batch, so it reads little:
// from what the batch knows, it skips conversations an agent holds and
// customers writing again while waiting in the default queue (which sends
// no comfort message), and loads the others in one query.
func (a *Assigner) admit(tx core.App, b *ingest.Batch, ids []string) ([]followUp, error) {
	convs, err := loadConversations(tx, ids)
	if err != nil {
		return nil, err
	}
	blocked := blockedConversations(b)
	var follow []followUp
	for _, cc := range b.Conversations {
		if cc.Closed {
			if q := clickQueue(tx, b, cc); q != "" {
				a.rememberClick(cc.CustomerID, q)
			}
			continue
		}
		conv := convs[cc.ID]
		if conv == nil || conv.IsClosed() || conv.AgentID() != "" || blocked[cc.ID] {
			continue // a blocked customer (拒收) gets no menu, notice or routing
		}
		if click := clickQueue(tx, b, cc); click != "" {
			if err := a.enqueue(tx, conv, click); err != nil {
				return nil, err
			}
			follow = append(follow, followUp{conv: conv})
			continue
		}
		if cc.CustomerMessages == 0 {
			continue
		}
		text := lastCustomerText(b, cc.ID)
		switch {
		case cc.Opened:
			f, err := a.open(tx, conv)
			if err != nil {
				return nil, err
			}
			follow = append(follow, f...)
		case conv.State() == store.StateBot:
			f, err := a.menuReply(tx, conv, text)
			if err != nil {
				return nil, err
			}
			follow = append(follow, f...)
		case conv.State() == store.StateQueued:
			q, _ := queueOf(tx, conv)
			if routing.IsAbandon(text, textsOf(q).Keyword) {
				if err := a.abandon(tx, conv, textsOf(q)); err != nil {
					return nil, err
				}
				continue
			}
			follow = append(follow, followUp{conv: conv, comfort: true})
		}
	}
	return follow, nil
}

// placed reports whether a follow-up is for a conversation that just
// entered a queue, which a drain may place. A customer writing again while
// queued changes nothing the drain decides on (agents coming online or
// freeing capacity wake it), so comfort messages alone need no drain.
func placed(follow []followUp) bool {
	for _, f := range follow {
		if !f.comfort {
			return true
		}
	}
	return false
}

// open places a new conversation: the navigation menu when its kf account
// or channel has one, else their default queue.
func (a *Assigner) open(tx core.App, conv *store.Conversation) ([]followUp, error) {
	if q, ok := a.takeClick(conv.CustomerID()); ok {
		return []followUp{{conv: conv}}, a.enqueue(tx, conv, q)
	}
	src := sourceOf(tx, conv)
	if menu, ok := store.MenuOf(src); ok {
		conv.Set("state", store.StateBot)
		if err := store.SaveChanges(tx, conv.Record); err != nil {
			return nil, err
		}
		return nil, a.sendMenu(tx, conv, menu)
	}
	if q := queueNamedBy(src); q != "" {
		conv.Set("queue", q)
		if err := store.SaveChanges(tx, conv.Record); err != nil {
			return nil, err
		}
	}
	return []followUp{{conv: conv}}, nil
}

// menuReply routes a conversation waiting at the menu by the customer's
// choice, or shows the menu again.
func (a *Assigner) menuReply(tx core.App, conv *store.Conversation, text string) ([]followUp, error) {
	menu, ok := store.MenuOf(sourceOf(tx, conv))
	if !ok {
		// No navigation menu: the conversation is with the bot of the
		// service automation (reception bot+human), which hands it over
		// through TransferToQueue.
		return nil, nil
	}
	if q, ok := routing.ParseMenuChoice(text, menuOptions(menu)); ok {
		return []followUp{{conv: conv}}, a.enqueue(tx, conv, q)
	}
	return nil, a.sendMenu(tx, conv, menu)
}

// enqueue puts an unassigned conversation in queue q, its wait starting now
// unless it was already waiting.
func (a *Assigner) enqueue(tx core.App, conv *store.Conversation, q string) error {
	if conv.State() != store.StateQueued || conv.QueuedAt().IsZero() {
		conv.Set("queued_at", a.now())
	}
	conv.Set("state", store.StateQueued)
	conv.Set("queue", q)
	return store.SaveChanges(tx, conv.Record)
}

// abandon takes the customer out of the queue, closes the conversation
// with reason abandoned and confirms.
func (a *Assigner) abandon(tx core.App, conv *store.Conversation, t queueTexts) error {
	if _, err := a.actions.QueueFinal(tx, conv, t.Abandon); err != nil {
		return err
	}
	conv.Set("state", store.StateClosed)
	conv.Set("closed_at", a.now())
	conv.Set("close_reason", store.CloseAbandoned)
	return store.SaveChanges(tx, conv.Record)
}

// audible drops the follow-ups of conversations in no named queue: the
// implicit default queue sends no notices (textsOf), so they need no
// transaction after every batch.
func audible(follow []followUp) []followUp {
	out := follow[:0]
	for _, f := range follow {
		if f.conv.QueueID() != "" {
			out = append(out, f)
		}
	}
	return out
}

// notify sends the queue notice or comfort message of f if its
// conversation still waits after the drain.
func (a *Assigner) notify(tx core.App, f followUp) error {
	conv, err := store.FindConversation(tx, f.conv.Id)
	if err != nil || conv.AgentID() != "" || conv.State() != store.StateQueued {
		return err
	}
	q, _ := queueOf(tx, conv)
	t := textsOf(q)
	if t.Silent {
		return nil
	}
	pos, err := store.QueuePosition(tx, conv.Id)
	if err != nil {
		return err
	}
	text := t.notice(pos)
	if f.comfort {
		text = t.comfort(pos)
	}
	_, err = a.actions.QueueNotice(tx, conv, text)
	return err
}

// lastCustomerText is the text of the last customer message of convID in b.
func lastCustomerText(b *ingest.Batch, convID string) string {
	text := ""
	for _, s := range b.Stored {
		if s.ConversationID == convID && !s.Inbound.Event && !s.Inbound.FromServicer {
			text = s.Inbound.Text
		}
	}
	return text
}

// candidateIDs are the open conversations of b that routing acts on,
// judged on the batch as it left them (no agent, not closed), without a
// read. A customer who writes again while waiting in the default queue is
// left out unless the text is the abandon keyword: that queue sends no
// comfort message (textsOf), so there is nothing to do — the common case
// while nobody is online. Conversations agents hold cost nothing either.
func candidateIDs(b *ingest.Batch) []string {
	var ids []string
	for _, cc := range b.Conversations {
		if cc.Closed {
			continue
		}
		left := cc.Left()
		if left.AgentID != "" || left.State == store.StateClosed {
			continue
		}
		if left.State == store.StateQueued && !cc.Opened && left.QueueID == "" && cc.Messages == cc.CustomerMessages &&
			!routing.IsAbandon(lastCustomerText(b, cc.ID), "") {
			continue
		}
		ids = append(ids, cc.ID)
	}
	return ids
}

// loadConversations reads the conversations ids in one query.
func loadConversations(tx core.App, ids []string) (map[string]*store.Conversation, error) {
	out := make(map[string]*store.Conversation, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := tx.FindRecordsByIds(store.CollectionConversations, ids)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		out[r.Id] = store.NewConversation(r)
	}
	return out, nil
}

// blockedConversations are those whose messages in b come from a blocked
// (拒收) customer: ingest flags them as it stores them.
func blockedConversations(b *ingest.Batch) map[string]bool {
	out := map[string]bool{}
	for _, s := range b.Stored {
		if s.Blocked {
			out[s.ConversationID] = true
		}
	}
	return out
}

// hasClosedWithEvents reports whether b carried events (a menu CLICK) for
// a customer with no open conversation, which routing remembers.
func hasClosedWithEvents(b *ingest.Batch) bool {
	for _, cc := range b.Conversations {
		if cc.Closed && cc.Messages > cc.CustomerMessages {
			return true
		}
	}
	return false
}
