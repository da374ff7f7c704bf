package sendlimit

import (
	"errors"
	"testing"
	"time"
)

func TestCompute(t *testing.T) {
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		last      time.Time
		sent      int
		quota     int
		remaining int
		reason    Reason
		left      time.Duration
	}{
		{"no customer message", time.Time{}, 0, 0, 0, ReasonNoCustomer, 0},
		{"fresh window", now.Add(-time.Minute), 0, 0, 5, ReasonNone, Window - time.Minute},
		{"four sent", now.Add(-time.Hour), 4, 0, 1, ReasonNone, 47 * time.Hour},
		{"five sent locks", now.Add(-time.Hour), 5, 0, 0, ReasonQuotaReached, 47 * time.Hour},
		{"over quota never negative", now.Add(-time.Hour), 9, 0, 0, ReasonQuotaReached, 47 * time.Hour},
		{"custom quota", now.Add(-time.Hour), 5, 20, 15, ReasonNone, 47 * time.Hour},
		{"last second of window", now.Add(-Window + time.Second), 0, 0, 5, ReasonNone, time.Second},
		{"exactly 48 h is closed", now.Add(-Window), 0, 0, 0, ReasonExpired, 0},
		{"long ago", now.Add(-100 * time.Hour), 0, 0, 0, ReasonExpired, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := Compute(tt.last, tt.sent, tt.quota, now)
			if b.Remaining != tt.remaining || b.Reason != tt.reason || b.Left != tt.left {
				t.Fatalf("got remaining=%d reason=%q left=%v, want %d %q %v", b.Remaining, b.Reason, b.Left, tt.remaining, tt.reason, tt.left)
			}
			err := b.Check()
			if (err == nil) != (tt.reason == ReasonNone) {
				t.Fatalf("Check() = %v with reason %q", err, tt.reason)
			}
			var le *Error
			if err != nil && !errors.As(err, &le) {
				t.Fatalf("Check() error is %T, want *Error", err)
			}
		})
	}
}
