package mpapi

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// TokenSource supplies access tokens. rejected, when not empty, is the
// token WeChat just refused: the source returns a different one (a caller
// that raced another's refresh gets the token that refresh fetched).
type TokenSource interface {
	Token(ctx context.Context, rejected string) (string, error)
}

const (
	// refreshMargin: stable_token rotates 5 minutes before expiry and both
	// tokens work during that overlap, so refreshing then is free.
	refreshMargin = 5 * time.Minute
	// forceCoalesceWindow: WeChat allows one force_refresh per 30 s (20 a
	// day), so rejections arriving within 30 s of a forced fetch reuse it.
	forceCoalesceWindow = 30 * time.Second
)

// tokenEntry is the cached token of one Client.
type tokenEntry struct {
	// lock has capacity 1; holding it means "I read or fetch the token".
	// A channel rather than a mutex lets waiters give up when their
	// context ends while another goroutine is fetching.
	lock      chan struct{}
	token     string
	refreshAt time.Time // proactive refresh from here on
	expiresAt time.Time // WeChat stops accepting the token here
	forcedAt  time.Time // last successful force_refresh fetch
}

// ForgetToken drops the client's cached access token, so the next call
// fetches a fresh one: the desk calls it when a channel's AppSecret or API
// base changes.
func (c *Client) ForgetToken() {
	e := c.tokenEntry()
	e.lock <- struct{}{}
	e.token, e.refreshAt, e.expiresAt, e.forcedAt = "", time.Time{}, time.Time{}, time.Time{}
	<-e.lock
}

// tokenEntry is the client's own token cache. The desk keeps one Client per
// channel, so the token is owned per channel, and a force_refresh by one
// caller is seen by every other caller of the same channel.
func (c *Client) tokenEntry() *tokenEntry {
	c.entryOnce.Do(func() { c.entry = &tokenEntry{lock: make(chan struct{}, 1)} })
	return c.entry
}

func (c *Client) tokens() TokenSource {
	if c.Tokens != nil {
		return c.Tokens
	}
	return stableTokens{client: c, entry: c.tokenEntry()}
}

// stableTokens is the default TokenSource: POST /cgi-bin/stable_token behind
// the client's cache, one fetch at a time.
type stableTokens struct {
	client *Client
	entry  *tokenEntry
}

// Token returns the cached token or fetches one; see TokenSource.
//
// One refresh per incident: callers whose token was rejected queue on the
// cache lock, and the first one fetches; the others find a token other
// than the one they saw rejected and use it. WeChat allows one
// force_refresh per 30 s, so a second rejection inside that window asks
// without force: stable_token then hands out the current token, which is a
// fresh one when the rejected token was revoked. Only when WeChat keeps
// returning the rejected token is it an error (ErrTokenRejected), which
// the desk retries later, never a permanent failure.
func (s stableTokens) Token(ctx context.Context, rejected string) (string, error) {
	e := s.entry
	select {
	case e.lock <- struct{}{}:
	case <-ctx.Done():
		return "", fmt.Errorf("mpapi: stable_token: %w", ctx.Err())
	}
	defer func() { <-e.lock }()

	now := s.client.now()
	if e.token != "" {
		if rejected == "" && now.Before(e.refreshAt) {
			return e.token, nil
		}
		if rejected != "" && e.token != rejected {
			return e.token, nil // another caller already refreshed
		}
	}
	force := rejected != "" && (e.forcedAt.IsZero() || now.Sub(e.forcedAt) >= forceCoalesceWindow)
	token, lifetime, err := s.client.fetchStableToken(ctx, force)
	if err != nil {
		// A proactive refresh that fails is not fatal while the old token
		// is still inside its lifetime.
		if rejected == "" && e.token != "" && now.Before(e.expiresAt) {
			return e.token, nil
		}
		return "", err
	}
	e.token = token
	e.expiresAt = now.Add(lifetime)
	e.refreshAt = e.expiresAt.Add(-min(refreshMargin, lifetime/2))
	if force {
		e.forcedAt = now
	}
	if rejected != "" && token == rejected {
		return "", fmt.Errorf("mpapi: stable_token: %w", ErrTokenRejected)
	}
	return token, nil
}

// stableTokenAnswer is the stable_token response body.
type stableTokenAnswer struct {
	AccessToken string `json:"access_token"`
	ExpiresIn   int64  `json:"expires_in"`
}

// fetchStableToken calls POST /cgi-bin/stable_token. The secret travels in
// the body only, never in the URL.
func (c *Client) fetchStableToken(ctx context.Context, force bool) (string, time.Duration, error) {
	const op = "stable_token"
	r, err := jsonRequest(op, "/cgi-bin/stable_token", map[string]any{
		"grant_type":    "client_credential",
		"appid":         c.AppID,
		"secret":        c.secret,
		"force_refresh": force,
	})
	if err != nil {
		return "", 0, err
	}
	var ans stableTokenAnswer
	if err := c.exchange(ctx, r, "", &ans); err != nil {
		return "", 0, scrubSecret(err, c.secret)
	}
	if ans.AccessToken == "" || ans.ExpiresIn <= 0 {
		return "", 0, fmt.Errorf("mpapi: %s: %w: missing access_token or expires_in", op, ErrUnexpectedResponse)
	}
	return ans.AccessToken, time.Duration(ans.ExpiresIn) * time.Second, nil
}

// scrubSecret removes the AppSecret from an errmsg, should WeChat ever echo it.
func scrubSecret(err error, secret string) error {
	var apiErr *Error
	if secret != "" && errors.As(err, &apiErr) {
		apiErr.Msg = strings.ReplaceAll(apiErr.Msg, secret, "REDACTED")
	}
	return err
}
