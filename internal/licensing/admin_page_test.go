package licensing

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
)

const chromiumPath = "/usr/bin/chromium"

// adminCSP is as strict as the lead's: scripts and styles from the page's
// own origin only, nothing inline.
const adminCSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'"

// serveAdmin serves the JSON API and static/admin under /_wedesk/ the way
// the lead wires them, over a real HTTP server.
func serveAdmin(t *testing.T, app core.App) string {
	t.Helper()
	router, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	var mux http.Handler
	se := &core.ServeEvent{App: app, Router: router}
	err = app.OnServe().Trigger(se, func(e *core.ServeEvent) error {
		g := e.Router.Group("/api/wedesk")
		g.Bind(apis.RequireSuperuserAuth())
		g.POST("/credits/redeem", RedeemVoucher)
		g.POST("/organizations/{id}/buy", BuyLicense)
		g.GET("/license", ShowLicense)
		e.Router.GET("/_wedesk/{path...}", func(re *core.RequestEvent) error {
			re.Response.Header().Set("Content-Security-Policy", adminCSP)
			return apis.Static(os.DirFS("../../static/admin"), false)(re)
		})
		m, err := e.Router.BuildMux()
		mux = m
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

func newBrowser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium is required in CI: %v", err)
		}
		t.Skip("no " + chromiumPath)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()))
	ctx, cancelCtx := chromedp.NewContext(actx)
	tctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	var mu sync.Mutex
	var problems []string
	messages := chromedp.Console(tctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() || (m.Type == "error" && m.Source != "network") {
				mu.Lock()
				problems = append(problems, m.String())
				mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, p := range problems {
			t.Errorf("browser console: %s", p)
		}
	})
	return tctx
}

// waitFor evaluates expr until it is true.
func waitFor(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s (%s)", what, expr)
}

func do(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func TestAdminPageInBrowser(t *testing.T) {
	ctx := newBrowser(t)
	app := newTestApp(t)
	addChannel(t, app, "Shop", "wwcorp1", time.Now())
	superuser := authToken(t, app, core.CollectionNameSuperusers, map[string]any{})
	base := serveAdmin(t, app)
	page := base + "/_wedesk/license.html"

	do(t, ctx, "open signed out", chromedp.Navigate(page))
	waitFor(t, ctx, "the sign-in notice", `!document.getElementById("signin").hidden && document.querySelector('#signin a[href="/_/"]') !== null`)

	// Sign in the way the dashboard does: its auth store under __pb_superusers__/_.
	do(t, ctx, "sign in", chromedp.Evaluate[chromedp.Void](`localStorage.setItem("__pb_superusers__/_", JSON.stringify({token: `+strconv.Quote(superuser)+`, record: {}}))`), chromedp.Reload())
	waitFor(t, ctx, "the organization", `document.querySelector(".org-id") && document.querySelector(".org-id").textContent === "wwcorp1"`)
	waitFor(t, ctx, "trial in Chinese", `document.querySelector(".badge.trial").textContent.includes("试用中")`)

	do(t, ctx, "redeem", chromedp.Evaluate[chromedp.Void](`document.getElementById("voucher").value = `+strconv.Quote(issue(t, 8))+`;
		document.querySelector("#redeem-form button").click()`))
	waitFor(t, ctx, "the new balance", `document.getElementById("balance").textContent === "8"`)
	waitFor(t, ctx, "the ledger entry", `document.querySelectorAll("#ledger tr").length === 1`)

	do(t, ctx, "buy", chromedp.Evaluate[chromedp.Void](`window.confirm = () => true; document.querySelector(".org-actions button").click()`))
	waitFor(t, ctx, "the balance after buying", `document.getElementById("balance").textContent === "4"`)
	waitFor(t, ctx, "the bought year", `document.querySelectorAll(".periods li").length === 2`)
	waitFor(t, ctx, "periods and ledger in Chinese", `[...document.querySelectorAll(".periods li")].map(li => li.textContent.split(":")[0]).join() === "试用,购买" &&
		[...document.querySelectorAll("#ledger tr td:nth-child(2)")].map(td => td.textContent).sort().join() === "券码兑换,购买许可"`)

	do(t, ctx, "auto-renew off", chromedp.Evaluate[chromedp.Void](`document.querySelector('.org-actions input[type=checkbox]').click()`))
	waitFor(t, ctx, "the saved notice", `document.getElementById("flash").textContent === "已保存。"`)
	if o := org(t, app, "wwcorp1"); o.AutoRenew() {
		t.Fatal("auto_renew still on after unticking")
	}

	do(t, ctx, "English", chromedp.Evaluate[chromedp.Void](`document.getElementById("lang-toggle").click()`))
	waitFor(t, ctx, "English labels", `document.querySelector("h1").textContent === "License and credits" && document.querySelector(".badge").textContent.startsWith("Trial")`)
	waitFor(t, ctx, "periods and ledger in English", `[...document.querySelectorAll(".periods li")].map(li => li.textContent.split(":")[0]).join() === "Trial,Purchase" &&
		[...document.querySelectorAll("#ledger tr td:nth-child(2)")].map(td => td.textContent).sort().join() === "Purchase,Voucher" &&
		document.querySelector("thead th").textContent === "Time"`)
}
