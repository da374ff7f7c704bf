// Package assign reads and writes assignments: it feeds the pure router
// (internal/routing) from the database and applies its decisions. Every
// automatic assignment goes through one Assigner per app, which drains all
// queues inside one transaction under one mutex; manual claims and
// transfers count capacity inside their own transaction. SQLite through
// PocketBase has a single writer connection, so a count read inside a
// transaction cannot change before it commits: a conversation gets at most
// one agent (the UPDATE also requires agent = ”) and no agent exceeds
// max_concurrent, however many events arrive at once.
//
// Draining is event-driven, never polled: an inbound batch, a closed or
// transferred conversation, and an agent's status or capacity change each
// wake the assigner (Wake), which drains once more for every burst of
// wake-ups.
package assign

import (
	"math/rand/v2"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/desk"
)

// Assigner routes the queued conversations of one app.
type Assigner struct {
	app     core.App
	actions *desk.Actions
	now     func() time.Time

	drainMu sync.Mutex // one drain at a time
	mu      sync.Mutex // guards running and dirty
	running bool
	dirty   bool
	wg      sync.WaitGroup
	rnd     *rand.Rand
	clicks  map[string]clickChoice // guarded by mu

	onAssigned []func(convID, agentID string)
}

// OnAssigned registers fn to run after a conversation was given to an
// agent, by a drain or a transfer, once committed (live notifications).
// Register before the app serves.
func (a *Assigner) OnAssigned(fn func(convID, agentID string)) {
	a.onAssigned = append(a.onAssigned, fn)
}

// announceAssigned runs the OnAssigned callbacks.
func (a *Assigner) announceAssigned(convID, agentID string) {
	for _, fn := range a.onAssigned {
		fn(convID, agentID)
	}
}

// New returns the assigner of app; actions queues automatic messages.
func New(app core.App, actions *desk.Actions, now func() time.Time) *Assigner {
	return &Assigner{app: app, actions: actions, now: now,
		rnd: rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 0x5eed))}
}

// Wake asks for a drain without waiting for it: wake-ups during a drain
// coalesce into one more drain, so a burst of events costs two drains.
func (a *Assigner) Wake() {
	a.mu.Lock()
	if a.running {
		a.dirty = true
		a.mu.Unlock()
		return
	}
	a.running = true
	a.wg.Add(1)
	a.mu.Unlock()
	go func() {
		defer a.wg.Done()
		for {
			if _, err := a.Drain(); err != nil {
				a.app.Logger().Error("assign: drain failed", "error", err)
			}
			a.mu.Lock()
			if !a.dirty {
				a.running = false
				a.mu.Unlock()
				return
			}
			a.dirty = false
			a.mu.Unlock()
		}
	}()
}

// Idle waits until no woken drain is running (tests and shutdown).
func (a *Assigner) Idle() { a.wg.Wait() }
