package live

import (
	"testing"
	"time"
)

// The flush gap keeps a small team quick and bounds the frames a large
// one costs: about 5,000 a second in all, never more than 50 ms late.
func TestFlushGapGrowsWithTheAudience(t *testing.T) {
	for viewers, want := range map[int]time.Duration{
		1: 5 * time.Millisecond, 25: 5 * time.Millisecond, 50: 10 * time.Millisecond,
		200: 40 * time.Millisecond, 1000: 50 * time.Millisecond,
	} {
		if got := flushGap(viewers); got != want {
			t.Errorf("flushGap(%d) = %v, want %v", viewers, got, want)
		}
	}
}
