package ingest

import (
	"errors"
	"testing"
)

// TestAbandonedItemsAreNeverStored: a callback that gives up waiting
// withdraws its queued item (the writer then skips it), but waits for an
// item the writer already took, so an error is never answered for a
// message that gets stored.
func TestAbandonedItemsAreNeverStored(t *testing.T) {
	s := &Service{queue: make(chan *item, 2)}
	queued := &item{done: make(chan result, 1)}
	taken := &item{done: make(chan result, 1)}
	s.queue <- taken
	if got := s.take(); len(got) != 1 || got[0] != taken {
		t.Fatalf("take: %v", got)
	}
	taken.done <- result{} // the writer committed it
	s.queue <- queued
	if err := abandon([]*item{taken}); err != nil {
		t.Fatalf("abandoning a committed item: %v, want its success", err)
	}
	if err := abandon([]*item{queued}); !errors.Is(err, ErrBusy) {
		t.Fatalf("abandoning a queued item: %v, want ErrBusy", err)
	}
	if got := s.take(); len(got) != 0 {
		t.Fatalf("the writer took an abandoned item")
	}
}
