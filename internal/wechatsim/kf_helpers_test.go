package wechatsim

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/wedesk/wedesk/internal/wxcrypto"
)

// Credentials of the xen0n/go-workwx vector (wecom-kf.md §3.1 C).
var testCorp = KFCorp{
	CorpID: "ww6a112864f8022910", Secret: "kf-secret-0123456789",
	Token: "kjr2TKI8umCBfVF3wAHk8JiPwma5VBme", EncodingAESKey: "4Ma3YBrSBbX2aez8MJpXGBne5LSDwgGqHbhM9WPYIws",
}

const (
	testKF       = "wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q"
	otherKF      = "wkAJ2GCAAAOther_account_0000000"
	testUser     = "wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw"
	otherUser    = "wmAJ2GCAAAother_customer_00000"
	testServicer = "zhangsan"
)

// kfCallback is one callback the receiver decrypted.
type kfCallback struct {
	ToUserName, Event, Token, OpenKfID string
	ReceiveID                          string
}

// kfReceiver plays the appliance's callback URL, checking every request
// with wxcrypto as a real server would.
type kfReceiver struct {
	t       testing.TB
	crypter *wxcrypto.Crypter
	mu      sync.Mutex
	got     []kfCallback
	status  int    // answer status; 0 means 200
	body    string // answer body
	hits    int
}

func (rc *kfReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	sig, ts, nonce := q.Get("msg_signature"), q.Get("timestamp"), q.Get("nonce")
	if r.Method == http.MethodGet {
		plain, err := rc.crypter.VerifyAndDecrypt(sig, ts, nonce, q.Get("echostr"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		_, _ = w.Write(plain)
		return
	}
	raw, _ := io.ReadAll(r.Body)
	env, err := wxcrypto.ParseEnvelope(raw)
	if err != nil || !wxcrypto.VerifySignature(sig, testCorp.Token, ts, nonce, env.Encrypt) {
		rc.t.Errorf("bad callback %s: %v", raw, err)
		http.Error(w, "bad", http.StatusBadRequest)
		return
	}
	plain, rid, err := rc.crypter.DecryptRaw(env.Encrypt)
	if err != nil {
		rc.t.Errorf("decrypt: %v", err)
		return
	}
	var ev struct {
		ToUserName, Event, Token string
		OpenKfID                 string `xml:"OpenKfId"`
	}
	if err := xml.Unmarshal(plain, &ev); err != nil {
		rc.t.Errorf("callback xml %s: %v", plain, err)
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.hits++
	rc.got = append(rc.got, kfCallback{ev.ToUserName, ev.Event, ev.Token, ev.OpenKfID, rid})
	if rc.status != 0 {
		w.WriteHeader(rc.status)
	}
	_, _ = io.WriteString(w, rc.body)
}

// last returns the latest callback.
func (rc *kfReceiver) last(t testing.TB) kfCallback {
	t.Helper()
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if len(rc.got) == 0 {
		t.Fatal("no callback received")
	}
	return rc.got[len(rc.got)-1]
}

// kfEnv is a simulator with testCorp (accounts testKF and otherKF) whose
// callback URL is a kfReceiver, and a kf access token.
type kfEnv struct {
	*simEnv
	rc  *kfReceiver
	tok string
}

func newKFEnv(t testing.TB, opts Options) *kfEnv {
	t.Helper()
	e := &kfEnv{simEnv: newEnv(t, opts)}
	c, err := wxcrypto.NewCrypter(testCorp.Token, testCorp.EncodingAESKey, testCorp.CorpID)
	if err != nil {
		t.Fatal(err)
	}
	e.rc = &kfReceiver{t: t, crypter: c}
	cb := httptest.NewServer(e.rc)
	t.Cleanup(cb.Close)
	corp := testCorp
	corp.CallbackURL = cb.URL + "/wecom/callback?channel=1"
	e.sim.AddKFCorp(corp)
	for _, id := range []string{testKF, otherKF} {
		if err := e.sim.AddKFAccount(testCorp.CorpID, id, "客服 "+id[len(id)-4:]); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.sim.AddKFServicer(testCorp.CorpID, testKF, testServicer); err != nil {
		t.Fatal(err)
	}
	e.tok = e.kfToken(t)
	return e
}

// kfDo makes a qyapi call and decodes the JSON answer.
func (e *kfEnv) kfDo(t testing.TB, method, path string, q url.Values, body string) answer {
	t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path+"?"+q.Encode(), strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != kfContentType {
		t.Fatalf("status %d, Content-Type %q: %s", resp.StatusCode, resp.Header.Get("Content-Type"), raw)
	}
	var a answer
	if err := json.Unmarshal(raw, &a); err != nil {
		t.Fatalf("answer %s: %v", raw, err)
	}
	return a
}

func (e *kfEnv) kfToken(t testing.TB) string {
	t.Helper()
	a := e.kfDo(t, http.MethodGet, pathKFGetToken, url.Values{"corpid": {testCorp.CorpID}, "corpsecret": {testCorp.Secret}}, "")
	wantKFCode(t, a, 0)
	return a.str("access_token")
}

// call POSTs body (a JSON value, marshalled unless already a string) with
// the kf token.
func (e *kfEnv) call(t testing.TB, path string, body any) answer {
	t.Helper()
	s, ok := body.(string)
	if !ok {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		s = string(b)
	}
	return e.kfDo(t, http.MethodPost, path, url.Values{"access_token": {e.tok}}, s)
}

func (e *kfEnv) customer(user string) *KFCustomer {
	return e.sim.KFCustomer(testCorp.CorpID, testKF, user)
}

func wantKFCode(t testing.TB, a answer, code int) {
	t.Helper()
	if a.errcode() != code {
		t.Fatalf("errcode = %d, want %d (%v)", a.errcode(), code, a)
	}
	msg := a.str("errmsg")
	if code == 0 && msg != "ok" {
		t.Fatalf("errmsg %q, want ok", msg)
	}
	if code != 0 && (!strings.HasPrefix(msg, KFErrMsg(code)+", hint: [") || !strings.Contains(msg, "more info at https://open.work.weixin.qq.com/devtool/query?e=")) {
		t.Fatalf("errmsg %q is not WeCom-shaped", msg)
	}
}

// textSend is a send_msg body for a text.
func textSend(user, msgID, content string) map[string]any {
	return map[string]any{"touser": user, "open_kfid": testKF, "msgid": msgID, "msgtype": "text", "text": map[string]string{"content": content}}
}

// upload posts a multipart media/upload with the kf token.
func (e *kfEnv) upload(t testing.TB, kind, filename string, data []byte) answer {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	part, err := mw.CreateFormFile("media", filename)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = part.Write(data)
	_ = mw.Close()
	u := e.srv.URL + pathKFMediaUpload + "?" + url.Values{"access_token": {e.tok}, "type": {kind}}.Encode()
	resp, err := http.Post(u, mw.FormDataContentType(), &b)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a answer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		t.Fatal(err)
	}
	return a
}

// newServer starts h on httptest and returns its URL.
func newServer(t testing.TB, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}
