package licensing

import (
	"testing"

	"github.com/pocketbase/dbx"

	"github.com/wedesk/wedesk/internal/license"
)

func TestRenewDue(t *testing.T) {
	cases := []struct {
		name      string
		credits   int
		autoRenew bool
		at        int
		renewed   int
		startDay  int // day the renewed year starts
	}{
		{"8 days before the trial ends: not yet", 8, true, 82, 0, 0},
		{"7 days before the trial ends: renewed", 8, true, 83, 1, 91},
		{"on the last trial day: renewed", 8, true, 90, 1, 91},
		{"turned off", 8, false, 83, 0, 0},
		{"credits short", 3, true, 83, 0, 0},
		{"after a lapse: renewed from that day", 4, true, 101, 1, 101},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := newTestApp(t)
			addChannel(t, app, "Shop", "wwcorp1", day(1))
			credit(t, app, c.credits)
			o := org(t, app, "wwcorp1")
			if !c.autoRenew {
				o.Set("auto_renew", false)
				if err := app.Save(o); err != nil {
					t.Fatal(err)
				}
			}
			n, err := RenewDue(app, day(c.at))
			if err != nil || n != c.renewed {
				t.Fatalf("RenewDue = %d, %v; want %d", n, err, c.renewed)
			}
			// A second run the same day renews nothing more.
			if n, err := RenewDue(app, day(c.at)); err != nil || n != 0 {
				t.Fatalf("second RenewDue = %d, %v", n, err)
			}
			if got := count(t, app, CollectionCreditLedger, dbx.HashExp{"kind": KindRenewal}); got != c.renewed {
				t.Fatalf("%d renewal entries, want %d", got, c.renewed)
			}
			if got, want := balance(t, app), c.credits-license.CreditsPerYear*c.renewed; got != want {
				t.Fatalf("balance %d, want %d", got, want)
			}
			ps := licensePeriods(t, app, o)
			if c.renewed == 1 && (len(ps) != 1 || !ps[0].Start.Equal(midnight(c.startDay)) || ps[0].Source != license.SourceRenewal) {
				t.Fatalf("licenses %+v, want one renewal from day %d", ps, c.startDay)
			}
		})
	}
}

// With credits for one renewal, the organization whose cover ends first gets it.
func TestRenewDueServesSoonestEndFirst(t *testing.T) {
	app := newTestApp(t)
	addChannel(t, app, "Later", "wwlater", day(5))
	addChannel(t, app, "Sooner", "wwsooner", day(1))
	credit(t, app, 4)
	if err := RefreshStatuses(app, day(88)); err != nil {
		t.Fatal(err)
	}
	n, err := RenewDue(app, day(88))
	if err != nil || n != 1 {
		t.Fatalf("RenewDue = %d, %v", n, err)
	}
	if got := len(licensePeriods(t, app, org(t, app, "wwsooner"))); got != 1 {
		t.Fatalf("the sooner organization has %d licenses", got)
	}
	if got := len(licensePeriods(t, app, org(t, app, "wwlater"))); got != 0 {
		t.Fatalf("the later organization has %d licenses", got)
	}
}

// Renewal of a paid year: at 7 days before its end, the next starts when it ends.
func TestRenewPaidYear(t *testing.T) {
	app := newTestApp(t)
	addChannel(t, app, "Shop", "wwcorp1", day(1))
	credit(t, app, 8)
	o := org(t, app, "wwcorp1")
	if _, err := BuyYear(app, o.Id, day(30)); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		at      int
		renewed int
	}{
		{"8 days left", 91 + 365 - 9, 0},
		{"7 days left", 91 + 365 - 8, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if n, err := RenewDue(app, day(c.at)); err != nil || n != c.renewed {
				t.Fatalf("RenewDue = %d, %v; want %d", n, err, c.renewed)
			}
		})
	}
	ps := licensePeriods(t, app, o)
	if len(ps) != 2 || !ps[1].Start.Equal(ps[0].End) {
		t.Fatalf("years not back to back: %+v", ps)
	}
}
