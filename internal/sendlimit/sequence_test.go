package sendlimit

import (
	"testing"
	"time"
)

// desk replays a conversation the way the domain code will: the governing
// interaction, the sends since it, and WeChat's refusals, with the clock
// passed in at every step.
type desk struct {
	state State
	sends []Send
}

type op int

const (
	customer  op = iota // the customer interacts (arg: kind)
	agentSend           // the agent sends, if the budget allows
	autoSend            // the desk sends an automatic message, if allowed
	refused             // WeChat refuses a send (arg: errcode)
	look                // only look at the budget
)

type step struct {
	at        time.Duration // since t0
	op        op
	kind      InteractionKind
	errcode   int
	sent      bool // whether a send step went out
	remaining int
	reason    Reason
	automatic bool // AutomaticAllowed afterwards
}

func (d *desk) budget(now time.Time) Budget {
	d.state.Sent, _ = CountSince(d.sends, d.state.Last.At)
	return d.state.Budget(now)
}

func (d *desk) apply(s step, now time.Time) (sent bool) {
	switch s.op {
	case customer:
		d.budget(now)
		d.state.Last = d.state.Governing(Interaction{At: now, Kind: s.kind})
	case agentSend, autoSend:
		b := d.budget(now)
		ok := b.Check() == nil
		if s.op == autoSend {
			ok = AutomaticAllowed(b)
		}
		if ok {
			d.sends = append(d.sends, Send{At: now, Automatic: s.op == autoSend})
		}
		return ok
	case refused:
		if _, lock := LockReasonForWeChatError(d.state.Channel, s.errcode); lock {
			d.state.RefusedAt, d.state.RefusedCode = now, s.errcode
		}
	}
	return false
}

func TestSequences(t *testing.T) {
	sec, min, hour := time.Second, time.Minute, time.Hour
	tests := []struct {
		name  string
		ch    ChannelKind
		steps []step
	}{
		{"agent cannot write first", ChannelKF, []step{
			{0, agentSend, "", 0, false, 0, ReasonNoCustomer, false},
		}},
		{"five sends then lock, a message resets", ChannelKF, []step{
			{0, customer, InteractionMessage, 0, false, 5, "", true},
			{1 * min, agentSend, "", 0, true, 4, "", true},
			{2 * min, agentSend, "", 0, true, 3, "", true},
			{3 * min, agentSend, "", 0, true, 2, "", false},
			{4 * min, agentSend, "", 0, true, 1, "", false},
			{5 * min, agentSend, "", 0, true, 0, ReasonQuotaReached, false},
			{6 * min, agentSend, "", 0, false, 0, ReasonQuotaReached, false},
			{7 * min, customer, InteractionMessage, 0, false, 5, "", true},
			{8 * min, agentSend, "", 0, true, 4, "", true},
		}},
		{"48 h expiry at the exact boundary", ChannelMP, []step{
			{0, customer, InteractionMessage, 0, false, 5, "", true},
			{48*hour - sec, agentSend, "", 0, true, 4, "", true},
			{48 * hour, agentSend, "", 0, false, 0, ReasonExpired, false},
			{50 * hour, customer, InteractionMessage, 0, false, 5, "", true},
		}},
		{"automatic messages count and leave the reserve", ChannelKF, []step{
			{0, customer, InteractionMessage, 0, false, 5, "", true},
			{10 * sec, autoSend, "", 0, true, 4, "", true},  // queue notice
			{20 * sec, autoSend, "", 0, true, 3, "", true},  // queue comfort
			{30 * sec, autoSend, "", 0, true, 2, "", false}, // timeout comfort
			{40 * sec, autoSend, "", 0, false, 2, "", false},
			{50 * sec, agentSend, "", 0, true, 1, "", false},
			{60 * sec, agentSend, "", 0, true, 0, ReasonQuotaReached, false},
		}},
		{"follow: welcome then two agent sends within a minute", ChannelMP, []step{
			{0, customer, InteractionFollow, 0, false, 3, "", true},
			{1 * sec, autoSend, "", 0, true, 2, "", false},
			{2 * sec, autoSend, "", 0, false, 2, "", false},
			{30 * sec, agentSend, "", 0, true, 1, "", false},
			{59 * sec, agentSend, "", 0, true, 0, ReasonQuotaReached, false},
		}},
		{"menu tap window closes after 1 min", ChannelMP, []step{
			{0, customer, InteractionMenuClick, 0, false, 3, "", true},
			{1 * min, agentSend, "", 0, false, 0, ReasonExpired, false},
			{2 * min, customer, InteractionScan, 0, false, 3, "", true},
			{2*min + sec, customer, InteractionMessage, 0, false, 5, "", true},
		}},
		{"menu tap does not reset an open message allowance", ChannelMP, []step{
			{0, customer, InteractionMessage, 0, false, 5, "", true},
			{1 * min, agentSend, "", 0, true, 4, "", true},
			{2 * min, customer, InteractionMenuClick, 0, false, 4, "", true},
			{3 * hour, agentSend, "", 0, true, 3, "", true},
			{4 * hour, agentSend, "", 0, true, 2, "", false},
		}},
		{"45047 locks until the customer writes", ChannelMP, []step{
			{0, customer, InteractionMessage, 0, false, 5, "", true},
			{1 * min, refused, "", 45047, false, 0, ReasonWeChatRefused, false},
			{2 * min, agentSend, "", 0, false, 0, ReasonWeChatRefused, false},
			{3 * min, customer, InteractionMessage, 0, false, 5, "", true},
		}},
		{"95001 locks a kf conversation", ChannelKF, []step{
			{0, customer, InteractionMessage, 0, false, 5, "", true},
			{1 * min, refused, "", 95001, false, 0, ReasonWeChatRefused, false},
			{2 * min, customer, InteractionMessage, 0, false, 5, "", true},
		}},
		{"95018 is not a lock", ChannelKF, []step{
			{0, customer, InteractionMessage, 0, false, 5, "", true},
			{1 * min, refused, "", 95018, false, 5, "", true},
		}},
		{"45015 lifts on a follow", ChannelMP, []step{
			{0, customer, InteractionMessage, 0, false, 5, "", true},
			{1 * hour, refused, "", 45015, false, 0, ReasonWeChatRefused, false},
			{2 * hour, customer, InteractionFollow, 0, false, 3, "", true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &desk{state: State{Channel: tt.ch}}
			for i, s := range tt.steps {
				now := t0.Add(s.at)
				if sent := d.apply(s, now); sent != s.sent {
					t.Fatalf("step %d: sent=%v, want %v", i, sent, s.sent)
				}
				b := d.budget(now)
				if b.Remaining != s.remaining || b.Reason != s.reason || AutomaticAllowed(b) != s.automatic {
					t.Fatalf("step %d: remaining=%d reason=%q automatic=%v, want %d %q %v",
						i, b.Remaining, b.Reason, AutomaticAllowed(b), s.remaining, s.reason, s.automatic)
				}
			}
		})
	}
}
