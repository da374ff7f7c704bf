package hooks_test

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/subscriptions"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/live"
	"github.com/wedesk/wedesk/internal/store"
)

// liveViewer is a realtime client signed in as an agent, as the inbox
// connects: it records every message it is sent.
type liveViewer struct {
	client *subscriptions.DefaultClient
	mu     sync.Mutex
	got    []subscriptions.Message
}

func (h *harness) liveViewer(agent *core.Record, topics ...string) *liveViewer {
	h.t.Helper()
	v := &liveViewer{client: subscriptions.NewDefaultClient()}
	v.client.Set(apis.RealtimeClientAuthKey, agent)
	v.client.Subscribe(topics...)
	h.app.SubscriptionsBroker().Register(v.client)
	go func() {
		for m := range v.client.Channel() {
			v.mu.Lock()
			v.got = append(v.got, m)
			v.mu.Unlock()
		}
	}()
	h.t.Cleanup(func() { h.app.SubscriptionsBroker().Unregister(v.client.Id()) })
	return v
}

// take returns and forgets what the viewer received on topic, waiting up
// to wait for at least want messages.
func (v *liveViewer) take(topic string, want int, wait time.Duration) []string {
	deadline := time.Now().Add(wait)
	for {
		v.mu.Lock()
		var out []string
		var rest []subscriptions.Message
		for _, m := range v.got {
			if strings.HasPrefix(m.Name, topic) {
				out = append(out, string(m.Data))
			} else {
				rest = append(rest, m)
			}
		}
		if len(out) >= want || time.Now().After(deadline) {
			v.got = rest
			v.mu.Unlock()
			return out
		}
		v.mu.Unlock()
		time.Sleep(5 * time.Millisecond)
	}
}

type liveFrame struct {
	Resync bool         `json:"resync"`
	Events []live.Event `json:"events"`
}

func decodeFrames(t *testing.T, raw []string) []liveFrame {
	t.Helper()
	out := make([]liveFrame, len(raw))
	for i, r := range raw {
		if err := json.Unmarshal([]byte(r), &out[i]); err != nil {
			t.Fatalf("frame %q: %v", r, err)
		}
	}
	return out
}

// TestLiveFanOutFollowsTheRules: one ingest batch is one frame per viewer;
// an unassigned conversation reaches every agent, an assigned one its
// agent and the supervisors only, and the agents who lose sight of a
// queued conversation are told its id and nothing else.
func TestLiveFanOutFollowsTheRules(t *testing.T) {
	h := newHarnessApp(t, hooks.Options{})
	a := h.liveViewer(h.agent, live.Topic)
	b := h.liveViewer(h.agent2, live.Topic)
	s := h.liveViewer(h.supervisor, live.Topic)

	h.commit(coreText("o_live_1", "live-1", "你好"), coreText("o_live_1", "live-2", "在吗"))
	for name, v := range map[string]*liveViewer{"agent": a, "agent2": b, "supervisor": s} {
		frames := decodeFrames(t, v.take(live.Topic, 1, 2*time.Second))
		if len(frames) != 1 || len(frames[0].Events) != 3 {
			t.Fatalf("%s: %d frames %+v; want one frame with the conversation and 2 messages", name, len(frames), frames)
		}
		ev := frames[0].Events
		if ev[0].Kind != live.KindConversation || !ev[0].Opened || ev[0].State != store.StateQueued ||
			ev[1].Kind != live.KindMessage || ev[1].MsgID != "live-1" || ev[2].MsgID != "live-2" || ev[2].Seq <= ev[1].Seq {
			t.Fatalf("%s: events %+v", name, ev)
		}
	}

	conv := h.openConv("o_live_1")
	if _, err := h.desk.Actions.Claim(h.app, store.NewAgent(h.agent), conv.Id); err != nil {
		t.Fatal(err)
	}
	fa := decodeFrames(t, a.take(live.Topic, 1, 2*time.Second))
	fs := decodeFrames(t, s.take(live.Topic, 1, 2*time.Second))
	fb := decodeFrames(t, b.take(live.Topic, 1, 2*time.Second))
	if len(fa) != 1 || fa[0].Events[0].Agent != h.agent.Id || fa[0].Events[0].State != store.StateActive {
		t.Fatalf("claiming agent: %+v", fa)
	}
	if len(fs) != 1 || fs[0].Events[0].Agent != h.agent.Id {
		t.Fatalf("supervisor: %+v", fs)
	}
	if len(fb) != 1 || !fb[0].Events[0].Gone || fb[0].Events[0].ID != conv.Id || fb[0].Events[0].State != "" || fb[0].Events[0].Agent != "" {
		t.Fatalf("other agent: %+v; want only the id, gone", fb)
	}

	h.commit(coreText("o_live_1", "live-3", "还在吗"))
	if n := len(a.take(live.Topic, 1, 2*time.Second)); n != 1 {
		t.Fatalf("agent got %d frames for their conversation's message", n)
	}
	if n := len(s.take(live.Topic, 1, 2*time.Second)); n != 1 {
		t.Fatalf("supervisor got %d frames", n)
	}
	if got := b.take(live.Topic, 1, 300*time.Millisecond); len(got) != 0 {
		t.Fatalf("another agent heard of a conversation not theirs: %v", got)
	}
}

