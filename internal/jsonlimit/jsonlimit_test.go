package jsonlimit

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	deep := strings.Repeat("[", 9000) + strings.Repeat("]", 9000)
	cases := []struct {
		in   string
		max  int
		fail bool
	}{
		{`{"a":[1,{"b":2}]}`, 3, false},
		{`{"a":[1,{"b":2}]}`, 2, true},
		{`{"a":"[[[[[[[[[[{{{{"}`, 1, false},
		{`{"a":"\"[[[["}`, 1, false},
		{deep, 64, true},
		{`[]`, 1, false},
	}
	for _, c := range cases {
		if err := Check([]byte(c.in), c.max); (err != nil) != c.fail {
			t.Errorf("Check(%.30q, %d) = %v, want fail=%v", c.in, c.max, err, c.fail)
		}
	}
}

func BenchmarkCheck64KB(b *testing.B) {
	data := []byte(`{"text":"` + strings.Repeat("x", 64<<10) + `"}`)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		_ = Check(data, 32)
	}
}
