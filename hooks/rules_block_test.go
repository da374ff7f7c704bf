package hooks_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/store"
)

// apiPost posts to a /api/wedesk action as an agent.
func (h *harness) apiPost(agent *core.Record, path string) (int, string) {
	h.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, h.srv.URL+path, nil)
	req.Header.Set("Authorization", h.token(agent))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	return res.StatusCode, readAll(h.t, res)
}

// apiGet gets a /api/wedesk resource as an agent.
func (h *harness) apiGet(agent *core.Record, path string) (int, string) {
	h.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, h.srv.URL+path, nil)
	req.Header.Set("Authorization", h.token(agent))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	return res.StatusCode, readAll(h.t, res)
}

// TestBlockFor30Days: an agent blocks the customer from the conversation;
// sending is refused, the customer's messages are stored and flagged, the
// block and its author are recorded and counted per agent; only a
// supervisor lifts it.
func TestBlockFor30Days(t *testing.T) {
	clock := newCoreClock()
	h := newHarness(t, hooks.Options{Now: clock.Now, PauseOutbox: true})
	h.commit(coreText("oBlock00000001", "blk-m1", "广告"))
	conv := h.openConv("oBlock00000001")

	status, body := h.apiPost(h.agent, "/api/wedesk/conversations/"+conv.Id+"/block")
	if status != 200 {
		t.Fatalf("block: %d %s", status, body)
	}
	cust, err := h.app.FindRecordById(store.CollectionCustomers, conv.GetString("customer"))
	if err != nil {
		t.Fatal(err)
	}
	if !cust.GetDateTime("blocked_until").Time().Equal(clock.Now().Add(30*24*time.Hour)) ||
		cust.GetString("blocked_by") != h.agent.Id || !cust.GetDateTime("blocked_at").Time().Equal(clock.Now()) {
		t.Fatalf("customer after the block: %v", cust.PublicExport())
	}
	if got := h.budgetRow(conv.Id); !got.Locked || got.Reason != "blocked" {
		t.Fatalf("conversation after the block: %+v", got)
	}
	status, body = h.reply(h.agent, conv.Id, "您好")
	if code, _ := refusal(t, body); status != 400 || code != "blocked" {
		t.Fatalf("reply to a blocked customer: %d %s", status, body)
	}

	// The customer writes: stored, flagged, still locked.
	clock.Advance(time.Hour)
	h.commit(coreText("oBlock00000001", "blk-m2", "再来广告"))
	msg, err := h.app.FindFirstRecordByFilter(store.CollectionMessages, "wechat_msgid = 'blk-m2'")
	if err != nil {
		t.Fatal(err)
	}
	if !msg.GetBool("blocked") {
		t.Fatal("a blocked customer's message is not flagged")
	}
	if got := h.budgetRow(conv.Id); !got.Locked || got.Reason != "blocked" {
		t.Fatalf("a blocked customer's message reopened sending: %+v", got)
	}

	// Stats: blocks per agent.
	counts, err := store.CountBlocksByAgent(h.app, time.Time{}, time.Time{})
	if err != nil || len(counts) != 1 || counts[0].AgentID != h.agent.Id || counts[0].Blocks != 1 {
		t.Fatalf("blocks per agent: %+v %v", counts, err)
	}

	// The stats endpoint serves the same count to supervisors only.
	if status, body := h.apiGet(h.supervisor, "/api/wedesk/stats/blocks"); status != 200 ||
		!strings.Contains(body, `{"agent":"`+h.agent.Id+`","blocks":1}`) {
		t.Fatalf("block stats: %d %s", status, body)
	}
	if status, _ := h.apiGet(h.agent, "/api/wedesk/stats/blocks"); status != 403 {
		t.Fatalf("block stats for an agent: %d, want 403", status)
	}

	// An agent cannot unblock; a supervisor can.
	if status, body := h.apiPost(h.agent, "/api/wedesk/conversations/"+conv.Id+"/unblock"); status != 403 {
		t.Fatalf("agent unblock: %d %s", status, body)
	}
	if status, body := h.apiPost(h.supervisor, "/api/wedesk/conversations/"+conv.Id+"/unblock"); status != 200 {
		t.Fatalf("supervisor unblock: %d %s", status, body)
	}
	cust = h.reload(cust)
	if !cust.GetDateTime("blocked_until").IsZero() || cust.GetString("blocked_by") != "" {
		t.Fatalf("customer after the unblock: %v", cust.PublicExport())
	}
	if got := h.budgetRow(conv.Id); got.Locked || got.SendsLeft != 5 {
		t.Fatalf("conversation after the unblock: %+v", got)
	}
	if n := h.count(store.CollectionCustomerBlocks, "action = 'unblock' && agent = '"+h.supervisor.Id+"'"); n != 1 {
		t.Fatalf("%d unblocks logged, want 1", n)
	}
	h.mustReply(conv.Id)
}

// TestBlockExpires: after 30 days the customer may be served again.
func TestBlockExpires(t *testing.T) {
	clock := newCoreClock()
	h := newHarness(t, hooks.Options{Now: clock.Now, PauseOutbox: true})
	h.commit(coreText("oBlockEnd00001", "blke-m1", "你好"))
	conv := h.openConv("oBlockEnd00001").Id
	if status, body := h.apiPost(h.agent, "/api/wedesk/conversations/"+conv+"/block"); status != 200 {
		t.Fatalf("block: %d %s", status, body)
	}
	clock.Advance(30*24*time.Hour + time.Minute)
	h.desk.Actions.LockExpiredWindows()
	if got := h.budgetRow(conv); got.Reason == "blocked" {
		t.Fatalf("still locked for a block that ended: %+v", got)
	}
	h.commit(coreText("oBlockEnd00001", "blke-m2", "一个月后"))
	msg, _ := h.app.FindFirstRecordByFilter(store.CollectionMessages, "wechat_msgid = 'blke-m2'")
	if msg.GetBool("blocked") {
		t.Fatal("a message after the block ended is flagged")
	}
	if status, body := h.reply(h.agent, conv, "欢迎回来"); status != 200 {
		t.Fatalf("reply after the block ended: %d %s", status, body)
	}
}
