package inbox

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/authguard"
	"github.com/wedesk/wedesk/internal/store"
)

// Cookies of the inbox. The session cookie holds the agent's PocketBase auth
// token; it is HttpOnly and SameSite=Lax, Secure under https, and is only
// read by the /inbox pages, never by /api (so it cannot be used to forge
// API calls from another site).
const (
	sessionCookie   = "wd_session"
	loginCSRFCookie = "wd_login_csrf"
	langCookie      = "wd_lang"
	csrfField       = "csrf"
	csrfHeader      = "X-CSRF-Token"
)

// LoadSession makes the session cookie, and only it, authenticate the
// inbox pages: an Authorization header is ignored here.
func (h *Handler) LoadSession(e *core.RequestEvent) error {
	e.Auth = nil
	if c, err := e.Request.Cookie(sessionCookie); err == nil && c.Value != "" {
		rec, err := e.App.FindAuthRecordByToken(c.Value, core.TokenTypeAuth)
		if err == nil && store.IsAgentRecord(rec) && !rec.GetBool(authguard.FieldDisabled) {
			e.Auth = rec
		}
	}
	return e.Next()
}

// RequireAgent sends guests to the login page (or answers 401 to
// script requests, which cannot follow a redirect usefully).
func (h *Handler) RequireAgent(e *core.RequestEvent) error {
	if e.Auth != nil {
		return e.Next()
	}
	if e.Request.Method == http.MethodGet && e.Request.Header.Get("HX-Request") == "" {
		return e.Redirect(http.StatusSeeOther, "/inbox/login")
	}
	return e.UnauthorizedError("Sign in again.", nil)
}

// CheckCSRF refuses any state-changing inbox request without the session's
// CSRF token, in the form field or the X-CSRF-Token header.
func (h *Handler) CheckCSRF(e *core.RequestEvent) error {
	switch e.Request.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return e.Next()
	}
	got := e.Request.Header.Get(csrfHeader)
	if got == "" {
		got = e.Request.FormValue(csrfField)
	}
	if !hmac.Equal([]byte(got), []byte(CSRFToken(e.Auth))) {
		return h.renderError(e, http.StatusForbidden, h.text(e).CSRFFailed)
	}
	return e.Next()
}

// CSRFToken is an HMAC of the agent's id and token key under the agents
// collection's token secret: stable for a session, unguessable from outside,
// and invalidated with every token when the agent's password changes.
func CSRFToken(agent *core.Record) string {
	secret := agent.Collection().AuthToken.Secret
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("wedesk-inbox-csrf|" + agent.Id + "|" + agent.TokenKey()))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// setCookie writes an inbox cookie with the safe defaults.
func setCookie(e *core.RequestEvent, name, value string, maxAge int) {
	e.SetCookie(&http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: isHTTPS(e),
	})
}

// isHTTPS reports whether the browser talks https to us, directly or through
// a proxy that says so.
func isHTTPS(e *core.RequestEvent) bool {
	return e.IsTLS() || strings.EqualFold(e.Request.Header.Get("X-Forwarded-Proto"), "https")
}

// randomToken returns 32 random bytes, base64url encoded.
func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
