package hooks_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/wxcrypto"
)

const textXML = `<xml><ToUserName><![CDATA[gh_1a2b3c4d5e6f]]></ToUserName><FromUserName><![CDATA[oUserReject0001]]></FromUserName><CreateTime>1763700000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content><MsgId>24242424242424242</MsgId></xml>`

// push is one callback request as WeChat would post it.
type push struct {
	query url.Values
	body  string
}

// sealedPush encrypts plain for receiveID and signs it with token.
func sealedPush(t testing.TB, token, aesKey, receiveID, plain string) push {
	t.Helper()
	c, err := wxcrypto.NewCrypter(token, aesKey, receiveID)
	if err != nil {
		t.Fatal(err)
	}
	enc, err := c.Encrypt([]byte(plain), nil)
	if err != nil {
		t.Fatal(err)
	}
	ts, nonce := "1763700000", "918273645"
	q := url.Values{}
	q.Set("signature", wxcrypto.Signature(token, ts, nonce))
	q.Set("timestamp", ts)
	q.Set("nonce", nonce)
	q.Set("openid", "oUserReject0001")
	q.Set("encrypt_type", "aes")
	q.Set("msg_signature", wxcrypto.Signature(token, ts, nonce, enc))
	return push{query: q, body: `<xml><ToUserName><![CDATA[gh_1a2b3c4d5e6f]]></ToUserName><Encrypt><![CDATA[` + enc + `]]></Encrypt></xml>`}
}

// TestCallbackRefusesBadInput proves that every kind of bad push gets a 4xx
// with a clear message and writes nothing.
func TestCallbackRefusesBadInput(t *testing.T) {
	good := func(t testing.TB) push {
		return sealedPush(t, testAccount.Token, testAccount.EncodingAESKey, testAccount.AppID, textXML)
	}
	cases := []struct {
		name    string
		status  int
		content string
		build   func(t testing.TB) push
	}{
		{"forged msg_signature", 403, "Signature mismatch", func(t testing.TB) push {
			p := good(t)
			p.query.Set("msg_signature", strings.Repeat("0", 40))
			return p
		}},
		{"signed with another token", 403, "Signature mismatch", func(t testing.TB) push {
			return sealedPush(t, "SomeoneElsesToken", testAccount.EncodingAESKey, testAccount.AppID, textXML)
		}},
		{"encrypted for another AppID", 403, "another AppID", func(t testing.TB) push {
			return sealedPush(t, testAccount.Token, testAccount.EncodingAESKey, "wx0000000000000000", textXML)
		}},
		{"broken envelope XML", 400, "Malformed callback body", func(t testing.TB) push {
			p := good(t)
			p.body = "<xml><Encrypt>"
			return p
		}},
		{"DOCTYPE in envelope", 400, "Malformed callback body", func(t testing.TB) push {
			p := good(t)
			p.body = `<!DOCTYPE x [<!ENTITY a "b">]>` + p.body
			return p
		}},
		{"broken XML inside the ciphertext", 400, "not valid WeChat XML", func(t testing.TB) push {
			return sealedPush(t, testAccount.Token, testAccount.EncodingAESKey, testAccount.AppID, "<xml><MsgType>text")
		}},
		{"plaintext mode", 400, "safe mode", func(t testing.TB) push {
			p := good(t)
			p.query.Del("encrypt_type")
			p.query.Del("msg_signature")
			p.body = textXML
			return p
		}},
		{"compatible mode without msg_signature", 400, "safe mode", func(t testing.TB) push {
			p := good(t)
			p.query.Del("msg_signature")
			return p
		}},
		{"oversize body", 413, "too large", func(t testing.TB) push {
			p := good(t)
			p.body = "<xml><Encrypt><![CDATA[" + strings.Repeat("A", hooks.MaxCallbackBody) + "]]></Encrypt></xml>"
			return p
		}},
		{"openid differs from sender", 400, "openid", func(t testing.TB) push {
			p := good(t)
			p.query.Set("openid", "oSomebodyElse")
			return p
		}},
	}
	for _, tc := range cases {
		var h *harness
		p := tc.build(t)
		content := []string{}
		if tc.content != "" {
			content = []string{tc.content}
		}
		(&tests.ApiScenario{
			Name:   tc.name,
			Method: http.MethodPost,
			URL:    "/callback/" + testChannelID + "?" + p.query.Encode(),
			Body:   strings.NewReader(p.body),
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				h = newHarnessApp(t, hooks.Options{})
				return h.app
			},
			DisableTestAppCleanup: true,
			ExpectedStatus:        tc.status,
			ExpectedContent:       content,
			ExpectedEvents:        map[string]int{"OnModelCreate": 0, "OnModelUpdate": 0, "OnRecordCreate": 0},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				for _, col := range []string{"messages", "customers", "conversations"} {
					if n := h.count(col, ""); n != 0 {
						t.Fatalf("%s: %d records written, want 0", col, n)
					}
				}
			},
		}).Test(t)
	}
}

func TestCallbackURLVerification(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	ts, nonce, echo := "1714036504", "1514711492", "4375120948345356249"
	sig := wxcrypto.Signature(testAccount.Token, ts, nonce)
	get := func(sig string) (int, string) {
		res, err := http.Get(fmt.Sprintf("%s?signature=%s&timestamp=%s&nonce=%s&echostr=%s", h.callbackURL(), sig, ts, nonce, echo))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		return res.StatusCode, readAll(t, res)
	}
	if status, body := get(sig); status != 200 || body != echo {
		t.Fatalf("good signature: %d %q, want 200 %q", status, body, echo)
	}
	if status, body := get(strings.Repeat("a", 40)); status != 403 || strings.Contains(body, echo) {
		t.Fatalf("bad signature: %d %q, want 403 without echo", status, body)
	}
}
