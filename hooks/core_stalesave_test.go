package hooks_test

import (
	"net/http"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/store"
)

// The tests of this file interleave a customer message (or another
// writer) between the moment an action loads a record and the moment it
// saves it, and check that nothing written in between is lost. Each fails
// if the action's store.SaveChanges is replaced by a whole-record app.Save.
//
// Claim, Close, Retry and the outbound guard load and save inside one
// transaction. PocketBase runs write transactions one at a time on its
// single writer connection, so a real ingest commit cannot land between
// their load and save; the tests still inject the writer's own UPDATE
// (store.TouchConversations) inside the transaction, right before the
// save's UPDATE (an OnRecordUpdate hook before e.Next()), so that the
// actions stay correct when they are moved out of a transaction or the
// database allows concurrent writers.

// beforeNextUpdate runs write, once, inside the transaction of the next
// update of the record id of collection, just before its UPDATE.
func (h *harness) beforeNextUpdate(collection, id string, write func(tx core.App) error) *atomic.Bool {
	var fired atomic.Bool
	h.app.OnRecordUpdate(collection).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.Id == id && fired.CompareAndSwap(false, true) {
			if err := write(e.App); err != nil {
				h.t.Errorf("interleaved write: %v", err)
			}
		}
		return e.Next()
	})
	return &fired
}

// customerWritesDuring is the ingest writer's UPDATE for one customer
// message on conversation id at at.
func customerWritesDuring(id string, at time.Time, preview string) func(tx core.App) error {
	return func(tx core.App) error {
		return store.TouchConversations(tx, []*store.ConversationTouch{{ID: id, Unread: 1, At: at, LastPreview: preview}})
	}
}

func expectConvState(t *testing.T, h *harness, id string, want convState) *core.Record {
	t.Helper()
	c, err := h.app.FindRecordById(store.CollectionConversations, id)
	if err != nil {
		t.Fatal(err)
	}
	got := stateOf(c)
	if got.Unread != want.Unread || !got.LastCustomerAt.Equal(want.LastCustomerAt) ||
		!got.LastMessageAt.Equal(want.LastMessageAt) || got.LastPreview != want.LastPreview {
		t.Fatalf("conversation after the save:\n got  %+v\n want %+v", got, want)
	}
	return c
}

// TestCoreMarkReadKeepsNewerMessage: the inbox loads the conversation, a
// customer message is committed, then the stale record is marked read.
func TestCoreMarkReadKeepsNewerMessage(t *testing.T) {
	clock := newCoreClock()
	h := newHarnessApp(t, hooks.Options{Now: clock.Now})
	h.commit(coreText("o_stale_read", "r1", "first"))
	conv := h.openConv("o_stale_read")
	agent := store.NewAgent(h.agent)
	if _, err := h.desk.Actions.Claim(h.app, agent, conv.Id); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Minute)
	h.commit(coreText("o_stale_read", "r2", "second"))

	stale := store.NewConversation(h.reload(conv)) // the page loads it: unread 1
	t3 := clock.Advance(time.Minute)
	h.commit(coreText("o_stale_read", "r3", "third")) // meanwhile, the customer writes
	mustDiffer(t, stateOf(stale.Record), stateOf(h.reload(conv)))

	if err := h.desk.Actions.MarkRead(h.app, agent, stale); err != nil {
		t.Fatal(err)
	}
	expectConvState(t, h, conv.Id, convState{Unread: 0, LastCustomerAt: t3, LastMessageAt: t3, LastPreview: "third"})
}

// TestCoreClaimKeepsNewerMessage: a customer message lands between the
// claim's load and its save.
func TestCoreClaimKeepsNewerMessage(t *testing.T) {
	clock := newCoreClock()
	h := newHarnessApp(t, hooks.Options{Now: clock.Now})
	h.commit(coreText("o_stale_claim", "c1", "first"))
	conv := h.openConv("o_stale_claim")
	t2 := clock.Advance(time.Minute)
	fired := h.beforeNextUpdate(store.CollectionConversations, conv.Id, customerWritesDuring(conv.Id, t2, "during claim"))

	claimed, err := h.desk.Actions.Claim(h.app, store.NewAgent(h.agent), conv.Id)
	if err != nil || !fired.Load() {
		t.Fatalf("claim: %v (interleaved: %v)", err, fired.Load())
	}
	mustDiffer(t, stateOf(claimed.Record), stateOf(h.reload(conv)))
	c := expectConvState(t, h, conv.Id, convState{Unread: 0, LastCustomerAt: t2, LastMessageAt: t2, LastPreview: "during claim"})
	if c.GetString("agent") != h.agent.Id || c.GetString("state") != store.StateActive {
		t.Fatalf("claim not applied: agent=%q state=%q", c.GetString("agent"), c.GetString("state"))
	}
}

