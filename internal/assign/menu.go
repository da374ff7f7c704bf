package assign

import (
	"strconv"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/ingest"
	"github.com/wedesk/wedesk/internal/routing"
	"github.com/wedesk/wedesk/internal/store"
)

// clickMemory is how long an Official Account menu CLICK routes the
// conversation the customer opens next.
const clickMemory = 30 * time.Minute

// sourceOf is the record that configures a conversation's routing: its
// 微信客服 account when that names a default queue or a menu, else its
// channel.
func sourceOf(tx core.App, conv *store.Conversation) *core.Record {
	if acc := conv.Account(); acc != "" {
		r, err := tx.FindFirstRecordByFilter(store.CollectionKFAccounts, "channel = {:c} && open_kfid = {:k}",
			dbx.Params{"c": conv.ChannelID(), "k": acc})
		if err == nil {
			if _, menu := store.MenuOf(r); menu || r.GetString("default_queue") != "" {
				return r
			}
		}
	}
	r, err := tx.FindRecordById(store.CollectionChannels, conv.ChannelID())
	if err != nil {
		return nil
	}
	return r
}

// queueNamedBy is the default queue a source record (sourceOf) names.
func queueNamedBy(src *core.Record) string {
	if src == nil {
		return ""
	}
	return src.GetString("default_queue")
}

// queueOf loads the conversation's queue; nil for the default queue.
func queueOf(tx core.App, conv *store.Conversation) (*store.Queue, error) {
	if conv.QueueID() == "" {
		return nil, nil
	}
	return store.FindQueue(tx, conv.QueueID())
}

// menuOptions converts a stored menu for the pure parser.
func menuOptions(m store.Menu) []routing.MenuOption {
	out := make([]routing.MenuOption, len(m.Options))
	for i, o := range m.Options {
		out[i] = routing.MenuOption{Label: o.Label, QueueID: o.Queue}
	}
	return out
}

// sendMenu greets with the navigation menu: a msgmenu on 微信客服 (the
// customer taps an option, which arrives as text with the option's label),
// a numbered text menu on an Official Account.
func (a *Assigner) sendMenu(tx core.App, conv *store.Conversation, m store.Menu) error {
	greeting := m.Greeting
	if greeting == "" {
		greeting = DefaultGreeting
	}
	ch, err := store.FindChannel(tx, conv.ChannelID())
	if err != nil {
		return err
	}
	if ch.Kind() == store.KindWecomKF {
		list := make([]map[string]any, len(m.Options))
		for i, o := range m.Options {
			list[i] = map[string]any{"type": "click", "click": map[string]any{"id": strconv.Itoa(i + 1), "content": o.Label}}
		}
		payload := map[string]any{"msgmenu": map[string]any{"head_content": greeting, "list": list}}
		_, err := a.actions.QueueNoticePayload(tx, conv, "msgmenu", greeting, payload)
		return err
	}
	_, err = a.actions.QueueNotice(tx, conv, greeting+"\n"+routing.RenderMenu(menuOptions(m)))
	return err
}

// clickQueue returns the queue an Official Account menu CLICK in b routes
// the conversation cc to, or "".
func clickQueue(tx core.App, b *ingest.Batch, cc *ingest.ConversationChange) string {
	var keys map[string]string
	for _, s := range b.Stored {
		if s.ConversationID != cc.ID || !s.Inbound.Event {
			continue
		}
		ev, _ := s.Inbound.Payload["Event"].(string)
		key, _ := s.Inbound.Payload["EventKey"].(string)
		if ev != "CLICK" || key == "" {
			continue
		}
		if keys == nil {
			ch, err := tx.FindRecordById(store.CollectionChannels, cc.ChannelID)
			if err != nil || ch.UnmarshalJSONField("click_queues", &keys) != nil {
				return ""
			}
		}
		if q := keys[key]; q != "" {
			return q
		}
	}
	return ""
}

// rememberClick keeps a CLICK made without an open conversation, so the
// conversation the customer opens next goes to that queue.
func (a *Assigner) rememberClick(customerID, queue string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.clicks == nil {
		a.clicks = map[string]clickChoice{}
	}
	a.clicks[customerID] = clickChoice{queue: queue, at: a.now()}
}

// takeClick returns and forgets a recent CLICK choice of the customer.
func (a *Assigner) takeClick(customerID string) (string, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	c, ok := a.clicks[customerID]
	delete(a.clicks, customerID)
	if !ok || a.now().Sub(c.at) > clickMemory {
		return "", false
	}
	return c.queue, true
}

// clickChoice is a remembered CLICK.
type clickChoice struct {
	queue string
	at    time.Time
}
