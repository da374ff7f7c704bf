package wechatsim

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

func TestKFGetTokenErrors(t *testing.T) {
	e := newKFEnv(t, Options{})
	tests := []struct {
		name           string
		corpID, secret string
		code           int
	}{
		{"corpid missing", "", testCorp.Secret, ErrcodeKFCorpIDMissing},
		{"unknown corpid", "wwunknown", testCorp.Secret, ErrcodeInvalidAppID},
		{"secret missing", testCorp.CorpID, "", ErrcodeKFSecretMissing},
		{"wrong secret", testCorp.CorpID, "nope", ErrcodeInvalidCredential},
		{"official account appid", testAccount.AppID, testAccount.Secret, ErrcodeInvalidAppID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := e.kfDo(t, http.MethodGet, pathKFGetToken, url.Values{"corpid": {tt.corpID}, "corpsecret": {tt.secret}}, "")
			wantKFCode(t, a, tt.code)
		})
	}
	if n := e.sim.KFTokenFetches(testCorp.CorpID); n != 3 { // newKFEnv's + the two naming this corp
		t.Fatalf("KFTokenFetches = %d, want 3", n)
	}
}

func TestKFGetTokenReusesUntilExpiry(t *testing.T) {
	e := newKFEnv(t, Options{})
	q := url.Values{"corpid": {testCorp.CorpID}, "corpsecret": {testCorp.Secret}}
	if len(e.tok) != 512 {
		t.Fatalf("token length %d, want 512", len(e.tok))
	}
	e.clock.Advance(1000 * time.Second)
	a := e.kfDo(t, http.MethodGet, pathKFGetToken, q, "")
	if a.str("access_token") != e.tok || a["expires_in"].(float64) != 6200 {
		t.Fatalf("second gettoken = %v, want the same token with 6200 s left", a["expires_in"])
	}
	e.clock.Advance(6200 * time.Second)
	wantKFCode(t, e.call(t, pathKFAccountList, ""), ErrcodeTokenExpired)
	a = e.kfDo(t, http.MethodGet, pathKFGetToken, q, "")
	if a.str("access_token") == e.tok || a["expires_in"].(float64) != 7200 {
		t.Fatalf("gettoken after expiry = %v", a)
	}
}

func TestKFTokenChecks(t *testing.T) {
	e := newKFEnv(t, Options{})
	oaTok := e.token(t, testAccount)
	tests := []struct {
		name, tok string
		code      int
	}{
		{"missing", "", ErrcodeTokenMissing},
		{"garbled", "garbled", ErrcodeInvalidToken},
		{"official account token", oaTok, ErrcodeInvalidToken},
		{"valid", e.tok, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := e.kfDo(t, http.MethodPost, pathKFAccountList, url.Values{"access_token": {tt.tok}}, "{}")
			wantKFCode(t, a, tt.code)
		})
	}
	t.Run("kf token on an official account path", func(t *testing.T) {
		wantCode(t, e.get(t, pathUserInfo, url.Values{"access_token": {e.tok}, "openid": {"o1"}}), ErrcodeInvalidToken)
	})
	t.Run("revoked", func(t *testing.T) {
		e.sim.RevokeKFTokens(testCorp.CorpID)
		wantKFCode(t, e.call(t, pathKFAccountList, "{}"), ErrcodeInvalidToken)
		if e.kfToken(t) == e.tok {
			t.Fatal("gettoken after revocation returned the revoked token")
		}
	})
}

func TestKFFaults(t *testing.T) {
	e := newKFEnv(t, Options{})
	e.sim.InjectError(pathKFSendMsg, ErrcodeSystemError, 1)
	wantKFCode(t, e.call(t, pathKFSendMsg, textSend(testUser, "", "hi")), ErrcodeSystemError)
	wantKFCode(t, e.kfDo(t, http.MethodGet, pathKFSyncMsg, url.Values{"access_token": {e.tok}}, ""), ErrcodeRequirePOST)
	e.sim.SetDown(true)
	resp, err := http.Get(e.srv.URL + pathKFGetToken + "?corpid=" + testCorp.CorpID)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("down: status %d", resp.StatusCode)
	}
}
