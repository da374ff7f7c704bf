// Package coalesce lets the callers that ask for the same thing at the same
// time share one computation of it, without ever handing a caller a result
// computed before it asked. The inbox uses it for what every supervisor's
// list refresh reads alike (the team's loads, the queues, a list page):
// 200 supervisors refreshing after the same event cost two queries, not
// 200, and none of them sees the list as it was before that event.
package coalesce

import (
	"errors"
	"sync"
)

// Group coalesces calls by key. The zero Group is ready to use.
type Group struct {
	mu   sync.Mutex
	keys map[string]*slot
}

// slot is one key's running call and the call that starts when it ends.
type slot struct {
	running, next *call
}

type call struct {
	done chan struct{}
	val  any
	err  error
}

// ErrPanicked is what the callers sharing a call get when it panicked.
var ErrPanicked = errors.New("coalesce: the shared call panicked")

// Do returns what fn returns, from a call of fn that started after Do was
// called. While a call for key runs on g, the callers that arrive wait for
// it to end and then share the next one. What it returns may be shared:
// read it, never change it.
func Do[T any](g *Group, key string, fn func() (T, error)) (T, error) {
	v, err := g.do(key, func() (any, error) { return fn() })
	t, _ := v.(T) // the zero T when fn panicked
	return t, err
}

func (g *Group) do(key string, fn func() (any, error)) (any, error) {
	g.mu.Lock()
	if g.keys == nil {
		g.keys = map[string]*slot{}
	}
	s := g.keys[key]
	if s == nil {
		s = &slot{}
		g.keys[key] = s
	}
	if c := s.next; c != nil { // starts after this caller arrived: share it
		g.mu.Unlock()
		<-c.done
		return c.val, c.err
	}
	c := &call{done: make(chan struct{})}
	if r := s.running; r != nil {
		s.next = c // later callers share c
		g.mu.Unlock()
		<-r.done
		g.mu.Lock()
		s.next = nil
	}
	s.running = c
	g.mu.Unlock()
	g.run(key, s, c, fn)
	return c.val, c.err
}

// run runs fn for c and lets the callers sharing it go, even if fn panics.
func (g *Group) run(key string, s *slot, c *call, fn func() (any, error)) {
	c.err = ErrPanicked
	defer func() {
		g.mu.Lock()
		s.running = nil
		if s.next == nil {
			delete(g.keys, key)
		}
		g.mu.Unlock()
		close(c.done)
	}()
	c.val, c.err = fn()
}
