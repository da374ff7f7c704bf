package hooks_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/wedesk/wedesk/internal/kb"
)

// TestAutoAssistRoutes: the panel and its actions are the owner's (and
// supervisors'); a knowledge-base answer needs a question and an answer;
// a fix replaces the answer the bot and the suggestions use.
func TestAutoAssistRoutes(t *testing.T) {
	a := newAutoHarness(t)
	conv := a.write("oAssist001", "a1", "发票怎么开")
	a.claim(conv)
	base := "/inbox/conversations/" + conv.Id

	if status, _ := a.inboxRequest(a.agent2, http.MethodGet, base+"/assist", nil); status != http.StatusForbidden {
		t.Fatalf("another agent's panel: %d, want 403", status)
	}
	if status, _ := a.inboxRequest(a.agent2, http.MethodPost, base+"/survey", url.Values{}); status != http.StatusForbidden {
		t.Fatalf("another agent's invitation: %d, want 403", status)
	}
	status, body := a.inboxRequest(a.agent, http.MethodPost, base+"/kb", url.Values{"question": {"发票怎么开"}, "answer": {" "}})
	if status != http.StatusBadRequest {
		t.Fatalf("empty answer: %d %s", status, body)
	}
	status, body = a.inboxRequest(a.agent, http.MethodPost, base+"/kb",
		url.Values{"question": {"发票怎么开"}, "keywords": {"发票"}, "answer": {"订单页申请"}})
	if status != http.StatusOK || !strings.Contains(body, "订单页申请") {
		t.Fatalf("add answer: %d %s", status, body)
	}
	rec, err := a.app.FindFirstRecordByFilter(kb.CollectionAnswers, "question = '发票怎么开'")
	if err != nil {
		t.Fatal(err)
	}
	status, body = a.inboxRequest(a.agent, http.MethodPost, base+"/kb",
		url.Values{"answer_id": {rec.Id}, "question": {"发票怎么开"}, "keywords": {"发票"}, "answer": {"在订单详情页申请电子发票"}})
	if status != http.StatusOK || !strings.Contains(body, "在订单详情页申请电子发票") || strings.Contains(body, ">订单页申请<") {
		t.Fatalf("fix answer: %d %s", status, body)
	}
	if n := a.count(kb.CollectionAnswers, ""); n != 1 {
		t.Fatalf("a fix added an answer: %d answers", n)
	}
	got, err := kb.Lookup(a.app, a.channel.Id, "发票怎么开", 1, kb.MinBotScore)
	if err != nil || len(got) != 1 || got[0].Answer != "在订单详情页申请电子发票" {
		t.Fatalf("the bot's lookup after the fix: %+v %v", got, err)
	}
}
