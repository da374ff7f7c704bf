package hooks

import (
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/contact"
	"github.com/wedesk/wedesk/internal/ingest"
	"github.com/wedesk/wedesk/internal/licensing"
	"github.com/wedesk/wedesk/internal/web/inbox"
	"github.com/wedesk/wedesk/static"
)

// MaxCallbackBody caps a callback body (see ingest.MaxCallbackBody).
const MaxCallbackBody = ingest.MaxCallbackBody

// registerRoutes is WeDesk's one route table.
func registerRoutes(app core.App, d *Desk) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		r := se.Router

		// WeChat callbacks: public, authenticated by signature, small bodies.
		r.GET("/callback/{channelId}", d.Ingest.VerifyCallback).BindFunc(ingest.RedactLog)
		// Successful pushes are not written to the request log: at thousands per
		// second the log would cost more than the messages themselves.
		// The openid and signatures of a failed callback stay out of the log.
		r.POST("/callback/{channelId}", d.Ingest.ReceiveCallback).Bind(apis.BodyLimit(MaxCallbackBody), apis.SkipSuccessActivityLog()).
			BindFunc(ingest.RedactLog)

		// JSON actions for agents (bearer token; the inbox pages call the same actions).
		a := r.Group("/api/wedesk")
		a.Bind(apis.RequireAuth("agents"))
		a.POST("/conversations/{id}/claim", d.API.ClaimConversation)
		a.POST("/conversations/{id}/close", d.API.CloseConversation)
		a.POST("/messages/{id}/retry", d.API.RetryMessage)
		a.GET("/conversations/{id}/budget", d.API.ShowBudget)
		a.POST("/conversations/{id}/block", d.API.BlockConversationCustomer)
		a.POST("/conversations/{id}/unblock", d.API.UnblockConversationCustomer)
		a.GET("/stats/blocks", d.API.ShowBlockStats)
		a.POST("/conversations/{id}/transfer", d.API.TransferConversation) // routing (issue 12)
		a.POST("/conversations/{id}/takeover", d.API.TakeOverConversation) // routing (issue 12)

		// Licenses and credits: superusers only (the dashboard's admins).
		su := apis.RequireSuperuserAuth()
		r.POST("/api/wedesk/credits/redeem", licensing.RedeemVoucher).Bind(su)
		r.POST("/api/wedesk/organizations/{id}/buy", licensing.BuyLicense).Bind(su)
		r.GET("/api/wedesk/license", licensing.ShowLicense).Bind(su)
		// Contact links of 微信客服 accounts (URL, QR code, button snippet).
		links := contact.NewHandler(d.Contacts)
		r.GET("/api/wedesk/kf_accounts/{id}/contact/{scene}", links.ShowContactLink).Bind(su)
		r.GET("/api/wedesk/contact_links", links.ListContactLinks).Bind(su)
		r.GET("/_wedesk/{path...}", apis.Static(static.Admin(), false))

		// The agent inbox: pages authenticate with the session cookie only;
		// every POST needs the CSRF token.
		h := d.Inbox
		r.GET("/static/{hash}/{path...}", inbox.ServeStatic)
		r.GET("/favicon.ico", inbox.ShowFavicon)
		r.GET("/inbox/login", h.ShowLogin)
		r.POST("/inbox/login", h.Login).Bind(apis.BodyLimit(inbox.MaxForm))

		g := r.Group("/inbox")
		g.BindFunc(h.LoadSession)
		g.BindFunc(h.RequireAgent)
		g.Bind(apis.BodyLimit(inbox.MaxForm))
		g.BindFunc(h.CheckCSRF)

		g.GET("", h.ShowInbox)
		g.GET("/list", h.ShowList)
		g.GET("/conversations/{id}", h.ShowConversation)
		g.GET("/conversations/{id}/messages", h.ShowMessages)
		g.GET("/conversations/{id}/budget", h.ShowBudget)
		g.GET("/messages/{id}", h.ShowMessage)
		g.GET("/media/{id}", h.ShowMedia)

		g.GET("/password", h.ShowPassword)
		g.POST("/password", h.ChangePassword)
		g.POST("/logout", h.Logout)
		g.POST("/status", h.SetStatus)
		g.POST("/lang", h.SetLang)
		g.POST("/license-alerts/dismiss", h.DismissLicenseAlerts)
		g.POST("/conversations/{id}/claim", h.ClaimConversation)
		g.POST("/conversations/{id}/close", h.CloseConversation)
		g.POST("/conversations/{id}/read", h.MarkConversationRead)
		g.POST("/messages/{id}/retry", h.RetryMessage)
		g.POST("/conversations/{id}/block", h.BlockCustomer)
		g.POST("/conversations/{id}/unblock", h.UnblockCustomer)
		g.POST("/customers/{id}/vip", h.SetCustomerVIP)
		g.POST("/customers/{id}/tags", h.SetCustomerTags)
		g.POST("/customers/{id}/notes", h.SetCustomerNotes)
		// Routing (issue 12): transfer, confirmed take-over, bulk reassignment.
		g.POST("/conversations/{id}/transfer", h.TransferConversation)
		g.POST("/conversations/{id}/takeover", h.TakeOverConversation)
		g.POST("/agents/{id}/reassign", h.ReassignAgent)
		g.POST("/customers/{id}/remark", h.SetCustomerRemark)
		g.GET("/quick-replies", h.ShowQuickReplies)
		g.POST("/quick-replies", h.AddQuickReply)
		g.POST("/quick-replies/{id}/delete", h.DeleteQuickReply)

		// Service automation: smart assist, knowledge-base fixes, the survey.
		g.GET("/conversations/{id}/assist", d.Assist.ShowAssist)
		g.POST("/conversations/{id}/kb", d.Assist.SaveAnswer)
		g.POST("/conversations/{id}/survey", d.Assist.InviteSurvey)

		return se.Next()
	})
}
