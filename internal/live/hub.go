package live

import (
	"bytes"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wedesk/wedesk/internal/store"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/subscriptions"
)

// Topic is the realtime topic the inbox subscribes to.
const Topic = "wedesk_live"

// mailboxSize is how many frames may wait for one client. A client that
// falls this far behind is told to resynchronise instead of holding up
// the desk; at one frame per ingest batch it is seconds of traffic.
const mailboxSize = 128

// resyncFrame tells a page that frames were lost: it catches up by seq and
// reloads its list.
var resyncFrame = []byte(`{"resync":true}`)

// Hub fans events out to the realtime clients subscribed to Topic.
type Hub struct {
	app core.App

	mu    sync.Mutex
	boxes map[string]*mailbox // by realtime client id

	// cached is the viewer list, derived from the store's subscriber census
	// and built again only when that census was taken again (clients came,
	// went or subscribed).
	viewersMu  sync.Mutex
	cached     []viewer
	generation uint64 // of the census cached was built from

	// Events wait in pending for the next flush (see flushGap).
	pendMu    sync.Mutex
	pending   []*Event
	scheduled bool       // a flush is due
	lastFlush time.Time  // when the last flush began
	flushMu   sync.Mutex // one flush at a time, so frames keep their order

	// Dropped counts the frames slow clients lost (each then resyncs).
	Dropped atomic.Int64
}

// flushGap is the least time between two flushes to this many clients.
// Writing a frame to a client costs the desk a few system calls whatever
// the frame's size (and the client as much to read it), so under a stream
// of ingest batches the events of the batches committed within the gap go
// to each client as one frame, built once for everyone. The gap grows with
// the audience — perViewerGap a client, between minFlushGap and
// maxFlushGap — so that the desk writes at most about 5,000 frames a
// second in all: a small team sees events within a few milliseconds, 200
// agents within 40 ms. An idle hub flushes at once.
func flushGap(viewers int) time.Duration {
	return min(max(time.Duration(viewers)*perViewerGap, minFlushGap), maxFlushGap)
}

const (
	perViewerGap = 200 * time.Microsecond
	minFlushGap  = 5 * time.Millisecond
	maxFlushGap  = 50 * time.Millisecond
)

// NewHub returns a hub for app's realtime broker.
func NewHub(app core.App) *Hub {
	return &Hub{app: app, boxes: map[string]*mailbox{}}
}

// currentViewers returns the viewer list, built again when the subscriber
// census changed.
func (h *Hub) currentViewers() []viewer {
	clients, gen := store.SubscribedClients(h.app, Topic)
	h.viewersMu.Lock()
	defer h.viewersMu.Unlock()
	if gen != h.generation {
		h.cached, h.generation = viewersOf(clients), gen
	}
	return h.cached
}

// viewer is one subscribed client as the hub sees it.
type viewer struct {
	client     subscriptions.Client
	agentID    string
	supervisor bool
}

// viewersOf keeps the clients signed in as agents.
func viewersOf(clients []subscriptions.Client) []viewer {
	var out []viewer
	for _, c := range clients {
		auth, _ := c.Get(apis.RealtimeClientAuthKey).(*core.Record)
		if auth == nil || auth.Collection().Name != "agents" {
			continue
		}
		out = append(out, viewer{client: c, agentID: auth.Id, supervisor: auth.GetString("role") == "supervisor"})
	}
	return out
}

// Publish queues events for the next flush, which sends them in order, as
// one frame, to every client allowed to see at least one of them. It never
// blocks on a client and costs nothing when nobody watches.
func (h *Hub) Publish(events ...*Event) {
	h.queue(len(h.currentViewers()), events)
}

// queue is Publish for a caller that counted the viewers already.
func (h *Hub) queue(viewers int, events []*Event) {
	if len(events) == 0 || viewers == 0 {
		return
	}
	h.pendMu.Lock()
	defer h.pendMu.Unlock()
	h.pending = append(h.pending, events...)
	if h.scheduled {
		return
	}
	h.scheduled = true
	time.AfterFunc(time.Until(h.lastFlush.Add(flushGap(viewers))), h.Flush)
}

// Flush sends the pending events now rather than at the next flush.
func (h *Hub) Flush() {
	h.flushMu.Lock()
	defer h.flushMu.Unlock()
	h.pendMu.Lock()
	events := h.pending
	h.pending, h.scheduled, h.lastFlush = nil, false, time.Now()
	h.pendMu.Unlock()
	h.send(events)
}