// TestCoreCloseKeepsNewerMessage: a customer message lands between the
// close's load and its save; the closed conversation keeps it (unread too).
func TestCoreCloseKeepsNewerMessage(t *testing.T) {
	clock := newCoreClock()
	h := newHarnessApp(t, hooks.Options{Now: clock.Now})
	h.commit(coreText("o_stale_close", "x1", "first"))
	conv := h.openConv("o_stale_close")
	agent := store.NewAgent(h.agent)
	if _, err := h.desk.Actions.Claim(h.app, agent, conv.Id); err != nil {
		t.Fatal(err)
	}
	t2 := clock.Advance(time.Minute)
	fired := h.beforeNextUpdate(store.CollectionConversations, conv.Id, customerWritesDuring(conv.Id, t2, "wait, one more thing"))

	if _, err := h.desk.Actions.Close(h.app, agent, conv.Id, ""); err != nil || !fired.Load() {
		t.Fatalf("close: %v (interleaved: %v)", err, fired.Load())
	}
	c := expectConvState(t, h, conv.Id, convState{Unread: 1, LastCustomerAt: t2, LastMessageAt: t2, LastPreview: "wait, one more thing"})
	if c.GetString("state") != store.StateClosed || c.GetString("close_reason") != "agent" {
		t.Fatalf("close not applied: state=%q reason=%q", c.GetString("state"), c.GetString("close_reason"))
	}
}

