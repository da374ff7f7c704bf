package hooks_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/store"
)

// budgetRow is the send budget as the conversation row keeps it.
type budgetRow struct {
	SendsLeft   int
	WindowUntil time.Time
	Locked      bool
	Reason      string
}

func (h *harness) budgetRow(convID string) budgetRow {
	h.t.Helper()
	c, err := h.app.FindRecordById(store.CollectionConversations, convID)
	if err != nil {
		h.t.Fatal(err)
	}
	return budgetRow{c.GetInt("sends_left"), c.GetDateTime("window_until").Time(), c.GetBool("locked"), c.GetString("lock_reason")}
}

// refusal decodes a refused send's body.
func refusal(t testing.TB, body string) (code, message string) {
	t.Helper()
	var r struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatalf("refusal body %q: %v", body, err)
	}
	return r.Code, r.Message
}

// systemMessage stores an automatic outbound message (a queue notice) the
// way the routing and timeout jobs do: a plain record save.
func (h *harness) systemMessage(convID, text string, now time.Time) {
	h.t.Helper()
	h.newRecord(store.CollectionMessages, map[string]any{"conversation": convID, "direction": "out", "sender": "system",
		"type": "text", "text": text, "status": "pending", "next_attempt_at": now, "seq": now.UnixMicro() + 1})
}

// TestBudgetStateAcrossASequence walks one conversation through the
// sequences that matter, with the clock injected, checking after every step
// the budget the row keeps and the refusal an agent gets.
func TestBudgetStateAcrossASequence(t *testing.T) {
	clock := newCoreClock()
	h := newHarness(t, hooks.Options{Now: clock.Now, PauseOutbox: true})
	t0 := clock.Now()
	h.commit(coreText("oSeq0000000001", "seq-m1", "你好"))
	conv := h.openConv("oSeq0000000001").Id

	want := budgetRow{SendsLeft: 5, WindowUntil: t0.Add(48 * time.Hour)}
	if got := h.budgetRow(conv); !got.WindowUntil.Equal(want.WindowUntil) || got.SendsLeft != 5 || got.Locked {
		t.Fatalf("after the customer's message: %+v, want %+v", got, want)
	}

	steps := []struct {
		name   string
		do     func()
		left   int
		locked string // lock reason, "" when open
	}{
		{"agent reply 1", func() { h.mustReply(conv) }, 4, ""},
		{"queue notice (automatic) counts", func() { h.systemMessage(conv, "您前面还有 2 位", clock.Now()) }, 3, ""},
		{"agent reply 2", func() { h.mustReply(conv) }, 2, ""},
		{"agent reply 3", func() { h.mustReply(conv) }, 1, ""},
		{"agent reply 4 uses the last", func() { h.mustReply(conv) }, 0, "send_quota_reached"},
		{"customer writes: reset", func() { clock.Advance(time.Hour); h.commit(coreText("oSeq0000000001", "seq-m2", "在吗")) }, 5, ""},
		{"agent reply after reset", func() { h.mustReply(conv) }, 4, ""},
	}
	for _, s := range steps {
		s.do()
		got := h.budgetRow(conv)
		if got.SendsLeft != s.left || got.Locked != (s.locked != "") || got.Reason != s.locked {
			t.Fatalf("%s: row %+v, want %d left, lock %q", s.name, got, s.left, s.locked)
		}
	}

	// 48 h after the customer's last message the window closes.
	clock.Advance(48*time.Hour + time.Second)
	status, body := h.reply(h.agent, conv, "还在吗")
	if code, msg := refusal(t, body); status != 400 || code != "window_closed" || !strings.Contains(msg, "48 小时") {
		t.Fatalf("after 48 h: %d %s", status, body)
	}
	h.desk.Actions.LockExpiredWindows()
	if got := h.budgetRow(conv); !got.Locked || got.Reason != "window_closed" {
		t.Fatalf("expired window not locked in the row: %+v", got)
	}
	// The customer writes again: the lock lifts.
	h.commit(coreText("oSeq0000000001", "seq-m3", "我回来了"))
	if got := h.budgetRow(conv); got.Locked || got.SendsLeft != 5 {
		t.Fatalf("after the customer wrote again: %+v", got)
	}
}

func (h *harness) mustReply(conv string) {
	h.t.Helper()
	if status, body := h.reply(h.agent, conv, "好的"); status != 200 {
		h.t.Fatalf("reply: %d %s", status, body)
	}
}

