package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

func init() {
	m.Register(upKFContactLinks, downKFContactLinks)
}

// upKFContactLinks adds the contact links of 微信客服 accounts, one per
// account and scene, kept so that a link is asked of WeCom once and stays
// the same (QR codes already printed keep working). Superusers only; the
// admin page is /_wedesk/contact.html.
func upKFContactLinks(app core.App) error {
	accounts, err := app.FindCollectionByNameOrId("kf_accounts")
	if err != nil {
		return err
	}
	c := core.NewBaseCollection("kf_contact_links")
	c.Fields.Add(
		&core.RelationField{Name: "account", CollectionId: accounts.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.TextField{Name: "scene", Required: true, Max: 32, Pattern: `^[0-9A-Za-z_-]+$`,
			Help: "The scene given to add_contact_way; it comes back when a customer enters through the link."},
		&core.URLField{Name: "url", Required: true,
			Help: "The link WeCom returned. Do not alter it (only &scene_param=… may be appended). Admin page: /_wedesk/contact.html"},
	)
	c.Fields.Add(autodates()...)
	c.AddIndex("idx_kf_contact_links_account_scene", true, "account, scene", "")
	return app.Save(c)
}

func downKFContactLinks(app core.App) error {
	c, err := app.FindCollectionByNameOrId("kf_contact_links")
	if err != nil {
		return nil
	}
	return app.Delete(c)
}
