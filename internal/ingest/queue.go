package ingest

import (
	"context"
	"errors"
	"sync/atomic"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/store"
)

// item is one inbound message waiting to be persisted.
type item struct {
	channel *store.Channel
	in      channel.Inbound
	key     string       // dedup key, unique across channels
	message *core.Record // built by the callback, completed by the writer
	done    chan result
	// state: queued (0), taken by the writer (1), or abandoned by a
	// callback that gave up waiting (2) — then it is never stored.
	state atomic.Int32
}

// Item states.
const (
	itemQueued int32 = iota
	itemTaken
	itemAbandoned
)

type result struct {
	duplicate bool
	err       error
}

// ErrBusy is returned when a message could not be stored in time; the
// callback answers an error so that WeChat retries.
var ErrBusy = errors.New("ingest: not stored in time")

// Submit stores the messages of one callback exactly once (a repeat is
// acknowledged, not stored) and returns when they are committed.
func (s *Service) Submit(ctx context.Context, ch *store.Channel, msgs []channel.Inbound) error {
	ctx, cancel := context.WithTimeout(ctx, Deadline)
	defer cancel()
	items, err := s.newItems(ch, msgs)
	if err != nil {
		return err
	}
	queued := 0
	for _, it := range items {
		select {
		case s.queue <- it:
			queued++
		case <-ctx.Done():
			if err := abandon(items[:queued]); err != nil {
				return err
			}
			return ErrBusy // the rest never reached the writer
		}
	}
	s.writer.Notify()
	for i, it := range items {
		select {
		case res := <-it.done:
			if res.err != nil {
				return res.err
			}
		case <-ctx.Done():
			return abandon(items[i:])
		}
	}
	return nil
}

// abandon withdraws items a callback gave up waiting for, so that an error
// answer never goes out for a message that is stored: an item the writer
// has not taken is never stored (WeChat's retry stores it); one it has
// taken is being committed, and its outcome is awaited and returned.
func abandon(items []*item) error {
	var err error
	for _, it := range items {
		if it.state.CompareAndSwap(itemQueued, itemAbandoned) {
			err = ErrBusy
			continue
		}
		if res := <-it.done; res.err != nil && err == nil {
			err = res.err
		}
	}
	return err
}

// newItems builds the items of msgs for a channel.
func (s *Service) newItems(ch *store.Channel, msgs []channel.Inbound) ([]*item, error) {
	items := make([]*item, len(msgs))
	for i, in := range msgs {
		it, err := s.newItem(ch, in)
		if err != nil {
			return nil, err
		}
		items[i] = it
	}
	return items, nil
}

// newItem builds the message record on the callback's goroutine, so that
// the single writer only has to attach it to its conversation.
func (s *Service) newItem(ch *store.Channel, in channel.Inbound) (*item, error) {
	rec, err := store.NewMessageRecord(s.app)
	if err != nil {
		return nil, err
	}
	key := ch.Id + ":" + in.DedupKey
	fillInbound(rec, key, in)
	return &item{channel: ch, in: in, key: key, message: rec, done: make(chan result, 1)}, nil
}

// drain runs on the writer goroutine: it keeps committing batches until the
// queue is empty.
func (s *Service) drain(ctx context.Context) {
	for {
		batch := s.take()
		if len(batch) == 0 {
			return
		}
		s.commit(batch, nil)
		if ctx.Err() != nil {
			return
		}
	}
}

func (s *Service) take() []*item {
	var batch []*item
	for len(batch) < maxBatch {
		select {
		case it := <-s.queue:
			if it.state.CompareAndSwap(itemQueued, itemTaken) {
				batch = append(batch, it)
			}
		default:
			return batch
		}
	}
	return batch
}

// busyRetries is how many times a batch is written again after SQLite
// answered SQLITE_BUSY.
const busyRetries = 3

// commit writes items in one transaction, with extra (a pull's cursor)
// inside the same transaction. A failed commit fails every item: each
// callback gets an error and WeChat retries it.
func (s *Service) commit(items []*item, extra func(tx core.App) error) error {
	var b *Batch
	if err := store.PrepareWriter(s.app); err != nil {
		s.app.Logger().Warn("ingest: prepare statements", "error", err) // the batch prepares its own
	}
	var err error
	for attempt := 0; ; attempt++ {
		err = s.app.RunInTransaction(func(tx core.App) error {
			var err error
			if b, err = storeBatch(tx, items, s.now()); err != nil {
				return err
			}
			if extra != nil {
				return extra(tx)
			}
			return nil
		})
		if err == nil || !store.IsBusy(err) || attempt == busyRetries {
			break
		}
		// SQLite refused the write because another connection wrote
		// since this transaction's first read (WAL's snapshot rule): the
		// batch was rolled back whole and is built again from its items.
		time.Sleep(time.Duration(attempt+1) * 5 * time.Millisecond)
	}
	for i, it := range items {
		if err != nil {
			it.done <- result{err: err}
			continue
		}
		it.done <- b.results[i]
	}
	if err != nil {
		return err
	}
	s.runOnCommit(b)
	s.committed.push(b)
	s.announcer.Notify()
	return nil
}
