// Command wedesk is a self-hosted customer-service desk for WeChat: one
// binary with PocketBase's database, dashboard and auth, WeChat's callback
// crypto and APIs, the agent inbox, and a built-in WeChat simulator.
package main

import (
	"fmt"
	"log"
	"os"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/plugins/migratecmd"
	"github.com/spf13/cobra"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/voucher"
	_ "github.com/wedesk/wedesk/pb_migrations"
)

func main() {
	// demo and sim run their own app (or none): they must not create ./pb_data.
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "demo":
			exit(runDemo(os.Args[2:]))
		case "sim":
			exit(runSim(os.Args[2:]))
		case "voucher":
			os.Exit(voucher.RunCLI(os.Args[2:], os.Stdout, os.Stderr))
		}
	}
	startProfiler()
	tuneGC()
	app := newApp()
	app.RootCmd.Use = "wedesk"
	app.RootCmd.Short = "WeDesk — customer-service desk for WeChat"

	migratecmd.MustRegister(app, app.RootCmd, migratecmd.Config{Dir: "pb_migrations"})
	publicURL := app.RootCmd.PersistentFlags().String("public-url", "",
		"the URL agents and WeChat reach WeDesk at, e.g. https://desk.example.com (default: taken from the first request)")
	hooks.RegisterWithOptions(app, hooks.Options{PublicURL: func() string { return *publicURL }})
	app.RootCmd.AddCommand(hooks.SecretsCommand(app))
	app.RootCmd.AddCommand(helpOnlyCommand("demo", "Run WeDesk with a built-in WeChat simulator on a throw-away data dir"),
		helpOnlyCommand("sim", "WeChat simulator tools: `sim load` fires encrypted callbacks at a running WeDesk"),
		helpOnlyCommand("voucher", "Credit vouchers: `voucher keygen --out DIR`, `voucher issue --key FILE --credits N --buyer NAME`"))

	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}

// newApp is PocketBase in production mode however the binary was started
// (pocketbase.New turns dev mode on for `go run` and for any binary under
// the temp dir); `--dev` still turns it on. WeDesk prints its own banner.
func newApp() *pocketbase.PocketBase {
	return pocketbase.NewWithConfig(pocketbase.Config{DefaultDev: false, HideStartBanner: true})
}

// helpOnlyCommand lists demo and sim in `wedesk --help`; main dispatches them
// before PocketBase starts.
func helpOnlyCommand(name, short string) *cobra.Command {
	return &cobra.Command{Use: name, Short: short, DisableFlagParsing: true,
		RunE: func(*cobra.Command, []string) error { return nil }}
}

func exit(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "wedesk:", err)
		os.Exit(1)
	}
	os.Exit(0)
}
