package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/wechatsim"
)

// TestDemoCustomersShowEverything runs the demo's customers against a real
// WeDesk: every message type and event arrives, the customers get their
// remark names, and the XSS example is stored once, as text.
func TestDemoCustomersShowEverything(t *testing.T) {
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	hooks.RegisterWithOptions(app, hooks.Options{PollInterval: 50 * time.Millisecond})
	sim := wechatsim.New(wechatsim.Options{})
	sim.AddAccount(demoAccount)
	simSrv := httptest.NewServer(sim)
	defer simSrv.Close()
	id, err := seedDemo(app, simSrv.URL, demoCredentials{Password: randomPassword()})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(demoTestMux(t, app))
	defer srv.Close()
	sim.SetCallbackURL(demoAccount.AppID, srv.URL+"/callback/"+id)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	talkers := introduceDemoCustomers(ctx, sim, func(err error) { t.Error(err) })
	if len(talkers) != len(demoPersonas)-2 {
		t.Fatalf("%d customers keep talking, want the %d named ones", len(talkers), len(demoPersonas)-2)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		missing := []string{}
		for _, typ := range []string{"text", "image", "voice", "video", "location", "link", "event"} {
			if n, _ := app.CountRecords("messages", dbx.HashExp{"type": typ}); n == 0 {
				missing = append(missing, typ)
			}
		}
		named, _ := app.FindRecordsByFilter("customers", "remark != ''", "", 0, 0)
		xss, _ := app.FindRecordsByFilter("messages", "text ~ '<script>'", "", 0, 0)
		if len(missing) == 0 && len(named) == len(demoPersonas)-1 && len(xss) == 1 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("missing types %v; %d named customers; %d XSS messages", missing, len(named), len(xss))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// demoTestMux fires OnServe on a router the way `serve` does.
func demoTestMux(t *testing.T, app core.App) http.Handler {
	t.Helper()
	router, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	var mux http.Handler
	err = app.OnServe().Trigger(&core.ServeEvent{App: app, Router: router}, func(e *core.ServeEvent) error {
		mux, err = e.Router.BuildMux()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return mux
}