// TestLiveCollectionSubscriptionsKeepTheirRules: integrations that use the
// API's collection subscriptions still hear of ingest's records, and never
// of a conversation their agent may not see.
func TestLiveCollectionSubscriptionsKeepTheirRules(t *testing.T) {
	h := newHarness(t, hooks.Options{}) // serving: PocketBase binds its realtime with the router
	h.commit(coreText("o_coll_1", "coll-1", "first"))
	conv := h.openConv("o_coll_1")
	if _, err := h.desk.Actions.Claim(h.app, store.NewAgent(h.agent), conv.Id); err != nil {
		t.Fatal(err)
	}
	mine := h.liveViewer(h.agent, "messages/*", "conversations/*")
	other := h.liveViewer(h.agent2, "messages/*", "conversations/*")

	h.commit(coreText("o_coll_1", "coll-2", "second"))
	got := mine.take("messages", 1, 2*time.Second)
	if len(got) != 1 || !strings.Contains(got[0], `"coll-2"`) {
		t.Fatalf("the conversation's agent got %v on messages/*", got)
	}
	if c := mine.take("conversations", 1, 2*time.Second); len(c) != 1 || !strings.Contains(c[0], `"last_preview":"second"`) {
		t.Fatalf("the conversation's agent got %v on conversations/*", c)
	}
	if leaked := other.take("", 1, 300*time.Millisecond); len(leaked) != 0 {
		t.Fatalf("another agent's integration saw %v", leaked)
	}
}

// TestLiveSlowClientHoldsNobodyUp: a client that reads nothing does not
// slow publishing; it loses frames and, once it reads again, is told to
// resynchronise.
func TestLiveSlowClientHoldsNobodyUp(t *testing.T) {
	h := newHarnessApp(t, hooks.Options{})
	stuck := subscriptions.NewDefaultClient()
	stuck.Set(apis.RealtimeClientAuthKey, h.supervisor)
	stuck.Subscribe(live.Topic)
	h.app.SubscriptionsBroker().Register(stuck)
	defer h.app.SubscriptionsBroker().Unregister(stuck.Id())
	fast := h.liveViewer(h.agent, live.Topic)

	hub := h.desk.Live
	start := time.Now()
	for i := range 1000 {
		ev := live.ConversationEvent(h.channel, "", false) // any record: only the bytes matter here
		ev.Preview = strings.Repeat("x", i%7)
		hub.Publish(ev)
		hub.Flush() // one frame each, as 1,000 batches further apart than the flush gap would be
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("1,000 publishes with a stuck client took %v", d)
	}
	if hub.Dropped.Load() == 0 {
		t.Fatal("the stuck client's mailbox never filled")
	}
	// A reader that keeps up gets every event (frames that queued while it
	// was busy arrive merged); one outpaced by this tight loop (the test
	// machine may be busy) is told to resynchronise.
	events, resync := 0, false
	deadline := time.Now().Add(5 * time.Second)
	for events < 1000 && !resync && time.Now().Before(deadline) {
		for _, f := range decodeFrames(t, fast.take(live.Topic, 1, 100*time.Millisecond)) {
			events += len(f.Events)
			resync = resync || f.Resync
		}
	}
	if events != 1000 && !resync {
		t.Fatalf("the reading client got %d of 1,000 events, and no resync", events)
	}
	// The stuck client reads again: what waited, then a resync.
	var last string
	timeout := time.After(5 * time.Second)
	for last != `{"resync":true}` {
		select {
		case m := <-stuck.Channel():
			last = string(m.Data)
		case <-timeout:
			t.Fatalf("no resync frame; last %q", last)
		}
	}
}

// TestLiveBurstGoesOutAsOneFrame: events published in quick succession
// (batches committed within the hub's flush gap) reach a client as few
// frames, built once, in order; the first after a quiet spell goes at once.
func TestLiveBurstGoesOutAsOneFrame(t *testing.T) {
	h := newHarnessApp(t, hooks.Options{})
	v := h.liveViewer(h.supervisor, live.Topic)
	hub := h.desk.Live
	hub.Flush() // whatever setup published

	v.take(live.Topic, 0, 0)
	start := time.Now()
	hub.Publish(live.ConversationEvent(h.channel, "", false))
	if got := v.take(live.Topic, 1, 2*time.Second); len(got) != 1 {
		t.Fatalf("first event after a quiet spell: %d frames", len(got))
	}
	first := time.Since(start)

	for i := range 50 {
		ev := live.ConversationEvent(h.channel, "", false)
		ev.Unread = i
		hub.Publish(ev)
	}
	var unread []int
	frames := 0
	for deadline := time.Now().Add(3 * time.Second); len(unread) < 50 && time.Now().Before(deadline); {
		for _, f := range decodeFrames(t, v.take(live.Topic, 1, 100*time.Millisecond)) {
			frames++
			for _, e := range f.Events {
				unread = append(unread, e.Unread)
			}
		}
	}
	if len(unread) != 50 {
		t.Fatalf("got %d of 50 events", len(unread))
	}
	for i, u := range unread {
		if u != i {
			t.Fatalf("events out of order: %v", unread)
		}
	}
	if frames > 2 {
		t.Fatalf("50 events published at once came as %d frames (first after quiet: %v)", frames, first)
	}
}
