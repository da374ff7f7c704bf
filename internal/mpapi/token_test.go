package mpapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"
)

var textMessage = CustomMessage{ToUser: testOpenID, MsgType: MsgTypeText, Text: &Text{Content: "您好"}}

func okAPI(w http.ResponseWriter, r *http.Request) { answer(w, `{"errcode":0,"errmsg":"ok"}`) }

func TestTokenFetchedOnceForManyCallsAndClients(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		if tok := r.URL.Query().Get("access_token"); tok != "TOKEN-1" {
			t.Errorf("access_token = %q, want TOKEN-1", tok)
		}
		okAPI(w, r)
	})
	clients := []*Client{f.client(), f.client()} // same AppID: one shared token
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			if err := clients[i%2].SendCustom(context.Background(), textMessage); err != nil {
				t.Errorf("SendCustom: %v", err)
			}
		})
	}
	wg.Wait()
	if n := f.fetches.Load(); n != 1 {
		t.Errorf("stable_token fetched %d times, want 1", n)
	}
	if n := f.apiCalls.Load(); n != 20 {
		t.Errorf("API calls = %d, want 20", n)
	}

	other := NewClient(f.srv.URL, "wxOTHERAPP", testSecret, f.srv.Client())
	tok, err := other.AccessToken(context.Background())
	if err != nil || tok != "TOKEN-2" {
		t.Errorf("other AppID token = %q, %v; want its own TOKEN-2", tok, err)
	}
}

func TestTokenRejectedForcesOneRefreshAndOneRetry(t *testing.T) {
	for _, code := range []int{CodeInvalidCredential, CodeInvalidToken, CodeTokenExpired} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Query().Get("access_token") == "TOKEN-1" {
					answer(w, fmt.Sprintf(`{"errcode":%d,"errmsg":"invalid credential"}`, code))
					return
				}
				checkRequest(t, r, wantRequest{method: "POST", path: "/cgi-bin/message/custom/send", token: "TOKEN-2",
					body: `{"touser":"` + testOpenID + `","msgtype":"text","text":{"content":"您好"}}`})
				okAPI(w, r)
			})
			if err := f.client().SendCustom(context.Background(), textMessage); err != nil {
				t.Fatalf("SendCustom: %v", err)
			}
			if f.fetches.Load() != 2 || f.forced.Load() != 1 || f.apiCalls.Load() != 2 {
				t.Errorf("fetches %d forced %d api calls %d, want 2/1/2", f.fetches.Load(), f.forced.Load(), f.apiCalls.Load())
			}
		})
	}
}

func TestTokenRejectedTwiceReturnsError(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		answer(w, `{"errcode":40014,"errmsg":"invalid access_token"}`)
	})
	err := f.client().SendCustom(context.Background(), textMessage)
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.Code != CodeInvalidToken || apiErr.Op != "custom/send" {
		t.Fatalf("err = %v, want *Error 40014 for custom/send", err)
	}
	if f.apiCalls.Load() != 2 || f.forced.Load() != 1 {
		t.Errorf("api calls %d forced %d, want exactly one retry after one forced refresh", f.apiCalls.Load(), f.forced.Load())
	}
	mustNotContain(t, err.Error(), "TOKEN-1", "TOKEN-2", testSecret)
}

func TestConcurrentRejectionsShareOneForcedRefresh(t *testing.T) {
	var arrived sync.WaitGroup
	arrived.Add(2)
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("access_token") == "TOKEN-1" {
			arrived.Done()
			arrived.Wait() // both calls hold the old token before either refreshes
			answer(w, `{"errcode":40001,"errmsg":"invalid credential"}`)
			return
		}
		okAPI(w, r)
	})
	c := f.client()
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			if err := c.SendCustom(context.Background(), textMessage); err != nil {
				t.Errorf("SendCustom: %v", err)
			}
		})
	}
	wg.Wait()
	if n := f.forced.Load(); n != 1 {
		t.Errorf("forced refreshes = %d, want 1 (WeChat allows one per 30 s)", n)
	}
}

func TestTokenProactiveRefreshNearExpiry(t *testing.T) {
	f := newFake(t, okAPI)
	clock := newFakeClock()
	c := f.client()
	c.Now = clock.Now
	steps := []struct {
		name    string
		advance time.Duration
		want    string
		fetches int32
	}{
		{"first use fetches", 0, "TOKEN-1", 1},
		{"more than 5 min left: cached", 7200*time.Second - 5*time.Minute - time.Second, "TOKEN-1", 1},
		{"less than 5 min left: refreshed", 2 * time.Second, "TOKEN-2", 2},
		{"new token cached", time.Hour, "TOKEN-2", 2},
	}
	for _, s := range steps {
		clock.Advance(s.advance)
		tok, err := c.AccessToken(context.Background())
		if err != nil || tok != s.want || f.fetches.Load() != s.fetches {
			t.Errorf("%s: token %q err %v fetches %d; want %q after %d fetches", s.name, tok, err, f.fetches.Load(), s.want, s.fetches)
		}
	}
	if f.forced.Load() != 0 {
		t.Errorf("proactive refresh must not force (20/day limit), forced %d", f.forced.Load())
	}
}

