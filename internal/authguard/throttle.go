// Package authguard protects the agents' sign-in: a per-account back-off
// after wrong passwords (shared by the inbox login form and PocketBase's
// auth-with-password API), a password check that takes as long for an
// unknown email as for a known one, and the rules that end sessions
// (disabled agents, changed passwords, logout).
package authguard

import (
	"strings"
	"sync"
	"time"
)

// Back-off policy: the first freeFailures wrong passwords in a row cost
// nothing; every further one doubles the wait, from 1 s up to maxLock.
const (
	freeFailures = 5
	maxLock      = 15 * time.Minute
	// forgetAfter drops an account's failures after this long in peace.
	forgetAfter = time.Hour
)

// Throttle counts wrong passwords per account (email, case-folded),
// known or not, so that it tells nothing about which accounts exist.
type Throttle struct {
	now func() time.Time

	mu    sync.Mutex
	state map[string]*failures
}

type failures struct {
	count int
	until time.Time // no attempt is checked before this
	last  time.Time
}

// NewThrottle returns an empty throttle using now as its clock.
func NewThrottle(now func() time.Time) *Throttle {
	if now == nil {
		now = time.Now
	}
	return &Throttle{now: now, state: map[string]*failures{}}
}

func key(identity string) string { return strings.ToLower(strings.TrimSpace(identity)) }

// Wait returns how long the account must wait before its next attempt is
// checked; zero means now.
func (t *Throttle) Wait(identity string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	f := t.state[key(identity)]
	if f == nil {
		return 0
	}
	return max(f.until.Sub(t.now()), 0)
}

// Fail records a wrong password for the account.
func (t *Throttle) Fail(identity string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	t.sweep(now)
	k := key(identity)
	f := t.state[k]
	if f == nil || now.Sub(f.last) > forgetAfter {
		f = &failures{}
		t.state[k] = f
	}
	f.count++
	f.last = now
	if f.count > freeFailures {
		lock := time.Second << min(f.count-freeFailures-1, 20)
		f.until = now.Add(min(lock, maxLock))
	}
}

// Succeed clears the account's failures.
func (t *Throttle) Succeed(identity string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.state, key(identity))
}

// sweep forgets quiet accounts once the map grows, so that guessing many
// emails cannot grow it without bound. Caller holds t.mu.
func (t *Throttle) sweep(now time.Time) {
	if len(t.state) < 10000 {
		return
	}
	for k, f := range t.state {
		if now.Sub(f.last) > forgetAfter || (len(t.state) > 100000 && now.After(f.until)) {
			delete(t.state, k)
		}
	}
}
