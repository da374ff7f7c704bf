package routing

import (
	"slices"
	"testing"
	"time"
)

func TestOwnerOf(t *testing.T) {
	tests := []struct {
		name   string
		cust   Customer
		expect []string
	}{
		{"owner set", Customer{ID: "c", OwnerID: "o"}, []string{"o"}},
		{"no owner", Customer{ID: "c"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ownerOf(tt.cust, ruleIndex{}, now, 0); !slices.Equal(got, tt.expect) {
				t.Fatalf("got %v, want %v", got, tt.expect)
			}
		})
	}
}

func TestFamiliarOf(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		name   string
		last   string
		served time.Time
		days   int
		expect []string
	}{
		{"served yesterday", "f", now.Add(-day), 7, []string{"f"}},
		{"exactly at the limit", "f", now.Add(-7 * day), 7, []string{"f"}},
		{"one second too old", "f", now.Add(-7*day - time.Second), 7, nil},
		{"feature off", "f", now.Add(-time.Hour), 0, nil},
		{"never served", "", time.Time{}, 7, nil},
		{"agent without time", "f", time.Time{}, 7, nil},
		{"clock skew counts as recent", "f", now.Add(time.Minute), 7, []string{"f"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Customer{ID: "c", LastAgentID: tt.last, LastServedAt: tt.served}
			if got := familiarOf(c, ruleIndex{}, now, tt.days); !slices.Equal(got, tt.expect) {
				t.Fatalf("got %v, want %v", got, tt.expect)
			}
		})
	}
}

func TestDesignatedOf(t *testing.T) {
	rules := []Rule{
		{Tag: "gold", AgentID: "t1"},
		{CustomerID: "c", AgentID: "k1"},
		{Tag: "north", AgentID: "t2"},
		{CustomerID: "c", AgentID: "k2"},
		{Tag: "gold", AgentID: "t3"},
		{CustomerID: "other", AgentID: "x"},
		{Tag: "gold"},  // no agent: ignored
		{AgentID: "z"}, // no target: ignored
		{CustomerID: "c", Tag: "gold", AgentID: "both"},
	}
	tests := []struct {
		name   string
		cust   Customer
		expect []string
	}{
		{"customer rules first, then tags in rule order", Customer{ID: "c", Tags: []string{"north", "gold"}},
			[]string{"k1", "k2", "both", "t1", "t2", "t3"}},
		{"tag only", Customer{ID: "d", Tags: []string{"north"}}, []string{"t2"}},
		{"customer only", Customer{ID: "other"}, []string{"x"}},
		{"no match", Customer{ID: "d", Tags: []string{"silver"}}, nil},
	}
	ix := newRuleIndex(rules)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := designatedOf(tt.cust, ix, now, 0)
			if !slices.Equal(got, tt.expect) {
				t.Fatalf("got %v, want %v", got, tt.expect)
			}
			if ix.pinned(&tt.cust, now, 0) != (len(tt.expect) > 0) {
				t.Fatalf("pinned disagrees with %v", got)
			}
		})
	}
}