// TestSixthSendRefusedInTheAgentsLanguage: the refusal carries the stable
// code and the reason in the agent's inbox language, with no package name.
func TestSixthSendRefusedInTheAgentsLanguage(t *testing.T) {
	h := newHarness(t, hooks.Options{PauseOutbox: true})
	h.commit(coreText("oLang000000001", "lang-m1", "你好"))
	conv := h.openConv("oLang000000001").Id
	for i := 0; i < 5; i++ {
		h.mustReply(conv)
	}
	for _, tc := range []struct{ lang, want string }{
		{"zh", "客户上次消息后已发送 5 条"},
		{"en", "5 messages already sent since the customer's last message"},
	} {
		h.agent.Set("lang", tc.lang)
		if err := h.app.Save(h.agent); err != nil {
			t.Fatal(err)
		}
		status, body := h.reply(h.agent, conv, "第六条")
		code, msg := refusal(t, body)
		if status != 400 || code != "send_quota_reached" || !strings.Contains(msg, tc.want) || strings.Contains(strings.ToLower(msg), "sendlimit") {
			t.Fatalf("%s: %d %s", tc.lang, status, body)
		}
	}
	// The budget API keeps the machine code next to the message.
	req, _ := http.NewRequest(http.MethodGet, h.srv.URL+"/api/wedesk/conversations/"+conv+"/budget", nil)
	req.Header.Set("Authorization", h.token(h.agent))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if body := readAll(t, res); !strings.Contains(body, `"reason":"send_quota_reached"`) || !strings.Contains(body, `"message":"5 messages already sent`) {
		t.Fatalf("budget API: %s", body)
	}
}

// TestMenuTapOpensTheSmallerAllowance: on an Official Account a menu tap
// after the window closed allows 3 sends within a minute; while a message
// window is open a follow does not replace it.
func TestMenuTapOpensTheSmallerAllowance(t *testing.T) {
	clock := newCoreClock()
	h := newHarness(t, hooks.Options{Now: clock.Now, PauseOutbox: true})
	h.commit(coreText("oMenu000000001", "menu-m1", "你好"))
	conv := h.openConv("oMenu000000001").Id

	follow := channel.Inbound{ExternalID: "oMenu000000001", DedupKey: "menu-follow", Type: "event", Event: true,
		Interaction: "follow", Preview: "[event]", Payload: map[string]any{"Event": "subscribe"}}
	h.commit(follow)
	if got := h.budgetRow(conv); got.SendsLeft != 5 || got.Locked {
		t.Fatalf("a follow must not replace an open message window: %+v", got)
	}

	clock.Advance(49 * time.Hour)
	tap := channel.Inbound{ExternalID: "oMenu000000001", DedupKey: "menu-tap", Type: "event", Event: true,
		Interaction: "menu_click", Preview: "[event]", Payload: map[string]any{"Event": "CLICK", "EventKey": "V1001"}}
	h.commit(tap)
	got := h.budgetRow(conv)
	if got.SendsLeft != 3 || got.Locked || !got.WindowUntil.Equal(clock.Now().Add(time.Minute)) {
		t.Fatalf("after a menu tap: %+v, want 3 sends for 1 minute", got)
	}
	h.mustReply(conv)
	if got := h.budgetRow(conv); got.SendsLeft != 2 {
		t.Fatalf("after one reply: %+v", got)
	}
	clock.Advance(61 * time.Second)
	if status, body := h.reply(h.agent, conv, "晚了"); status != 400 || !strings.Contains(body, `"code":"window_closed"`) {
		t.Fatalf("after the minute: %d %s", status, body)
	}
}

