package hooks

import (
	"context"
	"sync"
	"time"
)

// worker runs one background job in a loop: whenever it is woken and at
// least every interval. Jobs read their work from the database, so a wake-up
// that is lost (or a restart) only delays work, never loses it.
type worker struct {
	name     string
	interval time.Duration
	run      func(ctx context.Context)

	mu     sync.Mutex
	wake   chan struct{}
	cancel context.CancelFunc
	done   chan struct{}
}

func newWorker(name string, interval time.Duration, run func(ctx context.Context)) *worker {
	return &worker{name: name, interval: interval, run: run, wake: make(chan struct{}, 1)}
}

// start launches the loop once; later calls do nothing.
func (w *worker) start() {
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

func (w *worker) loop(ctx context.Context) {
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

// notify wakes the loop without blocking.
func (w *worker) notify() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// stop cancels the loop and waits for the running job to return.
func (w *worker) stop() {
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
