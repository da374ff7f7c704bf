package kb

import (
	"slices"
	"testing"
)

func TestTerms(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"如何退货", []string{"如何", "何退", "退货"}},
		{"退", []string{"退"}},
		{"iPhone 15 怎么开发票？", []string{"iphone", "15", "怎么", "么开", "开发", "发票"}},
		{"退货，退货", []string{"退货"}},
		{"  ", nil},
	}
	for _, tt := range tests {
		if got := Terms(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Terms(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMatchQueryQuotes(t *testing.T) {
	if got := matchQuery([]string{`a"b`, "退货"}); got != `"a""b" OR "退货"` {
		t.Fatalf("matchQuery = %s", got)
	}
}

func TestSplitList(t *testing.T) {
	if got := splitList("退货，退款; 发票\n 换货 、"); !slices.Equal(got, []string{"退货", "退款", "发票", "换货"}) {
		t.Fatalf("splitList = %q", got)
	}
}
