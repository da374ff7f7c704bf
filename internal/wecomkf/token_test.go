package wecomkf

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"
)

func okAPI(w http.ResponseWriter, _ *http.Request) {
	answer(w, `{"errcode":0,"errmsg":"ok","msgid":"m1"}`)
}

var textOut = OutMessage{Touser: testUser, OpenKfID: testOpenKfID, Text: &Text{Content: "您好"}}

func TestTokenCachedAcrossCalls(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		if tok := r.URL.Query().Get("access_token"); tok != "TOKEN-1" {
			t.Errorf("access_token = %q, want TOKEN-1", tok)
		}
		okAPI(w, r)
	})
	c := f.client()
	for range 3 {
		if _, err := c.SendMsg(context.Background(), textOut); err != nil {
			t.Fatalf("SendMsg: %v", err)
		}
	}
	if n := f.fetches.Load(); n != 1 {
		t.Errorf("gettoken fetched %d times, want 1", n)
	}
	// Another Client (another app secret in real life) has its own cache.
	if tok, err := f.client().AccessToken(context.Background()); err != nil || tok != "TOKEN-2" {
		t.Errorf("second client token = %q, %v; want its own TOKEN-2", tok, err)
	}
}

func TestTokenRefreshedBeforeExpiry(t *testing.T) {
	tests := []struct {
		name        string
		expiresIn   int
		advance     time.Duration
		wantFetches int32
	}{
		{"fresh", 7200, time.Hour, 1},
		{"just before margin", 7200, 7200*time.Second - refreshMargin - time.Second, 1},
		{"inside 5 min margin", 7200, 7200*time.Second - refreshMargin + time.Second, 2},
		{"expired", 7200, 3 * time.Hour, 2},
		{"short lifetime refreshes at half", 120, 61 * time.Second, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, okAPI)
			f.expiresIn = tt.expiresIn
			clock := newFakeClock()
			c := f.client()
			c.Now = clock.Now
			if _, err := c.AccessToken(context.Background()); err != nil {
				t.Fatal(err)
			}
			clock.Advance(tt.advance)
			tok, err := c.AccessToken(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if n := f.fetches.Load(); n != tt.wantFetches || tok != fmt.Sprintf("TOKEN-%d", n) {
				t.Errorf("fetches = %d token %q, want %d fetches and the newest token", n, tok, tt.wantFetches)
			}
		})
	}
}

func TestTokenSingleFlight(t *testing.T) {
	f := newFake(t, okAPI)
	f.onToken = func() { time.Sleep(50 * time.Millisecond) } // let every caller pile up
	c := f.client()
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if _, err := c.SendMsg(context.Background(), textOut); err != nil {
				t.Errorf("SendMsg: %v", err)
			}
		})
	}
	wg.Wait()
	if n := f.fetches.Load(); n != 1 {
		t.Errorf("gettoken fetched %d times by 20 concurrent callers, want 1", n)
	}
	if n := f.apiCalls.Load(); n != 20 {
		t.Errorf("API calls = %d, want 20", n)
	}
}

func TestTokenWaiterCancelDoesNotFailTheFetch(t *testing.T) {
	release := make(chan struct{})
	f := newFake(t, okAPI)
	f.onToken = func() { <-release }
	c := f.client()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { _, err := c.AccessToken(ctx); done <- err }()
	time.Sleep(20 * time.Millisecond)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled waiter err = %v", err)
	}
	close(release)
	if tok, err := c.AccessToken(context.Background()); err != nil || tok != "TOKEN-1" {
		t.Errorf("after cancel: %q, %v; want the shared fetch's TOKEN-1", tok, err)
	}
}

