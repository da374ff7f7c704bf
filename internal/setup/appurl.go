// Package setup holds what a new installation needs to explain itself: the
// app URL (from --public-url or the first request), the start banner, the
// checks of a channel's WeChat settings and the callback status shown on
// each channel.
package setup

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"

	"github.com/pocketbase/pocketbase/core"
)

// DefaultAppURL is PocketBase's placeholder app URL: while the settings
// still hold it, WeDesk has not learnt where it is reached.
const DefaultAppURL = "http://localhost:8090"

// AppURL keeps the app URL setting right: the --public-url flag wins, else
// the first browser request fills it in once.
type AppURL struct {
	app     core.App
	decided atomic.Bool
}

// NewAppURL returns the app URL keeper of app.
func NewAppURL(app core.App) *AppURL { return &AppURL{app: app} }

// Set stores url (the --public-url flag) as the app URL.
func (a *AppURL) Set(url string) error {
	a.decided.Store(true)
	url = strings.TrimRight(strings.TrimSpace(url), "/")
	if url == "" || a.app.Settings().Meta.AppURL == url {
		return nil
	}
	s := a.app.Settings()
	s.Meta.AppURL = url
	if err := a.app.Save(s); err != nil {
		return fmt.Errorf("setup: app URL %q: %w", url, err)
	}
	return nil
}

// Learn is a middleware: the first request that is not a WeChat callback
// sets the app URL from its scheme and host when it is still PocketBase's
// placeholder. After that it costs one atomic load.
func (a *AppURL) Learn(e *core.RequestEvent) error {
	if a.decided.Load() || strings.HasPrefix(e.Request.URL.Path, "/callback/") || e.Request.Host == "" {
		return e.Next()
	}
	if a.decided.Swap(true) {
		return e.Next()
	}
	if e.App.Settings().Meta.AppURL == DefaultAppURL {
		s := e.App.Settings()
		s.Meta.AppURL = RequestBaseURL(e.Request)
		if err := e.App.Save(s); err != nil {
			e.App.Logger().Warn("setup: could not store the app URL", "url", s.Meta.AppURL, "error", err)
		}
	}
	return e.Next()
}

// RequestBaseURL is scheme://host of r, honouring X-Forwarded-Proto from a
// TLS-terminating reverse proxy.
func RequestBaseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// CallbackURL is the URL to paste into WeChat's console for a channel.
func CallbackURL(appURL, channelID string) string {
	return strings.TrimRight(appURL, "/") + "/callback/" + channelID
}

// PrintBanner tells whoever started `serve` where everything is, the inbox
// first.
func PrintBanner(w io.Writer, baseURL string, hasSuperuser bool) {
	fmt.Fprintf(w, "WeDesk started at %s\n", baseURL)
	fmt.Fprintf(w, "├─ Inbox (agents / 客服):      %s/inbox\n", baseURL)
	fmt.Fprintf(w, "├─ Dashboard (admins / 管理):  %s/_/\n", baseURL)
	fmt.Fprintf(w, "└─ REST API:                   %s/api/\n", baseURL)
	if !hasSuperuser {
		fmt.Fprintln(w, "First run: open the link below to create the first admin, then add agents in the dashboard (agents → New record).")
		fmt.Fprintln(w, "首次运行：打开下面的链接创建第一个管理员，再在后台 agents → New record 添加客服。")
	}
}
