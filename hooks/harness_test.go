package hooks_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/testkit"
	"github.com/wedesk/wedesk/internal/wechatsim"
)

// templateDir is the migrated data dir every test clones (testkit builds
// it once per test binary).
var templateDir string

func TestMain(m *testing.M) {
	templateDir = testkit.TemplateDir()
	os.Exit(testkit.Run(m))
}

// testAccount is the simulated Official Account the harness connects.
var testAccount = wechatsim.Account{
	AppID:          "wx5c3e8a1f0b2d4e6a",
	Secret:         "3f1b2c4d5e6f708192a3b4c5d6e7f809",
	Token:          "WeDeskTestToken2026",
	EncodingAESKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
	OriginalID:     "gh_1a2b3c4d5e6f",
}

// testChannelID is the fixed id of the harness channel, so that scenario
// URLs can name it before the app exists.
const testChannelID = "chtestoa0000001"

// harness is a running WeDesk (real PocketBase app, real HTTP server) wired
// to a running WeChat simulator, with one channel and three agents.
type harness struct {
	t       testing.TB
	app     *tests.TestApp
	desk    *hooks.Desk
	srv     *httptest.Server
	sim     *wechatsim.Server
	simSrv  *httptest.Server
	channel *core.Record

	agent, agent2, supervisor *core.Record
}

// newHarness starts everything, WeDesk's HTTP server included; cleanup is
// registered on t.
func newHarness(t testing.TB, opts hooks.Options) *harness {
	t.Helper()
	h := newHarnessApp(t, opts)
	h.srv = httptest.NewServer(serveMux(t, h.app))
	t.Cleanup(h.srv.Close)
	h.sim.SetCallbackURL(testAccount.AppID, h.callbackURL())
	return h
}

// newHarnessApp sets up the app, simulator and records without serving
// HTTP, for tests.ApiScenario (which builds its own router: PocketBase
// panics when two routers are built for one app).
func newHarnessApp(t testing.TB, opts hooks.Options) *harness {
	t.Helper()
	return newHarnessAppSim(t, opts, wechatsim.Options{Now: opts.Now})
}

// newHarnessAppSim is newHarnessApp with the simulator's options.
func newHarnessAppSim(t testing.TB, opts hooks.Options, simOpts wechatsim.Options) *harness {
	t.Helper()
	h := &harness{t: t}
	h.sim = wechatsim.New(simOpts)
	h.sim.AddAccount(testAccount)
	h.simSrv = httptest.NewServer(h.sim)
	t.Cleanup(h.simSrv.Close)

	h.app = newTestApp(t)
	if opts.PollInterval == 0 {
		opts.PollInterval = 50 * time.Millisecond
	}
	h.desk = hooks.RegisterWithOptions(h.app, opts)
	h.channel = h.createChannel(h.simSrv.URL)
	h.agent = h.createAgent("agent1@example.com", "Agent One", "agent")
	h.agent2 = h.createAgent("agent2@example.com", "Agent Two", "agent")
	h.supervisor = h.createAgent("lead@example.com", "Lead", "supervisor")
	return h
}

// newTestApp clones the migrated template data dir.
func newTestApp(t testing.TB) *tests.TestApp {
	t.Helper()
	return testkit.NewApp(t)
}

// serveMux builds the app's router and fires OnServe the way `serve` does,
// so routes and workers start.
func serveMux(t testing.TB, app core.App) http.Handler {
	t.Helper()
	router, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
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

func (h *harness) callbackURL() string { return h.srv.URL + "/callback/" + h.channel.Id }

func (h *harness) createChannel(apiBase string) *core.Record {
	col, err := h.app.FindCollectionByNameOrId("channels")
	if err != nil {
		h.t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Set("id", testChannelID)
	r.Load(map[string]any{
		"name": "Test OA", "kind": "wechat_mp", "app_id": testAccount.AppID, "secret": testAccount.Secret,
		"token": testAccount.Token, "aes_key": testAccount.EncodingAESKey, "api_base": apiBase, "enabled": true,
	})
	if err := h.app.Save(r); err != nil {
		h.t.Fatal(err)
	}
	return r
}

func (h *harness) createAgent(email, name, role string) *core.Record {
	col, err := h.app.FindCollectionByNameOrId("agents")
	if err != nil {
		h.t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.SetEmail(email)
	r.SetPassword("password123")
	// Offline: routing assigns nothing to them, so tests written for manual
	// claims see conversations wait in the queue (routing tests bring their
	// own online agents).
	r.Load(map[string]any{"name": name, "role": role, "status": "offline"})
	if err := h.app.Save(r); err != nil {
		h.t.Fatal(err)
	}
	return r
}

// token returns a fresh auth token for an agent record.
func (h *harness) token(r *core.Record) string {
	tok, err := r.NewAuthToken()
	if err != nil {
		h.t.Fatal(err)
	}
	return tok
}

// customer returns a simulated WeChat user of the test account.
func (h *harness) customer(openid string) *wechatsim.Customer {
	return h.sim.Customer(testAccount.AppID, openid)
}

// ctx is a test context with a deadline.
func (h *harness) ctx() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	h.t.Cleanup(cancel)
	return ctx
}

// waitFor polls cond until it is true or fails the test after 10 s.
func (h *harness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	h.t.Fatalf("timed out waiting for %s", what)
}

// readAll reads a response body as a string.
func readAll(t testing.TB, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// count counts records of a collection matching a filter.
func (h *harness) count(collection, filter string) int {
	recs, err := h.app.FindRecordsByFilter(collection, filter, "", 0, 0)
	if err != nil {
		h.t.Fatal(err)
	}
	return len(recs)
}
