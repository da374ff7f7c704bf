package hooks_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/wedesk/wedesk/hooks"
)

// TestInboxBlockAndLockBanner: the conversation offers 拒收 30 天 with a
// confirmation; once blocked it shows who blocked until when, the lock
// banner gives the reason in the agent's language, and only a supervisor
// sees (and may use) the unblock.
func TestInboxBlockAndLockBanner(t *testing.T) {
	h := newHarness(t, hooks.Options{PauseOutbox: true})
	h.commit(coreText("oInboxBlk00001", "ib-m1", "你好"))
	conv := h.openConv("oInboxBlk00001").Id
	page := "/inbox/conversations/" + conv

	status, body := h.inboxRequest(h.agent, http.MethodGet, page, nil)
	if status != 200 || !strings.Contains(body, "拒收 30 天") || !strings.Contains(body, `id="block-submit"`) ||
		strings.Contains(body, `id="unblock-submit"`) {
		t.Fatalf("before the block: %d, block button missing or unblock shown", status)
	}
	if status, _ := h.inboxRequest(h.agent, http.MethodPost, page+"/block", url.Values{}); status != http.StatusSeeOther {
		t.Fatalf("block: %d", status)
	}
	_, body = h.inboxRequest(h.agent, http.MethodGet, page, nil)
	for _, want := range []string{`id="blocked-badge"`, "已拒收，至", "Agent One", "该客户已被拒收"} {
		if !strings.Contains(body, want) {
			t.Errorf("agent's page after the block lacks %q", want)
		}
	}
	if strings.Contains(body, `id="unblock-submit"`) || strings.Contains(body, `id="block-submit"`) {
		t.Error("an agent is offered block or unblock on a blocked customer")
	}
	if status, _ := h.inboxRequest(h.agent, http.MethodPost, page+"/unblock", url.Values{}); status != http.StatusForbidden {
		t.Errorf("agent unblock: %d, want 403", status)
	}

	h.supervisor.Set("lang", "en")
	if err := h.app.Save(h.supervisor); err != nil {
		t.Fatal(err)
	}
	_, body = h.inboxRequest(h.supervisor, http.MethodGet, page, nil)
	if !strings.Contains(body, `id="unblock-submit"`) || !strings.Contains(body, "This customer is blocked") {
		t.Fatal("supervisor's English page lacks the unblock or the English lock reason")
	}
	if status, _ := h.inboxRequest(h.supervisor, http.MethodPost, page+"/unblock", url.Values{}); status != http.StatusSeeOther {
		t.Fatalf("supervisor unblock: %d", status)
	}
	_, body = h.inboxRequest(h.supervisor, http.MethodGet, page+"/budget", nil)
	if !strings.Contains(body, `data-open="true"`) {
		t.Fatalf("budget after the unblock: %s", body)
	}
}

// TestInboxShowsFlaggedMediaAsDownload: media that failed the inbound
// checks is not shown inline; the page says why and offers the download.
func TestInboxShowsFlaggedMediaAsDownload(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	c := h.customer("oInboxMed00001")
	if _, err := c.SendImage(h.ctx(), pngHeaderClaiming(20000, 20000), "bomb.png"); err != nil {
		t.Fatal(err)
	}
	h.waitFor("media stored", func() bool { return h.count("messages", "media_state = 'stored'") == 1 })
	conv := h.openConv("oInboxMed00001").Id
	_, body := h.inboxRequest(h.agent, http.MethodGet, "/inbox/conversations/"+conv, nil)
	if !strings.Contains(body, "文件未通过检查") || !strings.Contains(body, "解压炸弹") || strings.Contains(body, `class="thumb"`) {
		t.Fatal("flagged image shown inline or without its reason")
	}
}
