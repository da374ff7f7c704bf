package wecomkf

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

const (
	testCorpID   = "ww6a112864f8022910"
	testSecret   = "s3cr3t-kf-app-secret"
	testOpenKfID = "wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q"
	testUser     = "wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw"
)

// fakeWeCom is a per-test stand-in for qyapi.weixin.qq.com: it answers
// gettoken itself (token "TOKEN-<n>" for the n-th fetch) and hands every
// other request to api.
type fakeWeCom struct {
	t         testing.TB
	srv       *httptest.Server
	api       http.HandlerFunc
	expiresIn int
	onToken   func() // runs before each gettoken answer
	tokenBody atomic.Pointer[string]
	fetches   atomic.Int32
	apiCalls  atomic.Int32
}

func newFake(t testing.TB, api http.HandlerFunc) *fakeWeCom {
	t.Helper()
	f := &fakeWeCom{t: t, api: api, expiresIn: 7200}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeWeCom) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/cgi-bin/gettoken" {
		f.apiCalls.Add(1)
		f.api(w, r)
		return
	}
	want := url.Values{"corpid": {testCorpID}, "corpsecret": {testSecret}}
	if r.Method != http.MethodGet || !reflect.DeepEqual(r.URL.Query(), want) {
		f.t.Errorf("gettoken: %s ?%s", r.Method, r.URL.RawQuery)
	}
	if f.onToken != nil {
		f.onToken()
	}
	if body := f.tokenBody.Load(); body != nil {
		answer(w, *body)
		return
	}
	n := f.fetches.Add(1)
	answer(w, fmt.Sprintf(`{"errcode":0,"errmsg":"ok","access_token":"TOKEN-%d","expires_in":%d}`, n, f.expiresIn))
}

func (f *fakeWeCom) client() *Client {
	return NewClient(f.srv.URL, testCorpID, testSecret, f.srv.Client())
}

// wantRequest is what an API handler expects to receive.
type wantRequest struct {
	method string
	path   string
	token  string
	query  url.Values // besides access_token
	body   string     // exact JSON; "" means no check
}

// checkRequest asserts method, path, query (access_token included) and body.
func checkRequest(t *testing.T, r *http.Request, want wantRequest) {
	t.Helper()
	if r.Method != want.method || r.URL.Path != want.path {
		t.Errorf("request %s %s, want %s %s", r.Method, r.URL.Path, want.method, want.path)
	}
	wantQuery := url.Values{"access_token": {want.token}}
	for k, v := range want.query {
		wantQuery[k] = v
	}
	if got := r.URL.Query(); !reflect.DeepEqual(got, wantQuery) {
		t.Errorf("query = %v, want %v", got, wantQuery)
	}
	if want.body == "" {
		return
	}
	body, _ := io.ReadAll(r.Body)
	if string(body) != want.body {
		t.Errorf("body\n got %s\nwant %s", body, want.body)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
}

// answer writes a JSON body the way WeCom labels it.
func answer(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	fmt.Fprint(w, body)
}

// fakeClock is a settable clock for token expiry tests.
type fakeClock struct{ now atomic.Int64 }

func newFakeClock() *fakeClock {
	c := &fakeClock{}
	c.now.Store(time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC).UnixNano())
	return c
}

func (c *fakeClock) Now() time.Time          { return time.Unix(0, c.now.Load()) }
func (c *fakeClock) Advance(d time.Duration) { c.now.Add(int64(d)) }

func mustNotContain(t *testing.T, s string, secrets ...string) {
	t.Helper()
	for _, secret := range secrets {
		if strings.Contains(s, secret) {
			t.Errorf("%q leaks %q", s, secret)
		}
	}
}
