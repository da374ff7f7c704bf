package routing

import "testing"

func TestNoticeBudget(t *testing.T) {
	tests := []struct {
		name             string
		remaining, quota int
		budget           int
	}{
		{"fresh window", 5, 5, 3},
		{"default quota", 5, 0, 3},
		{"after one notice", 4, 5, 2},
		{"three left", 3, 5, 1},
		{"agent's two", 2, 5, 0},
		{"one left", 1, 5, 0},
		{"locked", 0, 5, 0},
		{"negative count", -1, 5, 0},
		{"stale count above quota is clamped", 9, 5, 3},
		{"larger quota", 20, 20, 18},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NoticeBudget(tt.remaining, tt.quota); got != tt.budget {
				t.Fatalf("NoticeBudget = %d, want %d", got, tt.budget)
			}
			if got := MayNotify(tt.remaining, tt.quota); got != (tt.budget > 0) {
				t.Fatalf("MayNotify = %v", got)
			}
		})
	}
}

// TestNoticesNeverStarveAgent sends notices while allowed and checks the
// agent always keeps AgentReserve sends.
func TestNoticesNeverStarveAgent(t *testing.T) {
	remaining := SendQuota
	for MayNotify(remaining, SendQuota) {
		remaining--
	}
	if remaining != AgentReserve {
		t.Fatalf("agent left with %d sends, want %d", remaining, AgentReserve)
	}
}
