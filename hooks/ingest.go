package hooks

import (
	"context"
	"errors"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/mpapi"
	"github.com/wedesk/wedesk/internal/store"
)

// ingestDeadline is how long a callback waits for its message to be stored.
// WeChat gives up after 5 s; answering an error before that makes it retry.
const ingestDeadline = 4 * time.Second

// maxIngestBatch bounds how many callbacks share one transaction.
const maxIngestBatch = 256

// ingestItem is one callback waiting to be persisted.
type ingestItem struct {
	channel *store.Channel
	msg     *mpapi.InboundMessage
	key     string       // dedup key
	message *core.Record // built by the callback, completed by the writer
	done    chan ingestResult
}

type ingestResult struct {
	duplicate bool
	err       error
}

// ingestQueue persists inbound messages with group commit: a single writer
// drains whatever callbacks are waiting and stores them in one transaction,
// so the write cost of a commit is shared while every callback still gets
// its answer only after its message is durable.
type ingestQueue struct {
	d  *Desk
	ch chan *ingestItem
	w  *worker

	// Committed batches wait here for the announcer, which fires their
	// after-save hooks (realtime) off the writer's critical path. The
	// buffer is bounded: when realtime falls this far behind, the writer
	// waits for it rather than piling batches up in memory.
	committed chan *ingestBatch
	announcer *worker
}

// maxAnnounceBacklog is how many committed batches may await announcement.
const maxAnnounceBacklog = 64

func newIngestQueue(d *Desk) *ingestQueue {
	q := &ingestQueue{d: d, ch: make(chan *ingestItem, 4096), committed: make(chan *ingestBatch, maxAnnounceBacklog)}
	q.w = newWorker("ingest", time.Hour, q.drain)
	q.announcer = newWorker("ingest-announce", time.Hour, func(context.Context) { q.announce() })
	return q
}

func (q *ingestQueue) start() {
	q.announcer.start()
	q.w.start()
}

func (q *ingestQueue) stop() {
	q.w.stop()
	q.announcer.stop()
	q.announce()
}

// submit stores msg exactly once (a repeat is acknowledged, not stored) and
// returns when it is committed.
func (q *ingestQueue) submit(ctx context.Context, ch *store.Channel, msg *mpapi.InboundMessage) error {
	ctx, cancel := context.WithTimeout(ctx, ingestDeadline)
	defer cancel()
	it, err := q.newItem(ch, msg)
	if err != nil {
		return err
	}
	select {
	case q.ch <- it:
	case <-ctx.Done():
		return errors.New("hooks: ingest queue full")
	}
	q.w.notify()
	select {
	case res := <-it.done:
		return res.err
	case <-ctx.Done():
		return errors.New("hooks: ingest timed out")
	}
}

// newItem builds the message record on the callback's goroutine, so that
// the single writer only has to attach it to its conversation.
func (q *ingestQueue) newItem(ch *store.Channel, msg *mpapi.InboundMessage) (*ingestItem, error) {
	rec, err := store.NewMessageRecord(q.d.app)
	if err != nil {
		return nil, err
	}
	key := ch.Id + ":" + msg.DedupKey()
	fillInbound(rec, key, msg)
	return &ingestItem{channel: ch, msg: msg, key: key, message: rec, done: make(chan ingestResult, 1)}, nil
}

// drain runs on the worker goroutine: it keeps committing batches until the
// queue is empty.
func (q *ingestQueue) drain(ctx context.Context) {
	for {
		batch := q.take()
		if len(batch) == 0 {
			return
		}
		q.commit(batch)
		if ctx.Err() != nil {
			return
		}
	}
}

func (q *ingestQueue) take() []*ingestItem {
	var batch []*ingestItem
	for len(batch) < maxIngestBatch {
		select {
		case it := <-q.ch:
			batch = append(batch, it)
		default:
			return batch
		}
	}
	return batch
}

// commit writes a batch in one transaction. A failed commit fails the
// whole batch: every callback gets an error and WeChat retries it.
func (q *ingestQueue) commit(batch []*ingestItem) {
	var b *ingestBatch
	err := q.d.app.RunInTransaction(func(tx core.App) error {
		var err error
		b, err = storeBatch(tx, batch, q.d.now())
		return err
	})
	for i, it := range batch {
		if err != nil {
			it.done <- ingestResult{err: err}
			continue
		}
		it.done <- b.results[i]
	}
	if err == nil {
		q.committed <- b
		q.announcer.notify()
	}
}

// announce runs the after-commit work of the batches committed so far, in
// commit order.
func (q *ingestQueue) announce() {
	for {
		select {
		case b := <-q.committed:
			q.d.afterInbound(b)
		default:
			return
		}
	}
}
