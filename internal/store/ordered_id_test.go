package store

import (
	"regexp"
	"testing"
	"time"
)

// Ordered ids have PocketBase's form, sort by time, and differ within a
// millisecond.
func TestNewOrderedID(t *testing.T) {
	form := regexp.MustCompile(`^[a-z0-9]{15}$`)
	at := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	seen := map[string]bool{}
	prev := ""
	for i := range 1000 {
		id := NewOrderedID(at.Add(time.Duration(i) * time.Millisecond))
		if !form.MatchString(id) {
			t.Fatalf("id %q is not of PocketBase's form", id)
		}
		if id <= prev {
			t.Fatalf("id %q of a later millisecond sorts before %q", id, prev)
		}
		if seen[id] {
			t.Fatalf("id %q twice", id)
		}
		seen[id], prev = true, id
		if same := NewOrderedID(at.Add(time.Duration(i) * time.Millisecond)); same == id {
			t.Fatalf("two ids of the same millisecond are equal: %q", id)
		}
	}
	if NewOrderedID(time.Unix(0, 0))[:9] != "000000000" {
		t.Fatal("the time part is not padded")
	}
}
