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
	// Record is the conversation as committed, for those the batch
	// created; nil for the others, which Snapshot describes without
	// reading them again.
	Record *core.Record

	touch       *store.ConversationTouch
	latestAgent string // the agent of a closed conversation events joined
}

// Snapshot describes a conversation the batch touched but did not create,
// as the batch left it, from what the batch read and wrote inside its
// transaction: after-commit work needs no second read of the row.
func (c *ConversationChange) Snapshot() (store.OpenConversationRef, *store.ConversationTouch) {
	t := c.touch
	if t == nil {
		t = &store.ConversationTouch{ID: c.ID}
	}
	if c.Before != nil {
		return *c.Before, t
	}
	return store.OpenConversationRef{ID: c.ID, CustomerID: c.CustomerID, State: store.StateClosed, AgentID: c.latestAgent}, t
}

// Left is the conversation's id, customer, state, agent and queue as the
// batch left it: from Record for one the batch created, else Snapshot's.
func (c *ConversationChange) Left() store.OpenConversationRef {
	if c.Record != nil {
		return store.OpenConversationRef{ID: c.ID, CustomerID: c.CustomerID, State: c.Record.GetString("state"),
			AgentID: c.Record.GetString("agent"), QueueID: c.Record.GetString("queue")}
	}
	ref, _ := c.Snapshot()
	return ref
}

// LoadRecord returns Record, reading the row when the batch did not create
// it (for observers that need every field; most need only Snapshot).
func (c *ConversationChange) LoadRecord(app core.App) (*core.Record, error) {
	if c.Record != nil {
		return c.Record, nil
	}
	return app.FindRecordById(store.CollectionConversations, c.ID)
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

// OnCommit attaches fn to run on the writer itself, right after each
// commit and before the OnInbound observers: for work that must not wait
// behind them (the inbox's live updates — an observer that writes waits
// for SQLite's write lock, which the writer holds most of the time under
// load, and the observers run one batch after another). fn must neither
// block nor write to the database: it delays every callback waiting on
// the next batch.
func (s *Service) OnCommit(name string, fn Observer) {
	s.onCommit = append(s.onCommit, observer{name: name, fn: fn})
}

// runOnCommit runs the OnCommit functions for b.
func (s *Service) runOnCommit(b *Batch) {
	for _, o := range s.onCommit {
		if err := o.fn(s.app, b); err != nil {
			s.app.Logger().Error("ingest: on-commit failed", "hook", o.name, "error", err)
		}
	}
}

// announce runs the after-commit work of the batches committed so far, in
// commit order: the observers (the inbox's live updates first, as
// registered), then the record hooks of what was written.
func (s *Service) announce() {
	for {
		b := s.committed.pop()
		if b == nil {
			return
		}
		s.afterCommit(b)
	}
}

func (s *Service) afterCommit(b *Batch) {
	for _, o := range s.observers {
		if err := o.fn(s.app, b); err != nil {
			s.app.Logger().Error("ingest: observer failed", "observer", o.name, "error", err)
		}
	}
	store.Announce(s.app, b.created, true)
	s.announceTouched(b)
}

// announceTouched fires the update hooks of the conversations a batch
// touched in SQL — only when a realtime client (an integration) subscribes
// to the conversations collection, since that needs the rows read again;
// the inbox hears of them through its observer, from Snapshot.
func (s *Service) announceTouched(b *Batch) {
	if !store.HasCollectionSubscribers(s.app, store.CollectionConversations) {
		return
	}
	var ids []string
	for _, c := range b.Conversations {
		if c.Record == nil {
			ids = append(ids, c.ID)
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
	store.Announce(s.app, recs, false)
}

// NeedsEnrichment reports whether the batch stored media to download or a
// new customer whose profile is unknown.
func (b *Batch) NeedsEnrichment() bool { return b.enrich }
