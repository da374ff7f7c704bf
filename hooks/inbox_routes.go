package hooks

import (
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// maxInboxForm bounds the inbox's form posts (notes are the largest).
const maxInboxForm = 256 << 10

// registerInboxRoutes is the route table of the agent inbox pages. Pages
// authenticate with the session cookie only; every POST needs the CSRF token.
func registerInboxRoutes(r *router.Router[*core.RequestEvent], d *Desk) {
	// Bound here because this is the inbox's one entry point; the handler id
	// keeps a second serve from binding it twice.
	d.bindInboxLive(d.app)

	r.GET("/static/{hash}/{path...}", serveStatic)
	r.GET("/inbox/login", d.showLogin)
	r.POST("/inbox/login", d.login).Bind(apis.BodyLimit(maxInboxForm))

	g := r.Group("/inbox")
	g.BindFunc(d.loadInboxSession)
	g.BindFunc(d.requireInboxAgent)
	g.Bind(apis.BodyLimit(maxInboxForm))
	g.BindFunc(d.checkCSRF)

	g.GET("", d.showInbox)
	g.GET("/list", d.showInboxList)
	g.GET("/conversations/{id}", d.showConversation)
	g.GET("/conversations/{id}/messages", d.showMessages)
	g.GET("/conversations/{id}/budget", d.showInboxBudget)
	g.GET("/messages/{id}", d.showMessage)
	g.GET("/media/{id}", d.showMedia)

	g.POST("/logout", d.logout)
	g.POST("/status", d.setInboxStatus)
	g.POST("/lang", d.setInboxLang)
	g.POST("/conversations/{id}/claim", d.claimFromInbox)
	g.POST("/conversations/{id}/close", d.closeFromInbox)
	g.POST("/conversations/{id}/read", d.markConversationRead)
	g.POST("/messages/{id}/retry", d.retryFromInbox)
	g.POST("/customers/{id}/vip", d.setCustomerVIP)
	g.POST("/customers/{id}/tags", d.setCustomerTags)
	g.POST("/customers/{id}/notes", d.setCustomerNotes)
}
