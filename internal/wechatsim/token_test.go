package wechatsim

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"
)

func TestTokenCredentialErrors(t *testing.T) {
	e := newEnv(t, Options{})
	tests := []struct {
		name                 string
		grant, appID, secret string
		want                 int
	}{
		{"bad grant_type", "password", testAccount.AppID, testAccount.Secret, ErrcodeInvalidGrantType},
		{"missing appid", "client_credential", "", testAccount.Secret, ErrcodeAppIDMissing},
		{"unknown appid", "client_credential", "wx0000000000000000", testAccount.Secret, ErrcodeInvalidAppID},
		{"missing secret", "client_credential", testAccount.AppID, "", ErrcodeSecretMissing},
		{"wrong secret", "client_credential", testAccount.AppID, "nope", ErrcodeInvalidAppSecret},
	}
	for _, tt := range tests {
		t.Run("token/"+tt.name, func(t *testing.T) {
			wantCode(t, e.get(t, pathToken, url.Values{"grant_type": {tt.grant}, "appid": {tt.appID}, "secret": {tt.secret}}), tt.want)
		})
		t.Run("stable_token/"+tt.name, func(t *testing.T) {
			body := fmt.Sprintf(`{"grant_type":%q,"appid":%q,"secret":%q}`, tt.grant, tt.appID, tt.secret)
			wantCode(t, e.do(t, http.MethodPost, pathStableToken, nil, body), tt.want)
		})
	}
}

func TestTokenRequestShape(t *testing.T) {
	e := newEnv(t, Options{})
	tests := []struct {
		name, method, path, body string
		want                     int
	}{
		{"stable_token not JSON", http.MethodPost, pathStableToken, "grant_type=client_credential", ErrcodeDataFormat},
		{"stable_token empty body", http.MethodPost, pathStableToken, "", ErrcodeEmptyPostData},
		{"stable_token force_refresh wrong type", http.MethodPost, pathStableToken, `{"grant_type":"client_credential","force_refresh":"yes"}`, ErrcodeDataFormat},
		{"stable_token by GET", http.MethodGet, pathStableToken, "", ErrcodeRequirePOST},
		{"token by POST", http.MethodPost, pathToken, "", ErrcodeRequireGET},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantCode(t, e.do(t, tt.method, tt.path, nil, tt.body), tt.want)
		})
	}
}

func TestTokenOverlapAndExpiry(t *testing.T) {
	e := newEnv(t, Options{})
	first := e.token(t, testAccount)
	wantCode(t, answer{"errcode": float64(e.probe(t, first))}, ErrcodeOK)

	e.clock.Advance(time.Hour)
	second := e.token(t, testAccount)
	if second == first {
		t.Fatal("/cgi-bin/token returned the same token twice")
	}
	steps := []struct {
		advance       time.Duration
		first, second int
	}{
		{0, ErrcodeOK, ErrcodeOK},
		{5*time.Minute - time.Second, ErrcodeOK, ErrcodeOK},
		{time.Second, ErrcodeInvalidCredential, ErrcodeOK},
		{time.Hour - 5*time.Minute - time.Second, ErrcodeInvalidCredential, ErrcodeOK},
		{time.Second, ErrcodeTokenExpired, ErrcodeOK}, // first's own 7200 s ran out
		{time.Hour - time.Second, ErrcodeTokenExpired, ErrcodeOK},
		{time.Second, ErrcodeTokenExpired, ErrcodeTokenExpired},
	}
	for i, st := range steps {
		e.clock.Advance(st.advance)
		if got := e.probe(t, first); got != st.first {
			t.Fatalf("step %d: old token errcode %d, want %d", i, got, st.first)
		}
		if got := e.probe(t, second); got != st.second {
			t.Fatalf("step %d: new token errcode %d, want %d", i, got, st.second)
		}
	}
}

func TestTokenAuthErrors(t *testing.T) {
	e := newEnv(t, Options{})
	tests := []struct {
		name, token string
		want        int
	}{
		{"missing", "", ErrcodeTokenMissing},
		{"unknown", "not-a-token", ErrcodeInvalidToken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantCode(t, e.get(t, pathUserInfo, url.Values{"access_token": {tt.token}, "openid": {"o1"}}), tt.want)
		})
	}
}

