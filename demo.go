package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/wechatsim"
)

// demoAccount is the Official Account the demo's simulator plays.
var demoAccount = wechatsim.Account{
	AppID:          "wxd3m0a1b2c3d4e5f6",
	Secret:         "demo0secret0for0the0simulator000",
	Token:          "WeDeskDemoToken",
	EncodingAESKey: "WeDeskDemoKey0123456789abcdefghijklmnopqrst",
	OriginalID:     "gh_wedeskdemo01",
}

// runDemo starts WeDesk on a throw-away data dir, connected to a built-in
// WeChat simulator whose customers write every few seconds.
func runDemo(args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	addr := fs.String("http", "127.0.0.1:8090", "address WeDesk listens on")
	every := fs.Duration("every", 6*time.Second, "how often a simulated customer writes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "wedesk-demo-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	sim := wechatsim.New(wechatsim.Options{})
	sim.AddAccount(demoAccount)
	if err := addDemoKF(sim); err != nil {
		return err
	}
	simLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	go http.Serve(simLn, sim) //nolint:errcheck // ends with the process
	simURL := "http://" + simLn.Addr().String()

	app := pocketbase.NewWithConfig(pocketbase.Config{DefaultDataDir: dir, HideStartBanner: true})
	base := "http://" + *addr
	desk := hooks.RegisterWithOptions(app, hooks.Options{PublicURL: func() string { return base }})
	creds := demoCredentials{Password: randomPassword()}
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		channelID, err := seedDemo(se.App, simURL, creds)
		if err != nil {
			return err
		}
		kfChannelID, err := seedDemoKF(se.App, simURL)
		if err != nil {
			return err
		}
		if err := se.Next(); err != nil {
			return err
		}
		callback := base + "/callback/" + channelID
		sim.SetCallbackURL(demoAccount.AppID, callback)
		connectDemoKF(sim, "http://"+*addr+"/callback/"+kfChannelID)
		// The start-up account sync ran before the channel existed: name the kf accounts now.
		go desk.Enricher.SyncAccounts()
		printDemoBanner(*addr, simURL, callback, creds)
		go runDemoCustomers(context.Background(), sim, *every)
		go runDemoKFCustomers(context.Background(), sim, *every)
		return nil
	})
	// PocketBase reads os.Args (not cobra's SetArgs) to decide whether to
	// bootstrap, so the demo presents itself as a plain `serve`.
	os.Args = []string{os.Args[0], "serve", "--http=" + *addr}
	return app.Start()
}

// demoCredentials are the accounts the demo creates.
type demoCredentials struct{ Password string }

func randomPassword() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return "demo-" + hex.EncodeToString(b)
}

func printDemoBanner(addr, simURL, callback string, c demoCredentials) {
	fmt.Printf(`
WeDesk demo is running (data is thrown away on exit).
  Inbox      http://%[1]s/inbox   agent@wedesk.demo / %[2]s   (supervisor: lead@wedesk.demo / %[2]s)
  Dashboard  http://%[1]s/_/      admin@wedesk.demo / %[2]s
  Simulator  %[3]s  (plays WeChat's servers; simulated customers write every few seconds)
Load test of this channel (in another terminal):
  go run . sim load --url %[4]s --app-id %[5]s --token %[6]s --aes-key %[7]s -n 10000 -c 64
%[8]sPress Ctrl+C to stop.

`, addr, c.Password, simURL, callback, demoAccount.AppID, demoAccount.Token, demoAccount.EncodingAESKey, demoKFBanner(addr))
}
