package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Hardening (issue 14):
//   - messages.status gains "sending" (committed before WeChat is called)
//     and "unknown" (WeChat may or may not have delivered it), with
//     send_started_at saying when the last attempt began;
//   - messages.media is a protected file: the API serves it only with a
//     file token, and the inbox serves it through a route that checks the
//     conversation's access;
//   - PocketBase's rate limiter is on, with rules for every auth endpoint
//     and the inbox login (editable in the dashboard, Settings → Rate limits).
func init() {
	m.Register(upHarden, downHarden)
}

// statusValues are messages.status after this migration.
var statusValues = []string{"received", "pending", "sending", "sent", "unknown", "failed"}

// HardenRateLimitRules are the rules this migration installs. Labels are
// PocketBase's: "*:auth" covers every auth-with-password/OAuth2/OTP of any
// auth collection; a path rule covers the inbox login form.
var HardenRateLimitRules = []core.RateLimitRule{
	{Label: "*:auth", MaxRequests: 10, Duration: 60},
	{Label: "*:authRefresh", MaxRequests: 30, Duration: 60},
	{Label: "*:requestPasswordReset", MaxRequests: 3, Duration: 60},
	{Label: "*:confirmPasswordReset", MaxRequests: 5, Duration: 60},
	{Label: "*:requestOTP", MaxRequests: 3, Duration: 60},
	{Label: "*:requestVerification", MaxRequests: 3, Duration: 60},
	{Label: "*:requestEmailChange", MaxRequests: 3, Duration: 60},
	{Label: "POST /inbox/login", MaxRequests: 10, Duration: 60},
	{Label: "POST /inbox/password", MaxRequests: 10, Duration: 60},
}

func upHarden(app core.App) error {
	c, err := app.FindCollectionByNameOrId("messages")
	if err != nil {
		return err
	}
	if f, ok := c.Fields.GetByName("status").(*core.SelectField); ok {
		f.Values = statusValues
	}
	if f, ok := c.Fields.GetByName("media").(*core.FileField); ok {
		f.Protected = true
	}
	c.Fields.Add(&core.DateField{Name: "send_started_at", Hidden: true,
		Help: "When the outbox last began handing this message to WeChat."})
	c.AddIndex("idx_messages_sending", false, "status", "status = 'sending'")
	if err := app.Save(c); err != nil {
		return err
	}
	if err := addAgentDisabled(app); err != nil {
		return err
	}
	s := app.Settings()
	s.RateLimits.Enabled = true
	s.RateLimits.Rules = append([]core.RateLimitRule(nil), HardenRateLimitRules...)
	return app.Save(s)
}

// agentUpdateRule: agents change their own name, status and language;
// supervisors may disable or re-enable another agent, and nothing else.
const agentUpdateRule = "(id = @request.auth.id && @request.body.role:isset = false && " +
	"@request.body.max_concurrent:isset = false && @request.body.email:isset = false && " +
	"@request.body.disabled:isset = false) || " +
	"(@request.auth.role = 'supervisor' && id != @request.auth.id && @request.body.disabled:isset = true && " +
	"@request.body.role:isset = false && @request.body.max_concurrent:isset = false && " +
	"@request.body.email:isset = false && @request.body.password:isset = false && " +
	"@request.body.name:isset = false && @request.body.status:isset = false && @request.body.lang:isset = false && " +
	"@request.body.verified:isset = false && @request.body.emailVisibility:isset = false)"

// addAgentDisabled adds agents.disabled: a disabled agent cannot sign in
// and its sessions end when it is set (hook in package authguard).
func addAgentDisabled(app core.App) error {
	c, err := app.FindCollectionByNameOrId("agents")
	if err != nil {
		return err
	}
	c.Fields.Add(&core.BoolField{Name: "disabled",
		Help: "A disabled agent cannot sign in; setting it ends the agent's sessions at once."})
	c.UpdateRule = types.Pointer(agentUpdateRule)
	return app.Save(c)
}

func downHarden(app core.App) error {
	c, err := app.FindCollectionByNameOrId("messages")
	if err != nil {
		return err
	}
	if f, ok := c.Fields.GetByName("status").(*core.SelectField); ok {
		f.Values = []string{"received", "pending", "sent", "failed"}
	}
	if f, ok := c.Fields.GetByName("media").(*core.FileField); ok {
		f.Protected = false
	}
	c.Fields.RemoveByName("send_started_at")
	c.RemoveIndex("idx_messages_sending")
	if err := app.Save(c); err != nil {
		return err
	}
	agents, err := app.FindCollectionByNameOrId("agents")
	if err != nil {
		return err
	}
	agents.Fields.RemoveByName("disabled")
	agents.UpdateRule = types.Pointer("id = @request.auth.id && @request.body.role:isset = false && " +
		"@request.body.max_concurrent:isset = false && @request.body.email:isset = false")
	if err := app.Save(agents); err != nil {
		return err
	}
	s := app.Settings()
	s.RateLimits.Enabled = false
	return app.Save(s)
}
