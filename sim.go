package main

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"os"
	"runtime/pprof"
	"time"

	"github.com/wedesk/wedesk/internal/liveload"
	"github.com/wedesk/wedesk/internal/wechatsim"
)

const simUsage = "usage: wedesk sim load --url URL --app-id ID --token T --aes-key K [-n N] [-c C] [--rate R] " +
	"[--agents A --admin-email E --admin-password P [--list]]"

// runSim runs the simulator's command-line modes. Today: `sim load`, which
// fires encrypted callbacks at a running WeDesk and reports throughput and
// latency percentiles; with --agents it also connects that many agents to
// realtime, as the inbox does, and reports the delay from each callback's
// acknowledgement to the event reaching each agent.
func runSim(args []string) error {
	if len(args) == 0 || args[0] != "load" {
		return fmt.Errorf(simUsage)
	}
	fs := flag.NewFlagSet("sim load", flag.ContinueOnError)
	cbURL := fs.String("url", "", "WeDesk callback URL, e.g. http://127.0.0.1:8090/callback/<channel id>")
	appID := fs.String("app-id", "", "the channel's AppID")
	token := fs.String("token", "", "the channel's Token")
	aesKey := fs.String("aes-key", "", "the channel's EncodingAESKey")
	n := fs.Int("n", 10000, "number of callbacks")
	c := fs.Int("c", 64, "concurrent callbacks in flight")
	rate := fs.Float64("rate", 0, "callbacks per second (0: as fast as -c allows)")
	customers := fs.Int("customers", 1000, "number of distinct simulated customers")
	agents := fs.Int("agents", 0, "simulated agents connected to realtime while the load runs")
	adminEmail := fs.String("admin-email", "", "a superuser's email, to create and sign in the simulated agents")
	adminPassword := fs.String("admin-password", "", "that superuser's password")
	list := fs.Bool("list", false, "the simulated agents refresh their list as the inbox page does")
	serverPID := fs.Int("server-pid", 0, "WeDesk's process id on this machine, to report its CPU time during the load (Linux)")
	cpuProfile := fs.String("cpuprofile", "", "write this load generator's own CPU profile to the file (to see what the measurement costs)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *cbURL == "" || *appID == "" || *token == "" || *aesKey == "" {
		return fmt.Errorf("sim load: --url, --app-id, --token and --aes-key are required")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	opts := wechatsim.LoadOptions{
		URL: *cbURL, N: *n, Concurrency: *c, Customers: *customers, Rate: *rate,
		Account: wechatsim.Account{AppID: *appID, Token: *token, EncodingAESKey: *aesKey, OriginalID: "gh_loadtest0001"},
	}
	var team *liveload.Team
	if *agents > 0 {
		u, err := url.Parse(*cbURL)
		if err != nil {
			return err
		}
		if team, err = liveload.Connect(ctx, liveload.Options{BaseURL: u.Scheme + "://" + u.Host,
			AdminEmail: *adminEmail, AdminPassword: *adminPassword, Agents: *agents, List: *list}); err != nil {
			return err
		}
		opts.OnAck, opts.OnReady = team.Ack, team.Expect
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	cpu0 := processCPU(*serverPID)
	rep, err := wechatsim.RunLoad(ctx, opts)
	if err != nil {
		return err
	}
	fmt.Println(rep.String())
	if *serverPID > 0 {
		used := processCPU(*serverPID) - cpu0
		fmt.Printf("server cpu during the load: %s (%.2f cores)\n", used.Round(10*time.Millisecond), used.Seconds()/rep.Elapsed.Seconds())
	}
	if team != nil {
		fmt.Println(team.Report(10 * time.Second).String())
	}
	return nil
}

// startCPUProfile profiles this process into path until stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
