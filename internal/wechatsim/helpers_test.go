package wechatsim

import (
	"bytes"
	"encoding/json"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// testClock is a settable clock for Options.Now.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

var testAccount = Account{
	AppID: "wx134c8103faa5a59e", Secret: "s3cr3t-0123456789abcdef0123456789",
	Token: "AAAAA", EncodingAESKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
	OriginalID: "gh_97417a04a28d",
}

var otherAccount = Account{
	AppID: "wx45f133bf6fce646e", Secret: "other-secret",
	Token: "token1234567890", EncodingAESKey: "AdiqDDDvUNCeE1ZW5XJmjf9fqNBJpGBs4vL4cHKmHBS",
	OriginalID: "gh_b1eb3f8bd6c6",
}

// simEnv is a simulator on an httptest server with a controllable clock.
type simEnv struct {
	sim   *Server
	srv   *httptest.Server
	clock *testClock
}

func newEnv(t testing.TB, opts Options) *simEnv {
	t.Helper()
	clock := &testClock{t: time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)}
	opts.Now = clock.Now
	sim := New(opts)
	sim.AddAccount(testAccount)
	sim.AddAccount(otherAccount)
	srv := httptest.NewServer(sim)
	sim.SetBaseURL(srv.URL)
	t.Cleanup(func() { srv.Close(); sim.Close() })
	return &simEnv{sim: sim, srv: srv, clock: clock}
}

// answer is a decoded API answer.
type answer map[string]any

func (a answer) errcode() int {
	if v, ok := a["errcode"].(float64); ok {
		return int(v)
	}
	return 0
}

func (a answer) str(key string) string { s, _ := a[key].(string); return s }

func (e *simEnv) do(t testing.TB, method, path string, q url.Values, body string) answer {
	t.Helper()
	u := e.srv.URL + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	return decodeAnswer(t, resp)
}

func decodeAnswer(t testing.TB, resp *http.Response) answer {
	t.Helper()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, raw)
	}
	if ct := resp.Header.Get("Content-Type"); ct != jsonContentType {
		t.Fatalf("Content-Type %q, body %s", ct, raw)
	}
	var a answer
	if err := json.Unmarshal(raw, &a); err != nil {
		t.Fatalf("answer %s: %v", raw, err)
	}
	return a
}

func (e *simEnv) get(t testing.TB, path string, q url.Values) answer {
	t.Helper()
	return e.do(t, http.MethodGet, path, q, "")
}

func (e *simEnv) post(t testing.TB, path, token, body string) answer {
	t.Helper()
	return e.do(t, http.MethodPost, path, url.Values{"access_token": {token}}, body)
}

// token fetches a /cgi-bin/token access token for a.
func (e *simEnv) token(t testing.TB, a Account) string {
	t.Helper()
	ans := e.get(t, pathToken, url.Values{"grant_type": {"client_credential"}, "appid": {a.AppID}, "secret": {a.Secret}})
	tok := ans.str("access_token")
	if tok == "" {
		t.Fatalf("no token: %v", ans)
	}
	return tok
}

// probe calls user/info with tok and returns the errcode.
func (e *simEnv) probe(t testing.TB, tok string) int {
	t.Helper()
	return e.get(t, pathUserInfo, url.Values{"access_token": {tok}, "openid": {"oProbe"}}).errcode()
}

func wantCode(t testing.TB, a answer, code int) {
	t.Helper()
	if a.errcode() != code {
		t.Fatalf("errcode = %d, want %d (%v)", a.errcode(), code, a)
	}
	if code != 0 && !strings.HasPrefix(a.str("errmsg"), ErrMsg(code)+" rid: ") {
		t.Fatalf("errmsg %q does not start with %q", a.str("errmsg"), ErrMsg(code))
	}
}

// Media fixtures of each sniffed format.
func pngBytes(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegBytes(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewRGBA(image.Rect(0, 0, 4, 4)), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var (
	amrBytes = append([]byte("#!AMR\n"), bytes.Repeat([]byte{0x3c, 1, 2, 3}, 8)...)
	mp4Bytes = append([]byte("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"), make([]byte, 64)...)
)