func stableToken(t *testing.T, e *simEnv, force bool) answer {
	t.Helper()
	body := fmt.Sprintf(`{"grant_type":"client_credential","appid":%q,"secret":%q,"force_refresh":%t}`, testAccount.AppID, testAccount.Secret, force)
	return e.do(t, http.MethodPost, pathStableToken, nil, body)
}

func TestStableToken(t *testing.T) {
	e := newEnv(t, Options{})
	a := stableToken(t, e, false)
	tok := a.str("access_token")
	if tok == "" || a["expires_in"].(float64) != 7200 {
		t.Fatalf("first stable token: %v", a)
	}
	e.clock.Advance(time.Hour)
	b := stableToken(t, e, false)
	if b.str("access_token") != tok || b["expires_in"].(float64) != 3600 {
		t.Fatalf("stable token changed or wrong expires_in: %v", b)
	}
	e.token(t, testAccount) // the /token family must not disturb stable tokens
	if got := e.probe(t, tok); got != ErrcodeOK {
		t.Fatalf("stable token after /token: %d", got)
	}

	e.clock.Advance(time.Hour - 5*time.Minute) // into the last five minutes
	c := stableToken(t, e, false)
	rotated := c.str("access_token")
	if rotated == tok || c["expires_in"].(float64) != 7200 {
		t.Fatalf("stable token did not rotate in its last 5 minutes: %v", c)
	}
	if got := e.probe(t, tok); got != ErrcodeOK {
		t.Fatalf("old stable token during rotation: %d", got)
	}
	e.clock.Advance(5 * time.Minute)
	if got := e.probe(t, tok); got != ErrcodeTokenExpired {
		t.Fatalf("old stable token after expiry: %d", got)
	}

	forced := stableToken(t, e, true).str("access_token")
	if forced == rotated || e.probe(t, rotated) != ErrcodeInvalidCredential || e.probe(t, forced) != ErrcodeOK {
		t.Fatal("force_refresh must issue a new token and invalidate the old one")
	}
}

func TestStableTokenForceRefreshDailyLimit(t *testing.T) {
	e := newEnv(t, Options{})
	for i := 0; i < forceRefreshDaily; i++ {
		wantCode(t, stableToken(t, e, true), ErrcodeOK)
	}
	wantCode(t, stableToken(t, e, true), ErrcodeDailyQuota)
	e.clock.Advance(24 * time.Hour)
	wantCode(t, stableToken(t, e, true), ErrcodeOK)
}

func TestRevokeTokensAndFetchCount(t *testing.T) {
	e := newEnv(t, Options{})
	plain := e.token(t, testAccount)
	stable := stableToken(t, e, false).str("access_token")
	e.get(t, pathToken, url.Values{"grant_type": {"client_credential"}, "appid": {testAccount.AppID}, "secret": {"wrong"}})
	e.sim.InjectError(pathToken, ErrcodeSystemError, 1)
	wantCode(t, e.get(t, pathToken, url.Values{"grant_type": {"client_credential"}, "appid": {testAccount.AppID}, "secret": {testAccount.Secret}}), ErrcodeSystemError)
	if got := e.sim.TokenFetches(testAccount.AppID); got != 4 {
		t.Fatalf("TokenFetches = %d, want 4 (ok, ok, wrong secret, injected)", got)
	}
	other := e.token(t, otherAccount)

	e.sim.RevokeTokens(testAccount.AppID)
	for _, tok := range []string{plain, stable} {
		if got := e.probe(t, tok); got != ErrcodeInvalidCredential {
			t.Fatalf("revoked token errcode %d", got)
		}
	}
	if got := e.probe(t, other); got != ErrcodeOK {
		t.Fatalf("other account's token revoked too: %d", got)
	}
	if got := e.probe(t, e.token(t, testAccount)); got != ErrcodeOK {
		t.Fatalf("fresh token after revoke: %d", got)
	}
}
