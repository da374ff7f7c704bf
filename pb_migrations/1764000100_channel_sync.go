package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

func init() {
	m.Register(upChannelSync, downChannelSync)
}

// upChannelSync adds the pull cursor of channels whose messages are pulled
// (微信客服's sync_msg). It is written with the page it follows, in one
// transaction, and hidden: it is WeDesk's bookkeeping, not a setting. It
// also records on each conversation the account (open_kfid) it came to.
func upChannelSync(app core.App) error {
	c, err := app.FindCollectionByNameOrId("channels")
	if err != nil {
		return err
	}
	c.Fields.Add(&core.TextField{Name: "sync_cursor", Hidden: true, Max: 512,
		Help: "微信客服 only: where the last message pull stopped. WeDesk keeps it; do not edit."})
	if err := app.Save(c); err != nil {
		return err
	}
	conv, err := app.FindCollectionByNameOrId("conversations")
	if err != nil {
		return err
	}
	conv.Fields.Add(&core.TextField{Name: "account", Max: 64,
		Help: "The account within the channel the customer wrote to: the 微信客服 open_kfid (empty for an Official Account)."})
	return app.Save(conv)
}

func downChannelSync(app core.App) error {
	c, err := app.FindCollectionByNameOrId("channels")
	if err != nil {
		return err
	}
	c.Fields.RemoveByName("sync_cursor")
	if err := app.Save(c); err != nil {
		return err
	}
	conv, err := app.FindCollectionByNameOrId("conversations")
	if err != nil {
		return err
	}
	conv.Fields.RemoveByName("account")
	return app.Save(conv)
}
