package mpapi

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	testAppID  = "wx134c8103faa5a59e"
	testSecret = "s3cr3t-app-secret"
)

// fakeWeChat is a per-test stand-in: it answers stable_token itself (token
// "TOKEN-<n>" for the n-th fetch) and hands every other request to api.
type fakeWeChat struct {
	t         testing.TB
	srv       *httptest.Server
	api       http.HandlerFunc
	onToken   func() // runs before each stable_token answer
	expiresIn int
	fetches   atomic.Int32 // stable_token calls
	forced    atomic.Int32 // of which force_refresh=true
	apiCalls  atomic.Int32
	tokenErr  atomic.Pointer[string] // when set, stable_token answers this body

	clientOnce sync.Once
	c          *Client
}

func newFake(t testing.TB, api http.HandlerFunc, onToken ...func()) *fakeWeChat {
	t.Helper()
	f := &fakeWeChat{t: t, api: api, expiresIn: 7200}
	if len(onToken) > 0 {
		f.onToken = onToken[0]
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeWeChat) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/cgi-bin/stable_token" {
		f.apiCalls.Add(1)
		f.api(w, r)
		return
	}
	var req struct {
		GrantType    string `json:"grant_type"`
		AppID        string `json:"appid"`
		Secret       string `json:"secret"`
		ForceRefresh bool   `json:"force_refresh"`
	}
	if r.Method != http.MethodPost || r.URL.RawQuery != "" || r.Header.Get("Content-Type") != "application/json" {
		f.t.Errorf("stable_token: %s ?%s %s", r.Method, r.URL.RawQuery, r.Header.Get("Content-Type"))
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		f.t.Errorf("stable_token body: %v", err)
	}
	if req.GrantType != "client_credential" || req.AppID == "" || req.Secret != testSecret {
		f.t.Errorf("stable_token request = %+v", req)
	}
	if f.onToken != nil {
		f.onToken()
	}
	if body := f.tokenErr.Load(); body != nil {
		fmt.Fprint(w, *body)
		return
	}
	n := f.fetches.Add(1)
	if req.ForceRefresh {
		f.forced.Add(1)
	}
	fmt.Fprintf(w, `{"access_token":"TOKEN-%d","expires_in":%d}`, n, f.expiresIn)
}

// client returns the fake's one Client: like the desk, which keeps one
// Client per channel, every caller shares its token cache.
func (f *fakeWeChat) client() *Client {
	f.clientOnce.Do(func() { f.c = NewClient(f.srv.URL, testAppID, testSecret, f.srv.Client()) })
	return f.c
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

// answer writes a JSON body.
func answer(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "application/json; encoding=utf-8")
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
