package coalesce

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Callers that arrive while a call runs share the next one; each gets a
// result computed after it asked.
func TestCallersShareAFreshCall(t *testing.T) {
	var g Group
	var calls atomic.Int64
	release := make(chan struct{})
	started := make(chan struct{}, 10)
	fn := func() (time.Time, error) {
		calls.Add(1)
		started <- struct{}{}
		<-release
		return time.Now(), nil
	}
	var wg sync.WaitGroup
	wg.Go(func() { Do(&g, "k", fn) }) // the first call runs, blocked on release
	<-started
	asked := time.Now()
	results := make([]time.Time, 20)
	for i := range results {
		wg.Go(func() {
			v, err := Do(&g, "k", fn)
			if err != nil {
				t.Error(err)
			}
			results[i] = v
		})
	}
	time.Sleep(50 * time.Millisecond) // let them all queue behind the running call
	close(release)
	wg.Wait()
	if n := calls.Load(); n != 2 {
		t.Fatalf("%d calls for 21 callers, want 2 (the running one and one shared)", n)
	}
	for i, r := range results {
		if r.Before(asked) {
			t.Fatalf("caller %d got a result computed before it asked", i)
		}
	}
	if len(g.keys) != 0 {
		t.Fatalf("keys left behind: %v", g.keys)
	}
}

// Different keys never wait for each other; a panicking call releases the
// callers sharing it with ErrPanicked.
func TestKeysAreIndependentAndPanicsRelease(t *testing.T) {
	var g Group
	block := make(chan struct{})
	go Do(&g, "slow", func() (any, error) { <-block; return nil, nil })
	done := make(chan struct{})
	go func() {
		Do(&g, "fast", func() (int, error) { return 1, nil })
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("a key waited for another")
	}
	close(block)
	func() {
		defer func() { _ = recover() }()
		Do(&g, "boom", func() (int, error) { panic("boom") })
	}()
	if _, err := Do(&g, "boom", func() (int, error) { return 2, nil }); err != nil {
		t.Fatalf("after a panic the key must work again: %v", err)
	}
}
