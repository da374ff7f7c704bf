package routing

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// chainFixture has one candidate per pin step plus two queue members, all
// qualifying; tests then disqualify some of them.
func chainFixture() Request {
	dir := map[string]Agent{}
	for _, id := range []string{"owner", "familiar", "by-customer", "by-tag"} {
		dir[id] = online(id)
	}
	return Request{
		Customer: Customer{ID: "c", OwnerID: "owner", Tags: []string{"gold"},
			LastAgentID: "familiar", LastServedAt: now.Add(-48 * time.Hour)},
		Queue: Queue{ID: "q", Strategy: StrategyLeastBusy, FamiliarDays: 7,
			Agents: []Agent{online("m1"), with(online("m2"), func(a *Agent) { a.Active = 1 })}},
		Rules:     []Rule{{Tag: "gold", AgentID: "by-tag"}, {CustomerID: "c", AgentID: "by-customer"}},
		Directory: dir,
		Now:       now,
	}
}

// TestRoutePrecedence checks every step wins when it qualifies and falls
// through for each way its agent can fail to qualify.
func TestRoutePrecedence(t *testing.T) {
	chain := []struct {
		id     string
		reason Reason
	}{
		{"owner", ReasonOwner}, {"familiar", ReasonFamiliar},
		{"by-customer", ReasonDesignated}, {"by-tag", ReasonDesignated}, {"m1", ReasonStrategy},
	}
	for failed := 0; failed < len(chain); failed++ {
		for _, d := range disqualifiers {
			if failed == 0 && d.name != "offline" {
				continue // nothing disqualified: one row is enough
			}
			want := chain[failed]
			t.Run(want.id+" after "+d.name, func(t *testing.T) {
				req := chainFixture()
				for _, c := range chain[:failed] {
					req.Directory[c.id] = with(req.Directory[c.id], d.change)
				}
				got, err := Route(req)
				if err != nil {
					t.Fatal(err)
				}
				if got.AgentID != want.id || got.Reason != want.reason {
					t.Fatalf("got %s/%s, want %s/%s", got.AgentID, got.Reason, want.id, want.reason)
				}
			})
		}
	}
}

func TestRouteEdges(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Request)
		agent  string
		reason Reason
	}{
		{"unknown pinned agents fall through", func(r *Request) { r.Directory = nil }, "m1", ReasonStrategy},
		{"members-only ignores pins outside the queue", func(r *Request) { r.Queue.PinsMembersOnly = true }, "m1", ReasonStrategy},
		{"members-only keeps a pinned member", func(r *Request) {
			r.Queue.PinsMembersOnly = true
			r.Customer.OwnerID = "m2"
		}, "m2", ReasonOwner},
		{"queue membership overrides the directory", func(r *Request) {
			r.Queue.Agents = append(r.Queue.Agents, with(online("owner"), func(a *Agent) { a.TransferOnly = true }))
		}, "familiar", ReasonFamiliar},
		{"familiar expired", func(r *Request) {
			r.Customer.OwnerID = ""
			r.Customer.LastServedAt = now.Add(-8 * 24 * time.Hour)
		}, "by-customer", ReasonDesignated},
		{"nobody qualifies", func(r *Request) {
			r.Directory = nil
			r.Queue.Agents = []Agent{with(online("m1"), func(a *Agent) { a.Status = StatusOffline })}
		}, "", ReasonNone},
		{"empty queue, no pins", func(r *Request) { r.Directory, r.Queue.Agents = nil, nil }, "", ReasonNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := chainFixture()
			tt.change(&req)
			got, err := Route(req)
			if err != nil {
				t.Fatal(err)
			}
			if got.AgentID != tt.agent || got.Reason != tt.reason || got.Assigned() != (tt.agent != "") {
				t.Fatalf("got %+v, want %s/%s", got, tt.agent, tt.reason)
			}
		})
	}
}

func TestRouteState(t *testing.T) {
	tests := []struct {
		name   string
		owner  string
		cursor string
	}{
		{"pin leaves the cursor alone", "owner", "m0"},
		{"strategy advances the cursor", "", "m1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := chainFixture()
			req.Customer = Customer{ID: "stranger", OwnerID: tt.owner}
			req.Queue.Strategy = StrategyRoundRobin
			req.State = State{Cursor: "m0"}
			got, err := Route(req)
			if err != nil || got.State.Cursor != tt.cursor {
				t.Fatalf("got %+v, %v; want cursor %s", got, err, tt.cursor)
			}
		})
	}
}

func TestRouteErrors(t *testing.T) {
	tests := []struct {
		name     string
		strategy Strategy
		rnd      Rand
		err      error
	}{
		{"unknown strategy", "fastest", nil, ErrUnknownStrategy},
		{"empty strategy", "", nil, ErrUnknownStrategy},
		{"random without source", StrategyRandom, nil, ErrNoRand},
		{"random with source", StrategyRandom, rand.New(rand.NewPCG(1, 2)), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := chainFixture()
			req.Queue.Strategy, req.Rand = tt.strategy, tt.rnd
			if _, err := Route(req); !errors.Is(err, tt.err) {
				t.Fatalf("got %v, want %v", err, tt.err)
			}
			if _, _, err := Drain(DrainRequest{Queue: req.Queue, Rand: tt.rnd}); !errors.Is(err, tt.err) {
				t.Fatalf("Drain: got %v, want %v", err, tt.err)
			}
			if tt.strategy.Valid() != (tt.err != ErrUnknownStrategy) {
				t.Fatalf("Valid() disagrees with %v", tt.err)
			}
		})
	}
}

func TestPinnedAgentIDs(t *testing.T) {
	req := chainFixture()
	got := PinnedAgentIDs(req.Customer, req.Queue, req.Rules, now)
	want := []string{"owner", "familiar", "by-customer", "by-tag"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}
