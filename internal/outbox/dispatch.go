package outbox

import (
	"context"
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
)

// minDispatchGap is the least time between two dispatch rounds.
const minDispatchGap = time.Millisecond

// head is a conversation's next message to send, with what its send needs
// of the conversation and customer (looked up for the whole batch at once).
type head struct {
	ID      string  `db:"id"`
	Channel string  `db:"channel"`
	Conv    string  `db:"conversation"`
	Seq     float64 `db:"seq"` // a PocketBase number: a float in SQLite
	// to is the send's addressing; nil when the batch lookup failed, and
	// the send looks it up itself.
	to *address
}

// address is where one conversation's replies go.
type address struct {
	Channel    string
	ExternalID string
	Account    string
}

// run settles the sends a crash interrupted (once), then hands every
// conversation's due head message to its channel's pool. It returns once
// nothing more can start; finished sends wake it again.
func (o *Outbox) run(ctx context.Context) {
	if !o.recovered {
		if err := o.recoverSending(); err != nil {
			o.app.Logger().Error("outbox: recover interrupted sends", "error", err)
			return
		}
		o.recovered = true
	}
	for ctx.Err() == nil {
		// Finished sends wake the loop one by one; pausing a moment lets
		// one round refill many slots instead of one query per slot.
		if wait := minDispatchGap - time.Since(o.lastDispatch); wait > 0 {
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
		}
		o.lastDispatch = time.Now()
		started, full, err := o.dispatch()
		if err != nil {
			o.app.Logger().Error("outbox: dispatch", "error", err)
			return
		}
		if started == 0 || !full {
			return
		}
	}
}

// dueHeads returns up to batchSize due pending messages that are the first
// waiting (pending or sending) outbound message of their conversation,
// oldest first: a message never overtakes an earlier one of its
// conversation, even one waiting for a retry or in flight.
func (o *Outbox) dueHeads() ([]head, error) {
	now := store.DateString(o.now())
	var due []head
	err := o.app.DB().Select("id", "conversation", "seq").From(store.CollectionMessages).
		Where(dbx.HashExp{"status": store.StatusPending, "direction": store.DirectionOut}).
		AndWhere(dbx.NewExp("next_attempt_at <= {:now}", dbx.Params{"now": now})).
		OrderBy("seq").Limit(batchSize).All(&due)
	if err != nil {
		return nil, fmt.Errorf("outbox: due messages: %w", err)
	}
	// The first due message of each conversation is its candidate.
	seen := make(map[string]bool, len(due))
	var heads []head
	for _, d := range due {
		if !seen[d.Conv] {
			seen[d.Conv] = true
			heads = append(heads, d)
		}
	}
	blocked, err := o.blocked(heads, now)
	if err != nil {
		return nil, err
	}
	out := heads[:0]
	for _, h := range heads {
		if !blocked[h.ID] {
			out = append(out, h)
		}
	}
	o.fillChannels(out)
	return out, nil
}

