package wechatsim

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/wedesk/wedesk/internal/wxcrypto"
)

// kfSyncTokenTTL is how long a callback Token works for sync_msg (§2.2).
const kfSyncTokenTTL = 10 * time.Minute

// kfTarget is everything needed to call one corp's callback URL.
type kfTarget struct {
	url, token, corpID, agentID string
	crypter                     *wxcrypto.Crypter
}

// kfTargetLocked looks up the corp's callback. Caller holds s.mu.
func (s *Server) kfTargetLocked(corpID string) (*kfCorp, kfTarget, error) {
	corp, ok := s.kfCorps[corpID]
	if !ok {
		return nil, kfTarget{}, fmt.Errorf("%w: %s", ErrUnknownKFCorp, corpID)
	}
	if corp.CallbackURL == "" {
		return nil, kfTarget{}, fmt.Errorf("%w: %s", ErrNoCallbackURL, corpID)
	}
	c, err := corp.crypt()
	if err != nil {
		return nil, kfTarget{}, fmt.Errorf("wechatsim: kf corp %s: %w", corpID, err)
	}
	return corp, kfTarget{url: corp.CallbackURL, token: corp.Token, corpID: corpID, agentID: corp.AgentID, crypter: c}, nil
}

// KFFire posts one kf_msg_or_event callback for the account, with a fresh
// Token that sync_msg accepts for 10 minutes (§2.2). Like WeCom it waits 5 s
// for an answer and posts at most three times (same Token, fresh timestamp,
// nonce and ciphertext). A 200 answer must have an empty body or "success";
// any other 200 body is ErrInvalidReply, because kf has no passive replies.
func (s *Server) KFFire(ctx context.Context, corpID, openKfID string) (*Delivery, error) {
	now := s.opts.Now()
	s.mu.Lock()
	corp, t, err := s.kfTargetLocked(corpID)
	if err == nil {
		if _, ok := corp.accounts[openKfID]; !ok {
			err = fmt.Errorf("%w: %s", ErrUnknownKFAccount, openKfID)
		}
	}
	var plain []byte
	if err == nil {
		token := "ENC" + randomString(44)
		corp.syncTokens[token] = &kfSyncToken{openKfID: openKfID, expires: now.Add(kfSyncTokenTTL)}
		plain = kfEventXML(corpID, token, openKfID, now)
	}
	s.mu.Unlock()
	if err != nil {
		return nil, err
	}
	return s.kfDeliver(ctx, t, plain)
}

// kfEventXML is the decrypted callback (§2.2), laid out like vector E.
func kfEventXML(corpID, token, openKfID string, now time.Time) []byte {
	return []byte("<xml><ToUserName>" + cdata(corpID) + "</ToUserName><CreateTime>" + strconv.FormatInt(now.Unix(), 10) +
		"</CreateTime><MsgType>" + cdata("event") + "</MsgType><Event>" + cdata("kf_msg_or_event") +
		"</Event><Token>" + cdata(token) + "</Token><OpenKfId>" + cdata(openKfID) + "</OpenKfId></xml>")
}

// kfDeliver posts plain up to three times until a 200 answer.
func (s *Server) kfDeliver(ctx context.Context, t kfTarget, plain []byte) (*Delivery, error) {
	d := &Delivery{}
	start := time.Now()
	var lastErr error
	for d.Attempts < maxPushAttempts {
		d.Attempts++
		d.Status, d.Body, lastErr = s.kfPostOnce(ctx, t, plain)
		d.Latency = time.Since(start)
		if lastErr == nil && d.Status == http.StatusOK {
			if d.Body != "" && d.Body != "success" {
				return d, fmt.Errorf("%w: kf callback answered %q", ErrInvalidReply, d.Body)
			}
			return d, nil
		}
		if ctx.Err() != nil {
			return d, fmt.Errorf("wechatsim: kf callback: %w", ctx.Err())
		}
		if err := sleep(ctx, s.opts.RetryDelay); err != nil {
			return d, fmt.Errorf("wechatsim: kf callback: %w", err)
		}
	}
	if lastErr == nil {
		lastErr = fmt.Errorf("status %d", d.Status)
	}
	return d, fmt.Errorf("%w after %d attempts: %w", ErrNotAcknowledged, d.Attempts, lastErr)
}

// kfPostOnce encrypts, signs and posts plain once with WeCom's deadline.
func (s *Server) kfPostOnce(ctx context.Context, t kfTarget, plain []byte) (int, string, error) {
	encrypt, err := t.crypter.Encrypt(plain, nil)
	if err != nil {
		return 0, "", fmt.Errorf("wechatsim: encrypt kf callback: %w", err)
	}
	timestamp := strconv.FormatInt(s.opts.Now().Unix(), 10)
	nonce := randomDigits(10)
	target := withQuery(t.url, []string{
		"msg_signature=" + wxcrypto.Signature(t.token, timestamp, nonce, encrypt),
		"timestamp=" + timestamp, "nonce=" + nonce,
	})
	body := "<xml><ToUserName>" + cdata(t.corpID) + "</ToUserName><Encrypt>" + cdata(encrypt) +
		"</Encrypt><AgentID>" + cdata(t.agentID) + "</AgentID></xml>"
	return s.kfExchange(ctx, http.MethodPost, target, []byte(body))
}

// kfExchange makes one request with the push deadline; status and body.
func (s *Server) kfExchange(ctx context.Context, method, target string, body []byte) (int, string, error) {
	ctx, cancel := context.WithTimeout(ctx, s.opts.PushTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, target, bytes.NewReader(body))
	if err != nil {
		return 0, "", fmt.Errorf("wechatsim: kf callback request: %w", err)
	}
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "text/xml")
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return 0, "", fmt.Errorf("wechatsim: kf callback: %w", err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, maxReplyBytes))
	if err != nil {
		return 0, "", fmt.Errorf("wechatsim: kf callback answer: %w", err)
	}
	return resp.StatusCode, string(answer), nil
}

// VerifyKFURL makes the GET WeCom sends when the callback settings are
// saved (§2.1): an encrypted random-digit echostr, URL-encoded once, signed
// with msg_signature; the answer must be 200 with the bare plaintext.
func (s *Server) VerifyKFURL(ctx context.Context, corpID string) error {
	s.mu.Lock()
	_, t, err := s.kfTargetLocked(corpID)
	s.mu.Unlock()
	if err != nil {
		return err
	}
	plain := randomDigits(19)
	echostr, err := t.crypter.Encrypt([]byte(plain), nil)
	if err != nil {
		return fmt.Errorf("wechatsim: encrypt echostr: %w", err)
	}
	timestamp := strconv.FormatInt(s.opts.Now().Unix(), 10)
	nonce := randomDigits(10)
	target := withQuery(t.url, []string{
		"msg_signature=" + wxcrypto.Signature(t.token, timestamp, nonce, echostr),
		"timestamp=" + timestamp, "nonce=" + nonce, "echostr=" + url.QueryEscape(echostr),
	})
	status, body, err := s.kfExchange(ctx, http.MethodGet, target, nil)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrVerifyFailed, err)
	}
	if status != http.StatusOK || body != plain {
		return fmt.Errorf("%w: status %d, body is not the bare decrypted echostr", ErrVerifyFailed, status)
	}
	return nil
}
