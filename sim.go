package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/wedesk/wedesk/internal/wechatsim"
)

// runSim runs the simulator's command-line modes. Today: `sim load`, which
// fires encrypted callbacks at a running WeDesk and reports throughput and
// latency percentiles.
func runSim(args []string) error {
	if len(args) == 0 || args[0] != "load" {
		return fmt.Errorf("usage: wedesk sim load --url URL --app-id ID --token T --aes-key K [-n N] [-c C]")
	}
	fs := flag.NewFlagSet("sim load", flag.ContinueOnError)
	url := fs.String("url", "", "WeDesk callback URL, e.g. http://127.0.0.1:8090/callback/<channel id>")
	appID := fs.String("app-id", "", "the channel's AppID")
	token := fs.String("token", "", "the channel's Token")
	aesKey := fs.String("aes-key", "", "the channel's EncodingAESKey")
	n := fs.Int("n", 10000, "number of callbacks")
	c := fs.Int("c", 64, "concurrent callbacks in flight")
	customers := fs.Int("customers", 1000, "number of distinct simulated customers")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *url == "" || *appID == "" || *token == "" || *aesKey == "" {
		return fmt.Errorf("sim load: --url, --app-id, --token and --aes-key are required")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	rep, err := wechatsim.RunLoad(ctx, wechatsim.LoadOptions{
		URL: *url, N: *n, Concurrency: *c, Customers: *customers,
		Account: wechatsim.Account{AppID: *appID, Token: *token, EncodingAESKey: *aesKey, OriginalID: "gh_loadtest0001"},
	})
	if err != nil {
		return err
	}
	fmt.Println(rep.String())
	return nil
}
