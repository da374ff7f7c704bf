package ingest

import (
	"context"
	"errors"

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
}

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
	for _, it := range items {
		select {
		case s.queue <- it:
		case <-ctx.Done():
			return ErrBusy
		}
	}
	s.writer.Notify()
	for _, it := range items {
		select {
		case res := <-it.done:
			if res.err != nil {
				return res.err
			}
		case <-ctx.Done():
			return ErrBusy
		}
	}
	return nil
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
			batch = append(batch, it)
		default:
			return batch
		}
	}
	return batch
}

// commit writes items in one transaction, with extra (a pull's cursor)
// inside the same transaction. A failed commit fails every item: each
// callback gets an error and WeChat retries it.
func (s *Service) commit(items []*item, extra func(tx core.App) error) error {
	var b *Batch
	err := s.app.RunInTransaction(func(tx core.App) error {
		var err error
		if b, err = storeBatch(tx, items, s.now()); err != nil {
			return err
		}
		if extra != nil {
			return extra(tx)
		}
		return nil
	})
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
	s.committed.push(b)
	s.announcer.Notify()
	return nil
}
