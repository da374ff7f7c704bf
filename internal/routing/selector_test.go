package routing

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// pickID runs a selector and returns the chosen ID ("" for none).
func pickID(s selector, agents []Agent, st State, rnd Rand) (string, State) {
	i, next := s(agents, st, rnd)
	if i < 0 {
		return "", next
	}
	return agents[i].ID, next
}

func TestRoundRobin(t *testing.T) {
	off := func(id string) Agent { return with(online(id), func(a *Agent) { a.Status = StatusOffline }) }
	tests := []struct {
		name   string
		agents []Agent
		cursor string
		expect string
	}{
		{"fresh state takes the smallest ID", []Agent{online("c"), online("a"), online("b")}, "", "a"},
		{"next after the cursor", []Agent{online("c"), online("a"), online("b")}, "a", "b"},
		{"wraps after the last", []Agent{online("c"), online("a"), online("b")}, "c", "a"},
		{"cursor agent left the queue", []Agent{online("c"), online("a")}, "b", "c"},
		{"skips agents who do not qualify", []Agent{online("a"), off("b"), online("c")}, "a", "c"},
		{"wrap skips agents who do not qualify", []Agent{off("a"), online("b"), online("c")}, "c", "b"},
		{"nobody qualifies", []Agent{off("a")}, "a", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, st := pickID(roundRobin, tt.agents, State{Cursor: tt.cursor}, nil)
			wantCursor := tt.expect
			if tt.expect == "" {
				wantCursor = tt.cursor
			}
			if got != tt.expect || st.Cursor != wantCursor {
				t.Fatalf("got %q cursor %q, want %q cursor %q", got, st.Cursor, tt.expect, wantCursor)
			}
		})
	}
}

// TestRoundRobinFairness assigns 1,000 conversations one Route at a time,
// the way the caller persists State between decisions.
func TestRoundRobinFairness(t *testing.T) {
	for _, n := range []int{3, 7, 10, 13} {
		t.Run(fmt.Sprintf("%d agents", n), func(t *testing.T) {
			agents := members(n, 1000)
			rand.New(rand.NewPCG(7, uint64(n))).Shuffle(n, func(i, j int) { agents[i], agents[j] = agents[j], agents[i] })
			q := Queue{Strategy: StrategyRoundRobin, Agents: agents}
			counts := map[string]int{}
			var st State
			for range 1000 {
				d, err := Route(Request{Customer: Customer{ID: "c"}, Queue: q, State: st, Now: now})
				if err != nil || !d.Assigned() {
					t.Fatalf("Route = %+v, %v", d, err)
				}
				st = d.State
				counts[d.AgentID]++
				for i := range agents {
					if agents[i].ID == d.AgentID {
						agents[i].Active++
					}
				}
			}
			assertSpread(t, counts, n, 1)
		})
	}
}

// assertSpread fails when some of n agents got more than spread more
// assignments than another.
func assertSpread(t *testing.T, counts map[string]int, n, spread int) {
	t.Helper()
	if len(counts) != n {
		t.Fatalf("%d of %d agents used: %v", len(counts), n, counts)
	}
	lo, hi := 1<<30, 0
	for _, c := range counts {
		lo, hi = min(lo, c), max(hi, c)
	}
	if hi-lo > spread {
		t.Fatalf("max %d - min %d > %d: %v", hi, lo, spread, counts)
	}
}

func TestRandom(t *testing.T) {
	off := with(online("x"), func(a *Agent) { a.Status = StatusOffline })
	tests := []struct {
		name   string
		agents []Agent
		expect string
	}{
		{"nobody qualifies", []Agent{off}, ""},
		{"only one qualifies", []Agent{off, online("b"), off}, "b"},
		{"empty queue", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rnd := rand.New(rand.NewPCG(1, 1))
			for range 20 {
				if got, _ := pickID(random, tt.agents, State{}, rnd); got != tt.expect {
					t.Fatalf("got %q, want %q", got, tt.expect)
				}
			}
		})
	}
}

// TestRandomUniform draws 10,000 times among 5 qualifying agents (and one
// offline) with a fixed seed; each should get about 2,000.
func TestRandomUniform(t *testing.T) {
	agents := append(members(5, 5), with(online("zz"), func(a *Agent) { a.Status = StatusOffline }))
	rnd := rand.New(rand.NewPCG(42, 42))
	counts := map[string]int{}
	for range 10000 {
		id, _ := pickID(random, agents, State{}, rnd)
		counts[id]++
	}
	if counts["zz"] != 0 {
		t.Fatalf("offline agent picked %d times", counts["zz"])
	}
	assertSpread(t, counts, 5, 300)
}

