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
	d       *Desk
	ch      chan *ingestItem
	started chan struct{}
	w       *worker
}

func newIngestQueue(d *Desk) *ingestQueue {
	q := &ingestQueue{d: d, ch: make(chan *ingestItem, 4096)}
	q.w = newWorker("ingest", time.Hour, q.drain)
	return q
}

func (q *ingestQueue) start() { q.w.start() }
func (q *ingestQueue) stop()  { q.w.stop() }

// submit stores msg exactly once (a repeat is acknowledged, not stored) and
// returns when it is committed.
func (q *ingestQueue) submit(ctx context.Context, ch *store.Channel, msg *mpapi.InboundMessage) error {
	ctx, cancel := context.WithTimeout(ctx, ingestDeadline)
	defer cancel()
	it := &ingestItem{channel: ch, msg: msg, done: make(chan ingestResult, 1)}
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

// commit writes a batch in one transaction. A message that fails on its own
// (e.g. a validation error) fails alone; a failed commit fails the batch and
// WeChat retries each callback.
func (q *ingestQueue) commit(batch []*ingestItem) {
	results := make([]ingestResult, len(batch))
	var stored []*inboundStored
	err := q.d.app.RunInTransaction(func(tx core.App) error {
		stored = stored[:0]
		for i, it := range batch {
			s, dup, err := storeInbound(tx, it.channel, it.msg, q.d.now())
			results[i] = ingestResult{duplicate: dup, err: err}
			if s != nil {
				stored = append(stored, s)
			}
		}
		return nil
	})
	for i, it := range batch {
		if err != nil {
			results[i].err = err
		}
		it.done <- results[i]
	}
	if err == nil {
		q.d.afterInbound(stored)
	}
}
