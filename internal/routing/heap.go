package routing

import (
	"math"
	"slices"
	"time"
)

// waitKey is the part of a Waiting that decides its order, flattened to 16
// bytes so building and sifting the heap stays in cache for 10,000 entries.
type waitKey struct {
	at    int64  // QueuedAt in Unix nanoseconds, clamped outside 1678–2262
	i     uint32 // position in the waiting list
	flags uint8
}

// Key flags.
const (
	keyRegular uint8 = 1 << iota // not VIP: sorts after every VIP
	keyPinned                    // the customer has an owner, familiar agent or rule
)

// waitHeap is a binary min-heap over a waiting list in service order.
// Building it is O(n) and each pop O(log n), so draining k heads of a long
// queue never pays for a full sort.
type waitHeap struct {
	items []Waiting
	keys  []waitKey
}

// newWaitHeap heapifies keys for items without copying the items; pinned
// marks conversations a later pinned-only pass must look at, so that pass
// need not read every Waiting again.
func newWaitHeap(items []Waiting, pinned func(*Waiting) bool) *waitHeap {
	h := &waitHeap{items: items, keys: make([]waitKey, len(items))}
	for i := range items {
		w := &items[i]
		k := waitKey{at: unixNano(w.QueuedAt), i: uint32(i)}
		if !w.VIP {
			k.flags |= keyRegular
		}
		if pinned != nil && pinned(w) {
			k.flags |= keyPinned
		}
		h.keys[i] = k
	}
	for i := len(h.keys)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
	return h
}

// unixNano is t.UnixNano made monotonic for any t: times UnixNano cannot
// hold (before 1678, after 2262) are clamped, tie, and are then ordered
// exactly by ahead.
func unixNano(t time.Time) int64 {
	const limit = math.MaxInt64 / int64(time.Second)
	switch sec := t.Unix(); {
	case sec < -limit:
		return math.MinInt64
	case sec >= limit:
		return math.MaxInt64
	}
	return t.UnixNano()
}

// Len is how many conversations are still in the heap.
func (h *waitHeap) Len() int { return len(h.keys) }

// less compares heap slots i and j exactly as Ahead would.
func (h *waitHeap) less(i, j int) bool {
	a, b := &h.keys[i], &h.keys[j]
	switch {
	case a.flags&keyRegular != b.flags&keyRegular:
		return a.flags&keyRegular == 0
	case a.at != b.at:
		return a.at < b.at
	}
	return ahead(&h.items[a.i], &h.items[b.i])
}

// down restores the heap property below slot i.
func (h *waitHeap) down(i int) {
	n := len(h.keys)
	for {
		m, l, r := i, 2*i+1, 2*i+2
		if l < n && h.less(l, m) {
			m = l
		}
		if r < n && h.less(r, m) {
			m = r
		}
		if m == i {
			return
		}
		h.keys[i], h.keys[m] = h.keys[m], h.keys[i]
		i = m
	}
}

// pop removes and returns the head; callers check Len first.
func (h *waitHeap) pop() Waiting {
	top := h.items[h.keys[0].i]
	last := len(h.keys) - 1
	h.keys[0] = h.keys[last]
	h.keys = h.keys[:last]
	h.down(0)
	return top
}

// restPinned returns the pinned items still in the heap in service order;
// only those are copied and sorted.
func (h *waitHeap) restPinned() []Waiting {
	var out []Waiting
	for _, k := range h.keys {
		if k.flags&keyPinned != 0 {
			out = append(out, h.items[k.i])
		}
	}
	slices.SortFunc(out, compareWaiting)
	return out
}
