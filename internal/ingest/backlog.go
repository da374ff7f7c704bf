package ingest

import "sync"

// batchQueue holds committed batches until the announcer has run their
// after-commit work. It never blocks the writer: storing keeps its pace
// whatever the announcer's backlog (the live hub never waits on a client,
// so the backlog stays short; observers that must see every batch, such as
// routing, still see each one, in commit order).
type batchQueue struct {
	mu      sync.Mutex
	batches []*Batch
}

func (q *batchQueue) push(b *Batch) {
	q.mu.Lock()
	q.batches = append(q.batches, b)
	q.mu.Unlock()
}

// pop returns the oldest batch, or nil when none waits.
func (q *batchQueue) pop() *Batch {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.batches) == 0 {
		return nil
	}
	b := q.batches[0]
	q.batches[0] = nil
	q.batches = q.batches[1:]
	if len(q.batches) == 0 {
		q.batches = nil // let the backing array go after a burst
	}
	return b
}
