package hooks_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/store"
)

// postPush posts a sealed push to the harness channel.
func (h *harness) postPush(p push) (int, string) {
	h.t.Helper()
	res, err := http.Post(h.callbackURL()+"?"+p.query.Encode(), "text/xml", strings.NewReader(p.body))
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	return res.StatusCode, readAll(h.t, res)
}

// oaXML is a text push with the given fields.
func oaXML(from, msgType, content, msgID string) string {
	return `<xml><ToUserName><![CDATA[gh_1a2b3c4d5e6f]]></ToUserName><FromUserName><![CDATA[` + from +
		`]]></FromUserName><CreateTime>1763700000</CreateTime><MsgType><![CDATA[` + msgType +
		`]]></MsgType><Content><![CDATA[` + content + `]]></Content><MsgId>` + msgID + `</MsgId></xml>`
}

// TestHardenCallbackFieldLimits: values that break a field's limits are
// refused with a clear 400, or (free text) stored within the limit.
func TestHardenCallbackFieldLimits(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	seal := func(from, plain string) push {
		p := sealedPush(t, testAccount.Token, testAccount.EncodingAESKey, testAccount.AppID, plain)
		p.query.Set("openid", from)
		return p
	}
	long := strings.Repeat("o", 2000)
	refused := []struct{ name, from, xml, says string }{
		{"200-character MsgType", "oUserLimit00001", oaXML("oUserLimit00001", strings.Repeat("a", 200), "hi", "1001"), "type"},
		{"300-character MsgId", "oUserLimit00001", oaXML("oUserLimit00001", "text", "hi", strings.Repeat("7", 300)), "MsgId"},
		{"2000-character sender", long, oaXML(long, "text", "hi", "1002"), "sender"},
		{"JSON nested 9000 levels", "oUserLimit00001", `{"MsgType":"text","x":` + strings.Repeat("[", 9000) + strings.Repeat("]", 9000) + `}`, ""},
	}
	for _, c := range refused {
		status, body := h.postPush(seal(c.from, c.xml))
		if status != http.StatusBadRequest || !strings.Contains(body, c.says) {
			t.Errorf("%s: %d %s, want 400 naming %q", c.name, status, body, c.says)
		}
	}
	if n := h.count(store.CollectionMessages, "direction = 'in'"); n != 0 {
		t.Fatalf("%d refused messages were stored", n)
	}
	text := strings.Repeat("x", 40000)
	if status, body := h.postPush(seal("oUserLimit00002", oaXML("oUserLimit00002", "text", text, "1003"))); status != 200 {
		t.Fatalf("40,000-character text: %d %s, want it stored within the limit", status, body)
	}
	m, err := h.app.FindFirstRecordByFilter(store.CollectionMessages, "wechat_msgid = '1003'")
	if err != nil {
		t.Fatal(err)
	}
	if n := utf8.RuneCountInString(m.GetString("text")); n > 20000 || n < 19000 {
		t.Fatalf("stored text has %d characters", n)
	}
}

// TestHardenChunkedOversizeIs413: an oversize body without Content-Length
// (chunked) is answered 413 like one with it.
func TestHardenChunkedOversizeIs413(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	p := sealedPush(t, testAccount.Token, testAccount.EncodingAESKey, testAccount.AppID, textXML)
	body := io.MultiReader(strings.NewReader(strings.Repeat("x", 200<<10)))
	req, _ := http.NewRequest(http.MethodPost, h.callbackURL()+"?"+p.query.Encode(), body)
	req.ContentLength = -1
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("chunked 200 KB body: %d, want 413", res.StatusCode)
	}
}

// TestHardenUnsavableRecordStopsItsWorker: a customer stored before the
// limits existed (a 2,000-character sender) cannot pass validation; the
// profile worker marks it and reports once instead of retrying forever.
func TestHardenUnsavableRecordStopsItsWorker(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	h.commit(coreText(strings.Repeat("o", 2000), "bad1", "hi"))
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if h.count(store.CollectionCustomers, "info_synced_at != ''") == 1 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the profile worker keeps retrying a customer that can never be saved")
}
