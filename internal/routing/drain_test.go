package routing

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// queueOf returns n regular conversations queued a second apart.
func queueOf(n int) []Waiting {
	w := make([]Waiting, n)
	for i := range w {
		w[i] = Waiting{ConversationID: fmt.Sprintf("w%04d", i), QueuedAt: now.Add(time.Duration(i) * time.Second),
			Customer: Customer{ID: fmt.Sprintf("c%04d", i)}}
	}
	return w
}

// drainOrFail runs Drain and checks capacity is never exceeded.
func drainOrFail(t *testing.T, req DrainRequest) []Assignment {
	t.Helper()
	out, _, err := Drain(req)
	if err != nil {
		t.Fatal(err)
	}
	load := map[string]int{}
	for _, a := range req.Queue.Agents {
		load[a.ID] = a.Active
	}
	for id, a := range req.Directory {
		load[id] = a.Active
	}
	for _, as := range out {
		load[as.AgentID]++
		limit := byID(req.Queue.Agents, as.AgentID).MaxConcurrent
		if d, ok := req.Directory[as.AgentID]; ok && limit == 0 {
			limit = d.MaxConcurrent
		}
		if load[as.AgentID] > limit {
			t.Fatalf("%s over capacity: %d > %d", as.AgentID, load[as.AgentID], limit)
		}
	}
	return out
}

// TestDrainCapacity: 200 waiting, 10 agents × 5 → exactly the first 50, in order.
func TestDrainCapacity(t *testing.T) {
	for _, s := range []Strategy{StrategyRoundRobin, StrategyLeastBusy, StrategySkillFirst} {
		t.Run(string(s), func(t *testing.T) {
			w := queueOf(200)
			before := ids(w)
			agents := members(10, 5)
			out := drainOrFail(t, DrainRequest{Queue: Queue{Strategy: s, Agents: agents}, Waiting: w, Now: now})
			if len(out) != 50 {
				t.Fatalf("assigned %d, want 50", len(out))
			}
			for i, a := range out {
				if a.ConversationID != w[i].ConversationID || a.Reason != ReasonStrategy {
					t.Fatalf("assignment %d = %+v, want %s", i, a, w[i].ConversationID)
				}
			}
			if !slices.Equal(ids(w), before) || agents[0].Active != 0 {
				t.Fatal("Drain modified its input")
			}
		})
	}
}

func TestDrainVIPFirst(t *testing.T) {
	w := waitingFixture()
	out := drainOrFail(t, DrainRequest{Queue: Queue{Strategy: StrategyLeastBusy, Agents: members(1, 3)}, Waiting: w, Now: now})
	got := make([]string, len(out))
	for i, a := range out {
		got[i] = a.ConversationID
	}
	if want := serviceOrder[:3]; !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

// TestDrainPins covers pinned conversations, inside and outside the queue.
func TestDrainPins(t *testing.T) {
	owned := func(w Waiting, owner string) Waiting { w.Customer.OwnerID = owner; return w }
	tests := []struct {
		name      string
		members   []Agent
		directory map[string]Agent
		waiting   []Waiting
		expect    []string // "conversation→agent/reason"
	}{
		{"owner outside a full queue still takes their customer", members(1, 1),
			map[string]Agent{"o": with(online("o"), func(a *Agent) { a.MaxConcurrent = 1 })},
			[]Waiting{queueOf(3)[0], queueOf(3)[1], owned(queueOf(3)[2], "o")},
			[]string{"w0000→a0000/strategy", "w0002→o/owner"}},
		{"owner capacity counted within the drain", nil,
			map[string]Agent{"o": with(online("o"), func(a *Agent) { a.MaxConcurrent = 1 })},
			[]Waiting{owned(queueOf(2)[0], "o"), owned(queueOf(2)[1], "o")},
			[]string{"w0000→o/owner"}},
		{"pinned member full falls back to strategy", members(2, 1), nil,
			[]Waiting{queueOf(3)[0], owned(queueOf(3)[1], "a0000"), queueOf(3)[2]},
			[]string{"w0000→a0000/strategy", "w0001→a0001/strategy"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := drainOrFail(t, DrainRequest{Queue: Queue{Strategy: StrategyLeastBusy, Agents: tt.members},
				Directory: tt.directory, Waiting: tt.waiting, Now: now})
			got := make([]string, len(out))
			for i, a := range out {
				got[i] = fmt.Sprintf("%s→%s/%s", a.ConversationID, a.AgentID, a.Reason)
			}
			if !slices.Equal(got, tt.expect) {
				t.Fatalf("got %v, want %v", got, tt.expect)
			}
		})
	}
}

// TestDrainRoundRobinState: the cursor moves through one drain and is
// returned for the caller to persist.
func TestDrainRoundRobinState(t *testing.T) {
	agents := members(3, 10)
	out, st, err := Drain(DrainRequest{Queue: Queue{Strategy: StrategyRoundRobin, Agents: agents},
		Waiting: queueOf(4), State: State{Cursor: "a0001"}, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range out {
		got = append(got, a.AgentID)
	}
	if want := []string{"a0002", "a0000", "a0001", "a0002"}; !slices.Equal(got, want) || st.Cursor != "a0002" {
		t.Fatalf("got %v cursor %q", got, st.Cursor)
	}
}

// TestRoundRobinFairnessDrain: 1,000 conversations in one drain, equal capacity.
func TestRoundRobinFairnessDrain(t *testing.T) {
	out := drainOrFail(t, DrainRequest{Queue: Queue{Strategy: StrategyRoundRobin, Agents: members(7, 200)},
		Waiting: queueOf(1000), Now: now})
	counts := map[string]int{}
	for _, a := range out {
		counts[a.AgentID]++
	}
	assertSpread(t, counts, 7, 1)
}
