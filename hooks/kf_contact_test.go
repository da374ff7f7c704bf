package hooks_test

import (
	"bytes"
	"encoding/json"
	"image/png"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/contact"
	"github.com/wedesk/wedesk/internal/wechatsim"
)

// TestKFContactLinks: a superuser gets each scene's link of a kf account
// (asked of WeCom once, then kept even when WeCom is unreachable), its QR
// code and button snippet; a customer entering through the link with a
// scene_param shows that scene on the conversation in the inbox. Agents
// and guests are refused.
func TestKFContactLinks(t *testing.T) {
	k := newKFHarness(t, "")
	su := k.superuser()
	acc := k.kfAccountRow()
	base := "/api/wedesk/kf_accounts/" + acc.Id + "/contact/"

	if status, _ := k.get(k.agent, base+"web"); status != http.StatusForbidden {
		t.Fatalf("agent: %d, want 403", status)
	}
	if status, _ := k.get(nil, base+"web"); status != http.StatusUnauthorized {
		t.Fatalf("guest: %d, want 401", status)
	}
	if status, _ := k.get(su, base+"tiktok"); status != http.StatusNotFound {
		t.Fatalf("unknown scene: %d, want 404", status)
	}

	status, body := k.get(su, base+"web")
	if status != http.StatusOK {
		t.Fatalf("web link: %d %s", status, body)
	}
	var l contact.Link
	if err := json.Unmarshal([]byte(body), &l); err != nil {
		t.Fatal(err)
	}
	if want := wechatsim.KFContactURL(testKFCorp.CorpID, testKFAccount, "web"); l.URL != want {
		t.Fatalf("url %q, want %q", l.URL, want)
	}
	if !strings.Contains(l.Snippet, `href="`+strings.ReplaceAll(l.URL, "&", "&amp;")+`"`) ||
		!strings.Contains(l.Snippet, "在线咨询 / Chat with us") || !strings.HasPrefix(l.SVG, "<svg") {
		t.Fatalf("snippet %q / svg %.40q", l.Snippet, l.SVG)
	}

	// Kept: with WeCom unreachable the same link still comes back.
	k.kfChannel.Set("api_base", "http://127.0.0.1:1")
	if err := k.app.Save(k.kfChannel); err != nil {
		t.Fatal(err)
	}
	if _, again := k.get(su, base+"web"); !strings.Contains(again, l.URL) {
		t.Fatalf("kept link changed: %s", again)
	}
	if n := k.count(contact.CollectionLinks, "scene = 'web'"); n != 1 {
		t.Fatalf("%d kept links, want 1", n)
	}
	status, img := k.get(su, base+"web.png")
	if status != http.StatusOK {
		t.Fatalf("png: %d", status)
	}
	if cfg, err := png.DecodeConfig(bytes.NewReader([]byte(img))); err != nil || cfg.Width < 256 {
		t.Fatalf("png: %v %+v", err, cfg)
	}
	if status, body := k.get(su, base+"app"); status != http.StatusInternalServerError {
		t.Fatalf("a new link while WeCom is down: %d %s, want 500", status, body)
	}
	k.kfChannel.Set("api_base", k.simSrv.URL)
	if err := k.app.Save(k.kfChannel); err != nil {
		t.Fatal(err)
	}
	status, body = k.get(su, "/api/wedesk/contact_links")
	if status != http.StatusOK || strings.Count(body, `"scene_zh"`) != len(contact.Scenes) || strings.Contains(body, `"error"`) {
		t.Fatalf("list: %d %s", status, body)
	}

	// A customer taps the web link with a scene_param appended.
	cust := k.kfCustomer("wmContact000001")
	if _, _, err := cust.EnterFromLink(k.longCtx(), l.URL+"&scene_param="+url.QueryEscape("pricing")); err != nil {
		t.Fatal(err)
	}
	if _, _, err := cust.EnterFromLink(k.longCtx(), l.URL+"x"); err == nil {
		t.Fatal("the simulator accepted an altered link")
	}
	if _, err := cust.SendText(k.longCtx(), "价格是多少？"); err != nil {
		t.Fatal(err)
	}
	var conv *core.Record
	k.waitLong("the conversation", 10*time.Second, func() bool {
		c, err := k.app.FindFirstRecordByFilter("conversations", "channel = '"+testKFChannelID+"' && state = 'queued'")
		conv = c
		return err == nil
	})
	if got := conv.GetString("scene"); got != "web#pricing" {
		t.Fatalf("conversation scene %q, want web#pricing", got)
	}
	_, page := k.inboxRequest(k.supervisor, http.MethodGet, "/inbox/conversations/"+conv.Id, nil)
	if !strings.Contains(page, "网页 · 参数 pricing") {
		t.Fatalf("inbox lacks the entry scene:\n%s", excerpt(page, "conv-head"))
	}
}

// get sends a GET as the given record (nil: a guest).
func (h *harness) get(as *core.Record, path string) (int, string) {
	h.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, h.srv.URL+path, nil)
	if as != nil {
		req.Header.Set("Authorization", h.token(as))
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	return res.StatusCode, readAll(h.t, res)
}
