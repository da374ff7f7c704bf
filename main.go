// Command wedesk is a self-hosted customer-service desk for WeChat: one
// binary with PocketBase's database, dashboard and auth, WeChat's callback
// crypto and APIs, the agent inbox, and a built-in WeChat simulator.
package main

import (
	"log"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/plugins/migratecmd"

	"github.com/wedesk/wedesk/hooks"
	_ "github.com/wedesk/wedesk/pb_migrations"
)

func main() {
	app := pocketbase.New()
	app.RootCmd.Use = "wedesk"
	app.RootCmd.Short = "WeDesk — customer-service desk for WeChat"

	migratecmd.MustRegister(app, app.RootCmd, migratecmd.Config{Dir: "pb_migrations"})
	hooks.Register(app)
	app.RootCmd.AddCommand(demoCommand(), simCommand())

	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}
