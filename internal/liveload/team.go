package liveload

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync/atomic"
	"time"
)

// Team is a set of connected simulated agents and the acknowledgements of
// the messages sent while they watch.
type Team struct {
	agents []*agent

	first uint64         // the run's first msgid (Expect)
	acks  []atomic.Int64 // stamp of each message's acknowledgement, by msgid-first
}

// Connect signs in o.Agents agents and connects each to realtime.
func Connect(ctx context.Context, o Options) (*Team, error) {
	if o.Agents <= 0 {
		return nil, fmt.Errorf("liveload: need at least one agent")
	}
	// A large read buffer: each frame then costs the agent one read, not one
	// per 4 KB of it.
	transport := &http.Transport{MaxIdleConnsPerHost: o.Agents + 16, ReadBufferSize: 64 << 10}
	a := &api{base: o.BaseURL, client: &http.Client{Transport: transport}}
	tokens, err := signIn(ctx, a, o)
	if err != nil {
		return nil, err
	}
	t := &Team{}
	for _, tok := range tokens {
		g := &agent{api: a, token: tok, list: o.List}
		if err := g.connect(ctx); err != nil {
			return nil, err
		}
		t.agents = append(t.agents, g)
	}
	return t, nil
}

// Expect tells the team the run's msgids: first … first+n-1. Call it
// before the first callback; events of other messages are ignored.
func (t *Team) Expect(first uint64, n int) {
	t.first, t.acks = first, make([]atomic.Int64, n)
	for _, g := range t.agents {
		g.expect(first, n)
	}
}

// Ack records that WeDesk acknowledged the callback carrying msgID.
func (t *Team) Ack(msgID string, at time.Time) {
	id, n := parseDigits([]byte(msgID))
	if n == 0 || n != len(msgID) || id < t.first || id-t.first >= uint64(len(t.acks)) {
		return
	}
	t.acks[id-t.first].Store(int64(at.Sub(epoch)) + 1)
}

// Report is the delay from acknowledgement to agent, over every
// (message, agent) pair.
type Report struct {
	Agents, Messages   int
	Expected, Received int
	P50, P95, P99, Max time.Duration
	Frames, Resyncs    int
	ListRefreshes      int
}

// Report waits up to wait for the events still in flight, then computes
// the figures.
func (t *Team) Report(wait time.Duration) Report {
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) && t.received() < t.expected() {
		time.Sleep(50 * time.Millisecond)
	}
	r := Report{Agents: len(t.agents), Messages: t.acked()}
	r.Expected = r.Messages * len(t.agents)
	delays := make([]time.Duration, 0, r.Expected)
	for _, g := range t.agents {
		g.mu.Lock()
		for i, at := range g.arrivals {
			ack := t.acks[i].Load()
			if ack == 0 || at == 0 {
				continue
			}
			// Negative when the event outran the acknowledgement's return trip.
			delays = append(delays, time.Duration(max(at-ack, 0)))
		}
		r.Frames += g.frames
		r.Resyncs += g.resyncs
		r.ListRefreshes += g.lists
		g.mu.Unlock()
	}
	r.Received = len(delays)
	if len(delays) > 0 {
		slices.Sort(delays)
		r.P50, r.P95, r.P99 = pct(delays, 50), pct(delays, 95), pct(delays, 99)
		r.Max = delays[len(delays)-1]
	}
	return r
}

func (t *Team) expected() int { return t.acked() * len(t.agents) }

// acked counts the acknowledged messages.
func (t *Team) acked() int {
	n := 0
	for i := range t.acks {
		if t.acks[i].Load() != 0 {
			n++
		}
	}
	return n
}

// received counts the distinct messages of the run the agents received
// (acknowledged or not; Report pairs them).
func (t *Team) received() int {
	n := 0
	for _, g := range t.agents {
		n += int(g.count.Load())
	}
	return n
}

func pct(sorted []time.Duration, p int) time.Duration {
	rank := (p*len(sorted) + 99) / 100
	if rank < 1 {
		rank = 1
	}
	return sorted[rank-1]
}

// String renders the report on one line.
func (r Report) String() string {
	frac := 0.0
	if r.Expected > 0 {
		frac = 100 * float64(r.Received) / float64(r.Expected)
	}
	return fmt.Sprintf("agents=%d messages=%d delivered=%d/%d (%.2f%%) ack→agent p50=%s p95=%s p99=%s max=%s frames=%d resyncs=%d list_refreshes=%d",
		r.Agents, r.Messages, r.Received, r.Expected, frac, r.P50.Round(time.Microsecond), r.P95.Round(time.Microsecond),
		r.P99.Round(time.Microsecond), r.Max.Round(time.Microsecond), r.Frames, r.Resyncs, r.ListRefreshes)
}
