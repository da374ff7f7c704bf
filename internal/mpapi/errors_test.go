package mpapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"syscall"
	"testing"
	"time"
)

func TestIsRetryable(t *testing.T) {
	timeout := &url.Error{Op: "Post", URL: "https://api.weixin.qq.com/x", Err: context.DeadlineExceeded}
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"system error", &Error{Code: -1}, true},
		{"daily quota", fmt.Errorf("wrapped: %w", &Error{Code: 45009}), true},
		{"minute quota", &Error{Code: 45011}, true},
		{"window closed", &Error{Code: 45015}, false},
		{"reply quota", &Error{Code: 45047}, false},
		{"http 502", &HTTPError{StatusCode: 502}, true},
		{"http 429", &HTTPError{StatusCode: 429}, true},
		{"http 404", &HTTPError{StatusCode: 404}, false},
		{"transport timeout", fmt.Errorf("mpapi: custom/send: %w", timeout), true},
		{"truncated body", fmt.Errorf("read: %w", io.ErrUnexpectedEOF), true},
		{"caller cancelled", &url.Error{Op: "Post", URL: "u", Err: context.Canceled}, false},
		{"server hung up", &url.Error{Op: "Post", URL: "u", Err: io.EOF}, true},
		{"connection refused", &url.Error{Op: "Post", URL: "u", Err: &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}}, true},
		{"bad scheme", &url.Error{Op: "Get", URL: "u", Err: errors.New("unsupported protocol scheme")}, false},
		{"invalid request", invalid("touser is empty"), false},
		{"too large", ErrMediaTooLarge, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsRetryable(tt.err); got != tt.want {
				t.Errorf("IsRetryable(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}

// TestAccessTokenNeverInErrors drives every failure path that could carry
// the request URL or an echoed token.
func TestAccessTokenNeverInErrors(t *testing.T) {
	tests := []struct {
		name      string
		api       http.HandlerFunc
		retryable bool
	}{
		{"connection dropped", func(w http.ResponseWriter, r *http.Request) {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
		}, true},
		{"timeout", func(w http.ResponseWriter, r *http.Request) {
			// The server notices the client hanging up only once the
			// request body has been consumed.
			_, _ = io.Copy(io.Discard, r.Body)
			<-r.Context().Done()
		}, true},
		{"http 503", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "busy "+r.URL.RawQuery, http.StatusServiceUnavailable)
		}, true},
		{"errmsg echoes token", func(w http.ResponseWriter, r *http.Request) {
			answer(w, `{"errcode":48001,"errmsg":"api unauthorized for `+r.URL.Query().Get("access_token")+`"}`)
		}, false},
		{"not json", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, "<html>"+r.URL.RawQuery+"</html>")
		}, false},
		{"redirect loop", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, r.URL.String(), http.StatusFound)
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, tt.api)
			c := f.client()
			c.HTTP = &http.Client{Timeout: 200 * time.Millisecond}
			calls := map[string]func() error{
				"SendCustom": func() error { return c.SendCustom(context.Background(), textMessage) },
				"GetMedia":   func() error { _, err := c.GetMedia(context.Background(), "M"); return err },
				"UserInfo":   func() error { _, err := c.UserInfo(context.Background(), "o"); return err },
			}
			for name, call := range calls {
				err := call()
				if err == nil {
					t.Fatalf("%s: want an error", name)
				}
				mustNotContain(t, err.Error(), "TOKEN-1", "TOKEN-2", testSecret)
				if IsRetryable(err) != tt.retryable {
					t.Errorf("%s: IsRetryable(%v) = %v, want %v", name, err, !tt.retryable, tt.retryable)
				}
			}
		})
	}
}

func TestErrorIdentityThroughWrapping(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		answer(w, `{"errcode":43004,"errmsg":"require subscribe"}`)
	})
	err := fmt.Errorf("outbox: %w", f.client().SendCustom(context.Background(), textMessage))
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.Code != CodeRequireSubscribe || apiErr.Description() != "用户未关注公众号 (43004)" {
		t.Errorf("err = %v", err)
	}
}

func TestRedactURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://api.weixin.qq.com/cgi-bin/media/get?access_token=SECRET&media_id=M", "https://api.weixin.qq.com/cgi-bin/media/get?access_token=REDACTED&media_id=M"},
		{"https://cdn.example.com/v.mp4?sign=1", "https://cdn.example.com/v.mp4?sign=1"},
		{"://bad\x7f", "(unparseable url)"},
	}
	for _, tt := range tests {
		if got := redactURL(tt.in); got != tt.want {
			t.Errorf("redactURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