// send sends events, in order, as one frame to every client allowed to
// see at least one of them. Each event is encoded once; a frame is built
// once per distinct audience (supervisors, agents with nothing of their
// own in it) and only agents with events of their own get a frame of
// their own.
func (h *Hub) send(events []*Event) {
	vs := h.currentViewers()
	if len(events) == 0 || len(vs) == 0 {
		return
	}
	personal := map[string]bool{} // agents some event is addressed to
	for _, e := range events {
		if e.raw == nil {
			if err := e.encode(); err != nil {
				h.app.Logger().Error("live: encode event", "error", err)
				return
			}
		}
		if e.agent != "" {
			personal[e.agent] = true
		}
		if e.previous != "" {
			personal[e.previous] = true
		}
	}
	var all, shared []byte
	var builtAll, builtShared bool
	for _, v := range vs {
		var frame []byte
		switch {
		case v.supervisor:
			if !builtAll {
				all, builtAll = buildFrame(events, func(e *Event) []byte { return e.raw }), true
			}
			frame = all
		case personal[v.agentID]:
			frame = buildFrame(events, func(e *Event) []byte { return e.forAgent(v.agentID) })
		default:
			// No event names this agent: the frame every such agent gets.
			if !builtShared {
				shared, builtShared = buildFrame(events, func(e *Event) []byte { return e.forAgent("") }), true
			}
			frame = shared
		}
		if len(frame) > 0 {
			h.deliver(v.client, frame)
		}
	}
}

// buildFrame joins the bytes pick gives each event (nil: left out) into
// {"events":[…]}; nil when it leaves every event out.
func buildFrame(events []*Event, pick func(*Event) []byte) []byte {
	var b bytes.Buffer
	n := 0
	for _, e := range events {
		raw := pick(e)
		if raw == nil {
			continue
		}
		if n == 0 {
			b.WriteString(`{"events":[`)
		} else {
			b.WriteByte(',')
		}
		b.Write(raw)
		n++
	}
	if n == 0 {
		return nil
	}
	b.WriteString("]}")
	return b.Bytes()
}

// deliver puts frame into the client's mailbox, or counts it lost.
func (h *Hub) deliver(c subscriptions.Client, frame []byte) {
	h.mu.Lock()
	box := h.boxes[c.Id()]
	if box == nil {
		box = newMailbox(c)
		h.boxes[c.Id()] = box
	}
	h.mu.Unlock()
	if !box.push(frame) {
		h.Dropped.Add(1)
	}
}

// forget stops the mailbox of a client that disconnected.
func (h *Hub) forget(clientID string) {
	h.mu.Lock()
	box := h.boxes[clientID]
	delete(h.boxes, clientID)
	h.mu.Unlock()
	if box != nil {
		box.close()
	}
}

// mailbox is one client's queue of frames and the goroutine that writes
// them to the client's SSE stream, one at a time, in order.
type mailbox struct {
	frames chan []byte
	lost   atomic.Bool
	once   sync.Once
}

func newMailbox(c subscriptions.Client) *mailbox {
	m := &mailbox{frames: make(chan []byte, mailboxSize)}
	go m.pump(c)
	return m
}

// push queues a frame without waiting; false when the mailbox is full.
func (m *mailbox) push(frame []byte) (ok bool) {
	defer func() {
		if recover() != nil { // closed: the client has gone
			ok = false
		}
	}()
	select {
	case m.frames <- frame:
		return true
	default:
		m.lost.Store(true)
		return false
	}
}

// pump writes the frames to the client. Frames that queued up while the
// client was busy with the last write go out merged as one, so a slow
// client costs one write per burst, not one per frame.
func (m *mailbox) pump(c subscriptions.Client) {
	for frame := range m.frames {
		if n := len(m.frames); n > 0 {
			frame = m.merge(frame, n)
		}
		c.Send(subscriptions.Message{Name: Topic, Data: frame})
		if m.lost.Swap(false) {
			c.Send(subscriptions.Message{Name: Topic, Data: resyncFrame})
		}
	}
}

// merge joins first and up to n more waiting frames into one
// {"events":[…]} frame, keeping their order.
func (m *mailbox) merge(first []byte, n int) []byte {
	const head, tail = len(`{"events":[`), len("]}")
	var b bytes.Buffer
	b.Write(first[:len(first)-tail])
	for range n {
		next, ok := <-m.frames
		if !ok {
			break
		}
		b.WriteByte(',')
		b.Write(next[head : len(next)-tail])
	}
	b.WriteString("]}")
	return b.Bytes()
}

func (m *mailbox) close() { m.once.Do(func() { close(m.frames) }) }
