package hooks_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/store"
)

const pathCustomSend = "/cgi-bin/message/custom/send"

// convOf opens (or finds) the conversation of a customer who wrote.
func (h *harness) convOf(openid string) string {
	h.t.Helper()
	if _, err := h.customer(openid).SendText(h.ctx(), "hello"); err != nil {
		h.t.Fatal(err)
	}
	var id string
	h.waitFor("conversation of "+openid, func() bool {
		c, err := h.app.FindFirstRecordByFilter("conversations", "customer.external_id = {:o} && state != 'closed'",
			map[string]any{"o": openid})
		if err == nil {
			id = c.Id
		}
		return err == nil
	})
	return id
}

// replyID posts a reply and returns the new message's id.
func (h *harness) replyID(convID, text string) string {
	h.t.Helper()
	status, body := h.reply(h.agent, convID, text)
	if status != 200 {
		h.t.Fatalf("reply: %d %s", status, body)
	}
	var rec struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal([]byte(body), &rec); err != nil {
		h.t.Fatal(err)
	}
	return rec.ID
}

// messageStatus reads a message's status and attempts.
func (h *harness) messageStatus(id string) (string, int) {
	r, err := h.app.FindRecordById(store.CollectionMessages, id)
	if err != nil {
		h.t.Fatal(err)
	}
	return r.GetString("status"), r.GetInt("attempts")
}

// TestHardenOATimeoutIsUnknownNotResent: custom/send delivers but answers
// after the client's timeout. The reply must not be sent again; it is shown
// as 可能未送达 with a resend button.
func TestHardenOATimeoutIsUnknownNotResent(t *testing.T) {
	h := newHarness(t, hooks.Options{HTTPClient: &http.Client{Timeout: 300 * time.Millisecond}})
	conv := h.convOf("oUserSlow000001")
	h.sim.SetLatency(pathCustomSend, 2*time.Second)
	id := h.replyID(conv, "slow answer")
	h.waitFor("delivery unknown", func() bool { s, _ := h.messageStatus(id); return s == store.StatusUnknown })
	time.Sleep(2500 * time.Millisecond) // any resend would have reached the simulator by now
	if n := len(h.sim.Sent(testAccount.AppID)); n != 1 {
		t.Fatalf("WeChat received %d copies, want 1", n)
	}
	if s, a := h.messageStatus(id); s != store.StatusUnknown || a != 1 {
		t.Fatalf("status %s attempts %d, want unknown after 1 attempt", s, a)
	}
	_, page := h.inboxRequest(h.agent, http.MethodGet, "/inbox/conversations/"+conv, nil)
	if !strings.Contains(page, "可能未送达") && !strings.Contains(page, "Delivery unknown") {
		t.Fatalf("the inbox does not show the unknown delivery")
	}
	if !strings.Contains(page, "/inbox/messages/"+id+"/retry") || !strings.Contains(page, "重新发送") {
		t.Fatalf("no resend button for the unknown message")
	}
	// The agent chooses to resend: exactly one more copy.
	h.sim.SetLatency(pathCustomSend, 0)
	if _, err := h.desk.Actions.Retry(h.app, store.NewAgent(h.agent), id); err != nil {
		t.Fatal(err)
	}
	h.waitFor("resent", func() bool { s, _ := h.messageStatus(id); return s == store.StatusSent })
	if n := len(h.sim.Sent(testAccount.AppID)); n != 2 {
		t.Fatalf("after the agent's resend WeChat has %d copies, want 2", n)
	}
}

// TestHardenKFTimeoutResendsWithSameMsgID: send_msg delivers but answers
// after the client's timeout; the outbox sends again with the same msgid,
// WeCom refuses the used msgid, and the message is sent exactly once.
func TestHardenKFTimeoutResendsWithSameMsgID(t *testing.T) {
	k := newKFHarnessOpts(t, "", hooks.Options{PollInterval: 50 * time.Millisecond,
		HTTPClient: &http.Client{Timeout: 300 * time.Millisecond}})
	conv := k.kfOpenConversation("wmSlow000000001")
	k.sim.SetKFLatency("/cgi-bin/kf/send_msg", time.Second)
	id := k.replyID(conv, "slow kf answer")
	k.waitLong("first attempt", 5*time.Second, func() bool { return len(k.sim.KFSent(testKFCorp.CorpID)) == 1 })
	time.Sleep(500 * time.Millisecond) // the client gives up after 300 ms
	k.sim.SetKFLatency("/cgi-bin/kf/send_msg", 0)
	k.waitLong("sent", 15*time.Second, func() bool { s, _ := k.messageStatus(id); return s == store.StatusSent })
	time.Sleep(300 * time.Millisecond)
	sent := k.sim.KFSent(testKFCorp.CorpID)
	if len(sent) != 1 || sent[0].MsgID != id {
		t.Fatalf("WeCom holds %d sends (%+v), want exactly one with msgid %s", len(sent), sent, id)
	}
	if _, a := k.messageStatus(id); a < 2 {
		t.Fatalf("attempts %d: the timed-out send was not repeated", a)
	}
}

