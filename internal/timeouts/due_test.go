package timeouts

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)

// allOn enables every timeout at its default delay.
func allOn() Settings {
	s := DefaultSettings()
	s.AgentComfort.Enabled = true
	s.AgentTransfer.Enabled = true
	s.CustomerPromptBot.Enabled = true
	s.CustomerPromptHuman.Enabled = true
	return s
}

func act(k Kind, at time.Time) Action { return Action{Kind: k, At: at} }

func TestDue(t *testing.T) {
	sec, min := time.Second, time.Minute
	agentSilent := Conversation{ID: "c1", State: StateActive, LastAgentAt: t0.Add(-time.Hour), LastCustomerAt: t0}
	customerSilent := Conversation{ID: "c2", State: StateActive, LastCustomerAt: t0.Add(-time.Hour), LastAgentAt: t0}
	botSilent := Conversation{ID: "c3", State: StateBot, LastCustomerAt: t0.Add(-time.Minute), LastAgentAt: t0}
	tests := []struct {
		name string
		s    Settings
		c    Conversation
		now  time.Time
		want []Action
	}{
		{"defaults: reminder one second early", DefaultSettings(), agentSilent, t0.Add(29 * sec), nil},
		{"defaults: reminder at exactly 30 s", DefaultSettings(), agentSilent, t0.Add(30 * sec), []Action{act(AgentReminder, t0.Add(30*sec))}},
		{"defaults: comfort and transfer are off", DefaultSettings(), agentSilent, t0.Add(time.Hour), []Action{act(AgentReminder, t0.Add(30*sec))}},
		{"all on: agent silent for a minute", allOn(), agentSilent, t0.Add(min), []Action{
			act(AgentReminder, t0.Add(30*sec)), act(AgentComfort, t0.Add(min)), act(AgentTransfer, t0.Add(min))}},
		{"defaults: close at exactly 5 min", DefaultSettings(), customerSilent, t0.Add(5 * min), []Action{act(CustomerClose, t0.Add(5*min))}},
		{"defaults: close not before", DefaultSettings(), customerSilent, t0.Add(5*min - sec), nil},
		{"all on: human prompt at 1 min", allOn(), customerSilent, t0.Add(min), []Action{act(CustomerPromptHuman, t0.Add(min))}},
		{"all on: close suppresses the overdue prompt", allOn(), customerSilent, t0.Add(time.Hour), []Action{act(CustomerClose, t0.Add(5*min))}},
		{"all on: bot phase prompt", allOn(), botSilent, t0.Add(min), []Action{act(CustomerPromptBot, t0.Add(min))}},
		{"bot phase: the bot is never 'silent'", allOn(), Conversation{State: StateBot, LastCustomerAt: t0}, t0.Add(time.Hour), nil},
		{"queued: nothing", allOn(), Conversation{State: StateQueued, LastCustomerAt: t0}, t0.Add(time.Hour), nil},
		{"closed: nothing", allOn(), Conversation{State: StateClosed, LastAgentAt: t0}, t0.Add(time.Hour), nil},
		{"active, nobody wrote", allOn(), Conversation{State: StateActive}, t0.Add(time.Hour), nil},
		{"same-second reply counts as answered", DefaultSettings(), Conversation{State: StateActive, LastCustomerAt: t0, LastAgentAt: t0}, t0.Add(5 * min), []Action{act(CustomerClose, t0.Add(5*min))}},
		{"claim after a long queue restarts agent timers", DefaultSettings(),
			Conversation{State: StateActive, LastCustomerAt: t0.Add(-10 * min), AssignedAt: t0}, t0.Add(29 * sec), nil},
		{"close fired: no prompt after the goodbye", allOn(),
			MarkFired(customerSilent, CustomerClose), t0.Add(time.Hour), nil},
		{"fired in this period: not again", DefaultSettings(),
			MarkFired(agentSilent, AgentReminder), t0.Add(time.Hour), nil},
		{"fired in an older period: fires again", DefaultSettings(),
			withCustomerAt(MarkFired(agentSilent, AgentReminder), t0.Add(min)), t0.Add(min + 30*sec), []Action{act(AgentReminder, t0.Add(min+30*sec))}},
		{"transfer gives the new agent a new period", DefaultSettings(),
			withAssigned(MarkFired(agentSilent, AgentReminder), t0.Add(2*min)), t0.Add(2*min + 30*sec), []Action{act(AgentReminder, t0.Add(2*min+30*sec))}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Due(tt.s, tt.c, tt.now)
			if !slices.Equal(got, tt.want) {
				t.Fatalf("Due() = %v, want %v", got, tt.want)
			}
		})
	}
}

