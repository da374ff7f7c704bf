package liveload

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Team is a set of connected simulated agents and the acknowledgements of
// the messages sent while they watch.
type Team struct {
	agents []*agent

	mu   sync.Mutex
	acks map[string]time.Time // msgid → when WeDesk acknowledged it
}

// Connect signs in o.Agents agents and connects each to realtime.
func Connect(ctx context.Context, o Options) (*Team, error) {
	if o.Agents <= 0 {
		return nil, fmt.Errorf("liveload: need at least one agent")
	}
	transport := &http.Transport{MaxIdleConnsPerHost: o.Agents + 16, MaxConnsPerHost: 0}
	a := &api{base: o.BaseURL, client: &http.Client{Transport: transport}}
	tokens, err := signIn(ctx, a, o)
	if err != nil {
		return nil, err
	}
	t := &Team{acks: map[string]time.Time{}}
	for _, tok := range tokens {
		g := &agent{api: a, token: tok, list: o.List, arrivals: map[string]time.Time{}}
		if err := g.connect(ctx); err != nil {
			return nil, err
		}
		t.agents = append(t.agents, g)
	}
	return t, nil
}

// Ack records that WeDesk acknowledged the callback carrying msgID.
func (t *Team) Ack(msgID string, at time.Time) {
	t.mu.Lock()
	t.acks[msgID] = at
	t.mu.Unlock()
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
	t.mu.Lock()
	defer t.mu.Unlock()
	r := Report{Agents: len(t.agents), Messages: len(t.acks), Expected: len(t.acks) * len(t.agents)}
	var delays []time.Duration
	for _, g := range t.agents {
		g.mu.Lock()
		for id, ack := range t.acks {
			if at, ok := g.arrivals[id]; ok {
				d := at.Sub(ack)
				if d < 0 {
					d = 0 // the event outran the acknowledgement's return trip
				}
				delays = append(delays, d)
			}
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

func (t *Team) expected() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.acks) * len(t.agents)
}

// received counts the distinct messages the agents received (events of
// messages sent before the team connected included; Report filters).
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
