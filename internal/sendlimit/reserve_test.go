package sendlimit

import (
	"strconv"
	"testing"
	"time"
)

func TestAutomaticAllowed(t *testing.T) {
	tests := []struct {
		name string
		b    Budget
		want bool
	}{
		{"full message allowance", Budget{Remaining: 5, Quota: 5}, true},
		{"three left", Budget{Remaining: 3, Quota: 5}, true},
		{"reserve only", Budget{Remaining: AgentReserve, Quota: 5}, false},
		{"one left", Budget{Remaining: 1, Quota: 5}, false},
		{"closed", Budget{Reason: ReasonExpired}, false},
		{"quota at the reserve never allows automatic", Budget{Remaining: 2, Quota: 2}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AutomaticAllowed(tt.b); got != tt.want {
				t.Fatalf("AutomaticAllowed = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCountSince(t *testing.T) {
	sends := []Send{
		{At: t0.Add(-time.Minute)},
		{At: t0, Automatic: true},
		{At: t0.Add(time.Second)},
		{At: t0.Add(time.Minute), Automatic: true},
	}
	tests := []struct {
		name             string
		since            time.Time
		total, automatic int
	}{
		{"all", t0.Add(-time.Hour), 4, 2},
		{"same instant counts", t0, 3, 2},
		{"later", t0.Add(time.Second), 2, 1},
		{"none", t0.Add(time.Hour), 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			total, auto := CountSince(sends, tt.since)
			if total != tt.total || auto != tt.automatic {
				t.Fatalf("CountSince = %d, %d, want %d, %d", total, auto, tt.total, tt.automatic)
			}
		})
	}
}

func TestLockReasonForWeChatError(t *testing.T) {
	tests := []struct {
		ch      ChannelKind
		errcode int
		lock    bool
	}{
		{ChannelMP, 45015, true},
		{ChannelMP, 45047, true},
		{ChannelMP, 43004, true},
		{ChannelMP, 40001, false},
		{ChannelMP, -1, false},
		{ChannelMP, 95001, false},
		{ChannelKF, 95001, true},
		{ChannelKF, 95002, true},
		{ChannelKF, 95024, true},
		{ChannelKF, 95031, true},
		{ChannelKF, 95018, false},
		{ChannelKF, 95013, false},
		{ChannelKF, 45047, false},
		{"sms", 45047, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.ch)+"/"+strconv.Itoa(tt.errcode), func(t *testing.T) {
			r, lock := LockReasonForWeChatError(tt.ch, tt.errcode)
			if lock != tt.lock {
				t.Fatalf("lock = %v, want %v", lock, tt.lock)
			}
			if want := map[bool]Reason{true: ReasonWeChatRefused, false: ReasonNone}[tt.lock]; r != want {
				t.Fatalf("reason = %q, want %q", r, want)
			}
		})
	}
}