func TestTokenRefreshFailureKeepsUnexpiredToken(t *testing.T) {
	f := newFake(t, okAPI)
	clock := newFakeClock()
	c := f.client()
	c.Now = clock.Now
	if _, err := c.AccessToken(context.Background()); err != nil {
		t.Fatal(err)
	}
	outage := `{"errcode":-1,"errmsg":"system error"}`
	f.tokenErr.Store(&outage)

	clock.Advance(7200*time.Second - time.Minute) // inside the rotation overlap
	if tok, err := c.AccessToken(context.Background()); err != nil || tok != "TOKEN-1" {
		t.Errorf("during overlap: %q, %v; want old TOKEN-1", tok, err)
	}
	clock.Advance(2 * time.Minute) // past expiry
	_, err := c.AccessToken(context.Background())
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.Op != "stable_token" || !IsRetryable(err) {
		t.Errorf("after expiry err = %v, want retryable stable_token *Error", err)
	}
}

func TestTokenFetchErrors(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		code   int
		target error
	}{
		{"ip whitelist", `{"errcode":40164,"errmsg":"invalid ip 1.2.3.4, not in whitelist"}`, 40164, nil},
		{"secret echoed", `{"errcode":40125,"errmsg":"invalid appsecret s3cr3t-app-secret"}`, 40125, nil},
		{"no token", `{"expires_in":7200}`, 0, ErrUnexpectedResponse},
		{"not json", `<html>502</html>`, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, okAPI)
			f.tokenErr.Store(&tt.body)
			err := f.client().SendCustom(context.Background(), textMessage)
			if err == nil {
				t.Fatal("want error")
			}
			var apiErr *Error
			if tt.code != 0 && (!errors.As(err, &apiErr) || apiErr.Code != tt.code) {
				t.Errorf("err = %v, want errcode %d", err, tt.code)
			}
			if tt.target != nil && !errors.Is(err, tt.target) {
				t.Errorf("err = %v, want %v", err, tt.target)
			}
			if f.apiCalls.Load() != 0 {
				t.Errorf("API called without a token")
			}
			mustNotContain(t, err.Error(), testSecret)
		})
	}
}

// staticTokens is an injected TokenSource.
type staticTokens struct{ forced int }

func (s *staticTokens) Token(_ context.Context, rejected string) (string, error) {
	if rejected != "" {
		s.forced++
		return "INJECTED-2", nil
	}
	return "INJECTED-1", nil
}

func TestInjectedTokenSource(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("access_token") == "INJECTED-1" {
			answer(w, `{"errcode":42001,"errmsg":"access_token expired"}`)
			return
		}
		okAPI(w, r)
	})
	c := f.client()
	src := &staticTokens{}
	c.Tokens = src
	if err := c.SendCustom(context.Background(), textMessage); err != nil {
		t.Fatal(err)
	}
	if src.forced != 1 || f.fetches.Load() != 0 {
		t.Errorf("forced %d, stable_token fetches %d; want 1 and 0", src.forced, f.fetches.Load())
	}
}

func TestTokenWaitHonoursContext(t *testing.T) {
	fetching, release := make(chan struct{}), make(chan struct{})
	f := newFake(t, okAPI, func() {
		close(fetching)
		<-release
	})
	c := f.client()
	done := make(chan struct{})
	go func() { // holds the single fetch until released
		defer close(done)
		_, _ = c.AccessToken(context.Background())
	}()
	<-fetching
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := c.AccessToken(ctx)
	close(release)
	<-done
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the waiter to give up with its context", err)
	}
	if f.fetches.Load() != 1 {
		t.Errorf("fetches = %d, want 1: waiters must not start their own fetch", f.fetches.Load())
	}
}

func BenchmarkAccessTokenCached(b *testing.B) {
	c := newFake(b, okAPI).client()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.AccessToken(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

func TestForgetTokenFetchesAFreshOne(t *testing.T) {
	f := newFake(t, okAPI)
	c := f.client()
	if _, err := c.AccessToken(context.Background()); err != nil {
		t.Fatal(err)
	}
	c.ForgetToken()
	if _, err := c.AccessToken(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := f.fetches.Load(); n != 2 {
		t.Fatalf("stable_token fetched %d times, want 2 (one after ForgetToken)", n)
	}
}
