package wechatsim

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/wedesk/wedesk/internal/wxcrypto"
)

// Mode is the console's 消息加解密方式 (§2.1).
type Mode int32

// Encryption modes.
const (
	// ModeSafe posts only ToUserName + Encrypt (安全模式).
	ModeSafe Mode = iota
	// ModeCompatible posts plaintext fields and Encrypt in one <xml> (兼容模式).
	ModeCompatible
	// ModePlain posts plaintext XML without encrypt_type (明文模式).
	ModePlain
)

// maxPushAttempts: WeChat sends a push at most three times (§2.5).
const maxPushAttempts = 3

// maxReplyBytes bounds what the simulator reads of a callback answer.
const maxReplyBytes = 1 << 20

// Delivery reports how one push went.
type Delivery struct {
	// MsgID is the push's MsgId (MsgID for template receipts, "" for events).
	MsgID string
	// Attempts is how many times the push was posted (1–3).
	Attempts int
	// Status is the HTTP status of the last attempt, 0 if it got none.
	Status int
	// Body is the raw body of the last answer.
	Body string
	// Latency is the wall time from the first post to the last answer.
	Latency time.Duration
	// Reply is the plaintext passive reply (decrypted if it came encrypted);
	// nil when the server answered "success" or an empty body.
	Reply []byte
}

// pushTarget is everything needed to post to one account's server.
type pushTarget struct {
	url, token, appID, originalID string
	crypter                       *wxcrypto.Crypter
}

// target looks up where and how to push for appID.
func (s *Server) target(appID string) (pushTarget, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	acct, ok := s.accounts[appID]
	if !ok {
		return pushTarget{}, fmt.Errorf("%w: %s", ErrUnknownAccount, appID)
	}
	if acct.callbackURL == "" {
		return pushTarget{}, fmt.Errorf("%w: %s", ErrNoCallbackURL, appID)
	}
	c, err := acct.crypt()
	if err != nil {
		return pushTarget{}, fmt.Errorf("wechatsim: account %s: %w", appID, err)
	}
	return pushTarget{url: acct.callbackURL, token: acct.Token, appID: appID, originalID: acct.OriginalID, crypter: c}, nil
}

// Push delivers a plaintext push as WeChat does in the customer's mode:
// encrypted and signed, posted with a 5 s deadline, and posted again (same
// MsgId and CreateTime, fresh timestamp, nonce and ciphertext) while it times
// out or gets a non-200 answer, three posts at most. A 200 answer must be
// "success", empty, or a valid passive reply, else ErrInvalidReply.
func (c *Customer) Push(ctx context.Context, plain []byte) (*Delivery, error) {
	t, err := c.s.target(c.appID)
	if err != nil {
		return nil, err
	}
	info := parsePushInfo(plain)
	c.s.recordInteraction(c.appID, c.openID, info)
	mode := Mode(c.mode.Load())
	d := &Delivery{MsgID: info.msgID()}
	start := time.Now()
	var lastErr error
	for d.Attempts < maxPushAttempts {
		d.Attempts++
		d.Status, d.Body, lastErr = c.s.postOnce(ctx, t, c.openID, mode, plain)
		d.Latency = time.Since(start)
		if lastErr == nil && d.Status == http.StatusOK {
			return d, c.s.acceptReply(d, t, c.openID, mode)
		}
		if ctx.Err() != nil {
			return d, fmt.Errorf("wechatsim: push: %w", ctx.Err())
		}
		if err := sleep(ctx, c.s.opts.RetryDelay); err != nil {
			return d, fmt.Errorf("wechatsim: push: %w", err)
		}
	}
	if lastErr == nil {
		lastErr = fmt.Errorf("status %d", d.Status)
	}
	return d, fmt.Errorf("%w after %d attempts: %w", ErrNotAcknowledged, d.Attempts, lastErr)
}

// postOnce makes one POST with its own deadline and returns status and body.
func (s *Server) postOnce(ctx context.Context, t pushTarget, openID string, mode Mode, plain []byte) (int, string, error) {
	target, body, err := signedPush(t, openID, mode, plain, s.opts.Now())
	if err != nil {
		return 0, "", err
	}
	ctx, cancel := context.WithTimeout(ctx, s.opts.PushTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return 0, "", fmt.Errorf("wechatsim: push request: %w", err)
	}
	req.Header.Set("Content-Type", "text/xml")
	req.Header.Set("User-Agent", "Mozilla/4.0")
	resp, err := s.client.Do(req)
	if err != nil {
		return 0, "", fmt.Errorf("wechatsim: push: %w", err)
	}
	defer resp.Body.Close()
	reply, err := io.ReadAll(io.LimitReader(resp.Body, maxReplyBytes))
	if err != nil {
		return 0, "", fmt.Errorf("wechatsim: push answer: %w", err)
	}
	return resp.StatusCode, string(reply), nil
}

// signedPush builds the URL and body of one post (§2.1–2.2).
func signedPush(t pushTarget, openID string, mode Mode, plain []byte, now time.Time) (string, []byte, error) {
	timestamp := strconv.FormatInt(now.Unix(), 10)
	nonce := randomDigits(10)
	q := []string{"signature=" + wxcrypto.Signature(t.token, timestamp, nonce), "timestamp=" + timestamp, "nonce=" + nonce}
	if mode == ModePlain {
		// The official plaintext example carries only these three, so the
		// simulator leaves openid out to catch servers that depend on it.
		return withQuery(t.url, q), plain, nil
	}
	q = append(q, "openid="+url.QueryEscape(openID))
	encrypt, err := t.crypter.Encrypt(plain, nil)
	if err != nil {
		return "", nil, fmt.Errorf("wechatsim: encrypt push: %w", err)
	}
	q = append(q, "encrypt_type=aes", "msg_signature="+wxcrypto.Signature(t.token, timestamp, nonce, encrypt))
	if mode == ModeCompatible {
		return withQuery(t.url, q), compatibleBody(plain, encrypt), nil
	}
	return withQuery(t.url, q), safeBody(t.originalID, encrypt), nil
}

// withQuery appends parameters in WeChat's order to a URL that may already
// carry a query.
func withQuery(base string, params []string) string {
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + strings.Join(params, "&")
}

// randomDigits returns n random decimal digits without a leading zero.
// Nonces need not be secret, only varied.
func randomDigits(n int) string {
	b := make([]byte, n)
	b[0] = byte('1' + rand.IntN(9))
	for i := 1; i < n; i++ {
		b[i] = byte('0' + rand.IntN(10))
	}
	return string(b)
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
