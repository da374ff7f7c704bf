package ingest

import (
	"errors"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/sendlimit"
	"github.com/wedesk/wedesk/internal/store"
)

// conversation finds the conversation a message belongs to: the open one,
// or a new one for a customer message. Events (follow, menu clicks...) never
// open a conversation; without an open one they join the latest, or a
// closed record that keeps them.
func (w *writer) conversation(ch *store.Channel, cust batchCustomer, in channel.Inbound) (*ConversationChange, error) {
	if conv := w.open[cust.id]; conv != nil {
		return conv, nil
	}
	if customerWrote(in) {
		if in.Scene == "" {
			in.Scene = w.entryScene(cust)
		}
		return w.newConversation(ch, cust, in, store.StateQueued, w.open)
	}
	if conv := w.latest[cust.id]; conv != nil {
		return conv, nil
	}
	if !cust.created {
		conv, err := store.FindLatestConversation(w.tx, cust.id)
		switch {
		case err == nil:
			cc := &ConversationChange{ID: conv.Id, CustomerID: cust.id, ChannelID: ch.Id, Closed: true,
				latestAgent: conv.GetString("agent")}
			w.latest[cust.id] = cc
			return cc, nil
		case !errors.Is(err, store.ErrNotFound):
			// A failed lookup must not open a second record: fail the
			// batch, WeChat retries it.
			return nil, err
		}
	}
	return w.newConversation(ch, cust, in, store.StateClosed, w.latest)
}

func (w *writer) newConversation(ch *store.Channel, cust batchCustomer, in channel.Inbound, state string, into map[string]*ConversationChange) (*ConversationChange, error) {
	r, err := store.NewConversationRecord(w.tx, ch.Id, cust.id, state, w.now)
	if err != nil {
		return nil, err
	}
	if in.Scene != "" {
		r.Set("scene", in.Scene)
	}
	if in.Account != "" {
		r.Set("account", in.Account)
	}
	closedWindow(ch, w.now).Apply(r)
	w.insert(r)
	cc := &ConversationChange{ID: r.Id, ChannelID: ch.Id, CustomerID: cust.id, Opened: state != store.StateClosed, Closed: state == store.StateClosed, Record: r}
	into[cust.id] = cc
	w.out.Conversations = append(w.out.Conversations, cc)
	return cc, nil
}

// touch records the customer's activity on the message's conversation: the
// 48 h window restarts with every customer message (not with events or
// menu taps), writing the fresh send budget in the same statement, and the
// message shows as unread; an Official Account tap, follow or scan is
// queued for applyEventWindows. A conversation this batch created is changed
// in memory before its INSERT; an existing one is touched in SQL.
func (w *writer) touch(conv *ConversationChange, ch *store.Channel, cust batchCustomer, in channel.Inbound) {
	conv.ChannelID = ch.Id
	conv.Messages++
	wrote := customerWrote(in)
	if wrote {
		conv.CustomerMessages++
	}
	kind := interactionOf(in)
	var window *store.BudgetColumns
	switch {
	case kind == sendlimit.InteractionMessage:
		bc := w.messageWindow(ch, cust)
		window = &bc
	case kind != "":
		w.events = append(w.events, eventWindow{convID: conv.ID, in: sendlimit.Interaction{At: w.now, Kind: kind}})
	}
	if r := conv.Record; r != nil {
		if wrote {
			r.Set("unread", r.GetInt("unread")+1)
		}
		if window != nil {
			r.Set("last_customer_at", w.now)
			window.Apply(r)
		}
		r.Set("last_message_at", w.now)
		r.Set("last_preview", in.Preview)
		return
	}
	if conv.touch == nil {
		conv.touch = &store.ConversationTouch{ID: conv.ID}
		w.touched = append(w.touched, conv.touch)
		w.out.Conversations = append(w.out.Conversations, conv)
	}
	if wrote {
		conv.touch.Unread++
		if kind != sendlimit.InteractionMessage {
			conv.touch.Taps++
		}
	}
	if window != nil {
		conv.touch.Window = window
	}
	conv.touch.At = w.now
	conv.touch.LastPreview = in.Preview
}

// customerWrote reports whether a message is the customer writing: that
// opens a conversation, counts as unread and reopens WeChat's send window.
// Events and a servicer's messages from WeChat's own client do none of it.
func customerWrote(in channel.Inbound) bool { return !in.Event && !in.FromServicer }
