package ingest

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
)

// writer stores a batch of inbound messages inside one transaction with a
// handful of statements for the whole batch: one lookup each for dedup
// keys, customers and open conversations, one prepared INSERT per
// collection and one prepared UPDATE for the conversations touched.
// Per-record saves cost about a millisecond each with the pure-Go SQLite
// driver; this is what lets one writer keep up with thousands of callbacks a
// second. The full records of touched conversations, which realtime needs,
// are loaded after commit by the announcer, off the writer's path.
type writer struct {
	tx  core.App
	now time.Time

	stored    map[string]bool          // dedup keys stored before or earlier in this batch
	customers map[string]batchCustomer // by customerKey
	open      map[string]*ConversationChange
	latest    map[string]*ConversationChange // events' conversation when none is open, by customer id

	out     *Batch
	touched []*store.ConversationTouch
	events  []eventWindow // menu taps, follows and scans that may open an allowance
}

type batchCustomer struct {
	id           string
	created      bool      // by this batch
	blockedUntil time.Time // end of an agent's block (拒收); zero when not blocked
}

func customerKey(channelID, externalID string) string { return channelID + "\x00" + externalID }

// storeBatch writes the items' messages inside tx. Each result says whether
// the item was stored or a duplicate (WeChat's retries and concurrent
// deliveries of one push carry the same dedup key, stored once).
func storeBatch(tx core.App, items []*item, now time.Time) (*Batch, error) {
	w := &writer{
		tx: tx, now: now,
		open:   map[string]*ConversationChange{},
		latest: map[string]*ConversationChange{},
		out:    &Batch{results: make([]result, len(items))},
	}
	// Write-locked from the start: it reads before it writes, and a read
	// snapshot another connection moved past could not be written from.
	if err := store.TakeWriteLock(tx); err != nil {
		return nil, err
	}
	if err := w.preload(items); err != nil {
		return nil, err
	}
	for i, it := range items {
		dup, err := w.add(it)
		if err != nil {
			return nil, err
		}
		w.out.results[i].duplicate = dup
	}
	if err := store.InsertRecords(tx, w.out.created); err != nil {
		return nil, err
	}
	if err := store.TouchConversations(tx, w.touched); err != nil {
		return nil, err
	}
	if err := applyEventWindows(tx, w.events, now); err != nil {
		return nil, err
	}
	return w.out, nil
}

// preload reads, in three queries, what the batch needs to know: which
// messages are stored already, the known customers and their open
// conversations (with the state the inbound hook reports as "before").
func (w *writer) preload(items []*item) error {
	keys := make([]string, len(items))
	byChannel := map[string][]string{}
	for i, it := range items {
		keys[i] = it.key
		byChannel[it.channel.Id] = append(byChannel[it.channel.Id], it.in.ExternalID)
	}
	var err error
	if w.stored, err = store.StoredDedupKeys(w.tx, keys); err != nil {
		return err
	}
	w.customers = map[string]batchCustomer{}
	var custIDs []string
	for chID, ids := range byChannel {
		found, err := store.FindCustomerRefs(w.tx, chID, ids)
		if err != nil {
			return err
		}
		for _, c := range found {
			w.customers[customerKey(chID, c.ExternalID)] = batchCustomer{id: c.ID, blockedUntil: c.BlockedUntil.Time()}
			custIDs = append(custIDs, c.ID)
		}
	}
	if len(custIDs) == 0 {
		return nil
	}
	convs, err := store.FindOpenConversationRefs(w.tx, custIDs)
	if err != nil {
		return err
	}
	for i := range convs {
		c := convs[i]
		w.open[c.CustomerID] = &ConversationChange{ID: c.ID, CustomerID: c.CustomerID, Before: &c}
	}
	return nil
}

// add stores one message of the batch in memory; it reports a duplicate.
func (w *writer) add(it *item) (bool, error) {
	if w.stored[it.key] {
		return true, nil
	}
	w.stored[it.key] = true
	ch, in := it.channel, it.in
	if ch.OriginalID() == "" && in.OriginalID != "" {
		ch.Set("original_id", in.OriginalID)
		if err := w.tx.SaveNoValidate(ch.Record); err != nil {
			return false, fmt.Errorf("ingest: remember original id: %w", err)
		}
	}
	cust, err := w.customer(ch.Id, in.ExternalID)
	if err != nil {
		return false, err
	}
	conv, err := w.conversation(ch, cust, in)
	if err != nil {
		return false, err
	}
	rec := it.message
	rec.Set("conversation", conv.ID)
	// The writer numbers messages inside the transaction, in commit order:
	// the inbox catches up after a reconnect by asking for what came after
	// the last seq it saw.
	seq, err := store.NextSeq(w.tx, w.now)
	if err != nil {
		return false, err
	}
	rec.Set("seq", seq)
	// A blocked customer's messages are kept, flagged, and never routed
	// or notified (observers read Stored.Blocked).
	blocked := customerWrote(in) && cust.blockedUntil.After(w.now)
	if blocked {
		rec.Set("blocked", true)
	}
	w.insert(rec)
	w.out.Messages = append(w.out.Messages, rec)
	w.out.Stored = append(w.out.Stored, Stored{ChannelID: ch.Id, ConversationID: conv.ID, Record: rec, Inbound: in, Blocked: blocked})
	w.touch(conv, ch, cust, in)
	w.out.enrich = w.out.enrich || cust.created || in.MediaID != ""
	return false, nil
}

func (w *writer) insert(r *core.Record) {
	store.PrepareForInsert(r)
	w.out.created = append(w.out.created, r)
}

// customer returns the message's customer, created on first contact.
func (w *writer) customer(channelID, externalID string) (batchCustomer, error) {
	k := customerKey(channelID, externalID)
	if c, ok := w.customers[k]; ok {
		return c, nil
	}
	r, err := store.NewCustomerRecord(w.tx, channelID, externalID)
	if err != nil {
		return batchCustomer{}, err
	}
	w.insert(r)
	c := batchCustomer{id: r.Id, created: true}
	w.customers[k] = c
	return c, nil
}