func TestLeastBusy(t *testing.T) {
	early, late := now.Add(-time.Hour), now
	tests := []struct {
		name   string
		agents []Agent
		expect string
	}{
		{"fewest active", []Agent{{ID: "a", Active: 3}, {ID: "b", Active: 1}, {ID: "c", Active: 2}}, "b"},
		{"tie: lower load ratio", []Agent{{ID: "a", Active: 2, MaxConcurrent: 5}, {ID: "b", Active: 2, MaxConcurrent: 10}}, "b"},
		{"tie: least recently assigned", []Agent{{ID: "a", LastAssignedAt: late}, {ID: "b", LastAssignedAt: early}}, "b"},
		{"tie: smallest ID", []Agent{{ID: "b"}, {ID: "a"}}, "a"},
		{"skips the idle offline agent", []Agent{{ID: "a", Active: 4}, {ID: "b", Status: StatusOffline}}, "a"},
		{"nobody qualifies", []Agent{{ID: "a", Active: 5}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			agents := qualifyDefaults(tt.agents)
			if got, _ := pickID(leastBusy, agents, State{}, nil); got != tt.expect {
				t.Fatalf("got %q, want %q", got, tt.expect)
			}
		})
	}
}

// qualifyDefaults fills status and capacity where a table row left them out.
func qualifyDefaults(agents []Agent) []Agent {
	out := slices.Clone(agents)
	for i := range out {
		if out[i].Status == "" {
			out[i].Status = StatusOnline
		}
		if out[i].MaxConcurrent == 0 {
			out[i].MaxConcurrent = 5
		}
	}
	return out
}

// TestLeastBusyProperty checks over random rosters that the pick always
// qualifies, has the minimum Active among qualifying agents, and does not
// depend on the order agents are listed in.
func TestLeastBusyProperty(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	statuses := []Status{StatusOnline, StatusOnline, StatusSuspended, StatusOffline}
	for trial := range 2000 {
		agents := make([]Agent, 1+rnd.IntN(30))
		for i := range agents {
			agents[i] = Agent{ID: string(rune('A' + i)), Status: statuses[rnd.IntN(4)],
				MaxConcurrent: 1 + rnd.IntN(6), Active: rnd.IntN(7), TransferOnly: rnd.IntN(8) == 0,
				LastAssignedAt: now.Add(-time.Duration(rnd.IntN(3)) * time.Minute)}
		}
		got, _ := pickID(leastBusy, agents, State{}, nil)
		minActive, any := 1<<30, false
		for _, a := range agents {
			if Qualifies(a) {
				minActive, any = min(minActive, a.Active), true
			}
		}
		if !any {
			if got != "" {
				t.Fatalf("trial %d: picked %q though nobody qualifies", trial, got)
			}
			continue
		}
		if a := byID(agents, got); !Qualifies(a) || a.Active != minActive {
			t.Fatalf("trial %d: picked %+v, minimum active is %d", trial, a, minActive)
		}
		rnd.Shuffle(len(agents), func(i, j int) { agents[i], agents[j] = agents[j], agents[i] })
		if again, _ := pickID(leastBusy, agents, State{}, nil); again != got {
			t.Fatalf("trial %d: order changed the pick %q → %q", trial, got, again)
		}
	}
}

func TestSkillFirst(t *testing.T) {
	tests := []struct {
		name   string
		agents []Agent
		expect string
	}{
		{"highest skill wins over idle", []Agent{{ID: "a", Skill: 1}, {ID: "b", Skill: 3, Active: 4}, {ID: "c", Skill: 2}}, "b"},
		{"tie: least busy", []Agent{{ID: "a", Skill: 3, Active: 2}, {ID: "b", Skill: 3, Active: 1}}, "b"},
		{"full expert falls back to next skill", []Agent{{ID: "a", Skill: 9, Active: 5}, {ID: "b", Skill: 2}}, "b"},
		{"transfer-only expert is never picked", []Agent{{ID: "a", Skill: 9, TransferOnly: true}, {ID: "b", Skill: 1}}, "b"},
		{"nobody qualifies", []Agent{{ID: "a", Status: StatusSuspended}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := pickID(skillFirst, qualifyDefaults(tt.agents), State{}, nil); got != tt.expect {
				t.Fatalf("got %q, want %q", got, tt.expect)
			}
		})
	}
}
