package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// WeChat's sending rules, blocking and the media rules (issue 9):
//   - conversations keep their send budget as state (sends left, until when,
//     locked and why), the interaction that opened the allowance when it was
//     not a message (an Official Account menu tap, follow or scan), and
//     WeChat's last window/quota refusal;
//   - customers record who blocked them and when, and customer_blocks logs
//     every block and unblock so stats can count blocks per agent;
//   - messages carry the blocked flag (sent while the customer was
//     blocked), the media check's rejection code and a voice clip's length;
//   - channels may override the media limits (a setting; empty = defaults).
func init() {
	m.Register(upSendRules, downSendRules)
}

func upSendRules(app core.App) error {
	agents, err := app.FindCollectionByNameOrId("agents")
	if err != nil {
		return err
	}
	if err := addConversationBudget(app); err != nil {
		return err
	}
	if err := addCustomerBlock(app, agents); err != nil {
		return err
	}
	if err := addMessageFlags(app); err != nil {
		return err
	}
	if err := addChannelMediaLimits(app); err != nil {
		return err
	}
	return createCustomerBlocks(app, agents)
}

func addConversationBudget(app core.App) error {
	c, err := app.FindCollectionByNameOrId("conversations")
	if err != nil {
		return err
	}
	c.Fields.Add(
		&core.NumberField{Name: "sends_left", OnlyInt: true, Min: types.Pointer(0.0),
			Help: "Messages that may still be sent in the current allowance (agent and automatic alike)."},
		&core.DateField{Name: "window_until", Help: "When the current allowance's window closes."},
		&core.BoolField{Name: "locked", Help: "Sending is closed until the customer interacts again (or the block ends)."},
		&core.TextField{Name: "lock_reason", Max: 32,
			Help: "Stable code: no_customer_message, window_closed, send_quota_reached, wechat_refused, blocked."},
		&core.DateField{Name: "window_opened_at", Help: "When the interaction that opened the allowance happened."},
		&core.TextField{Name: "window_opener", Max: 16, Help: "message, menu_click, follow or scan."},
		&core.DateField{Name: "refused_at", Help: "When WeChat last refused a send for window or quota reasons."},
		&core.NumberField{Name: "refused_code", OnlyInt: true, Help: "WeChat's errcode of that refusal."},
	)
	return app.Save(c)
}

func addCustomerBlock(app core.App, agents *core.Collection) error {
	c, err := app.FindCollectionByNameOrId("customers")
	if err != nil {
		return err
	}
	c.Fields.Add(
		&core.RelationField{Name: "blocked_by", CollectionId: agents.Id, MaxSelect: 1},
		&core.DateField{Name: "blocked_at"},
	)
	if c.UpdateRule != nil {
		c.UpdateRule = types.Pointer(*c.UpdateRule +
			" && @request.body.blocked_by:isset = false && @request.body.blocked_at:isset = false")
	}
	return app.Save(c)
}

func addMessageFlags(app core.App) error {
	c, err := app.FindCollectionByNameOrId("messages")
	if err != nil {
		return err
	}
	c.Fields.Add(
		&core.BoolField{Name: "blocked", Help: "Sent by the customer while blocked (拒收): stored, never routed or notified."},
		&core.TextField{Name: "media_issue", Max: 64,
			Help: "Why the stored media breaks the inbound rules (a media rejection code); empty when it passed."},
		&core.NumberField{Name: "duration_ms", OnlyInt: true, Min: types.Pointer(0.0),
			Help: "A voice clip's playing time, from its frame count."},
	)
	return app.Save(c)
}

func addChannelMediaLimits(app core.App) error {
	c, err := app.FindCollectionByNameOrId("channels")
	if err != nil {
		return err
	}
	c.Fields.Add(&core.JSONField{Name: "media_limits", MaxSize: 16 << 10,
		Help: "Media rules per direction and kind (formats, maxBytes, maxDuration in ns); empty means the product's defaults."})
	return app.Save(c)
}

func createCustomerBlocks(app core.App, agents *core.Collection) error {
	customers, err := app.FindCollectionByNameOrId("customers")
	if err != nil {
		return err
	}
	c := core.NewBaseCollection("customer_blocks")
	c.ListRule = types.Pointer(ruleIsAgent + " && " + ruleIsSupervisor)
	c.ViewRule = c.ListRule
	c.Fields.Add(
		&core.RelationField{Name: "customer", CollectionId: customers.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.RelationField{Name: "agent", CollectionId: agents.Id, MaxSelect: 1, Required: true},
		&core.SelectField{Name: "action", Values: []string{"block", "unblock"}, MaxSelect: 1, Required: true},
		&core.DateField{Name: "at", Required: true},
		&core.DateField{Name: "until", Help: "End of the block (block actions only)."},
	)
	c.Fields.Add(autodates()...)
	c.AddIndex("idx_customer_blocks_agent", false, "agent, action, at", "")
	c.AddIndex("idx_customer_blocks_customer", false, "customer, at", "")
	return app.Save(c)
}

func downSendRules(app core.App) error {
	if c, err := app.FindCollectionByNameOrId("customer_blocks"); err == nil {
		if err := app.Delete(c); err != nil {
			return err
		}
	}
	drop := map[string][]string{
		"conversations": {"sends_left", "window_until", "locked", "lock_reason", "window_opened_at", "window_opener", "refused_at", "refused_code"},
		"customers":     {"blocked_by", "blocked_at"},
		"messages":      {"blocked", "media_issue", "duration_ms"},
		"channels":      {"media_limits"},
	}
	for name, fields := range drop {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		for _, f := range fields {
			c.Fields.RemoveByName(f)
		}
		if name == "customers" && c.UpdateRule != nil {
			rule := *c.UpdateRule
			suffix := " && @request.body.blocked_by:isset = false && @request.body.blocked_at:isset = false"
			if len(rule) > len(suffix) && rule[len(rule)-len(suffix):] == suffix {
				c.UpdateRule = types.Pointer(rule[:len(rule)-len(suffix)])
			}
		}
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}
