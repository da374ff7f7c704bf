package sendlimit

import (
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)

func TestComputeState(t *testing.T) {
	tests := []struct {
		name      string
		ch        ChannelKind
		last      Interaction
		sent      int
		quota     int
		now       time.Time
		remaining int
		reason    Reason
		left      time.Duration
	}{
		{"never interacted", ChannelMP, Interaction{}, 0, 0, t0, 0, ReasonNoCustomer, 0},
		{"message opens 5 for 48 h", ChannelMP, Interaction{t0, InteractionMessage}, 0, 0, t0, 5, ReasonNone, Window},
		{"kf message opens 5 for 48 h", ChannelKF, Interaction{t0, InteractionMessage}, 0, 0, t0, 5, ReasonNone, Window},
		{"configured quota", ChannelKF, Interaction{t0, InteractionMessage}, 5, 20, t0, 15, ReasonNone, Window},
		{"fifth send locks", ChannelMP, Interaction{t0, InteractionMessage}, 5, 0, t0.Add(time.Hour), 0, ReasonQuotaReached, 47 * time.Hour},
		{"one second before 48 h", ChannelMP, Interaction{t0, InteractionMessage}, 0, 0, t0.Add(Window - time.Second), 5, ReasonNone, time.Second},
		{"exactly 48 h is closed", ChannelMP, Interaction{t0, InteractionMessage}, 0, 0, t0.Add(Window), 0, ReasonExpired, 0},
		{"menu tap opens 3", ChannelMP, Interaction{t0, InteractionMenuClick}, 0, 0, t0.Add(10 * time.Second), 3, ReasonNone, 50 * time.Second},
		{"menu tap ignores configured quota", ChannelMP, Interaction{t0, InteractionMenuClick}, 0, 20, t0, 3, ReasonNone, time.Minute},
		{"follow third send locks", ChannelMP, Interaction{t0, InteractionFollow}, 3, 0, t0.Add(time.Second), 0, ReasonQuotaReached, 59 * time.Second},
		{"scan closes after exactly 1 min", ChannelMP, Interaction{t0, InteractionScan}, 0, 0, t0.Add(time.Minute), 0, ReasonExpired, 0},
		{"kf menu tap opens nothing", ChannelKF, Interaction{t0, InteractionMenuClick}, 0, 0, t0, 0, ReasonNoCustomer, 0},
		{"unknown kind opens nothing", ChannelMP, Interaction{t0, "payment"}, 0, 0, t0, 0, ReasonNoCustomer, 0},
		{"unknown channel keeps the message rule", "sms", Interaction{t0, InteractionMessage}, 1, 0, t0, 4, ReasonNone, Window},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := ComputeState(tt.ch, tt.last, tt.sent, tt.quota, tt.now)
			if b.Remaining != tt.remaining || b.Reason != tt.reason || b.Left != tt.left {
				t.Fatalf("got remaining=%d reason=%q left=%v, want %d %q %v", b.Remaining, b.Reason, b.Left, tt.remaining, tt.reason, tt.left)
			}
			if b.Code() != string(tt.reason) {
				t.Fatalf("Code() = %q, want %q", b.Code(), tt.reason)
			}
		})
	}
}

func TestStateLocks(t *testing.T) {
	msg := Interaction{t0, InteractionMessage}
	tests := []struct {
		name   string
		state  State
		now    time.Time
		reason Reason
		code   int
	}{
		{"refusal after the message locks", State{Channel: ChannelMP, Last: msg, Sent: 2, RefusedAt: t0.Add(time.Hour), RefusedCode: 45047}, t0.Add(2 * time.Hour), ReasonWeChatRefused, 45047},
		{"refusal before the message is stale", State{Channel: ChannelMP, Last: msg, RefusedAt: t0.Add(-time.Hour), RefusedCode: 45015}, t0.Add(time.Hour), ReasonNone, 0},
		{"refusal at the message's instant is stale", State{Channel: ChannelKF, Last: msg, RefusedAt: t0, RefusedCode: 95001}, t0, ReasonNone, 0},
		{"own reason wins over refusal", State{Channel: ChannelMP, Last: msg, Sent: 5, RefusedAt: t0.Add(time.Hour), RefusedCode: 45047}, t0.Add(2 * time.Hour), ReasonQuotaReached, 0},
		{"blocked wins over an open window", State{Channel: ChannelKF, Last: msg, BlockedUntil: t0.Add(30 * 24 * time.Hour)}, t0.Add(time.Hour), ReasonBlocked, 0},
		{"block ends at its instant", State{Channel: ChannelKF, Last: msg, BlockedUntil: t0.Add(time.Hour)}, t0.Add(time.Hour), ReasonNone, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.state.Budget(tt.now)
			if b.Reason != tt.reason || b.WeChatCode != tt.code {
				t.Fatalf("got reason=%q code=%d, want %q %d", b.Reason, b.WeChatCode, tt.reason, tt.code)
			}
			if !b.Open() && b.Remaining != 0 {
				t.Fatalf("closed budget has Remaining=%d", b.Remaining)
			}
		})
	}
}

func TestGoverning(t *testing.T) {
	msg := Interaction{t0, InteractionMessage}
	tests := []struct {
		name  string
		state State
		next  Interaction
		want  Interaction
	}{
		{"message replaces message", State{Channel: ChannelKF, Last: msg, Sent: 2}, Interaction{t0.Add(time.Hour), InteractionMessage}, Interaction{t0.Add(time.Hour), InteractionMessage}},
		{"menu tap keeps an open message allowance", State{Channel: ChannelMP, Last: msg, Sent: 2}, Interaction{t0.Add(time.Hour), InteractionMenuClick}, msg},
		{"menu tap replaces a used-up allowance", State{Channel: ChannelMP, Last: msg, Sent: 5}, Interaction{t0.Add(time.Hour), InteractionMenuClick}, Interaction{t0.Add(time.Hour), InteractionMenuClick}},
		{"follow replaces an expired allowance", State{Channel: ChannelMP, Last: msg}, Interaction{t0.Add(Window), InteractionFollow}, Interaction{t0.Add(Window), InteractionFollow}},
		{"follow on nothing opens", State{Channel: ChannelMP}, Interaction{t0, InteractionFollow}, Interaction{t0, InteractionFollow}},
		{"scan replaces after a refusal", State{Channel: ChannelMP, Last: msg, RefusedAt: t0.Add(time.Minute)}, Interaction{t0.Add(time.Hour), InteractionScan}, Interaction{t0.Add(time.Hour), InteractionScan}},
		{"kf menu tap never takes over", State{Channel: ChannelKF, Last: msg, Sent: 5}, Interaction{t0.Add(time.Hour), InteractionMenuClick}, msg},
		{"message after a menu tap", State{Channel: ChannelMP, Last: Interaction{t0, InteractionMenuClick}, Sent: 1}, Interaction{t0.Add(time.Second), InteractionMessage}, Interaction{t0.Add(time.Second), InteractionMessage}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.state.Governing(tt.next); got != tt.want {
				t.Fatalf("Governing() = %+v, want %+v", got, tt.want)
			}
		})
	}
}