func TestTokenRejectedRetriedOnce(t *testing.T) {
	for _, code := range []int{CodeInvalidSecret, CodeInvalidToken, CodeTokenExpired} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Query().Get("access_token") == "TOKEN-1" {
					answer(w, fmt.Sprintf(`{"errcode":%d,"errmsg":"invalid access_token"}`, code))
					return
				}
				checkRequest(t, r, wantRequest{method: "POST", path: "/cgi-bin/kf/send_msg", token: "TOKEN-2",
					body: `{"touser":"` + testUser + `","open_kfid":"` + testOpenKfID + `","msgtype":"text","text":{"content":"您好"}}`})
				okAPI(w, r)
			})
			if _, err := f.client().SendMsg(context.Background(), textOut); err != nil {
				t.Fatalf("SendMsg: %v", err)
			}
			if f.fetches.Load() != 2 || f.apiCalls.Load() != 2 {
				t.Errorf("fetches %d, api calls %d; want 2/2", f.fetches.Load(), f.apiCalls.Load())
			}
		})
	}
}

func TestTokenRejectedTwiceReturnsError(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		answer(w, `{"errcode":40014,"errmsg":"invalid access_token"}`)
	})
	_, err := f.client().SendMsg(context.Background(), textOut)
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.Code != CodeInvalidToken || apiErr.Path != "kf/send_msg" {
		t.Fatalf("err = %v, want *Error 40014 for kf/send_msg", err)
	}
	if f.apiCalls.Load() != 2 || f.fetches.Load() != 2 {
		t.Errorf("api calls %d fetches %d, want exactly one retry", f.apiCalls.Load(), f.fetches.Load())
	}
}

func TestForgetToken(t *testing.T) {
	f := newFake(t, okAPI)
	c := f.client()
	first, _ := c.AccessToken(context.Background())
	c.ForgetToken()
	second, err := c.AccessToken(context.Background())
	if err != nil || first != "TOKEN-1" || second != "TOKEN-2" {
		t.Errorf("tokens %q then %q (%v), want TOKEN-1 then TOKEN-2", first, second, err)
	}
}

func TestStaleTokenServedWhenRefreshFails(t *testing.T) {
	f := newFake(t, okAPI)
	clock := newFakeClock()
	c := f.client()
	c.Now = clock.Now
	if _, err := c.AccessToken(context.Background()); err != nil {
		t.Fatal(err)
	}
	busy := `{"errcode":-1,"errmsg":"system busy"}`
	f.tokenBody.Store(&busy)
	clock.Advance(7200*time.Second - time.Minute) // in the refresh margin, still valid
	if tok, err := c.AccessToken(context.Background()); err != nil || tok != "TOKEN-1" {
		t.Errorf("got %q, %v; want the still-valid TOKEN-1", tok, err)
	}
	clock.Advance(2 * time.Minute) // now expired
	if _, err := c.AccessToken(context.Background()); !IsRetryable(err) {
		t.Errorf("expired token with failing refresh: err = %v, want retryable -1", err)
	}
}

func TestTokenErrorsHideSecrets(t *testing.T) {
	f := newFake(t, okAPI)
	body := `{"errcode":40001,"errmsg":"invalid credential, secret ` + testSecret + `"}`
	f.tokenBody.Store(&body)
	_, err := f.client().AccessToken(context.Background())
	if !IsTokenError(err) || !IsPermanent(err) {
		t.Errorf("err = %v, want a permanent token error", err)
	}
	mustNotContain(t, err.Error(), testSecret)

	f.srv.Close() // transport failure: *url.Error carries the URL
	_, err = NewClient(f.srv.URL, testCorpID, testSecret, nil).AccessToken(context.Background())
	if err == nil || !IsRetryable(err) {
		t.Fatalf("closed server: err = %v, want retryable", err)
	}
	mustNotContain(t, err.Error(), testSecret)
}

func BenchmarkAccessTokenCached(b *testing.B) {
	f := newFake(b, okAPI)
	c := f.client()
	ctx := context.Background()
	if _, err := c.AccessToken(ctx); err != nil {
		b.Fatal(err)
	}
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := c.AccessToken(ctx); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
