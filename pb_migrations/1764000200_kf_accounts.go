package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

func init() {
	m.Register(upKFAccounts, downKFAccounts)
}

// upKFAccounts adds the 微信客服 accounts of a channel (synced from WeCom's
// account/list and created on the first message pulled for one), the
// welcome message, and the recalled flag on messages.
func upKFAccounts(app core.App) error {
	channels, err := app.FindCollectionByNameOrId("channels")
	if err != nil {
		return err
	}
	c := core.NewBaseCollection("kf_accounts")
	c.ListRule = types.Pointer(ruleIsAgent)
	c.ViewRule = types.Pointer(ruleIsAgent)
	c.Fields.Add(
		&core.RelationField{Name: "channel", CollectionId: channels.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.TextField{Name: "open_kfid", Required: true, Max: 64, Help: "WeCom's id of the 微信客服 account (wk…)."},
		&core.TextField{Name: "name", Max: 100},
		&core.TextField{Name: "avatar", Max: 1024},
		&core.TextField{Name: "sync_cursor", Hidden: true, Max: 512,
			Help: "Where the last sync_msg pull of this account stopped. WeDesk keeps it; do not edit."},
	)
	c.Fields.Add(autodates()...)
	c.AddIndex("idx_kf_accounts_kfid", true, "channel, open_kfid", "")
	if err := app.Save(c); err != nil {
		return err
	}
	channels.Fields.Add(&core.TextField{Name: "welcome_text", Max: 1000,
		Help: "Sent when a customer opens a 微信客服 session (within WeCom's 20 s). Empty: no welcome."})
	if err := app.Save(channels); err != nil {
		return err
	}
	messages, err := app.FindCollectionByNameOrId("messages")
	if err != nil {
		return err
	}
	messages.Fields.Add(&core.BoolField{Name: "recalled", Help: "The customer recalled (撤回) this message."})
	messages.AddIndex("idx_messages_wechat_msgid", false, "wechat_msgid", "wechat_msgid != ''")
	return app.Save(messages)
}

func downKFAccounts(app core.App) error {
	if c, err := app.FindCollectionByNameOrId("kf_accounts"); err == nil {
		if err := app.Delete(c); err != nil {
			return err
		}
	}
	return nil
}
