package routing

import "testing"

func TestFilters(t *testing.T) {
	base := online("a")
	tests := []struct {
		name   string
		f      filter
		agent  Agent
		expect bool
	}{
		{"isOnline online", isOnline, base, true},
		{"isOnline suspended", isOnline, with(base, func(a *Agent) { a.Status = StatusSuspended }), false},
		{"isOnline offline", isOnline, with(base, func(a *Agent) { a.Status = StatusOffline }), false},
		{"isOnline empty status", isOnline, with(base, func(a *Agent) { a.Status = "" }), false},
		{"isAutoAssignable receptionist", isAutoAssignable, base, true},
		{"isAutoAssignable transfer-only", isAutoAssignable, with(base, func(a *Agent) { a.TransferOnly = true }), false},
		{"hasCapacity empty", hasCapacity, base, true},
		{"hasCapacity one left", hasCapacity, with(base, func(a *Agent) { a.Active = 4 }), true},
		{"hasCapacity full", hasCapacity, with(base, func(a *Agent) { a.Active = 5 }), false},
		{"hasCapacity over", hasCapacity, with(base, func(a *Agent) { a.Active = 9 }), false},
		{"hasCapacity zero max", hasCapacity, with(base, func(a *Agent) { a.MaxConcurrent = 0 }), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f(tt.agent); got != tt.expect {
				t.Fatalf("got %v, want %v", got, tt.expect)
			}
		})
	}
}

func TestQualifies(t *testing.T) {
	if !Qualifies(online("a")) {
		t.Fatal("an online agent with room must qualify")
	}
	for _, d := range disqualifiers {
		t.Run(d.name, func(t *testing.T) {
			if Qualifies(with(online("a"), d.change)) {
				t.Fatalf("%s agent qualified", d.name)
			}
		})
	}
}
