package hooks

import (
	"net"
	"net/http"
	"os"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/setup"
	"github.com/wedesk/wedesk/static"
)

// registerFirstRun makes a fresh installation find its way: the app URL
// (flag or first request), `/` leading to the inbox, and a start banner
// that names the inbox.
func registerFirstRun(app core.App, d *Desk) {
	appURL := setup.NewAppURL(app)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if d.opts.PublicURL != nil && d.opts.PublicURL() != "" {
			if err := appURL.Set(d.opts.PublicURL()); err != nil {
				return err
			}
		}
		se.Router.BindFunc(appURL.Learn)
		se.UIExtensions = append(se.UIExtensions, core.UIExtension{Name: "wedesk", FS: static.Dashboard()})
		se.Router.GET("/{$}", func(e *core.RequestEvent) error {
			return e.Redirect(http.StatusFound, "/inbox")
		})
		if err := se.Next(); err != nil {
			return err
		}
		if se.Server != nil {
			setup.PrintBanner(os.Stdout, bannerURL(se), hasSuperuser(app))
		}
		return nil
	})
}

// bannerURL is the address the server listens at, as a browser would use it.
func bannerURL(se *core.ServeEvent) string {
	host, port, err := net.SplitHostPort(se.Server.Addr)
	if err != nil {
		return "http://" + se.Server.Addr
	}
	// PocketBase always sets a TLS config; only `serve your-host` (port 443) uses it.
	scheme := "http"
	if port == "443" {
		scheme = "https"
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	if (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
		return scheme + "://" + host
	}
	return scheme + "://" + net.JoinHostPort(host, port)
}

func hasSuperuser(app core.App) bool {
	n, err := app.CountRecords(core.CollectionNameSuperusers)
	return err == nil && n > 0
}
