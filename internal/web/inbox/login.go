package inbox

import (
	"crypto/subtle"
	"net/http"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/authguard"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/views"
)

// sessionMaxAge keeps the cookie as long as the agents' auth tokens last.
func sessionMaxAge(app core.App) int {
	col, err := app.FindCachedCollectionByNameOrId(store.CollectionAgents)
	if err != nil || col.AuthToken.Duration <= 0 {
		return 7 * 24 * 3600
	}
	return int(col.AuthToken.Duration)
}

// ShowLogin is GET /inbox/login. Before a session exists the CSRF token is
// a random value in a cookie that the form must echo (double submit).
func (h *Handler) ShowLogin(e *core.RequestEvent) error {
	if c, err := e.Request.Cookie(sessionCookie); err == nil && c.Value != "" {
		if rec, err := e.App.FindAuthRecordByToken(c.Value, core.TokenTypeAuth); err == nil && store.IsAgentRecord(rec) {
			return e.Redirect(http.StatusSeeOther, "/inbox")
		}
	}
	if l := e.Request.URL.Query().Get("lang"); l == "en" || l == "zh" {
		setCookie(e, langCookie, l, 365*24*3600)
		e.Request.AddCookie(&http.Cookie{Name: langCookie, Value: l})
	}
	return h.renderLogin(e, http.StatusOK, "", "")
}

func (h *Handler) renderLogin(e *core.RequestEvent, status int, email, msg string) error {
	token := randomToken()
	setCookie(e, loginCSRFCookie, token, 3600)
	return render(e, status, views.Login(views.LoginPage{
		T: h.guestText(e), CSRF: token, Email: email, Error: msg, Assets: assets(),
	}))
}

// Login is POST /inbox/login: check the double-submitted token, then the
// password, then put a fresh auth token into the session cookie.
func (h *Handler) Login(e *core.RequestEvent) error {
	c, err := e.Request.Cookie(loginCSRFCookie)
	form := e.Request.FormValue(csrfField)
	if err != nil || c.Value == "" || subtle.ConstantTimeCompare([]byte(c.Value), []byte(form)) != 1 {
		return h.renderLogin(e, http.StatusForbidden, "", h.guestText(e).CSRFFailed)
	}
	email := strings.TrimSpace(e.Request.FormValue("email"))
	if wait := h.throttle.Wait(email); wait > 0 {
		e.Response.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		return h.renderLogin(e, http.StatusTooManyRequests, email, h.guestText(e).Harden.TooManyAttempts)
	}
	// The same work whether or not the email exists: the answer's timing
	// tells nothing about which agents there are.
	rec, ok := authguard.CheckPassword(e.App, email, e.Request.FormValue("password"))
	if !ok {
		h.throttle.Fail(email)
		if isSuperuser(e.App, email, e.Request.FormValue("password")) {
			return h.renderLogin(e, http.StatusForbidden, email, h.guestText(e).Polish.SuperuserLogin)
		}
		return h.renderLogin(e, http.StatusUnauthorized, email, h.guestText(e).LoginFailed)
	}
	h.throttle.Succeed(email)
	token, err := rec.NewAuthToken()
	if err != nil {
		return e.InternalServerError("Could not sign in.", nil)
	}
	setCookie(e, sessionCookie, token, sessionMaxAge(e.App))
	setCookie(e, loginCSRFCookie, "", -1)
	return e.Redirect(http.StatusSeeOther, "/inbox")
}

// Logout is POST /inbox/logout. It ends every session of the agent (a new
// token key invalidates all its tokens), not just this browser's cookie: a
// copied cookie must not outlive the logout.
func (h *Handler) Logout(e *core.RequestEvent) error {
	if e.Auth != nil {
		if err := authguard.EndSessions(e.App, e.Auth); err != nil {
			return e.InternalServerError("Could not sign out.", err)
		}
	}
	setCookie(e, sessionCookie, "", -1)
	return e.Redirect(http.StatusSeeOther, "/inbox/login")
}

// guestText is the login page's language: the lang cookie, else Chinese.
func (h *Handler) guestText(e *core.RequestEvent) *views.Text {
	if c, err := e.Request.Cookie(langCookie); err == nil {
		return views.Language(c.Value)
	}
	return views.Language("zh")
}

// isSuperuser reports whether email and password are a dashboard admin's.
// Admins do not get the inbox, even as supervisors: conversations are
// routed to, owned by and sent from agent records (status, capacity,
// language), which a superuser has none of, and keeping the all-powerful
// dashboard credentials out of the everyday inbox limits what a stolen
// inbox session can do. They are told where to add an agent instead.
func isSuperuser(app core.App, email, password string) bool {
	rec, err := app.FindAuthRecordByEmail(core.CollectionNameSuperusers, email)
	return err == nil && rec.ValidatePassword(password)
}
