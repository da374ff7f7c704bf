package licensing

import (
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

func TestSchemaIsSuperuserOnly(t *testing.T) {
	app := newTestApp(t)
	cases := []struct {
		collection string
		fields     []string
	}{
		{CollectionOrganizations, []string{"app_id", "first_authorized_at", "status", "cover_until", "auto_renew"}},
		{CollectionLicenses, []string{"organization", "starts_at", "ends_at", "source"}},
		{CollectionCreditLedger, []string{"kind", "credits", "balance_after", "voucher_id", "organization"}},
	}
	for _, c := range cases {
		t.Run(c.collection, func(t *testing.T) {
			col, err := app.FindCollectionByNameOrId(c.collection)
			if err != nil {
				t.Fatal(err)
			}
			for _, rule := range []*string{col.ListRule, col.ViewRule, col.CreateRule, col.UpdateRule, col.DeleteRule} {
				if rule != nil {
					t.Fatalf("rule %q is not nil (superusers only)", *rule)
				}
			}
			for _, name := range c.fields {
				if col.Fields.GetByName(name) == nil {
					t.Fatalf("field %s missing", name)
				}
			}
		})
	}
	ch, err := app.FindCollectionByNameOrId("channels")
	if err != nil {
		t.Fatal(err)
	}
	if f, ok := ch.Fields.GetByName("license_status").(*core.TextField); !ok || f.Help == "" {
		t.Fatal("channels.license_status missing or without help text")
	}
}

// Every query the package runs reads an index (EXPLAIN QUERY PLAN).
func TestQueriesUseIndexes(t *testing.T) {
	app := newTestApp(t)
	cases := []struct {
		name  string
		query *dbx.Query
		index string
	}{
		{"organization by app_id", app.DB().Select("*").From(CollectionOrganizations).
			Where(dbx.HashExp{fieldAppID: "x"}).Build(), "idx_organizations_app_id"},
		{"auto-renewing organizations", app.DB().Select("*").From(CollectionOrganizations).
			Where(dbx.HashExp{fieldAutoRenew: true}).Build(), "idx_organizations_renew"},
		{"licenses of an organization", app.DB().Select("*").From(CollectionLicenses).
			Where(dbx.HashExp{fieldOrganization: "x"}).OrderBy(fieldStartsAt).Build(), "idx_licenses_org_start"},
		{"voucher lookup", app.DB().Select("COUNT(*)").From(CollectionCreditLedger).
			Where(dbx.HashExp{fieldVoucherID: "x"}).AndWhere(dbx.NewExp("[[voucher_id]] != ''")).Build(), "idx_credit_ledger_voucher"},
		{"latest ledger", app.DB().Select("*").From(CollectionCreditLedger).
			OrderBy("created DESC", "rowid DESC").Limit(100).Build(), "idx_credit_ledger_created"},
		{"channels of an app_id", app.DB().Select("id").From(collectionChannels).
			Where(dbx.HashExp{fieldAppID: "x"}).Build(), "idx_channels_license_app"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			plan := explain(t, app, c.query)
			if !strings.Contains(plan, c.index) || strings.Contains(plan, "TEMP B-TREE") {
				t.Fatalf("plan does not read %s without sorting:\n%s", c.index, plan)
			}
		})
	}
}

func explain(t *testing.T, app core.App, q *dbx.Query) string {
	t.Helper()
	var rows []struct {
		Detail string `db:"detail"`
	}
	err := app.DB().NewQuery("EXPLAIN QUERY PLAN " + q.SQL()).Bind(q.Params()).All(&rows)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(r.Detail + "\n")
	}
	return b.String()
}

// The migration goes down and up again, and up gives channels that existed
// before licensing an organization in trial.
func TestMigrationDownUp(t *testing.T) {
	app := newTestApp(t)
	ch := addChannel(t, app, "Shop", "wwcorp1", first)
	var mig *core.Migration
	for _, m := range core.AppMigrations.Items() {
		if m.File == "1764100000_license.go" {
			mig = m
		}
	}
	if mig == nil {
		t.Fatal("migration 1764100000_license.go not registered")
	}
	err := app.RunInTransaction(func(txApp core.App) error {
		if err := mig.Down(txApp); err != nil {
			return err
		}
		if _, err := txApp.FindCollectionByNameOrId(CollectionOrganizations); err == nil {
			t.Error("organizations survived the down migration")
		}
		return mig.Up(txApp)
	})
	if err != nil {
		t.Fatal(err)
	}
	o := org(t, app, "wwcorp1")
	if o.Status() != "trial" || !o.AutoRenew() || o.CoverUntil().IsZero() {
		t.Fatalf("backfilled organization: status %s, auto_renew %v, cover_until %v", o.Status(), o.AutoRenew(), o.CoverUntil())
	}
	if _, err := app.FindRecordById("channels", ch.Id); err != nil {
		t.Fatal(err)
	}
}
