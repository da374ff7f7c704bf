package ingest

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/store"
)

// Batch is what one committed transaction of inbound messages did. The
// observers attached with OnInbound receive it once, after the commit.
type Batch struct {
	// Messages are the stored messages (duplicates excluded), in order.
	Messages []*core.Record
	// Conversations are those the batch opened or touched, each once.
	Conversations []*ConversationChange
	// Stored pairs each stored message with what the driver made of it.
	Stored []Stored

	created []*core.Record // every new record: customers, conversations, messages
	results []result
	enrich  bool // media to download or a new customer's profile to fetch
}

// Stored is one message a batch stored.
type Stored struct {
	ChannelID      string
	ConversationID string
	Record         *core.Record
	Inbound        channel.Inbound
	// Blocked: the customer is blocked (拒收); the message is stored and
	// flagged, and must not be routed or notified.
	Blocked bool
}

// ConversationChange is one conversation as a batch changed it.
type ConversationChange struct {
	ID         string
	ChannelID  string
	CustomerID string
	// Opened: the batch created this conversation for a customer message.
	Opened bool
	// Closed: the conversation is closed (events of a customer with no open
	// conversation are kept on the latest, or a new closed one).
	Closed bool
	// Before is the open conversation's state before the batch; nil when
	// the batch created it or it was closed.
	Before *store.OpenConversationRef
	// Messages and CustomerMessages count what the batch added (events
	// are messages but not customer messages).
	Messages         int
	CustomerMessages int
	// Record is the conversation as committed: set for those the batch
	// created, loaded after commit for the others.
	Record *core.Record

	touch *store.ConversationTouch
}

// Observer handles a committed batch. It runs after the commit, on the
// announcer goroutine, in commit order, one batch at a time.
//
// Why after and not inside the transaction: the writer's transaction holds
// SQLite's only write lock for every callback waiting on it, so work done
// inside it (routing decisions, bot answers) would slow storing for
// everyone, and a failing observer would fail storing — and nothing a
// customer sends may be lost. Observers write through app in their own
// transactions, with PocketBase's hooks and realtime as usual. A crash
// between commit and observer loses the notification, not the message:
// observers that must act on every message (routing) also sweep their
// state at start-up.
type Observer func(app core.App, b *Batch) error

type observer struct {
	name string
	fn   Observer
}

// OnInbound attaches fn to every committed inbound batch, whatever stored it
// (a push callback or a pull). Register observers before Start.
func (s *Service) OnInbound(name string, fn Observer) {
	s.observers = append(s.observers, observer{name: name, fn: fn})
}

// announce runs the after-commit work of the batches committed so far, in
// commit order: realtime for what was written, then the observers.
func (s *Service) announce() {
	for {
		select {
		case b := <-s.committed:
			s.afterCommit(b)
		default:
			return
		}
	}
}

func (s *Service) afterCommit(b *Batch) {
	store.Announce(s.app, b.created, true)
	s.announceTouched(b)
	for _, o := range s.observers {
		if err := o.fn(s.app, b); err != nil {
			s.app.Logger().Error("ingest: observer failed", "observer", o.name, "error", err)
		}
	}
}

// announceTouched loads the conversations a batch touched in SQL, as
// committed, and fires their update hooks (realtime).
func (s *Service) announceTouched(b *Batch) {
	var ids []string
	byID := map[string]*ConversationChange{}
	for _, c := range b.Conversations {
		if c.Record == nil {
			ids = append(ids, c.ID)
			byID[c.ID] = c
		}
	}
	if len(ids) == 0 {
		return
	}
	recs, err := s.app.FindRecordsByIds(store.CollectionConversations, ids)
	if err != nil {
		s.app.Logger().Warn("ingest: load touched conversations", "error", err)
		return
	}
	for _, r := range recs {
		byID[r.Id].Record = r
	}
	store.Announce(s.app, recs, false)
}

// NeedsEnrichment reports whether the batch stored media to download or a
// new customer whose profile is unknown.
func (b *Batch) NeedsEnrichment() bool { return b.enrich }
