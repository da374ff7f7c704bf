// Package worker runs WeDesk's background jobs (ingest writer, outbox,
// enrichment, timeouts) in a loop that is woken on demand and also runs on a
// timer, and holds the retry backoff they share.
package worker

import (
	"context"
	"sync"
	"time"
)

// Worker runs one background job in a loop: whenever it is woken and at
// least every interval. Jobs read their work from the database, so a wake-up
// that is lost (or a restart) only delays work, never loses it.
type Worker struct {
	name     string
	interval time.Duration
	run      func(ctx context.Context)

	mu     sync.Mutex
	wake   chan struct{}
	cancel context.CancelFunc
	done   chan struct{}
}

// New returns a stopped worker; Start launches it.
func New(name string, interval time.Duration, run func(ctx context.Context)) *Worker {
	return &Worker{name: name, interval: interval, run: run, wake: make(chan struct{}, 1)}
}

// Name is the worker's name, for logs.
func (w *Worker) Name() string { return w.name }

// Start launches the loop once; later calls do nothing.
func (w *Worker) Start() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cancel != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	w.cancel = cancel
	w.done = make(chan struct{})
	go w.loop(ctx)
}

func (w *Worker) loop(ctx context.Context) {
	defer close(w.done)
	t := time.NewTicker(w.interval)
	defer t.Stop()
	for {
		w.run(ctx)
		select {
		case <-ctx.Done():
			return
		case <-w.wake:
		case <-t.C:
		}
	}
}

// Notify wakes the loop without blocking.
func (w *Worker) Notify() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Stop cancels the loop and waits (up to 10 s) for the running job to return.
func (w *Worker) Stop() {
	w.mu.Lock()
	cancel, done := w.cancel, w.done
	w.cancel = nil
	w.mu.Unlock()
	if cancel == nil {
		return
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
	}
}
