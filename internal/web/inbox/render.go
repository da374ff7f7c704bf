package inbox

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"

	"github.com/a-h/templ"
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/static"
	"github.com/wedesk/wedesk/views"
)

// inboxCSP allows only our own scripts and styles; avatars and WeChat
// images may come from WeChat's hosts. The AMR decoder runs in workers it
// starts from blob: URLs (worker-src).
const inboxCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: http: https:; " +
	"media-src 'self' blob:; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'"

// render buffers a component so a failed render is a clean 500, then sends it.
func render(e *core.RequestEvent, status int, c templ.Component) error {
	var buf bytes.Buffer
	if err := c.Render(e.Request.Context(), &buf); err != nil {
		return e.InternalServerError("Could not render the page.", nil)
	}
	h := e.Response.Header()
	h.Set("Content-Security-Policy", inboxCSP)
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "same-origin")
	return e.HTML(status, buf.String())
}

// assets are the hashed URLs of the inbox's static files.
func assets() views.Assets {
	return views.Assets{
		CSS:        static.URL("css/inbox.css"),
		Script:     static.URL("js/inbox.js"),
		Reply:      static.URL("js/reply.js"),
		Assist:     static.URL("js/assist.js"),
		HTMX:       static.URL("vendor/htmx-2.0.11.min.js"),
		PocketBase: static.URL("vendor/pocketbase-0.28.1.umd.js"),
		Rules:      static.URL("js/rules.js"),
		AMR:        static.URL("vendor/amr/BenzAMRRecorder-1.1.5.min.js"),
		Polish:     static.URL("css/polish.css"),
		PolishJS:   static.URL("js/polish.js"),
		Favicon:    static.URL("img/favicon.svg"),
	}
}

// inboxAgent is the signed-in agent of an inbox request (the middleware
// guarantees there is one).
func inboxAgent(e *core.RequestEvent) *store.Agent { return store.NewAgent(e.Auth) }

// text is the signed-in agent's language.
func (h *Handler) text(e *core.RequestEvent) *views.Text {
	if e.Auth == nil {
		return h.guestText(e)
	}
	return views.Language(e.Auth.GetString("lang"))
}

// frame builds what every signed-in page carries. The page's script gets
// the agent's auth token for realtime and the records API (bearer, not
// cookie, so those calls need no CSRF token).
func (h *Handler) frame(e *core.RequestEvent, title string) (views.Frame, error) {
	a := inboxAgent(e)
	token, err := e.Auth.NewAuthToken()
	if err != nil {
		return views.Frame{}, err
	}
	return views.Frame{
		T: h.text(e), Title: title, CSRF: CSRFToken(e.Auth), Token: token, Assets: assets(),
		Me:            views.Me{ID: a.Id, Name: a.Name(), Status: a.Status(), Supervisor: a.IsSupervisor()},
		LicenseAlerts: h.licenseAlerts(e, h.text(e), a),
	}, nil
}

// renderError shows a refusal as a page, or as plain text to scripts.
func (h *Handler) renderError(e *core.RequestEvent, status int, msg string) error {
	if isFragmentRequest(e) {
		return e.String(status, msg)
	}
	return render(e, status, views.ErrorPage(h.text(e), assets(), msg))
}

// isFragmentRequest reports whether the page's script (htmx or fetch) asked.
func isFragmentRequest(e *core.RequestEvent) bool { return e.Request.Header.Get("HX-Request") != "" }

// redirectBack returns to the inbox page the form was on (same origin, a
// path under /inbox only), else to fallback.
func redirectBack(e *core.RequestEvent, fallback string) error {
	if ref, err := url.Parse(e.Request.Referer()); err == nil && ref.Host == e.Request.Host && isInboxPath(ref.Path) {
		target := ref.Path
		if ref.RawQuery != "" {
			target += "?" + ref.RawQuery
		}
		return e.Redirect(http.StatusSeeOther, target)
	}
	return e.Redirect(http.StatusSeeOther, fallback)
}

// ServeStatic is GET /static/{hash}/{path...}: current files are immutable.
func ServeStatic(e *core.RequestEvent) error {
	f, err := static.Open(e.Request.PathValue("hash"), e.Request.PathValue("path"))
	if err != nil {
		return e.NotFoundError("", nil)
	}
	if f.Current {
		e.Response.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		e.Response.Header().Set("Cache-Control", "no-cache")
	}
	return e.Blob(http.StatusOK, f.ContentType, f.Body)
}

// isInboxPath reports whether p is a plain path of the inbox: a redirect to
// it stays on this site. "//host/x" and "/\\host/x" are read by browsers as
// another site; they, and anything outside /inbox, are refused.
func isInboxPath(p string) bool {
	if p != "/inbox" && !strings.HasPrefix(p, "/inbox/") {
		return false
	}
	return !strings.ContainsAny(p, "\\\r\n") && !strings.Contains(p, "//")
}
