package licensing

import (
	"errors"
	"testing"

	"github.com/pocketbase/dbx"

	"github.com/wedesk/wedesk/internal/license"
)

// The seed's worked example: authorized day 1, removed day 50, re-added day
// 70 → the trial keeps counting, 20 days left.
func TestTrialSurvivesRemoveAndReAdd(t *testing.T) {
	app := newTestApp(t)
	ch := addChannel(t, app, "Shop", "wwcorp1", day(1))
	if err := app.Delete(ch); err != nil { // day 50
		t.Fatal(err)
	}
	ch = addChannel(t, app, "Shop again", "wwcorp1", day(70))
	o := org(t, app, "wwcorp1")
	if !license.Day(o.FirstAuthorizedAt()).Equal(midnight(1)) {
		t.Fatalf("first_authorized_at reset to %v", o.FirstAuthorizedAt())
	}
	if err := RefreshStatuses(app, day(70)); err != nil {
		t.Fatal(err)
	}
	if got, want := channelStatus(t, app, ch.Id), "试用中 trial · 20 days left"; got != want {
		t.Fatalf("license_status %q, want %q", got, want)
	}
	ov, err := BuildOverview(app, day(70))
	if err != nil {
		t.Fatal(err)
	}
	if v := ov.Organizations[0]; v.Status != "trial" || v.DaysLeft != 20 || !o.AutoRenew() {
		t.Fatalf("organization view %+v", v)
	}
}

func TestBuyOverCalendar(t *testing.T) {
	cases := []struct {
		name    string
		credits int
		buys    []int // days on which a year is bought
		starts  []int // day each year starts
		failAt  int   // index of the buy refused for credits, -1 for none
	}{
		{"bought on day 30 of the trial starts on day 91", 4, []int{30}, []int{91}, -1},
		{"two purchases give consecutive years", 8, []int{30, 40}, []int{91, 91 + 365}, -1},
		{"a purchase 10 days after a lapse starts that day", 4, []int{101}, []int{101}, -1},
		{"during a paid year the next starts when it ends", 8, []int{95, 200}, []int{95, 95 + 365}, -1},
		{"credits for one year only", 7, []int{30, 31}, []int{91}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := newTestApp(t)
			addChannel(t, app, "Shop", "wwcorp1", day(1))
			credit(t, app, c.credits)
			o := org(t, app, "wwcorp1")
			for i, d := range c.buys {
				p, err := BuyYear(app, o.Id, day(d))
				if i == c.failAt {
					if !errors.Is(err, ErrCreditsInsufficient) {
						t.Fatalf("buy %d: err %v, want ErrCreditsInsufficient", i+1, err)
					}
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				if !p.Period.Start.Equal(midnight(c.starts[i])) {
					t.Fatalf("buy %d on day %d starts %v, want day %d", i+1, d, p.Period.Start, c.starts[i])
				}
			}
			if got := len(licensePeriods(t, app, o)); got != len(c.starts) {
				t.Fatalf("%d licenses stored, want %d", got, len(c.starts))
			}
			want := c.credits - license.CreditsPerYear*len(c.starts)
			if got := balance(t, app); got != want {
				t.Fatalf("balance %d, want %d", got, want)
			}
			if n := count(t, app, CollectionCreditLedger, dbx.HashExp{"kind": KindPurchase}); n != len(c.starts) {
				t.Fatalf("%d purchase entries, want %d", n, len(c.starts))
			}
		})
	}
}

func TestBuyUnknownOrganization(t *testing.T) {
	app := newTestApp(t)
	credit(t, app, 4)
	if _, err := BuyYear(app, "nosuchorg000000", day(1)); !errors.Is(err, ErrOrganizationNotFound) {
		t.Fatalf("err = %v", err)
	}
	if got := balance(t, app); got != 4 {
		t.Fatalf("balance %d after a refused purchase", got)
	}
}

func TestExpiredBlocksSendingUntilBought(t *testing.T) {
	app := newTestApp(t)
	ch := addChannel(t, app, "Shop", "wwcorp1", day(1))
	cases := []struct {
		name    string
		at      int
		buy     bool
		expired bool
	}{
		{"trial", 90, false, false},
		{"trial over", 91, false, true},
		{"bought on day 101", 101, true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.buy {
				credit(t, app, 4)
				if _, err := BuyYear(app, org(t, app, "wwcorp1").Id, day(c.at)); err != nil {
					t.Fatal(err)
				}
			}
			err := CheckSending(app, "wwcorp1", day(c.at))
			var expired *ExpiredError
			if errors.As(err, &expired) != c.expired {
				t.Fatalf("day %d: err = %v", c.at, err)
			}
			if c.expired && (expired.Code() != "license_expired" || !errors.Is(err, ErrExpired) ||
				expired.Message("en") == "" || expired.Message("zh") == expired.Message("en")) {
				t.Fatalf("expired error %+v", expired)
			}
		})
	}
	if err := RefreshStatuses(app, day(101)); err != nil {
		t.Fatal(err)
	}
	if got := channelStatus(t, app, ch.Id); got != "有效 active · until 2027-04-10" {
		t.Fatalf("license_status %q", got)
	}
	if err := CheckSending(app, "wwnobody", day(500)); err != nil {
		t.Fatalf("no organization: %v, want nil", err)
	}
}

func TestExpiryAlerts(t *testing.T) {
	cases := []struct {
		name   string
		at     int
		alerts []Alert
	}{
		{"15 days left", 75, nil},
		{"14 days left", 76, []Alert{{AppID: "wwcorp1", DaysLeft: 14, Status: "expiring", Threshold: 14}}},
		{"7 days left", 83, []Alert{{AppID: "wwcorp1", DaysLeft: 7, Status: "expiring", Threshold: 7}}},
		{"1 day left", 89, []Alert{{AppID: "wwcorp1", DaysLeft: 1, Status: "expiring", Threshold: 1}}},
		{"expired", 95, []Alert{{AppID: "wwcorp1", DaysLeft: 0, Status: "expired", Threshold: 0}}},
	}
	app := newTestApp(t)
	addChannel(t, app, "Shop", "wwcorp1", day(1))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ExpiryAlerts(app, day(c.at))
			if len(got) != len(c.alerts) || (len(got) == 1 && got[0] != c.alerts[0]) {
				t.Fatalf("alerts %+v, want %+v", got, c.alerts)
			}
		})
	}
}
