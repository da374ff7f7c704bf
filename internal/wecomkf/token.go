package wecomkf

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

const (
	// refreshMargin: gettoken is frequency-limited and WeCom hands back the
	// same token while it is valid, so refreshing a few minutes early costs
	// one call per token lifetime and avoids racing the expiry.
	refreshMargin = 5 * time.Minute
	// tokenFetchTimeout bounds a shared fetch, which runs detached from any
	// one caller's context so a caller giving up cannot fail the others.
	tokenFetchTimeout = 30 * time.Second
)

// tokenCache is the access token of one Client. WeCom issues one token per
// (corpid, secret), and a Client has exactly one of each, so the cache lives
// on the Client rather than in a package-level map keyed by corpid (which
// would mix up two apps of the same corp).
type tokenCache struct {
	mu        sync.Mutex
	token     string
	refreshAt time.Time    // proactive refresh from here on
	expiresAt time.Time    // WeCom stops accepting the token here
	gen       uint64       // bumped by ForgetToken; older fetches are not stored
	flight    *tokenFlight // the fetch in progress, shared by all waiters
}

// tokenFlight is one gettoken request whose result every waiter receives.
type tokenFlight struct {
	done  chan struct{}
	token string
	err   error
}

// AccessToken returns a valid access token, fetching one when the cache is
// empty or within 5 minutes of expiry.
func (c *Client) AccessToken(ctx context.Context) (string, error) {
	return c.accessToken(ctx, "")
}

// ForgetToken drops the cached access token so the next call fetches a
// fresh one; call it after the app secret is reset in the WeCom console.
func (c *Client) ForgetToken() {
	t := &c.tokens
	t.mu.Lock()
	defer t.mu.Unlock()
	t.token, t.refreshAt, t.expiresAt = "", time.Time{}, time.Time{}
	t.gen++
	t.flight = nil
}

// accessToken returns the cached token unless it is due for refresh or is
// rejected (the token WeCom just refused); otherwise it joins or starts the
// single shared fetch.
func (c *Client) accessToken(ctx context.Context, rejected string) (string, error) {
	t := &c.tokens
	t.mu.Lock()
	if rejected != "" && t.token == rejected {
		// Drop it so concurrent callers stop using it too.
		t.token, t.refreshAt, t.expiresAt = "", time.Time{}, time.Time{}
	}
	if t.token != "" && c.now().Before(t.refreshAt) {
		token := t.token
		t.mu.Unlock()
		return token, nil
	}
	f := t.flight
	if f == nil {
		f = &tokenFlight{done: make(chan struct{})}
		t.flight = f
		go c.runTokenFlight(ctx, f, t.gen)
	}
	t.mu.Unlock()
	select {
	case <-f.done:
		return f.token, f.err
	case <-ctx.Done():
		return "", fmt.Errorf("wecomkf: gettoken: %w", ctx.Err())
	}
}

// runTokenFlight fetches a token, stores it unless ForgetToken ran in the
// meantime, and releases every waiter.
func (c *Client) runTokenFlight(ctx context.Context, f *tokenFlight, gen uint64) {
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), tokenFetchTimeout)
	defer cancel()
	token, lifetime, err := c.fetchToken(fctx)

	t := &c.tokens
	t.mu.Lock()
	defer t.mu.Unlock()
	defer close(f.done)
	if t.flight == f {
		t.flight = nil
	}
	now := c.now()
	switch {
	case err != nil && t.gen == gen && t.token != "" && now.Before(t.expiresAt):
		// A failed proactive refresh is harmless while the old token lives.
		f.token = t.token
	case err != nil:
		f.err = err
	default:
		f.token = token
		if t.gen == gen {
			t.token = token
			t.expiresAt = now.Add(lifetime)
			t.refreshAt = t.expiresAt.Add(-min(refreshMargin, lifetime/2))
		}
	}
}

// tokenAnswer is the gettoken response body.
type tokenAnswer struct {
	AccessToken string `json:"access_token"`
	ExpiresIn   int64  `json:"expires_in"`
}

// fetchToken calls GET /cgi-bin/gettoken. WeCom wants the secret in the
// query string; redactURLError and scrubSecret keep it out of errors.
func (c *Client) fetchToken(ctx context.Context) (string, time.Duration, error) {
	const path = "gettoken"
	r := apiRequest{path: path, method: http.MethodGet,
		query: url.Values{"corpid": {c.CorpID}, "corpsecret": {c.secret}}}
	var ans tokenAnswer
	if err := c.exchange(ctx, r, "", &ans); err != nil {
		return "", 0, scrubSecret(err, c.secret)
	}
	if ans.AccessToken == "" || ans.ExpiresIn <= 0 {
		return "", 0, fmt.Errorf("%w: %s: missing access_token or expires_in", ErrUnexpectedResponse, path)
	}
	return ans.AccessToken, time.Duration(ans.ExpiresIn) * time.Second, nil
}

// scrubSecret removes the secret from an errmsg, should WeCom echo it.
func scrubSecret(err error, secret string) error {
	var apiErr *Error
	if secret != "" && errors.As(err, &apiErr) {
		apiErr.Msg = strings.ReplaceAll(apiErr.Msg, secret, "REDACTED")
	}
	return err
}
