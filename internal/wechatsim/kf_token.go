package wechatsim

import (
	"net/http"
	"time"
)

// kfTokenLength is the length of simulated WeCom tokens: the documented
// maximum (§1), so that clients which store fewer than 512 bytes fail here.
const kfTokenLength = 512

// serveKFGetToken is GET /cgi-bin/gettoken?corpid=…&corpsecret=…: one token
// per corp and secret, the same one again while it is valid (§1), with
// expires_in counting down; a fresh one after expiry or revocation.
func (s *Server) serveKFGetToken(w http.ResponseWriter, r *http.Request, _ []byte) {
	q := r.URL.Query()
	now := s.opts.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	corp, code := s.kfCredentialError(q.Get("corpid"), q.Get("corpsecret"))
	if code != ErrcodeOK {
		writeKFErr(w, code)
		return
	}
	t := corp.token
	if t == nil || t.check(now) != ErrcodeOK {
		t = &kfToken{value: randomString(kfTokenLength), corpID: corp.CorpID, expires: now.Add(s.opts.TokenTTL)}
		s.kfTokens[t.value] = t
		corp.token = t
	}
	writeKFAnswer(w, tokenAnswer{AccessToken: t.value, ExpiresIn: int(t.expires.Sub(now) / time.Second)})
}

// kfCredentialError checks corpid and corpsecret in WeCom's order: a
// missing corpid 41002, an unknown one 40013, a missing secret 41004, a
// wrong secret 40001. Caller holds s.mu.
func (s *Server) kfCredentialError(corpID, secret string) (*kfCorp, int) {
	if corpID == "" {
		return nil, ErrcodeKFCorpIDMissing
	}
	corp, ok := s.kfCorps[corpID]
	if !ok {
		return nil, ErrcodeInvalidAppID
	}
	if secret == "" {
		return nil, ErrcodeKFSecretMissing
	}
	if secret != corp.Secret {
		return nil, ErrcodeInvalidCredential
	}
	return corp, ErrcodeOK
}

// check returns the errcode for using t at now: 40014 once revoked (WeCom
// may drop tokens early), 42001 once expired.
func (t *kfToken) check(now time.Time) int {
	switch {
	case t.revoked:
		return ErrcodeInvalidToken
	case !now.Before(t.expires):
		return ErrcodeTokenExpired
	}
	return ErrcodeOK
}

// kfAuthenticate resolves access_token to its corp: 41001 missing, 40014
// unknown (an Official Account token too) or revoked, 42001 expired.
// Caller holds s.mu.
func (s *Server) kfAuthenticate(r *http.Request, now time.Time) (*kfCorp, int) {
	value := r.URL.Query().Get("access_token")
	if value == "" {
		return nil, ErrcodeTokenMissing
	}
	t, ok := s.kfTokens[value]
	if !ok {
		return nil, ErrcodeInvalidToken
	}
	if code := t.check(now); code != ErrcodeOK {
		return nil, code
	}
	corp, ok := s.kfCorps[t.corpID]
	if !ok {
		return nil, ErrcodeInvalidToken
	}
	return corp, ErrcodeOK
}

// countKFTokenFetch counts every gettoken call naming a known corp,
// whatever its outcome.
func (s *Server) countKFTokenFetch(r *http.Request) {
	if r.URL.Path != pathKFGetToken {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if corp, ok := s.kfCorps[r.URL.Query().Get("corpid")]; ok {
		corp.tokenFetches++
	}
}

// KFTokenFetches counts gettoken calls naming corpID, successful or not.
func (s *Server) KFTokenFetches(corpID string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if corp, ok := s.kfCorps[corpID]; ok {
		return corp.tokenFetches
	}
	return 0
}

// RevokeKFTokens invalidates every token issued for corpID, as WeCom may do
// before expiry (answers 40014); the next gettoken issues a new one.
func (s *Server) RevokeKFTokens(corpID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range s.kfTokens {
		if t.corpID == corpID {
			t.revoked = true
		}
	}
}