// blocked returns the candidates that must wait: their conversation has an
// earlier message in flight (sending) or waiting for a retry (pending, not
// yet due). One query for the whole batch.
func (o *Outbox) blocked(heads []head, now string) (map[string]bool, error) {
	if len(heads) == 0 {
		return nil, nil
	}
	convs := make([]any, len(heads))
	for i, h := range heads {
		convs[i] = h.Conv
	}
	var rows []struct {
		Conv string  `db:"conversation"`
		Seq  float64 `db:"first"`
	}
	err := o.app.DB().Select("conversation", "min(seq) AS first").From(store.CollectionMessages).
		Where(dbx.In("conversation", convs...)).
		AndWhere(dbx.HashExp{"direction": store.DirectionOut}).
		AndWhere(dbx.NewExp("(status = 'sending' OR (status = 'pending' AND next_attempt_at > {:now}))", dbx.Params{"now": now})).
		GroupBy("conversation").All(&rows)
	if err != nil {
		return nil, fmt.Errorf("outbox: earlier messages: %w", err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	first := make(map[string]float64, len(rows))
	for _, r := range rows {
		first[r.Conv] = r.Seq
	}
	out := map[string]bool{}
	for _, h := range heads {
		if f, ok := first[h.Conv]; ok && f < h.Seq {
			out[h.ID] = true
		}
	}
	return out, nil
}

// fillChannels looks up each head's channel, customer and account in one
// query, for the per-channel bound and the send. A failing lookup leaves
// them empty: the send itself then meets the failure and records it as an
// attempt to retry.
func (o *Outbox) fillChannels(heads []head) {
	if len(heads) == 0 {
		return
	}
	ids := make([]any, len(heads))
	for i, h := range heads {
		ids[i] = h.Conv
	}
	var rows []struct {
		ID         string `db:"id"`
		Channel    string `db:"channel"`
		Account    string `db:"account"`
		ExternalID string `db:"external_id"`
	}
	err := o.app.DB().Select("c.id AS id", "c.channel AS channel", "c.account AS account", "u.external_id AS external_id").
		From(store.CollectionConversations+" c").
		InnerJoin(store.CollectionCustomers+" u", dbx.NewExp("u.id = c.customer")).
		Where(dbx.In("c.id", ids...)).All(&rows)
	if err != nil {
		o.app.Logger().Warn("outbox: conversations of due messages", "error", err)
		return
	}
	byConv := make(map[string]*address, len(rows))
	for _, r := range rows {
		byConv[r.ID] = &address{Channel: r.Channel, ExternalID: r.ExternalID, Account: r.Account}
	}
	for i := range heads {
		if a := byConv[heads[i].Conv]; a != nil {
			heads[i].Channel, heads[i].to = a.Channel, a
		}
	}
}

// dispatch starts the sends that may start now. It reports how many
// started and whether the query was full (more may be due).
func (o *Outbox) dispatch() (int, bool, error) {
	heads, err := o.dueHeads()
	if err != nil {
		return 0, false, err
	}
	o.mu.Lock()
	var picked []head
	for _, h := range heads {
		if o.inflight[h.Conv] || o.busy[h.Channel] >= o.perChannel {
			continue
		}
		o.inflight[h.Conv] = true
		o.busy[h.Channel]++
		picked = append(picked, h)
	}
	o.mu.Unlock()
	if len(picked) == 0 {
		return 0, len(heads) == batchSize, nil
	}
	msgs, err := o.markSending(picked)
	if err != nil {
		for _, h := range picked {
			o.release(h)
		}
		return 0, false, err
	}
	for i, m := range msgs {
		h := picked[i]
		if m == nil { // changed under us (a supervisor edit): skip this round
			o.release(h)
			continue
		}
		o.sends.Add(1)
		go func() {
			defer o.sends.Done()
			defer o.release(h)
			o.deliver(m, h.to)
		}()
	}
	return len(picked), len(heads) == batchSize, nil
}

// markSending commits, in one statement, that each picked message is
// being handed to WeChat: status sending, the start time and the attempt.
// Only after this commit is WeChat called, so a crash leaves a trace. A
// message that was no longer pending (changed meanwhile) gets nil.
//
// A targeted UPDATE rather than a record save per message: at a thousand
// replies a second the per-record hooks would cost more than the sends.
// Nothing in the desk listens to message updates; the outcome is saved as
// a record (with its realtime event) when it is known.
func (o *Outbox) markSending(picked []head) ([]*store.Message, error) {
	ids := make([]any, len(picked))
	for i, h := range picked {
		ids[i] = h.ID
	}
	now := store.DateString(o.now())
	var recs []*core.Record
	err := o.app.RunInTransaction(func(tx core.App) error {
		_, err := tx.NonconcurrentDB().Update(store.CollectionMessages, dbx.Params{
			"status": store.StatusSending, "send_started_at": now, "updated": now,
			"attempts": dbx.NewExp("attempts + 1"),
		}, dbx.And(dbx.HashExp{"status": store.StatusPending}, dbx.In("id", ids...))).Execute()
		if err != nil {
			return err
		}
		return tx.RecordQuery(store.CollectionMessages).
			AndWhere(dbx.And(dbx.HashExp{"status": store.StatusSending}, dbx.In("id", ids...))).All(&recs)
	})
	if err != nil {
		return nil, fmt.Errorf("outbox: mark sending: %w", err)
	}
	byID := make(map[string]*core.Record, len(recs))
	for _, r := range recs {
		byID[r.Id] = r
	}
	out := make([]*store.Message, len(picked))
	for i, h := range picked {
		if r := byID[h.ID]; r != nil {
			out[i] = store.NewMessage(r)
		}
	}
	return out, nil
}

// release frees h's conversation and channel slot and wakes the loop: the
// conversation's next message may go now.
func (o *Outbox) release(h head) {
	o.mu.Lock()
	delete(o.inflight, h.Conv)
	o.busy[h.Channel]--
	o.mu.Unlock()
	o.w.Notify()
}
