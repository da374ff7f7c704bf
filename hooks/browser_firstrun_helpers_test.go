package hooks_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/ui"
)

// serveWithDashboard is serveMux plus PocketBase's dashboard at /_/, as
// `serve` mounts it, for tests that follow the README through it.
func serveWithDashboard(t testing.TB, app core.App) http.Handler {
	t.Helper()
	router, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	router.GET("/_/{path...}", apis.Static(ui.DistDirFS, false))
	var mux http.Handler
	se := &core.ServeEvent{App: app, Router: router}
	err = app.OnServe().Trigger(se, func(e *core.ServeEvent) error {
		m, err := e.Router.BuildMux()
		mux = m
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return mux
}

// watchNotFound fails the test if any request of the browser session is
// answered 404 (a missing favicon, icon, script or page).
func watchNotFound(t *testing.T, ctx context.Context) {
	wctx, cancel := context.WithCancel(ctx)
	var mu sync.Mutex
	var missing []string
	events := chromedp.Events(wctx, network.ResponseReceived)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ev, err := range events {
			if err != nil {
				return
			}
			if ev.Response != nil && ev.Response.Status == http.StatusNotFound {
				mu.Lock()
				missing = append(missing, ev.Response.URL)
				mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		cancel()
		<-done
		mu.Lock()
		defer mu.Unlock()
		if len(missing) > 0 {
			t.Errorf("requests answered 404: %s", strings.Join(missing, ", "))
		}
	})
}

// dashboardLogin signs a superuser in to PocketBase's dashboard.
func dashboardLogin(t *testing.T, ctx context.Context, base, email, password string) {
	t.Helper()
	run(t, ctx, "dashboard login", chromedp.Navigate(base+"/_/"), chromedp.WaitVisible(chromedp.ID("login_identity")),
		chromedp.SendKeys(chromedp.ID("login_identity"), email), chromedp.SendKeys(chromedp.ID("login_pass"), password),
		chromedp.Click(chromedp.CSS(`form[data-pb=authWithPasswordForm] button.next`)),
		chromedp.WaitVisible(chromedp.CSS(`.collections-sidebar`)))
}

// dashboardNewRecord opens the dashboard's form for a new record.
func dashboardNewRecord(t *testing.T, ctx context.Context, base, collection string) {
	t.Helper()
	run(t, ctx, "open "+collection, chromedp.Navigate(base+"/_/#/collections?collection="+collection),
		chromedp.WaitVisible(chromedp.CSS(`button.new-record-btn`)), chromedp.Click(chromedp.CSS(`button.new-record-btn`)),
		chromedp.WaitVisible(chromedp.CSS(`textarea[name=id]`)))
}

// dashboardSelect picks an option of a dashboard select field.
func dashboardSelect(t *testing.T, ctx context.Context, field, option string) {
	t.Helper()
	run(t, ctx, "open "+field, chromedp.Click(chromedp.CSS(`button[name=`+field+`]`)))
	if !eval[bool](t, ctx, `(() => { const o = [...document.querySelector('button[name=`+field+`]').parentElement.querySelectorAll('.select-option')]
		.find(b => b.textContent.trim() === `+jsString(option)+`); if (o) o.click(); return !!o })()`) {
		t.Fatalf("no option %s of %s", option, field)
	}
}

// dashboardSave clicks the record form's save button.
func dashboardSave(t *testing.T, ctx context.Context) {
	t.Helper()
	run(t, ctx, "save", chromedp.Click(chromedp.CSS(`button.btn.expanded-lg:not(.m-t-10)`)))
}

// setTextArea replaces the value of a dashboard text field the way typing
// would (the dashboard listens to input events).
func setTextArea(t *testing.T, ctx context.Context, name, value string) {
	t.Helper()
	eval[bool](t, ctx, `(() => { const el = document.querySelector('textarea[name=`+name+`]');
		Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set.call(el, `+jsString(value)+`);
		el.dispatchEvent(new Event('input', { bubbles: true })); return true })()`)
}

// scrollTo scrolls the element that selector names to the middle of the
// view, so that a screenshot shows it.
func scrollTo(t *testing.T, ctx context.Context, selector string) {
	t.Helper()
	eval[bool](t, ctx, `(el => !!el && (el.scrollIntoView({block: 'center'}), true))(document.querySelector(`+jsString(selector)+`))`)
}
