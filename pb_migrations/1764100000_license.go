package pb_migrations

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/wedesk/wedesk/internal/license"
)

// The channel license (issue 15): organizations (one per CorpID/AppID, with
// the trial's start that never resets), the license years they bought, and
// the ledger of IM credits. All three are superuser-only (nil rules): credits
// are money. Every query package licensing runs has an index here.
func init() {
	m.Register(upLicense, downLicense)
}

func upLicense(app core.App) error {
	orgs, err := createOrganizations(app)
	if err != nil {
		return err
	}
	if err := createLicenses(app, orgs); err != nil {
		return err
	}
	if err := createCreditLedger(app, orgs); err != nil {
		return err
	}
	if err := addChannelLicenseStatus(app); err != nil {
		return err
	}
	return backfillOrganizations(app, orgs)
}

func createOrganizations(app core.App) (*core.Collection, error) {
	c := core.NewBaseCollection("organizations")
	c.Fields.Add(
		&core.TextField{Name: "app_id", Required: true, Max: 64, Pattern: `^[A-Za-z0-9_-]+$`,
			Help: "The WeCom CorpID or Official Account AppID this license covers."},
		&core.DateField{Name: "first_authorized_at", Required: true,
			Help: "When a channel with this app_id was first added: the 90-day trial counts from here and never restarts."},
		&core.SelectField{Name: "status", Values: []string{"trial", "active", "expiring", "expired"}, MaxSelect: 1, Required: true,
			Help: "Kept current by WeDesk daily and on every purchase; expiring means 14 days left or fewer."},
		&core.DateField{Name: "cover_until",
			Help: "When the current cover (trial, then paid years back to back) ends, at 00:00 Asia/Shanghai."},
		&core.BoolField{Name: "auto_renew",
			Help: "Buy the next year from the credit balance 7 days before the cover ends."},
	)
	c.Fields.Add(autodates()...)
	c.AddIndex("idx_organizations_app_id", true, "app_id", "")
	c.AddIndex("idx_organizations_renew", false, "auto_renew, cover_until", "")
	return c, app.Save(c)
}

func createLicenses(app core.App, orgs *core.Collection) error {
	c := core.NewBaseCollection("licenses")
	c.Fields.Add(
		&core.RelationField{Name: "organization", CollectionId: orgs.Id, MaxSelect: 1, Required: true, CascadeDelete: true,
			Help: "The organization this year of license covers."},
		&core.DateField{Name: "starts_at", Required: true, Help: "First covered moment, 00:00 Asia/Shanghai."},
		&core.DateField{Name: "ends_at", Required: true, Help: "End of cover (excluded): one year after starts_at."},
		&core.SelectField{Name: "source", Values: []string{"purchase", "renewal"}, MaxSelect: 1, Required: true,
			Help: "purchase: bought by an admin; renewal: bought by the daily auto-renewal."},
	)
	c.Fields.Add(autodates()...)
	// Unique: two purchases racing for the same organization cannot both
	// schedule a year at the same start.
	c.AddIndex("idx_licenses_org_start", true, "organization, starts_at", "")
	return app.Save(c)
}

func createCreditLedger(app core.App, orgs *core.Collection) error {
	c := core.NewBaseCollection("credit_ledger")
	c.Fields.Add(
		&core.SelectField{Name: "kind", Values: []string{"voucher", "purchase", "renewal"}, MaxSelect: 1, Required: true,
			Help: "voucher: credits added; purchase or renewal: 4 credits spent on a year of license."},
		&core.NumberField{Name: "credits", OnlyInt: true, Help: "Credits added (positive) or spent (negative)."},
		&core.NumberField{Name: "balance_after", OnlyInt: true, Min: types.Pointer(0.0), Help: "The balance after this entry."},
		&core.TextField{Name: "voucher_id", Max: 64, Help: "The redeemed voucher's id; each voucher is redeemed once."},
		&core.RelationField{Name: "organization", CollectionId: orgs.Id, MaxSelect: 1,
			Help: "For purchases and renewals: the organization whose license was bought."},
		&core.TextField{Name: "note", Max: 200, Help: "The voucher's buyer, or the year bought."},
	)
	c.Fields.Add(autodates()...)
	c.AddIndex("idx_credit_ledger_voucher", true, "voucher_id", "voucher_id != ''")
	c.AddIndex("idx_credit_ledger_created", false, "created", "")
	return app.Save(c)
}

func addChannelLicenseStatus(app core.App) error {
	c, err := app.FindCollectionByNameOrId("channels")
	if err != nil {
		return err
	}
	c.Fields.Add(&core.TextField{Name: "license_status", Max: 200,
		Help: "Read only, kept current by WeDesk, e.g. 试用中 trial · 20 days left. Licenses are managed at /_wedesk/license.html."})
	c.AddIndex("idx_channels_license_app", false, "app_id", "")
	return app.Save(c)
}

// backfillOrganizations gives channels that existed before licensing an
// organization. Their trial starts now, at the upgrade, rather than at the
// channel's creation: an install older than 90 days must not stop sending
// the moment it upgrades.
func backfillOrganizations(app core.App, orgs *core.Collection) error {
	var appIDs []string
	err := app.DB().Select("app_id").Distinct(true).From("channels").
		Where(dbx.NewExp("app_id != ''")).Column(&appIDs)
	if err != nil {
		return err
	}
	now := time.Now()
	trial := license.Trial(now)
	for _, appID := range appIDs {
		r := core.NewRecord(orgs)
		r.Load(map[string]any{"app_id": appID, "first_authorized_at": now, "status": string(license.StatusTrial),
			"cover_until": trial.End, "auto_renew": true})
		if err := app.Save(r); err != nil {
			return err
		}
	}
	return nil
}

func downLicense(app core.App) error {
	if c, err := app.FindCollectionByNameOrId("channels"); err == nil {
		c.Fields.RemoveByName("license_status")
		c.RemoveIndex("idx_channels_license_app")
		if err := app.Save(c); err != nil {
			return err
		}
	}
	for _, name := range []string{"credit_ledger", "licenses", "organizations"} {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			continue
		}
		if err := app.Delete(c); err != nil {
			return err
		}
	}
	return nil
}
