package licensing

import (
	"crypto/ed25519"
	"os"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/wedesk/wedesk/internal/license"
	"github.com/wedesk/wedesk/internal/voucher"
	_ "github.com/wedesk/wedesk/pb_migrations"
)

// templateDir is a data dir with WeDesk's migrations applied, built once per
// test binary; every test clones it.
var templateDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "wedesk_licensing_*")
	if err != nil {
		panic(err)
	}
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir})
	if err := app.Bootstrap(); err != nil {
		panic(err)
	}
	if err := app.RunAllMigrations(); err != nil {
		panic(err)
	}
	if err := app.ResetBootstrapState(); err != nil {
		panic(err)
	}
	templateDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// newTestApp clones the migrated template data dir.
func newTestApp(t testing.TB) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestApp(templateDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	return app
}

// first is day 1 of the simulated calendar, mid-morning in Shanghai.
var first = time.Date(2026, 1, 1, 10, 30, 0, 0, license.Zone)

// day returns a moment on day n of the simulated calendar (day 1 = first).
func day(n int) time.Time { return first.AddDate(0, 0, n-1).Add(time.Duration(n%7) * time.Hour) }

// midnight returns the midnight starting day n.
func midnight(n int) time.Time { return license.Day(first).AddDate(0, 0, n-1) }

// demoKey is the demo vendor key whose public half is built in.
func demoKey(t testing.TB) ed25519.PrivateKey {
	t.Helper()
	k, err := voucher.LoadPrivateKey("../voucher/testdata/demo_voucher.key")
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// issue mints a demo voucher for credits.
func issue(t testing.TB, credits int) string {
	t.Helper()
	tok, _, err := voucher.Issue(demoKey(t), credits, "ACME", first)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// demoPub is the verifying half of demoKey.
func demoPub(t testing.TB) ed25519.PublicKey { return demoKey(t).Public().(ed25519.PublicKey) }

// addChannel creates a channel and, like the lead's create hook, its organization.
func addChannel(t testing.TB, app core.App, name, appID string, now time.Time) *core.Record {
	t.Helper()
	col, err := app.FindCollectionByNameOrId("channels")
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{"name": name, "kind": "wecom_kf", "app_id": appID, "enabled": true})
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	if err := EnsureOrganization(app, appID, now); err != nil {
		t.Fatal(err)
	}
	return r
}

// org returns the organization of appID.
func org(t testing.TB, app core.App, appID string) *Organization {
	t.Helper()
	o, err := FindOrganizationByAppID(app, appID)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// credit adds credits to the balance with a fresh demo voucher, or with a
// bare ledger entry for balances no voucher gives (fewer than 4).
func credit(t testing.TB, app core.App, credits int) {
	t.Helper()
	if credits < voucher.MinCredits {
		if _, err := appendEntry(app, entry{kind: KindVoucher, credits: credits}); err != nil {
			t.Fatal(err)
		}
		return
	}
	if _, err := Redeem(app, issue(t, credits), demoPub(t), first); err != nil {
		t.Fatal(err)
	}
}

// balance returns the balance or fails.
func balance(t testing.TB, app core.App) int {
	t.Helper()
	b, err := Balance(app)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// count counts the rows of a collection matching where.
func count(t testing.TB, app core.App, collection string, where dbx.Expression) int {
	t.Helper()
	n, err := app.CountRecords(collection, where)
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// licensePeriods returns an organization's stored years.
func licensePeriods(t testing.TB, app core.App, o *Organization) []license.Period {
	t.Helper()
	rules, err := rulesOf(app, o)
	if err != nil {
		t.Fatal(err)
	}
	return rules.Licenses
}

// channelStatus reads a channel's license_status.
func channelStatus(t testing.TB, app core.App, id string) string {
	t.Helper()
	r, err := app.FindRecordById("channels", id)
	if err != nil {
		t.Fatal(err)
	}
	return r.GetString("license_status")
}
