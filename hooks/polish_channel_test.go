package hooks_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/ingest"
	"github.com/wedesk/wedesk/internal/store"
)

// TestPolishChannelFieldErrors: each WeChat setting that WeChat would not
// accept is refused with a field error that names the field and says what
// WeChat expects.
func TestPolishChannelFieldErrors(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	su := h.superuser()
	good := map[string]any{"name": "门店", "kind": "wechat_mp", "app_id": "wx0123456789abcdef",
		"secret": "s", "token": "Token2026", "aes_key": testAccount.EncodingAESKey, "enabled": true}
	cases := []struct {
		name, field, value, want string
	}{
		{"7-character key", "aes_key", "abcdefg", "43 characters"},
		{"key outside base64", "aes_key", strings.Repeat("-", 43), "43 characters"},
		{"short AppID", "app_id", "wx3", `"wx" followed by 16`},
		{"token with a dash", "token", "to-ken", "3 to 32 letters or digits"},
		{"two-letter token", "token", "ab", "3 to 32 letters or digits"},
		{"enabled without secret", "secret", "", "needs its secret"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := map[string]any{}
			for k, v := range good {
				body[k] = v
			}
			body[c.field] = c.value
			b, _ := json.Marshal(body)
			status, res := h.post(su, "/api/collections/channels/records", string(b))
			if status != http.StatusBadRequest {
				t.Fatalf("status %d, want 400: %s", status, res)
			}
			var out struct {
				Data map[string]struct{ Code, Message string }
			}
			if err := json.Unmarshal([]byte(res), &out); err != nil {
				t.Fatal(err)
			}
			fe, ok := out.Data[c.field]
			if !ok || !strings.Contains(fe.Message, c.want) {
				t.Fatalf("field errors %+v, want %s: …%s…", out.Data, c.field, c.want)
			}
		})
	}
	t.Run("a kf CorpID", func(t *testing.T) {
		body := `{"name":"kf","kind":"wecom_kf","app_id":"wx0123456789abcdef","secret":"s","token":"abc","aes_key":"` +
			testAccount.EncodingAESKey + `","enabled":true}`
		if status, res := h.post(su, "/api/collections/channels/records", body); status != http.StatusOK {
			t.Fatalf("legacy wx CorpID refused: %d %s", status, res)
		}
	})
}

// TestPolishChannelCallbackURL: a new channel shows the URL to paste into
// WeChat's console, built from the app URL, and its status fields cannot
// be written through the API.
func TestPolishChannelCallbackURL(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	su := h.superuser()
	status, res := h.post(su, "/api/collections/channels/records", `{"name":"门店","kind":"wechat_mp",
		"app_id":"wx0123456789abcdef","token":"Token2026","last_error":"forged","callback_url":"https://evil.example"}`)
	if status != http.StatusOK {
		t.Fatalf("create: %d %s", status, res)
	}
	var rec struct{ ID, CallbackURL, LastError string }
	var raw map[string]any
	_ = json.Unmarshal([]byte(res), &raw)
	rec.ID, _ = raw["id"].(string)
	rec.CallbackURL, _ = raw["callback_url"].(string)
	rec.LastError, _ = raw["last_error"].(string)
	if want := h.srv.URL + "/callback/" + rec.ID; rec.CallbackURL != want {
		t.Fatalf("callback_url %q, want %q (app URL %q)", rec.CallbackURL, want, h.app.Settings().Meta.AppURL)
	}
	if rec.LastError != "" {
		t.Fatalf("last_error writable through the API: %q", rec.LastError)
	}
	stored, err := h.app.FindRecordById(store.CollectionChannels, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.GetString("callback_url") != rec.CallbackURL {
		t.Fatalf("stored callback_url %q", stored.GetString("callback_url"))
	}
}

// TestPolishChannelStatus: WeChat's URL check, an accepted callback and a
// forged one each show on the channel.
func TestPolishChannelStatus(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	field := func(name string) string {
		r, err := h.app.FindRecordById(store.CollectionChannels, h.channel.Id)
		if err != nil {
			t.Fatal(err)
		}
		return r.GetString(name)
	}
	if err := h.sim.VerifyURL(h.ctx(), testAccount.AppID); err != nil {
		t.Fatal(err)
	}
	h.waitFor("last_verified_at", func() bool { return field("last_verified_at") != "" })
	if _, err := h.customer("o_status").SendText(h.ctx(), "hi"); err != nil {
		t.Fatal(err)
	}
	h.waitFor("last_callback_at", func() bool { return field("last_callback_at") != "" })
	first := field("last_callback_at")
	for i := range 5 {
		if _, err := h.customer("o_status").SendText(h.ctx(), "again "+strconv.Itoa(i)); err != nil {
			t.Fatal(err)
		}
	}
	h.desk.Ingest.Stop() // waits for pending status writes
	h.desk.Ingest.Start()
	if got := field("last_callback_at"); got != first {
		t.Fatalf("last_callback_at rewritten within %s: %s → %s", ingest.StatusEvery, first, got)
	}
	res, err := http.Post(h.callbackURL()+"?signature=x&timestamp=1&nonce=2&encrypt_type=aes&msg_signature=bad",
		"text/xml", strings.NewReader("<xml><Encrypt>AAAA</Encrypt></xml>"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode == http.StatusOK {
		t.Fatal("forged callback accepted")
	}
	h.waitFor("last_error", func() bool { return strings.Contains(field("last_error"), "refused") })
	if field("last_error_at") == "" {
		t.Fatal("last_error without its time")
	}
}
