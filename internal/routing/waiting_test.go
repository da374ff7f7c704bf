package routing

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// waitingFixture is deliberately out of order: VIPs and regulars interleaved.
func waitingFixture() []Waiting {
	at := func(m int) time.Time { return now.Add(time.Duration(m) * time.Minute) }
	return []Waiting{
		{ConversationID: "r3", QueuedAt: at(3)},
		{ConversationID: "v2", VIP: true, QueuedAt: at(4)},
		{ConversationID: "r1", QueuedAt: at(1)},
		{ConversationID: "v1", VIP: true, QueuedAt: at(2)},
		{ConversationID: "r2b", QueuedAt: at(2)},
		{ConversationID: "r2a", QueuedAt: at(2)},
	}
}

// serviceOrder is the expected order of waitingFixture.
var serviceOrder = []string{"v1", "v2", "r1", "r2a", "r2b", "r3"}

// ids lists conversation IDs.
func ids(ws []Waiting) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.ConversationID
	}
	return out
}

func TestAhead(t *testing.T) {
	a, b := now, now.Add(time.Second)
	tests := []struct {
		name   string
		x, y   Waiting
		expect bool
	}{
		{"VIP before earlier regular", Waiting{VIP: true, QueuedAt: b}, Waiting{QueuedAt: a}, true},
		{"regular after later VIP", Waiting{QueuedAt: a}, Waiting{VIP: true, QueuedAt: b}, false},
		{"earlier first", Waiting{QueuedAt: a}, Waiting{QueuedAt: b}, true},
		{"later second", Waiting{QueuedAt: b}, Waiting{QueuedAt: a}, false},
		{"same time: ID order", Waiting{ConversationID: "a", QueuedAt: a}, Waiting{ConversationID: "b", QueuedAt: a}, true},
		{"identical is not ahead", Waiting{QueuedAt: a}, Waiting{QueuedAt: a}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Ahead(tt.x, tt.y); got != tt.expect {
				t.Fatalf("got %v, want %v", got, tt.expect)
			}
		})
	}
}

func TestOrderHeadPosition(t *testing.T) {
	w := waitingFixture()
	before := ids(w)
	if got := ids(Order(w)); !slices.Equal(got, serviceOrder) {
		t.Fatalf("Order = %v, want %v", got, serviceOrder)
	}
	if !slices.Equal(ids(w), before) {
		t.Fatal("Order modified its input")
	}
	if h, ok := Head(w); !ok || h.ConversationID != "v1" {
		t.Fatalf("Head = %v %v", h.ConversationID, ok)
	}
	for i, id := range serviceOrder {
		t.Run(id, func(t *testing.T) {
			if pos, ok := Position(w, id); !ok || pos != i+1 {
				t.Fatalf("Position = %d %v, want %d", pos, ok, i+1)
			}
		})
	}
	if _, ok := Position(w, "gone"); ok {
		t.Fatal("Position found a conversation not waiting")
	}
	if _, ok := Head(nil); ok {
		t.Fatal("Head of an empty queue")
	}
}

// TestWaitHeap pops a shuffled list and expects Order's order.
func TestWaitHeap(t *testing.T) {
	w := make([]Waiting, 500)
	rnd := rand.New(rand.NewPCG(5, 6))
	for i := range w {
		w[i] = Waiting{ConversationID: string(rune(0x4e00 + i)), VIP: rnd.IntN(5) == 0,
			QueuedAt: now.Add(time.Duration(rnd.IntN(100)) * time.Second)}
	}
	// Times UnixNano cannot hold must still order exactly.
	w[0].QueuedAt, w[1].QueuedAt = time.Time{}, time.Time{}.Add(time.Second)
	w[2].QueuedAt, w[3].QueuedAt = time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2999, 1, 1, 0, 0, 0, 0, time.UTC)
	h := newWaitHeap(w, nil)
	var got []Waiting
	for h.Len() > 0 {
		got = append(got, h.pop())
	}
	if !slices.Equal(ids(got), ids(Order(w))) {
		t.Fatal("heap order differs from Order")
	}
}