// hangingTransport holds every request whose body names hang for delay
// before passing it on: one slow WeChat call for one customer.
type hangingTransport struct {
	hang  string
	delay time.Duration
}

// RoundTrip delays the hanging customer's calls.
func (t hangingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		b, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(b))
		if bytes.Contains(b, []byte(t.hang)) {
			select {
			case <-time.After(t.delay):
			case <-r.Context().Done():
				return nil, r.Context().Err()
			}
		}
	}
	return http.DefaultTransport.RoundTrip(r)
}

// TestHardenOneHangingCallDelaysNobodyElse: while one customer's send
// hangs, replies in three other conversations go out at once.
func TestHardenOneHangingCallDelaysNobodyElse(t *testing.T) {
	hc := &http.Client{Timeout: 10 * time.Second, Transport: hangingTransport{hang: "oUserHang000001", delay: 5 * time.Second}}
	h := newHarness(t, hooks.Options{HTTPClient: hc})
	hang := h.convOf("oUserHang000001")
	others := []string{h.convOf("oUserFast000001"), h.convOf("oUserFast000002"), h.convOf("oUserFast000003")}
	h.replyID(hang, "to the hanging customer")
	time.Sleep(100 * time.Millisecond)
	start := time.Now()
	var ids []string
	for i, c := range others {
		ids = append(ids, h.replyID(c, "fast "+string(rune('a'+i))))
	}
	h.waitFor("the other replies", func() bool {
		for _, id := range ids {
			if s, _ := h.messageStatus(id); s != store.StatusSent {
				return false
			}
		}
		return true
	})
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("the other replies took %v behind one hanging call", d)
	}
	t.Logf("three replies sent %v after they were written, while one call hung", time.Since(start))
}

// TestHardenRetryKeepsConversationOrder: while a conversation's first
// reply waits for a retry, its second reply waits too; other
// conversations go on.
func TestHardenRetryKeepsConversationOrder(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	slow, other := h.convOf("oUserOrder00001"), h.convOf("oUserOrder00002")
	h.sim.InjectError(pathCustomSend, -1, 1) // WeChat busy once: the first send retries later
	first := h.replyID(slow, "first")
	h.waitFor("first waits for a retry", func() bool {
		s, a := h.messageStatus(first)
		return s == store.StatusPending && a == 1
	})
	second := h.replyID(slow, "second")
	third := h.replyID(other, "other conversation")
	h.waitFor("other conversation sent", func() bool { s, _ := h.messageStatus(third); return s == store.StatusSent })
	if s, _ := h.messageStatus(second); s != store.StatusPending {
		t.Fatalf("the second reply is %s while the first waits for its retry", s)
	}
	h.waitFor("both sent after the retry", func() bool { s, _ := h.messageStatus(second); return s == store.StatusSent })
	var order []string
	for _, m := range h.sim.Sent(testAccount.AppID) {
		order = append(order, string(m.Body))
	}
	joined := strings.Join(order, "\n")
	if strings.Index(joined, `"first"`) > strings.Index(joined, `"second"`) {
		t.Fatalf("the second reply overtook the first:\n%s", joined)
	}
}

// TestHardenSecondTokenRevocationWithin30s: WeChat invalidates the access
// token twice within 30 s (nothing else injected). Every reply still goes
// out promptly: the second incident gets a fresh token without force.
func TestHardenSecondTokenRevocationWithin30s(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	conv := h.convOf("oUserToken00001")
	for i, what := range []string{"before", "after the first revocation", "after the second revocation"} {
		if i > 0 {
			h.sim.RevokeTokens(testAccount.AppID)
		}
		id := h.replyID(conv, what)
		deadline := time.Now().Add(3 * time.Second)
		for {
			s, _ := h.messageStatus(id)
			if s == store.StatusSent {
				break
			}
			if time.Now().After(deadline) {
				r, _ := h.app.FindRecordById(store.CollectionMessages, id)
				t.Fatalf("reply %s: %s after 3 s (%s)", what, s, r.GetString("error"))
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}
