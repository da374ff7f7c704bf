package hooks_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
)

// reply posts an agent's text message through the REST API, as an external
// tool or the inbox would.
func (h *harness) reply(agent *core.Record, convID, text string) (int, string) {
	h.t.Helper()
	body, _ := json.Marshal(map[string]any{"conversation": convID, "type": "text", "text": text})
	req, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/api/collections/messages/records", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", h.token(agent))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	return res.StatusCode, readAll(h.t, res)
}

// openConversation makes a customer write and returns the conversation id.
func (h *harness) openConversation(openid string) string {
	h.t.Helper()
	if _, err := h.customer(openid).SendText(h.ctx(), "hello"); err != nil {
		h.t.Fatal(err)
	}
	c, err := h.app.FindFirstRecordByFilter("conversations", "state != 'closed'")
	if err != nil {
		h.t.Fatal(err)
	}
	return c.Id
}

func TestAgentReplyReachesWeChat(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	conv := h.openConversation("oUserReply00001")
	status, body := h.reply(h.agent, conv, "您好，请问有什么可以帮您？")
	if status != 200 {
		t.Fatalf("reply: %d %s", status, body)
	}
	sent, err := h.sim.WaitSent(h.ctx(), testAccount.AppID, 1)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		ToUser  string `json:"touser"`
		MsgType string `json:"msgtype"`
		Text    struct {
			Content string `json:"content"`
		} `json:"text"`
	}
	if err := json.Unmarshal(sent[0].Body, &got); err != nil {
		t.Fatal(err)
	}
	if got.ToUser != "oUserReply00001" || got.MsgType != "text" || got.Text.Content != "您好，请问有什么可以帮您？" {
		t.Fatalf("WeChat got %s", sent[0].Body)
	}
	h.waitFor("status sent", func() bool { return h.count("messages", "direction = 'out' && status = 'sent'") == 1 })
	c, _ := h.app.FindRecordById("conversations", conv)
	if c.GetString("agent") != h.agent.Id || c.GetString("state") != "active" {
		t.Fatalf("the first reply must claim the conversation: %v", c.PublicExport())
	}
}

func TestSixthReplyInWindowIsRefused(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	conv := h.openConversation("oUserQuota00001")
	for i := 1; i <= 5; i++ {
		if status, body := h.reply(h.agent, conv, "msg"); status != 200 {
			t.Fatalf("reply %d: %d %s", i, status, body)
		}
	}
	status, body := h.reply(h.agent, conv, "one too many")
	if status != 400 || !strings.Contains(body, `"code":"send_quota_reached"`) || !strings.Contains(body, "已发送 5 条") {
		t.Fatalf("6th reply: %d %s, want 400 with the reason", status, body)
	}
	if _, err := h.sim.WaitSent(h.ctx(), testAccount.AppID, 5); err != nil {
		t.Fatal(err)
	}
	if n := h.count("messages", "direction = 'out'"); n != 5 {
		t.Fatalf("%d outbound stored, want 5", n)
	}
	// The customer writes again: the window reopens.
	if _, err := h.customer("oUserQuota00001").SendText(h.ctx(), "again"); err != nil {
		t.Fatal(err)
	}
	if status, body := h.reply(h.agent, conv, "welcome back"); status != 200 {
		t.Fatalf("after the customer wrote again: %d %s", status, body)
	}
}

func TestAgentCannotWriteFirst(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	conv := h.openConversation("oUserFirst00001")
	// Pretend the conversation was opened by an event only: no customer message.
	c, _ := h.app.FindRecordById("conversations", conv)
	c.Set("last_customer_at", "")
	if err := h.app.Save(c); err != nil {
		t.Fatal(err)
	}
	if status, body := h.reply(h.agent, conv, "hi"); status != 400 || !strings.Contains(body, `"code":"no_customer_message"`) {
		t.Fatalf("reply: %d %s", status, body)
	}
}

func TestExpiredTokenMidSendIsRefreshedOnce(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	conv := h.openConversation("oUserToken00001")
	// Warm the token cache, then make WeChat reject the next send's token.
	if status, _ := h.reply(h.agent, conv, "first"); status != 200 {
		t.Fatal("first reply failed")
	}
	if _, err := h.sim.WaitSent(h.ctx(), testAccount.AppID, 1); err != nil {
		t.Fatal(err)
	}
	fetches := h.sim.TokenFetches(testAccount.AppID)
	h.sim.InjectError("/cgi-bin/message/custom/send", 40014, 1)
	if status, _ := h.reply(h.agent, conv, "second"); status != 200 {
		t.Fatal("second reply failed")
	}
	if _, err := h.sim.WaitSent(h.ctx(), testAccount.AppID, 2); err != nil {
		t.Fatal(err)
	}
	h.waitFor("both sent", func() bool { return h.count("messages", "direction = 'out' && status = 'sent'") == 2 })
	if got := h.sim.TokenFetches(testAccount.AppID) - fetches; got != 1 {
		t.Fatalf("token fetched %d more times, want exactly 1", got)
	}
	m, _ := h.app.FindFirstRecordByFilter("messages", "text = 'second'")
	if m.GetInt("attempts") != 1 {
		t.Fatalf("attempts = %d: the refresh-and-retry happens inside one attempt", m.GetInt("attempts"))
	}
}

func TestWeChatDownMessageWaitsAndIsRetried(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	conv := h.openConversation("oUserDown000001")
	h.sim.InjectError("/cgi-bin/message/custom/send", -1, 2)
	if status, _ := h.reply(h.agent, conv, "patience"); status != 200 {
		t.Fatal("reply failed")
	}
	h.waitFor("sent after retries", func() bool { return h.count("messages", "status = 'sent'") == 1 })
	if n := len(h.sim.Sent(testAccount.AppID)); n != 1 {
		t.Fatalf("WeChat accepted %d sends, want 1", n)
	}
}

func TestPermanentWeChatErrorFailsWithReason(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	conv := h.openConversation("oUserFail000001")
	h.sim.InjectError("/cgi-bin/message/custom/send", 45015, 1)
	if status, _ := h.reply(h.agent, conv, "too late"); status != 200 {
		t.Fatal("reply failed")
	}
	h.waitFor("failed", func() bool { return h.count("messages", "status = 'failed'") == 1 })
	m, _ := h.app.FindFirstRecordByFilter("messages", "status = 'failed'")
	if !strings.Contains(m.GetString("error"), "45015") {
		t.Fatalf("error = %q, want WeChat's reason with its code", m.GetString("error"))
	}
}

func TestEditingChannelDropsItsToken(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	conv := h.openConversation("oUserEdit000001")
	if status, _ := h.reply(h.agent, conv, "before"); status != 200 {
		t.Fatal("first reply failed")
	}
	if _, err := h.sim.WaitSent(h.ctx(), testAccount.AppID, 1); err != nil {
		t.Fatal(err)
	}
	fetches := h.sim.TokenFetches(testAccount.AppID)
	h.channel.Set("name", "Renamed OA") // as if the admin had edited the AppSecret
	if err := h.app.Save(h.channel); err != nil {
		t.Fatal(err)
	}
	if status, _ := h.reply(h.agent, conv, "after"); status != 200 {
		t.Fatal("second reply failed")
	}
	if _, err := h.sim.WaitSent(h.ctx(), testAccount.AppID, 2); err != nil {
		t.Fatal(err)
	}
	if got := h.sim.TokenFetches(testAccount.AppID) - fetches; got != 1 {
		t.Fatalf("token fetched %d more times after the edit, want 1", got)
	}
}
