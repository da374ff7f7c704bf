package wechatsim

import (
	"encoding/json"
	"net/http"
	"time"
)

// Token rules of §5.
const (
	tokenOverlap       = 5 * time.Minute // old /token token lives on after a new one
	stableRotateBefore = 5 * time.Minute // stable token rotates this long before expiry
	tokenDailyQuota    = 2000            // /cgi-bin/token issues per day
	forceRefreshDaily  = 20              // stable_token force_refresh per day
	tokenLength        = 136             // real tokens are 130–160 chars
)

// accessToken is one issued access token.
type accessToken struct {
	value   string
	appID   string
	expires time.Time
	// deadline is when a superseded token stops working; zero while current.
	deadline time.Time
	revoked  bool
}

// check returns the errcode for using t at now.
func (t *accessToken) check(now time.Time) int {
	switch {
	case t.revoked:
		return ErrcodeInvalidCredential
	case !now.Before(t.expires):
		return ErrcodeTokenExpired
	case !t.deadline.IsZero() && !now.Before(t.deadline):
		return ErrcodeInvalidCredential
	}
	return ErrcodeOK
}

// tokenAnswer is the success body of both token APIs.
type tokenAnswer struct {
	AccessToken string `json:"access_token"`
	ExpiresIn   int    `json:"expires_in"`
}

// issueToken creates a token for acct. Caller holds s.mu.
func (s *Server) issueToken(acct *account, now time.Time) *accessToken {
	t := &accessToken{value: randomString(tokenLength), appID: acct.AppID, expires: now.Add(s.opts.TokenTTL)}
	s.tokens[t.value] = t
	return t
}

// credentialError checks grant_type, appid and secret in WeChat's order.
// Caller holds s.mu.
func (s *Server) credentialError(grantType, appID, secret string) (*account, int) {
	if grantType != "client_credential" {
		return nil, ErrcodeInvalidGrantType
	}
	if appID == "" {
		return nil, ErrcodeAppIDMissing
	}
	acct, ok := s.accounts[appID]
	if !ok {
		return nil, ErrcodeInvalidAppID
	}
	if secret == "" {
		return nil, ErrcodeSecretMissing
	}
	if secret != acct.Secret {
		return nil, ErrcodeInvalidAppSecret
	}
	return acct, ErrcodeOK
}

// serveToken is GET /cgi-bin/token: every call issues a new token; the
// previous one keeps working for five more minutes.
func (s *Server) serveToken(w http.ResponseWriter, r *http.Request, _ []byte) {
	q := r.URL.Query()
	now := s.opts.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	acct, code := s.credentialError(q.Get("grant_type"), q.Get("appid"), q.Get("secret"))
	if code != ErrcodeOK {
		writeErr(w, code)
		return
	}
	acct.tokenIssues = withinDay(acct.tokenIssues, now)
	if len(acct.tokenIssues) >= tokenDailyQuota {
		writeErr(w, ErrcodeDailyQuota)
		return
	}
	acct.tokenIssues = append(acct.tokenIssues, now)
	if old := acct.plainToken; old != nil && old.deadline.IsZero() {
		old.deadline = now.Add(tokenOverlap)
	}
	acct.plainToken = s.issueToken(acct, now)
	writeJSON(w, tokenAnswer{AccessToken: acct.plainToken.value, ExpiresIn: int(s.opts.TokenTTL / time.Second)})
}

// stableTokenRequest is the JSON body of POST /cgi-bin/stable_token.
type stableTokenRequest struct {
	GrantType    string `json:"grant_type"`
	AppID        string `json:"appid"`
	Secret       string `json:"secret"`
	ForceRefresh bool   `json:"force_refresh"`
}

// serveStableToken is POST /cgi-bin/stable_token: the same token while it
// has more than five minutes left, a fresh one in the last five minutes (the
// old one runs out on its own), and force_refresh revokes the old one.
func (s *Server) serveStableToken(w http.ResponseWriter, _ *http.Request, body []byte) {
	var req stableTokenRequest
	if code := decodeJSON(body, &req); code != ErrcodeOK {
		writeErr(w, code)
		return
	}
	now := s.opts.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	acct, code := s.credentialError(req.GrantType, req.AppID, req.Secret)
	if code != ErrcodeOK {
		writeErr(w, code)
		return
	}
	cur := acct.stableToken
	switch {
	case req.ForceRefresh:
		acct.forceRefreshes = withinDay(acct.forceRefreshes, now)
		if len(acct.forceRefreshes) >= forceRefreshDaily {
			writeErr(w, ErrcodeDailyQuota)
			return
		}
		acct.forceRefreshes = append(acct.forceRefreshes, now)
		if cur != nil {
			cur.revoked = true
		}
		cur = s.issueToken(acct, now)
	case cur == nil || cur.check(now) != ErrcodeOK || cur.expires.Sub(now) <= stableRotateBefore:
		cur = s.issueToken(acct, now)
	}
	acct.stableToken = cur
	writeJSON(w, tokenAnswer{AccessToken: cur.value, ExpiresIn: int(cur.expires.Sub(now) / time.Second)})
}

// withinDay drops timestamps older than 24 h before now.
func withinDay(ts []time.Time, now time.Time) []time.Time {
	cut := now.Add(-24 * time.Hour)
	i := 0
	for i < len(ts) && !ts[i].After(cut) {
		i++
	}
	return ts[i:]
}

// countTokenFetch counts every call to a token API that names an AppID,
// whatever its outcome, so tests can see how often a client asked.
func (s *Server) countTokenFetch(r *http.Request, body []byte) {
	var appID string
	switch r.URL.Path {
	case pathToken:
		appID = r.URL.Query().Get("appid")
	case pathStableToken:
		var req stableTokenRequest
		_ = json.Unmarshal(body, &req)
		appID = req.AppID
	default:
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if acct, ok := s.accounts[appID]; ok {
		acct.tokenFetches++
	}
}

// authenticate resolves the access_token query parameter to its account.
// Caller holds s.mu.
func (s *Server) authenticate(r *http.Request, now time.Time) (*account, int) {
	value := r.URL.Query().Get("access_token")
	if value == "" {
		return nil, ErrcodeTokenMissing
	}
	t, ok := s.tokens[value]
	if !ok {
		return nil, ErrcodeInvalidToken
	}
	if code := t.check(now); code != ErrcodeOK {
		return nil, code
	}
	acct, ok := s.accounts[t.appID]
	if !ok {
		return nil, ErrcodeInvalidToken
	}
	return acct, ErrcodeOK
}

// RevokeTokens invalidates every token issued so far for appID, as when the
// secret is reset or another party overwrote the token (answers 40001).
func (s *Server) RevokeTokens(appID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range s.tokens {
		if t.appID == appID {
			t.revoked = true
		}
	}
}