func withCustomerAt(c Conversation, at time.Time) Conversation { c.LastCustomerAt = at; return c }
func withAssigned(c Conversation, at time.Time) Conversation   { c.AssignedAt = at; return c }

// TestRestart replays a scan loop: the desk is down while timeouts fall
// due, comes back, fires each once, records them, and a second scan with the
// same inputs (as after another restart) fires nothing.
func TestRestart(t *testing.T) {
	tests := []struct {
		name  string
		c     Conversation
		down  time.Duration
		fired []Kind
	}{
		{"agent silent through downtime", Conversation{ID: "a", State: StateActive, LastCustomerAt: t0}, 20 * time.Minute,
			[]Kind{AgentReminder, AgentComfort, AgentTransfer}},
		{"customer silent through downtime", Conversation{ID: "b", State: StateActive, LastAgentAt: t0}, 20 * time.Minute,
			[]Kind{CustomerClose}},
		{"short downtime: prompt only", Conversation{ID: "c", State: StateBot, LastAgentAt: t0}, 2 * time.Minute,
			[]Kind{CustomerPromptBot}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, now := allOn(), t0.Add(tt.down)
			c := tt.c
			var fired []Kind
			for _, a := range Due(s, c, now) {
				fired = append(fired, a.Kind)
				c = MarkFired(c, a.Kind)
			}
			if !slices.Equal(fired, tt.fired) {
				t.Fatalf("fired %v, want %v", fired, tt.fired)
			}
			// The restarted desk reads Fired back from its JSON field.
			stored, err := json.Marshal(c.Fired)
			if err != nil {
				t.Fatal(err)
			}
			c.Fired = Fired{}
			if err := json.Unmarshal(stored, &c.Fired); err != nil {
				t.Fatal(err)
			}
			for _, later := range []time.Duration{0, time.Second} {
				if again := Due(s, c, now.Add(later)); len(again) != 0 {
					t.Fatalf("fired again after %v: %v", later, again)
				}
			}
		})
	}
}

func TestNextDue(t *testing.T) {
	tests := []struct {
		name string
		s    Settings
		c    Conversation
		want time.Time
	}{
		{"reminder first", DefaultSettings(), Conversation{State: StateActive, LastCustomerAt: t0}, t0.Add(30 * time.Second)},
		{"after the reminder fired, nothing", DefaultSettings(), MarkFired(Conversation{State: StateActive, LastCustomerAt: t0}, AgentReminder), time.Time{}},
		{"after the reminder, comfort", allOn(), MarkFired(Conversation{State: StateActive, LastCustomerAt: t0}, AgentReminder), t0.Add(time.Minute)},
		{"close", DefaultSettings(), Conversation{State: StateActive, LastAgentAt: t0}, t0.Add(5 * time.Minute)},
		{"queued", allOn(), Conversation{State: StateQueued, LastCustomerAt: t0}, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NextDue(tt.s, tt.c); !got.Equal(tt.want) {
				t.Fatalf("NextDue() = %v, want %v", got, tt.want)
			}
		})
	}
}

// openConversations builds n open conversations in every silence shape,
// spread over the last hour, a quarter of them with something already fired.
func openConversations(n int) []Conversation {
	cs := make([]Conversation, n)
	for i := range cs {
		at := t0.Add(-time.Duration(i%3600) * time.Second)
		c := Conversation{ID: fmt.Sprintf("c%05d", i), LastCustomerAt: at, LastAgentAt: at.Add(-time.Minute)}
		switch i % 4 {
		case 0:
			c.State = StateActive
		case 1:
			c.State, c.LastAgentAt = StateActive, at.Add(time.Second)
		case 2:
			c.State, c.LastAgentAt = StateBot, at.Add(time.Second)
		case 3:
			c.State = StateQueued
		}
		if i%4 == 0 && i%8 == 0 {
			c = MarkFired(c, AgentReminder)
		}
		cs[i] = c
	}
	return cs
}

func BenchmarkScan10000(b *testing.B) {
	s, cs := allOn(), openConversations(10000)
	due := make([]Action, 0, 2*len(cs))
	b.ReportAllocs()
	for b.Loop() {
		due = due[:0]
		for _, c := range cs {
			due = AppendDue(due, s, c, t0)
		}
	}
	b.ReportMetric(float64(len(due)), "actions")
}