// TestCoreRetryKeepsNewerWrites: retry saves the message, never the
// conversation; an edit of the message made between its load and save
// (a superuser redacting the text in the dashboard) survives too.
func TestCoreRetryKeepsNewerWrites(t *testing.T) {
	clock := newCoreClock()
	h := newHarnessApp(t, hooks.Options{Now: clock.Now})
	h.commit(coreText("o_stale_retry", "y1", "first"))
	conv := h.openConv("o_stale_retry")
	agent := store.NewAgent(h.agent)
	if _, err := h.desk.Actions.Claim(h.app, agent, conv.Id); err != nil {
		t.Fatal(err)
	}
	err := h.app.RunInTransaction(func(tx core.App) error {
		return h.desk.Actions.QueueText(tx, store.NewConversation(h.reload(conv)), agent, store.SenderAgent, "a reply")
	})
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := h.app.FindFirstRecordByFilter(store.CollectionMessages, "text = 'a reply'")
	if _, err := h.app.NonconcurrentDB().NewQuery("UPDATE messages SET status = 'failed', attempts = 10, error = 'gave up' WHERE id = {:id}").
		Bind(map[string]any{"id": msg.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	t2 := clock.Advance(time.Minute)
	fired := h.beforeNextUpdate(store.CollectionMessages, msg.Id, func(tx core.App) error {
		if err := customerWritesDuring(conv.Id, t2, "still there?")(tx); err != nil {
			return err
		}
		_, err := tx.NonconcurrentDB().NewQuery("UPDATE messages SET text = '[redacted]' WHERE id = {:id}").
			Bind(map[string]any{"id": msg.Id}).Execute()
		return err
	})

	if _, err := h.desk.Actions.Retry(h.app, agent, msg.Id); err != nil || !fired.Load() {
		t.Fatalf("retry: %v (interleaved: %v)", err, fired.Load())
	}
	m := h.reload(msg)
	if m.GetString("status") != store.StatusPending || m.GetInt("attempts") != 0 || m.GetString("text") != "[redacted]" {
		t.Fatalf("message after retry: status=%q attempts=%d text=%q, want pending, 0, the redacted text",
			m.GetString("status"), m.GetInt("attempts"), m.GetString("text"))
	}
	expectConvState(t, h, conv.Id, convState{Unread: 1, LastCustomerAt: t2, LastMessageAt: t2, LastPreview: "still there?"})
}

// TestCoreFirstReplyClaimKeepsNewerMessage: an agent's first reply claims
// the queued conversation; a customer message lands between the guard's
// load of the conversation and the claim's save.
func TestCoreFirstReplyClaimKeepsNewerMessage(t *testing.T) {
	clock := newCoreClock()
	h := newHarness(t, hooks.Options{Now: clock.Now})
	const openid = "oUserStaleReply1"
	h.customer(openid)
	h.commit(coreText(openid, "f1", "first"))
	conv := h.openConv(openid)
	t2 := clock.Advance(time.Minute)
	fired := h.beforeNextUpdate(store.CollectionConversations, conv.Id, customerWritesDuring(conv.Id, t2, "are you there?"))

	if status, body := h.reply(h.agent, conv.Id, "hello"); status != http.StatusOK || !fired.Load() {
		t.Fatalf("reply: %d %s (interleaved: %v)", status, body, fired.Load())
	}
	c := expectConvState(t, h, conv.Id, convState{Unread: 2, LastCustomerAt: t2, LastMessageAt: t2, LastPreview: "are you there?"})
	if c.GetString("agent") != h.agent.Id || c.GetString("state") != store.StateActive {
		t.Fatalf("first reply did not claim: agent=%q state=%q", c.GetString("agent"), c.GetString("state"))
	}
}

// TestCoreCustomerEditsKeepNewerProfile: an agent's VIP, tags or notes
// edit saves the customer; the profile sync (or another agent) wrote the
// nickname and avatar between the edit's load and its save.
func TestCoreCustomerEditsKeepNewerProfile(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	const openid = "oUserStaleCust1"
	h.customer(openid)
	h.commit(coreText(openid, "e1", "hi"))
	cust, err := h.app.FindFirstRecordByFilter(store.CollectionCustomers, "external_id = {:x}", map[string]any{"x": openid})
	if err != nil {
		t.Fatal(err)
	}
	// Let the enricher's own profile sync of the new customer finish first.
	h.waitFor("profile synced", func() bool { return !h.reload(cust).GetDateTime("info_synced_at").IsZero() })

	edits := []struct {
		name, path string
		form       url.Values
		check      func(c *core.Record) bool
	}{
		{"vip", "/vip", url.Values{"vip": {"true"}}, func(c *core.Record) bool { return c.GetBool("vip") }},
		{"tags", "/tags", url.Values{"tags": {"老客户, 退货"}}, func(c *core.Record) bool {
			return len(store.NewCustomer(c).Tags()) == 2
		}},
		{"notes", "/notes", url.Values{"notes": {"prefers email"}}, func(c *core.Record) bool { return c.GetString("notes") == "prefers email" }},
	}
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			nick := "nick after " + e.name
			fired := h.beforeNextUpdate(store.CollectionCustomers, cust.Id, func(tx core.App) error {
				_, err := tx.NonconcurrentDB().NewQuery("UPDATE customers SET nickname = {:n}, avatar = {:a} WHERE id = {:id}").
					Bind(map[string]any{"n": nick, "a": "https://example.com/" + e.name + ".png", "id": cust.Id}).Execute()
				return err
			})
			status, body := h.inboxRequest(h.agent, http.MethodPost, "/inbox/customers/"+cust.Id+e.path, e.form)
			if status != http.StatusSeeOther || !fired.Load() {
				t.Fatalf("edit: %d %s (interleaved: %v)", status, body, fired.Load())
			}
			c := h.reload(cust)
			if !e.check(c) {
				t.Fatalf("the %s edit was not applied: %v", e.name, c.PublicExport())
			}
			if c.GetString("nickname") != nick || c.GetString("avatar") != "https://example.com/"+e.name+".png" {
				t.Fatalf("the %s edit put back a stale profile: nickname=%q avatar=%q, want %q",
					e.name, c.GetString("nickname"), c.GetString("avatar"), nick)
			}
		})
	}
}

