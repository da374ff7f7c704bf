package hooks

import (
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
)

// registerRoutes is WeDesk's one route table.
func registerRoutes(app core.App, d *Desk) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		r := se.Router

		// WeChat callbacks: public, authenticated by signature, small bodies.
		r.GET("/callback/{channelId}", d.verifyCallback)
		// Successful pushes are not written to the request log: at thousands per
		// second the log would cost more than the messages themselves.
		r.POST("/callback/{channelId}", d.receiveCallback).Bind(apis.BodyLimit(MaxCallbackBody), apis.SkipSuccessActivityLog())

		// JSON actions for agents (bearer token; the inbox pages call the same Desk methods).
		api := r.Group("/api/wedesk")
		api.Bind(apis.RequireAuth("agents"))
		api.POST("/conversations/{id}/claim", d.claimConversation)
		api.POST("/conversations/{id}/close", d.closeConversation)
		api.POST("/messages/{id}/retry", d.retryMessage)
		api.GET("/conversations/{id}/budget", d.showBudget)

		// The agent inbox: cookie-authenticated pages (see inbox_routes.go).
		registerInboxRoutes(r, d)

		return se.Next()
	})
}
