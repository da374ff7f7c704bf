package hooks_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/store"
)

// TestRoutingDefaultQueue: with no queue configured, a new conversation goes
// at once to the least busy online agent; suspended and offline agents and
// supervisors take none.
func TestRoutingDefaultQueue(t *testing.T) {
	h, _ := routingHarness(t)
	busy := h.routingAgent("busy", "online", 5)
	free := h.routingAgent("free", "online", 5)
	h.routingAgent("resting", "suspended", 5)
	h.setAgent(h.supervisor, map[string]any{"status": "online"})
	c1 := h.write("o_def1", "hello")
	if got := c1.GetString("agent"); got != busy.Id && got != free.Id {
		t.Fatalf("first conversation went to %q", got)
	}
	c2 := h.write("o_def2", "hello")
	if c1.GetString("agent") == c2.GetString("agent") {
		t.Fatalf("least busy: both conversations went to %s", c1.GetString("agent"))
	}
	if s := c2.GetString("state"); s != store.StateActive {
		t.Fatalf("assigned conversation state %q", s)
	}
}

// TestRoutingQueueNoticeAndEventDrain: nobody qualifies, so the customer
// waits with a queue notice naming their position; the moment an agent
// comes online the head is assigned, without polling.
func TestRoutingQueueNoticeAndEventDrain(t *testing.T) {
	h, clock := routingHarness(t)
	a := h.routingAgent("late", "offline", 1)
	q := h.routingQueue("售前", map[string]any{"agents": []map[string]any{{"agent": a.Id}}})
	h.setRecord(h.channel, map[string]any{"default_queue": q.Id})
	c1 := h.write("o_wait1", "hi")
	clock.Advance(time.Second)
	c2 := h.write("o_wait2", "hi")
	if c1.GetString("agent") != "" || c2.GetString("state") != store.StateQueued {
		t.Fatal("conversations must wait while nobody is online")
	}
	if got := h.systemTexts(c2.Id); len(got) != 1 || !strings.Contains(got[0], "第 2 位") {
		t.Fatalf("queue notice of the second customer: %q", got)
	}
	// A queued customer writing gets a comfort message with the position.
	h.write("o_wait2", "still there?")
	if got := h.systemTexts(c2.Id); len(got) != 2 || !strings.Contains(got[1], "第 2 位") {
		t.Fatalf("comfort message: %q", got)
	}
	h.setAgent(a, map[string]any{"status": "online"})
	if h.agentOf(c1) != a.Id || h.agentOf(c2) != "" {
		t.Fatalf("coming online must take the head only (capacity 1): %q %q", h.agentOf(c1), h.agentOf(c2))
	}
	h.setAgent(a, map[string]any{"max_concurrent": 2})
	if h.agentOf(c2) != a.Id {
		t.Fatal("raising max_concurrent must assign the next head")
	}
}

// TestRoutingDefaultQueueIsSilent: the implicit default queue routes but
// sends no automatic message nobody has worded.
func TestRoutingDefaultQueueIsSilent(t *testing.T) {
	h, _ := routingHarness(t)
	c := h.write("o_silent", "hi")
	h.write("o_silent", "anyone?")
	if got := h.systemTexts(c.Id); len(got) != 0 {
		t.Fatalf("default queue sent %q", got)
	}
}

// TestRoutingFixedNotice: with live position off the fixed notice is sent.
func TestRoutingFixedNotice(t *testing.T) {
	h, _ := routingHarness(t)
	q := h.routingQueue("售后", map[string]any{"live_position": false})
	h.setRecord(h.channel, map[string]any{"default_queue": q.Id})
	c := h.write("o_fixed", "hi")
	if c.GetString("queue") != q.Id {
		t.Fatalf("conversation queue %q, want the channel default %q", c.GetString("queue"), q.Id)
	}
	if got := h.systemTexts(c.Id); len(got) != 1 || got[0] != "排队中，请稍候~" {
		t.Fatalf("fixed notice: %q", got)
	}
}

// TestRoutingComfortInNamedQueue: a customer who writes again while
// waiting in a named queue gets the comfort message with their position;
// in the default queue, they get nothing (TestRoutingDefaultQueueIsSilent).
func TestRoutingComfortInNamedQueue(t *testing.T) {
	h, _ := routingHarness(t)
	q := h.routingQueue("售前", nil)
	h.setRecord(h.channel, map[string]any{"default_queue": q.Id})
	c := h.write("o_comfort", "hi")
	h.write("o_comfort", "还在吗")
	got := h.systemTexts(c.Id)
	if len(got) != 2 || got[1] != "客服正在赶来，您当前排在第 1 位，请耐心等待~" {
		t.Fatalf("notice then comfort: %q", got)
	}
}

