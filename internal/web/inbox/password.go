package inbox

import (
	"net/http"
	"strconv"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/authguard"
	"github.com/wedesk/wedesk/views"
)

// minPassword is the shortest new password the form accepts (PocketBase's
// own minimum for auth collections is 8 too).
const minPassword = 8

// ShowPassword is GET /inbox/password: the agent's password change form.
func (h *Handler) ShowPassword(e *core.RequestEvent) error {
	return h.renderPassword(e, http.StatusOK, "")
}

func (h *Handler) renderPassword(e *core.RequestEvent, status int, msg string) error {
	return render(e, status, views.Password(views.PasswordPage{
		T: h.text(e), CSRF: CSRFToken(e.Auth), Error: msg, Assets: assets(),
	}))
}

// ChangePassword is POST /inbox/password. The current password is checked
// through the same back-off as the login (a stolen session cannot guess
// it); the new one is saved, which gives the agent a new token key and so
// ends every session, this one included: the agent signs in again.
func (h *Handler) ChangePassword(e *core.RequestEvent) error {
	t := h.text(e)
	agent := e.Auth
	email := agent.Email()
	if wait := h.throttle.Wait(email); wait > 0 {
		e.Response.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		return h.renderPassword(e, http.StatusTooManyRequests, t.Harden.TooManyAttempts)
	}
	if _, ok := authguard.CheckPassword(e.App, email, e.Request.FormValue("current")); !ok {
		h.throttle.Fail(email)
		return h.renderPassword(e, http.StatusUnauthorized, t.Harden.WrongCurrentPassword)
	}
	h.throttle.Succeed(email)
	pw := e.Request.FormValue("password")
	switch {
	case len([]rune(pw)) < minPassword:
		return h.renderPassword(e, http.StatusBadRequest, t.Harden.PasswordTooShort)
	case pw != e.Request.FormValue("confirm"):
		return h.renderPassword(e, http.StatusBadRequest, t.Harden.PasswordMismatch)
	}
	rec, err := e.App.FindRecordById(agent.Collection(), agent.Id)
	if err != nil {
		return e.InternalServerError("Could not change the password.", err)
	}
	rec.SetPassword(pw)
	rec.RefreshTokenKey() // PocketBase does this too on a password change; say it here
	if err := e.App.Save(rec); err != nil {
		return h.renderPassword(e, http.StatusBadRequest, err.Error())
	}
	setCookie(e, sessionCookie, "", -1)
	return e.Redirect(http.StatusSeeOther, "/inbox/login?changed=1")
}
