package routing

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// bigQueue returns 2,000 members with mixed status, load and skill.
func bigQueue(s Strategy) Queue {
	rnd := rand.New(rand.NewPCG(9, 9))
	agents := make([]Agent, 2000)
	for i := range agents {
		agents[i] = Agent{ID: fmt.Sprintf("agent%05d", i), Status: StatusOnline, MaxConcurrent: 1 + rnd.IntN(200),
			Skill: rnd.IntN(5), LastAssignedAt: now.Add(-time.Duration(rnd.IntN(3600)) * time.Second)}
		agents[i].Active = rnd.IntN(agents[i].MaxConcurrent + 1)
		if rnd.IntN(10) == 0 {
			agents[i].Status = StatusSuspended
		}
	}
	return Queue{ID: "q", Strategy: s, FamiliarDays: 7, Agents: agents}
}

// BenchmarkRoute2000Agents routes a customer whose owner is offline and whose
// familiar agent is full, so every decision walks the whole chain.
func BenchmarkRoute2000Agents(b *testing.B) {
	for _, s := range []Strategy{StrategyRoundRobin, StrategyRandom, StrategyLeastBusy, StrategySkillFirst} {
		b.Run(string(s), func(b *testing.B) {
			q := bigQueue(s)
			q.Agents[0].Status = StatusOffline
			q.Agents[1].Active = q.Agents[1].MaxConcurrent
			req := Request{
				Customer: Customer{ID: "c", OwnerID: q.Agents[0].ID, Tags: []string{"gold"},
					LastAgentID: q.Agents[1].ID, LastServedAt: now.Add(-time.Hour)},
				Queue: q, Rules: []Rule{{Tag: "silver", AgentID: "x"}}, State: State{Cursor: "agent01000"},
				Rand: rand.New(rand.NewPCG(1, 1)), Now: now,
			}
			b.ReportAllocs()
			for b.Loop() {
				if d, err := Route(req); err != nil || d.Reason != ReasonStrategy {
					b.Fatalf("Route = %+v, %v", d, err)
				}
			}
		})
	}
}

// BenchmarkDrainHead10000Waiting drains a queue of 10,000 (10% VIP) where
// exactly one of 2,000 agents has a free slot: one head is assigned, then the
// rest are checked for pins.
func BenchmarkDrainHead10000Waiting(b *testing.B) {
	q := bigQueue(StrategyLeastBusy)
	for i := range q.Agents {
		q.Agents[i].Status, q.Agents[i].Active = StatusOnline, q.Agents[i].MaxConcurrent
	}
	q.Agents[1234].Active--
	rnd := rand.New(rand.NewPCG(2, 2))
	w := make([]Waiting, 10000)
	for i := range w {
		w[i] = Waiting{ConversationID: fmt.Sprintf("conv%05d", i), VIP: rnd.IntN(10) == 0,
			QueuedAt: now.Add(-time.Duration(rnd.IntN(7200)) * time.Second), Customer: Customer{ID: fmt.Sprintf("c%05d", i)}}
	}
	req := DrainRequest{Queue: q, Waiting: w, Now: now}
	b.ReportAllocs()
	for b.Loop() {
		if out, _, err := Drain(req); err != nil || len(out) != 1 {
			b.Fatalf("Drain = %d assignments, %v", len(out), err)
		}
	}
}

// BenchmarkHead10000Waiting and BenchmarkPosition10000Waiting measure the
// per-customer queue reads behind live position notices.
func BenchmarkHead10000Waiting(b *testing.B) {
	w := Order(queueOf(10000))
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := Head(w); !ok {
			b.Fatal("empty")
		}
	}
}

// BenchmarkPosition10000Waiting looks up the last conversation's position.
func BenchmarkPosition10000Waiting(b *testing.B) {
	w := queueOf(10000)
	b.ReportAllocs()
	for b.Loop() {
		if p, ok := Position(w, "w9999"); !ok || p != 10000 {
			b.Fatalf("Position = %d", p)
		}
	}
}
