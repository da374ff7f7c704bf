package store

import (
	"errors"
	"fmt"
	"testing"
)

// TestIsBusy: SQLite's "database is locked", however wrapped, is busy;
// other errors are not.
func TestIsBusy(t *testing.T) {
	cases := []struct {
		err  error
		want bool
	}{
		{fmt.Errorf("store: insert customers: %w", errors.New("database is locked (5) (SQLITE_BUSY)")), true},
		{errors.New("UNIQUE constraint failed: messages.dedup_key"), false},
		{nil, false},
	}
	for _, c := range cases {
		if got := IsBusy(c.err); got != c.want {
			t.Errorf("IsBusy(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}