// TestRoutingAbandon: the keyword closes the conversation as abandoned and
// confirms; a sentence merely containing it does not.
func TestRoutingAbandon(t *testing.T) {
	h, _ := routingHarness(t)
	c := h.write("o_quit", "hi")
	h.write("o_quit", "我不想放弃排队")
	if h.reload(c).GetString("state") != store.StateQueued {
		t.Fatal("a sentence containing the keyword must not abandon")
	}
	h.write("o_quit", "放弃排队")
	c = h.reload(c)
	if c.GetString("state") != store.StateClosed || c.GetString("close_reason") != "abandoned" {
		t.Fatalf("after the keyword: state %q reason %q", c.GetString("state"), c.GetString("close_reason"))
	}
	got := h.systemTexts(c.Id)
	if len(got) == 0 || got[len(got)-1] != "您已退出排队，欢迎随时再来咨询~" {
		t.Fatalf("confirmation: %q", got)
	}
}

// TestRoutingReservedBudget: automatic messages stop while 2 of the 5 sends
// remain, so the agent who picks the conversation up can still answer.
func TestRoutingReservedBudget(t *testing.T) {
	h, _ := routingHarness(t)
	q := h.routingQueue("售前", nil)
	h.setRecord(h.channel, map[string]any{"default_queue": q.Id})
	c := h.write("o_budget", "hi") // 1 notice
	conv, err := store.FindConversation(h.app, c.Id)
	if err != nil {
		t.Fatal(err)
	}
	sent := 1
	for range 5 {
		ok, err := h.desk.Actions.QueueNotice(h.app, conv, "comfort")
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			sent++
		}
	}
	if sent != 3 {
		t.Fatalf("automatic messages sent: %d, want 3 of 5", sent)
	}
	b, err := h.desk.Actions.Budget(h.app, conv)
	if err != nil {
		t.Fatal(err)
	}
	if b.Remaining != 2 {
		t.Fatalf("remaining for the agent: %d, want 2", b.Remaining)
	}
}

// TestRoutingBlockedCustomer: a blocked customer is never routed and gets
// no queue notice, though an agent is free.
func TestRoutingBlockedCustomer(t *testing.T) {
	h, clock := routingHarness(t)
	free := h.routingAgent("free", "online", 5)
	q := h.routingQueue("售前", map[string]any{"agents": []map[string]any{{"agent": free.Id}}})
	h.setRecord(h.channel, map[string]any{"default_queue": q.Id})
	h.routingCustomer("o_blocked", map[string]any{"blocked_until": clock.Now().Add(24 * time.Hour)})
	c := h.write("o_blocked", "hi")
	if c.GetString("agent") != "" {
		t.Fatal("a blocked customer was routed")
	}
	if got := h.systemTexts(c.Id); len(got) != 0 {
		t.Fatalf("a blocked customer got %q", got)
	}
}

// TestRoutingPrecedence: owner, familiar, designated and VIP each win when
// their agent qualifies and fall through when it is offline, suspended or
// full.
func TestRoutingPrecedence(t *testing.T) {
	for _, fail := range []map[string]any{{"status": "offline"}, {"status": "suspended"}, {"max_concurrent": 1}} {
		t.Run(fmt.Sprint(fail), func(t *testing.T) {
			h, clock := routingHarness(t)
			owner := h.routingAgent("owner", "online", 5)
			familiar := h.routingAgent("familiar", "online", 5)
			pinned := h.routingAgent("pinned", "online", 5)
			other := h.routingAgent("other", "online", 5)
			// The other members are busier, so the strategy alone would pick "other".
			for _, a := range []*core.Record{owner, familiar, pinned} {
				h.holdOne(a, clock)
			}
			q := h.routingQueue("vip", map[string]any{"familiar_days": 7,
				"agents": []map[string]any{{"agent": owner.Id}, {"agent": familiar.Id}, {"agent": pinned.Id}, {"agent": other.Id}},
				"rules":  []map[string]any{{"tag": "gold", "agent": pinned.Id}}})
			h.setRecord(h.channel, map[string]any{"default_queue": q.Id})
			h.routingCustomer("o_prec", map[string]any{"owner": owner.Id, "tags": []string{"gold"}})
			h.served("o_prec", familiar, clock)

			steps := []*core.Record{owner, familiar, pinned, other}
			for i, want := range steps {
				c := h.write("o_prec", "hi")
				if got := c.GetString("agent"); got != want.Id {
					t.Fatalf("step %d: got %q want %s (%s)", i, got, want.GetString("name"), want.Id)
				}
				h.closeConv(c)
				h.served("o_prec", familiar, clock) // stay familiar to the same agent
				if i < len(steps)-1 {
					h.setAgent(want, fail)
				}
			}
		})
	}
}