// TestCoreProfileSyncKeepsNewerWrites: the enricher loads new customers,
// asks the driver for their profile and saves it; meanwhile an agent
// edits the customer and the customer writes again.
func TestCoreProfileSyncKeepsNewerWrites(t *testing.T) {
	clock := newCoreClock()
	h := newHarness(t, testDriverOptions(hooks.Options{Now: clock.Now}))
	ch := h.createTestDriverChannel(testDriverKind)
	const from = "ext_stale_profile"
	t2 := clock.Now().Add(time.Minute)
	var during atomic.Bool
	ch.acct.SetProfile(from, channel.Profile{Nickname: "小明", Avatar: "https://example.com/a.png", UnionID: "u_1"})
	ch.acct.OnProfile = func(string) {
		if !during.CompareAndSwap(false, true) {
			return
		}
		clock.Advance(time.Minute)
		ch.commit(coreText(from, "p2", "second"))
		if _, err := h.app.NonconcurrentDB().NewQuery("UPDATE customers SET notes = 'agent note', vip = 1 WHERE external_id = {:x}").
			Bind(map[string]any{"x": from}).Execute(); err != nil {
			t.Error(err)
		}
	}
	ch.commit(coreText(from, "p1", "first")) // a new customer: the enricher fetches the profile
	h.waitFor("profile synced", func() bool {
		c, err := h.app.FindFirstRecordByFilter(store.CollectionCustomers, "info_synced_at != ''")
		return err == nil && c.GetString("nickname") != ""
	})
	c, _ := h.app.FindFirstRecordByFilter(store.CollectionCustomers, "external_id = {:x}", map[string]any{"x": from})
	if c.GetString("nickname") != "小明" || c.GetString("unionid") != "u_1" || c.GetString("notes") != "agent note" || !c.GetBool("vip") {
		t.Fatalf("customer after profile sync: %v (the agent's note and VIP must survive)", c.PublicExport())
	}
	conv := h.openConv(from)
	expectConvState(t, h, conv.Id, convState{Unread: 2, LastCustomerAt: t2, LastMessageAt: t2, LastPreview: "second"})
}

// TestCoreOutboxOutcomeKeepsNewerWrites: the outbox loads a pending reply,
// hands it to the driver and records the outcome; during the send the
// customer writes and a superuser redacts the message's text.
func TestCoreOutboxOutcomeKeepsNewerWrites(t *testing.T) {
	clock := newCoreClock()
	h := newHarness(t, testDriverOptions(hooks.Options{Now: clock.Now}))
	ch := h.createTestDriverChannel(testDriverKind)
	const from = "ext_stale_outbox"
	ch.commit(coreText(from, "o1", "first"))
	conv := h.openConv(from)
	agent := store.NewAgent(h.agent)
	if _, err := h.desk.Actions.Claim(h.app, agent, conv.Id); err != nil {
		t.Fatal(err)
	}
	t2 := clock.Now().Add(time.Minute)
	var during atomic.Bool
	ch.acct.OnSend = func(m *channel.Outbound) {
		if !during.CompareAndSwap(false, true) {
			return
		}
		clock.Advance(time.Minute)
		ch.commit(coreText(from, "o2", "thanks"))
		if _, err := h.app.NonconcurrentDB().NewQuery("UPDATE messages SET text = '[redacted]' WHERE id = {:id}").
			Bind(map[string]any{"id": m.ID}).Execute(); err != nil {
			t.Error(err)
		}
	}
	err := h.app.RunInTransaction(func(tx core.App) error {
		return h.desk.Actions.QueueText(tx, store.NewConversation(h.reload(conv)), agent, store.SenderAgent, "your order shipped")
	})
	if err != nil {
		t.Fatal(err)
	}
	h.desk.Outbox.Notify()
	h.waitFor("sent", func() bool { return h.count(store.CollectionMessages, "status = 'sent'") == 1 })
	m, _ := h.app.FindFirstRecordByFilter(store.CollectionMessages, "status = 'sent'")
	if m.GetString("text") != "[redacted]" || m.GetString("wechat_msgid") != "ct-1" {
		t.Fatalf("sent message: text=%q msgid=%q, want the redacted text and the driver's id", m.GetString("text"), m.GetString("wechat_msgid"))
	}
	if sent := ch.acct.Sent(); len(sent) != 1 || sent[0].Text != "your order shipped" || sent[0].ExternalID != from {
		t.Fatalf("driver got %+v", sent)
	}
	expectConvState(t, h, conv.Id, convState{Unread: 1, LastCustomerAt: t2, LastMessageAt: t2, LastPreview: "thanks"})
}
