package hooks_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/store"
)

// TestPolishQuickReplies: a supervisor's team reply is offered to every
// agent, a personal one only to its owner; search narrows by keyword;
// agents cannot add team replies or delete others'; the REST rules agree.
func TestPolishQuickReplies(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	h.commit(coreText("o_qr", "m1", "hi"))
	conv := h.openConv("o_qr").Id
	list := func(agent *core.Record, q string) string {
		_, body := h.inboxRequest(agent, http.MethodGet, "/inbox/quick-replies?conversation="+conv+"&q="+url.QueryEscape(q), nil)
		return body
	}
	if !strings.Contains(list(h.agent, ""), "请稍等，我帮您查询一下。") {
		t.Fatal("seeded team replies missing")
	}
	add := func(agent *core.Record, keyword, text, scope string) int {
		status, _ := h.inboxRequest(agent, http.MethodPost, "/inbox/quick-replies?conversation="+conv,
			url.Values{"keyword": {keyword}, "text": {text}, "scope": {scope}, "conversation": {conv}})
		return status
	}
	if s := add(h.supervisor, "发货", "您的订单已发货，单号 SF123。", "team"); s >= 400 {
		t.Fatalf("supervisor team reply: %d", s)
	}
	if s := add(h.agent2, "mine", "Agent Two's own words", "personal"); s >= 400 {
		t.Fatalf("personal reply: %d", s)
	}
	if s := add(h.agent, "sneaky", "team words", "team"); s != http.StatusForbidden {
		t.Fatalf("agent added a team reply: %d", s)
	}
	if got := list(h.agent, "发货"); !strings.Contains(got, "SF123") || strings.Contains(got, "请稍等") {
		t.Fatalf("keyword search:\n%s", got)
	}
	if strings.Contains(list(h.agent, ""), "Agent Two&#39;s own words") || !strings.Contains(list(h.agent2, ""), "Agent Two&#39;s own words") {
		t.Fatal("personal reply shown to the wrong agent")
	}
	team, err := h.app.FindFirstRecordByFilter(store.CollectionQuickReplies, "keyword = '发货'")
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := h.inboxRequest(h.agent, http.MethodPost, "/inbox/quick-replies/"+team.Id+"/delete", url.Values{}); s != http.StatusForbidden {
		t.Fatalf("agent deleted a team reply: %d", s)
	}
	if s, _ := h.post(h.agent, "/api/collections/quick_replies/records", `{"text":"via api","owner":""}`); s < 400 {
		t.Fatal("REST: agent created a team reply")
	}
	if s, body := h.post(h.agent, "/api/collections/quick_replies/records", `{"text":"via api","owner":"`+h.agent.Id+`"}`); s != http.StatusOK {
		t.Fatalf("REST: personal reply refused: %d %s", s, body)
	}
	if s, _ := h.inboxRequest(h.supervisor, http.MethodPost, "/inbox/quick-replies/"+team.Id+"/delete", url.Values{}); s >= 400 {
		t.Fatalf("supervisor delete: %d", s)
	}
	if h.count(store.CollectionQuickReplies, "keyword = '发货'") != 0 {
		t.Fatal("team reply not deleted")
	}
}

// TestPolishFaviconAndLanding: /favicon.ico is an icon, and an agent with
// no conversations of their own lands on a non-empty queue.
func TestPolishFaviconAndLanding(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	res, err := http.Get(h.srv.URL + "/favicon.ico")
	if err != nil {
		t.Fatal(err)
	}
	body := readAll(t, res)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !bytes.HasPrefix([]byte(body), []byte{0, 0, 1, 0, 1, 0}) {
		t.Fatalf("favicon: %d %q", res.StatusCode, body[:min(len(body), 8)])
	}
	_, page := h.inboxRequest(h.agent, http.MethodGet, "/inbox", nil)
	if !strings.Contains(page, `id="tab-mine" class="tab current"`) {
		t.Fatal("empty inbox does not land on mine")
	}
	h.commit(coreText("o_waiting", "m1", "在吗"))
	h.waitFor("queued", func() bool { return h.count(store.CollectionConversations, "state = 'queued'") == 1 })
	_, page = h.inboxRequest(h.agent, http.MethodGet, "/inbox", nil)
	if !strings.Contains(page, `id="tab-queue" class="tab current"`) {
		t.Fatal("an agent with nothing of their own does not land on the queue")
	}
}
