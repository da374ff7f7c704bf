package outbox

import (
	"sync"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
)

// outcomeWriter group-commits the outcomes of concurrent sends: whoever
// finds no commit in progress commits everything waiting, in one
// transaction, while the others wait for their result. At a thousand
// replies a second one commit per reply would make SQLite's single writer
// the bottleneck.
type outcomeWriter struct {
	mu       sync.Mutex
	waiting  []*outcome
	flushing bool
}

type outcome struct {
	rec  *core.Record
	done chan error
}

// save records rec's changed delivery fields (see deliver) and returns
// once they are committed.
func (w *outcomeWriter) save(app core.App, rec *core.Record) error {
	oc := &outcome{rec: rec, done: make(chan error, 1)}
	w.mu.Lock()
	w.waiting = append(w.waiting, oc)
	lead := !w.flushing
	w.flushing = true
	w.mu.Unlock()
	if lead {
		w.flush(app)
	}
	return <-oc.done
}

// flush commits batches until nothing waits.
func (w *outcomeWriter) flush(app core.App) {
	for {
		w.mu.Lock()
		batch := w.waiting
		w.waiting = nil
		if len(batch) == 0 {
			w.flushing = false
			w.mu.Unlock()
			return
		}
		w.mu.Unlock()
		err := app.RunInTransaction(func(tx core.App) error {
			for _, oc := range batch {
				if err := store.SaveChangesNoValidate(tx, oc.rec); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil && len(batch) > 1 {
			// One failing record must not sink the others: one by one.
			for _, oc := range batch {
				oc.done <- store.SaveChangesNoValidate(app, oc.rec)
			}
			continue
		}
		for _, oc := range batch {
			oc.done <- err
		}
	}
}