// TestWeChat45047LocksInsteadOfRetrying: WeChat's own quota (5) is lower
// than the channel's setting (10); the 6th send is refused with 45047, the
// message fails once without retry and the conversation locks with that
// reason until the customer writes again.
func TestWeChat45047LocksInsteadOfRetrying(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	h.channel.Set("send_quota", 10)
	if err := h.app.Save(h.channel); err != nil {
		t.Fatal(err)
	}
	conv := h.openConversation("oRefused000001")
	for i := 0; i < 6; i++ {
		h.mustReply(conv)
	}
	h.waitFor("the 6th send failed", func() bool {
		return h.count("messages", "direction = 'out' && status = 'failed'") == 1
	})
	failed, _ := h.app.FindFirstRecordByFilter("messages", "direction = 'out' && status = 'failed'")
	if failed.GetInt("attempts") != 1 {
		t.Fatalf("a window refusal was retried: %d attempts", failed.GetInt("attempts"))
	}
	h.waitFor("locked", func() bool { return h.budgetRow(conv).Reason == "wechat_refused" })
	row, _ := h.app.FindRecordById("conversations", conv)
	if row.GetInt("refused_code") != 45047 || !row.GetBool("locked") {
		t.Fatalf("conversation after 45047: %v", row.PublicExport())
	}
	status, body := h.reply(h.agent, conv, "再试一次")
	if code, msg := refusal(t, body); status != 400 || code != "wechat_refused" || !strings.Contains(msg, "45047") {
		t.Fatalf("reply after the refusal: %d %s", status, body)
	}
	if _, err := h.customer("oRefused000001").SendText(h.ctx(), "在吗"); err != nil {
		t.Fatal(err)
	}
	h.waitFor("unlocked", func() bool { return !h.budgetRow(conv).Locked })
	h.mustReply(conv)
}

// TestKF95001LocksTheConversation: the same on 微信客服, whose quota refusal
// is 95001.
func TestKF95001LocksTheConversation(t *testing.T) {
	k := newKFHarness(t, "")
	k.kfChannel.Set("send_quota", 10)
	if err := k.app.Save(k.kfChannel); err != nil {
		t.Fatal(err)
	}
	conv := k.kfOpenConversation("wmQuota0000001")
	for i := 0; i < 6; i++ {
		k.mustReply(conv)
	}
	k.waitLong("locked by 95001", 15*time.Second, func() bool { return k.budgetRow(conv).Reason == "wechat_refused" })
	row, _ := k.app.FindRecordById("conversations", conv)
	if row.GetInt("refused_code") != 95001 {
		t.Fatalf("refused_code %d, want 95001", row.GetInt("refused_code"))
	}
	if n := k.count("messages", "conversation = '"+conv+"' && status = 'failed' && attempts = 1"); n != 1 {
		t.Fatalf("%d messages failed after one attempt, want 1", n)
	}
}

// TestKFAsyncSendFailLocks: 微信客服 may accept a send and report later
// (msg_send_fail) that the quota was used up; the conversation locks then
// as it would on a synchronous 95001.
func TestKFAsyncSendFailLocks(t *testing.T) {
	k := newKFHarness(t, "")
	conv := k.kfOpenConversation("wmAsyncFail001")
	id, sent := k.kfReplySent(conv, "this will bounce")
	k.waitLong("status sent", 10*time.Second, func() bool {
		return k.count(store.CollectionMessages, "id = '"+id+"' && status = 'sent'") == 1
	})
	if got := k.budgetRow(conv); got.Locked {
		t.Fatalf("locked before the failure: %+v", got)
	}
	if _, err := k.kfCustomer("wmAsyncFail001").MsgSendFail(k.ctx(), sent.MsgID, 6); err != nil { // 6: over the 5-message limit
		t.Fatal(err)
	}
	k.waitLong("locked", 10*time.Second, func() bool { return k.budgetRow(conv).Reason == "wechat_refused" })
}

// TestMenuTapAllowanceAgreesWithWeChat: through the simulator, a menu tap
// after the 48 h window lets the desk send what WeChat accepts (3 within a
// minute) and refuse the 4th itself, before WeChat would.
func TestMenuTapAllowanceAgreesWithWeChat(t *testing.T) {
	clock := newCoreClock()
	h := newHarness(t, hooks.Options{Now: clock.Now})
	conv := h.openConversation("oMenuSim000001")
	clock.Advance(49 * time.Hour)
	if _, err := h.customer("oMenuSim000001").SendEvent(h.ctx(), "CLICK", "V1001", nil); err != nil {
		t.Fatal(err)
	}
	h.waitFor("tap allowance", func() bool { return h.budgetRow(conv).SendsLeft == 3 })
	for i := 0; i < 3; i++ {
		h.mustReply(conv)
	}
	status, body := h.reply(h.agent, conv, "第四条")
	if code, _ := refusal(t, body); status != 400 || code != "send_quota_reached" {
		t.Fatalf("4th send after a tap: %d %s", status, body)
	}
	h.waitFor("3 sent", func() bool { return h.count("messages", "direction = 'out' && status = 'sent'") == 3 })
	if n := h.count("messages", "status = 'failed'"); n != 0 {
		t.Fatalf("%d sends refused by WeChat within the tap allowance", n)
	}
}
