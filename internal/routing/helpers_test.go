package routing

import (
	"fmt"
	"time"
)

// now is the fixed clock of every test.
var now = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)

// online returns a qualifying agent with spare capacity.
func online(id string) Agent {
	return Agent{ID: id, Status: StatusOnline, MaxConcurrent: 5}
}

// with applies changes to a copy of a, keeping table rows short.
func with(a Agent, change func(*Agent)) Agent {
	change(&a)
	return a
}

// Ways a proposed agent can fail to qualify, shared by the precedence tables.
var disqualifiers = []struct {
	name   string
	change func(*Agent)
}{
	{"offline", func(a *Agent) { a.Status = StatusOffline }},
	{"suspended", func(a *Agent) { a.Status = StatusSuspended }},
	{"full", func(a *Agent) { a.Active = a.MaxConcurrent }},
	{"transfer-only", func(a *Agent) { a.TransferOnly = true }},
}

// members returns n online agents a0000… with the given capacity.
func members(n, capacity int) []Agent {
	out := make([]Agent, n)
	for i := range out {
		out[i] = Agent{ID: fmt.Sprintf("a%04d", i), Status: StatusOnline, MaxConcurrent: capacity}
	}
	return out
}

// byID finds an agent by ID in a test slice.
func byID(agents []Agent, id string) Agent {
	for _, a := range agents {
		if a.ID == id {
			return a
		}
	}
	return Agent{}
}
