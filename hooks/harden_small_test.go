package hooks_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/wedesk/wedesk/hooks"
)

// TestHardenRedirectsStayOnSite: a form post whose Referer names another
// site through a protocol-relative path is sent back inside the inbox.
func TestHardenRedirectsStayOnSite(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	for _, ref := range []string{"//evil.example/x", "/\\evil.example/x", "/inbox//evil.example/x"} {
		form := url.Values{"status": {"online"}}
		req, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/inbox/status", strings.NewReader(addCSRF(form, h.agent).Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Cookie", "wd_session="+h.token(h.agent))
		req.Header.Set("Referer", h.srv.URL+ref)
		res, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		loc := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/inbox") || strings.HasPrefix(loc, "//") || strings.Contains(loc, "evil") {
			t.Errorf("Referer %q: %d to %q, want a redirect inside the inbox", ref, res.StatusCode, loc)
		}
	}
}

// TestHardenQueuedConversationHidesOthersPast: an agent opening a queued
// conversation does not see the preview of another agent's closed
// conversation with the same customer.
func TestHardenQueuedConversationHidesOthersPast(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	h.commit(coreText("o_past", "p1", "first visit"))
	old := h.openConv("o_past")
	old.Set("state", "closed")
	old.Set("agent", h.agent.Id)
	old.Set("last_preview", "PRIVATE-PREVIEW-OF-AGENT-ONE")
	if err := h.app.Save(old); err != nil {
		t.Fatal(err)
	}
	h.commit(coreText("o_past", "p2", "back again"))
	queued := h.openConv("o_past")
	if queued.Id == old.Id || queued.GetString("agent") != "" {
		t.Fatalf("premise: want a new unassigned conversation, got %s agent %q", queued.Id, queued.GetString("agent"))
	}
	status, page := h.inboxRequest(h.agent2, http.MethodGet, "/inbox/conversations/"+queued.Id, nil)
	if status != 200 {
		t.Fatalf("open queued conversation: %d", status)
	}
	if strings.Contains(page, "PRIVATE-PREVIEW-OF-AGENT-ONE") {
		t.Fatal("agent two sees the preview of agent one's closed conversation")
	}
	// The agent who had it still sees it.
	if _, page := h.inboxRequest(h.agent, http.MethodGet, "/inbox/conversations/"+queued.Id, nil); !strings.Contains(page, "PRIVATE-PREVIEW-OF-AGENT-ONE") {
		t.Fatal("premise: the customer panel lists past conversations")
	}
}

// TestHardenCompatibleModeReadsOnlyTheEncryptedCopy: a compatible-mode
// push (clear fields beside <Encrypt>) is accepted, as the README says, and
// only its encrypted, signed copy is stored.
func TestHardenCompatibleModeReadsOnlyTheEncryptedCopy(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	p := sealedPush(t, testAccount.Token, testAccount.EncodingAESKey, testAccount.AppID, textXML)
	p.body = strings.Replace(p.body, "<Encrypt>",
		"<FromUserName><![CDATA[oForged]]></FromUserName><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[FORGED CLEAR COPY]]></Content><Encrypt>", 1)
	res, err := http.Post(h.callbackURL()+"?"+p.query.Encode(), "text/xml", strings.NewReader(p.body))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("compatible-mode push: %d, want 200", res.StatusCode)
	}
	if h.count("messages", "text = 'hello'") != 1 || h.count("messages", "text ~ 'FORGED'") != 0 {
		t.Fatal("want the encrypted copy stored and the clear one ignored")
	}
}