// TestRoutingConcurrentArrivals: 200 conversations arriving at once for 10
// agents with capacity 5 → exactly 50 assigned, none twice, nobody over 5,
// the other 150 queued and then drained in service order (VIP first, then
// first come) as conversations close.
func TestRoutingConcurrentArrivals(t *testing.T) {
	h, _ := routingHarness(t)
	var agents []*core.Record
	for i := range 10 {
		agents = append(agents, h.routingAgent(fmt.Sprintf("cap%02d", i), "online", 5))
	}
	for i := range 200 {
		if i%10 == 7 {
			h.routingCustomer(fmt.Sprintf("o_many%03d", i), map[string]any{"vip": true})
		}
	}
	var amu sync.Mutex
	times := map[string]int{}
	h.desk.Assign.OnAssigned(func(convID, _ string) {
		amu.Lock()
		times[convID]++
		amu.Unlock()
	})
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for i := range 200 {
		wg.Go(func() {
			id := fmt.Sprintf("o_many%03d", i)
			errs <- h.desk.Ingest.StoreBatch(h.channel.Id, []channel.Inbound{coreText(id, "many-"+id, "hi")})
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	h.desk.Assign.Idle()
	assigned := h.count(store.CollectionConversations, "agent != '' && state = 'active'")
	queued := h.count(store.CollectionConversations, "agent = '' && state = 'queued'")
	if assigned != 50 || queued != 150 {
		t.Fatalf("assigned %d queued %d, want 50 and 150", assigned, queued)
	}
	h.checkLoads(agents, 5)
	amu.Lock()
	for id, n := range times {
		if n != 1 {
			t.Errorf("conversation %s assigned %d times", id, n)
		}
	}
	if len(times) != 50 {
		t.Errorf("%d assignments announced, want 50", len(times))
	}
	amu.Unlock()

	// Expected service order of the waiting list: VIP first, then queued_at, then id.
	waiting, err := h.app.FindRecordsByFilter(store.CollectionConversations, "agent = '' && state = 'queued'", "", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	vip := map[string]bool{}
	for _, c := range waiting {
		cust, _ := h.app.FindRecordById(store.CollectionCustomers, c.GetString("customer"))
		vip[c.Id] = cust.GetBool("vip")
	}
	slices.SortFunc(waiting, func(a, b *core.Record) int {
		if vip[a.Id] != vip[b.Id] {
			if vip[a.Id] {
				return -1
			}
			return 1
		}
		if c := a.GetDateTime("queued_at").Time().Compare(b.GetDateTime("queued_at").Time()); c != 0 {
			return c
		}
		return strings.Compare(a.Id, b.Id)
	})
	for i, next := range waiting {
		active, err := h.app.FindFirstRecordByFilter(store.CollectionConversations, "agent != '' && state = 'active'")
		if err != nil {
			t.Fatal(err)
		}
		h.closeConv(active)
		if got := h.agentOf(next); got == "" {
			t.Fatalf("after close %d the head %s (vip %v) was not assigned", i, next.Id, vip[next.Id])
		}
		if i+1 < len(waiting) && h.agentOf(waiting[i+1]) != "" {
			t.Fatalf("after close %d a conversation behind the head was assigned", i)
		}
	}
	h.checkLoads(agents, 5)
}

// TestRoutingNewAgentAndQueueMembers: an agent created online and a queue
// gaining a member both drain the waiting conversations at once.
func TestRoutingNewAgentAndQueueMembers(t *testing.T) {
	h, _ := routingHarness(t)
	q := h.routingQueue("夜班", nil)
	h.setRecord(h.channel, map[string]any{"default_queue": q.Id})
	c := h.write("o_newq", "hi")
	night := h.routingAgent("night", "online", 5)
	if h.agentOf(c) != "" {
		t.Fatal("an agent outside the queue took its conversation")
	}
	h.setRecord(q, map[string]any{"agents": []map[string]any{{"agent": night.Id}}})
	if h.agentOf(c) != night.Id {
		t.Fatal("adding a member did not drain the queue")
	}
	h.setRecord(h.channel, map[string]any{"default_queue": ""})
	c2 := h.write("o_newa", "hi")
	h.setAgent(night, map[string]any{"status": "offline"})
	c3 := h.write("o_newa2", "hi")
	if h.agentOf(c3) != "" {
		t.Fatal("premise: nobody online")
	}
	day := h.routingAgent("day", "online", 5)
	if h.agentOf(c3) != day.Id || h.agentOf(c2) != night.Id {
		t.Fatalf("an agent created online must take the waiting conversation: %q", h.agentOf(c3))
	}
}
