package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

func init() {
	m.Register(upRouting, downRouting)
}

// upRouting adds the queues (skill groups), each conversation's queue and
// the time it entered it, and the default queue and navigation menu of
// channels and 微信客服 accounts.
func upRouting(app core.App) error {
	q := core.NewBaseCollection("queues")
	q.ListRule = types.Pointer(ruleIsAgent)
	q.ViewRule = types.Pointer(ruleIsAgent)
	q.CreateRule = types.Pointer(ruleIsSupervisor)
	q.UpdateRule = types.Pointer(ruleIsSupervisor)
	q.Fields.Add(
		&core.TextField{Name: "name", Required: true, Max: 100},
		&core.JSONField{Name: "agents", MaxSize: 256 << 10,
			Help: `Members: [{"agent":"<agent id>","skill":3,"transfer_only":false}]. Skill is used by skill_first; transfer-only members only receive transfers.`},
		&core.SelectField{Name: "strategy", Values: []string{"round_robin", "random", "least_busy", "skill_first"}, MaxSelect: 1, Required: true},
		&core.NumberField{Name: "familiar_days", OnlyInt: true, Min: types.Pointer(0.0), Max: types.Pointer(365.0),
			Help: "A customer goes back to the agent who last served them within this many days (熟客). 0: off."},
		&core.BoolField{Name: "members_only", Help: "Owner, familiar and designated agents must be members of this queue."},
		&core.JSONField{Name: "rules", MaxSize: 64 << 10,
			Help: `Designated rules, in priority order: [{"customer":"<customer id>","agent":"<agent id>"},{"tag":"gold","agent":"<agent id>"}].`},
		&core.BoolField{Name: "live_position", Help: "Tell waiting customers their position; off: the fixed notice."},
		&core.TextField{Name: "notice_text", Max: 500, Help: "Queue notice with live position; {position} is replaced."},
		&core.TextField{Name: "fixed_notice_text", Max: 500, Help: "Queue notice when live position is off."},
		&core.TextField{Name: "comfort_text", Max: 500, Help: "Sent when a queued customer writes. Empty: none."},
		&core.TextField{Name: "abandon_keyword", Max: 50, Help: "The customer sends this to leave the queue (default 放弃排队)."},
		&core.TextField{Name: "abandon_text", Max: 500, Help: "Confirms that the customer left the queue."},
		&core.TextField{Name: "rr_cursor", Hidden: true, Max: 64, Help: "Round-robin position. WeDesk keeps it; do not edit."},
	)
	q.Fields.Add(autodates()...)
	q.AddIndex("idx_queues_name", true, "name", "")
	if err := app.Save(q); err != nil {
		return err
	}

	conv, err := app.FindCollectionByNameOrId("conversations")
	if err != nil {
		return err
	}
	conv.Fields.Add(
		&core.RelationField{Name: "queue", CollectionId: q.Id, MaxSelect: 1},
		&core.DateField{Name: "queued_at", Help: "When the conversation entered its queue: wait and position count from here."},
	)
	conv.AddIndex("idx_conv_waiting", false, "state, queue, queued_at", "")
	conv.AddIndex("idx_conv_queued", false, "state, queued_at", "")
	if err := app.Save(conv); err != nil {
		return err
	}

	for _, name := range []string{"channels", "kf_accounts"} {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		c.Fields.Add(
			&core.RelationField{Name: "default_queue", CollectionId: q.Id, MaxSelect: 1,
				Help: "Where new conversations wait. Empty: every agent (least busy first)."},
			&core.JSONField{Name: "menu", MaxSize: 16 << 10,
				Help: `Navigation menu greeting new conversations: {"greeting":"您好，请选择：","options":[{"label":"售前咨询","queue":"<queue id>"}]}.`},
		)
		if name == "channels" {
			c.Fields.Add(&core.JSONField{Name: "click_queues", MaxSize: 16 << 10,
				Help: `Official Account menu CLICK keys routing to queues: {"PRESALES":"<queue id>"}.`})
		}
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}

func downRouting(app core.App) error {
	for _, name := range []string{"channels", "kf_accounts"} {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		c.Fields.RemoveByName("default_queue")
		c.Fields.RemoveByName("menu")
		c.Fields.RemoveByName("click_queues")
		if err := app.Save(c); err != nil {
			return err
		}
	}
	conv, err := app.FindCollectionByNameOrId("conversations")
	if err != nil {
		return err
	}
	conv.RemoveIndex("idx_conv_waiting")
	conv.RemoveIndex("idx_conv_queued")
	conv.Fields.RemoveByName("queue")
	conv.Fields.RemoveByName("queued_at")
	if err := app.Save(conv); err != nil {
		return err
	}
	q, err := app.FindCollectionByNameOrId("queues")
	if err != nil {
		return err
	}
	return app.Delete(q)
}
