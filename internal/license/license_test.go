package license

import (
	"testing"
	"time"
)

// first is day 1 of the simulated calendar: the organization's first
// authorization, mid-morning in Shanghai.
var first = time.Date(2026, 1, 1, 10, 30, 0, 0, Zone)

// day returns a moment on day n of the simulated calendar (day 1 = first);
// the hour varies so that results cannot depend on the time of day.
func day(n int) time.Time { return first.AddDate(0, 0, n-1).Add(time.Duration(n%9) * time.Hour) }

// midnight returns the midnight that starts day n.
func midnight(n int) time.Time { return Day(first).AddDate(0, 0, n-1) }

func TestStateOverCalendar(t *testing.T) {
	year91 := Year(midnight(91), SourcePurchase)
	cases := []struct {
		name      string
		licenses  []Period
		at        int
		status    Status
		daysLeft  int
		trialLeft int
		until     time.Time
	}{
		{"first day of trial", nil, 1, StatusTrial, 89, 89, midnight(91)},
		// The seed: authorized day 1, removed day 50, re-added day 70.
		{"re-added on day 70 keeps counting", nil, 70, StatusTrial, 20, 20, midnight(91)},
		{"15 days left is still trial", nil, 75, StatusTrial, 15, 15, midnight(91)},
		{"14 days left is expiring", nil, 76, StatusExpiring, 14, 14, midnight(91)},
		{"last trial day", nil, 90, StatusExpiring, 0, 0, midnight(91)},
		{"trial over, nothing bought", nil, 91, StatusExpired, 0, 0, midnight(91)},
		{"year scheduled after the trial", []Period{year91}, 80, StatusTrial, 10 + 365, 10, year91.End},
		{"first paid day", []Period{year91}, 91, StatusActive, 364, 0, year91.End},
		{"paid year ending", []Period{year91}, 91 + 360, StatusExpiring, 4, 0, year91.End},
		{"paid year over", []Period{year91}, 91 + 365, StatusExpired, 0, 0, year91.End},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := Organization{FirstAuthorizedAt: first, Licenses: c.licenses}
			s := o.State(day(c.at))
			if s.Status != c.status || s.DaysLeft != c.daysLeft || s.TrialDaysLeft != c.trialLeft {
				t.Fatalf("day %d: got %s, %d left (trial %d); want %s, %d left (trial %d)",
					c.at, s.Status, s.DaysLeft, s.TrialDaysLeft, c.status, c.daysLeft, c.trialLeft)
			}
			if !s.CoverUntil.Equal(c.until) {
				t.Fatalf("cover until %v, want %v", s.CoverUntil, c.until)
			}
			if s.Covered() == (c.status == StatusExpired) {
				t.Fatalf("Covered() = %v with status %s", s.Covered(), s.Status)
			}
		})
	}
}

func TestBuyOverCalendar(t *testing.T) {
	cases := []struct {
		name   string
		buys   []int // days on which a year is bought, in order
		starts []int // the day each bought year starts (day numbers, 365-day years here)
	}{
		{"bought on day 30 of the trial starts on day 91", []int{30}, []int{91}},
		{"bought on the last trial day", []int{90}, []int{91}},
		{"two purchases give consecutive years", []int{30, 31}, []int{91, 91 + 365}},
		{"bought during the paid year starts when it ends", []int{30, 200}, []int{91, 91 + 365}},
		{"bought 10 days after a lapse starts that day", []int{101}, []int{101}},
		{"bought a year after the lapse of a paid year", []int{30, 91 + 365 + 10}, []int{91, 91 + 365 + 10}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := Organization{FirstAuthorizedAt: first}
			for i, d := range c.buys {
				p := o.Buy(day(d), SourcePurchase)
				if want := midnight(c.starts[i]); !p.Start.Equal(want) {
					t.Fatalf("purchase %d on day %d starts %v, want %v", i+1, d, p.Start, want)
				}
				if want := p.Start.AddDate(1, 0, 0); !p.End.Equal(want) {
					t.Fatalf("year ends %v, want %v", p.End, want)
				}
				o.Licenses = append(o.Licenses, p)
			}
		})
	}
}

func TestRenewalDue(t *testing.T) {
	year91 := Year(midnight(91), SourceRenewal)
	cases := []struct {
		name     string
		licenses []Period
		at       int
		due      bool
	}{
		{"trial with 8 days left", nil, 82, false},
		{"trial with 7 days left", nil, 83, true},
		{"last trial day", nil, 90, true},
		{"lapsed", nil, 120, true},
		{"next year already scheduled", []Period{year91}, 85, false},
		{"paid year with 8 days left", []Period{year91}, 91 + 365 - 9, false},
		{"paid year with 7 days left", []Period{year91}, 91 + 365 - 8, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := Organization{FirstAuthorizedAt: first, Licenses: c.licenses}
			if got := o.RenewalDue(day(c.at)); got != c.due {
				t.Fatalf("RenewalDue on day %d = %v, want %v (state %+v)", c.at, got, c.due, o.State(day(c.at)))
			}
		})
	}
}

func TestAlertThreshold(t *testing.T) {
	cases := []struct {
		name  string
		state State
		mark  int
		due   bool
	}{
		{"15 days", State{Status: StatusTrial, DaysLeft: 15}, 0, false},
		{"14 days", State{Status: StatusExpiring, DaysLeft: 14}, 14, true},
		{"8 days", State{Status: StatusExpiring, DaysLeft: 8}, 14, true},
		{"7 days", State{Status: StatusExpiring, DaysLeft: 7}, 7, true},
		{"2 days", State{Status: StatusExpiring, DaysLeft: 2}, 7, true},
		{"1 day", State{Status: StatusExpiring, DaysLeft: 1}, 1, true},
		{"last day", State{Status: StatusExpiring, DaysLeft: 0}, 1, true},
		{"expired", State{Status: StatusExpired}, 0, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mark, due := AlertThreshold(c.state)
			if mark != c.mark || due != c.due {
				t.Fatalf("got %d, %v; want %d, %v", mark, due, c.mark, c.due)
			}
		})
	}
}

func TestDayIsShanghaiCalendar(t *testing.T) {
	cases := []struct {
		name string
		in   time.Time
		want time.Time
	}{
		{"UTC evening is the next day in Shanghai", time.Date(2026, 3, 1, 17, 0, 0, 0, time.UTC), time.Date(2026, 3, 2, 0, 0, 0, 0, Zone)},
		{"UTC morning is the same day", time.Date(2026, 3, 1, 15, 59, 0, 0, time.UTC), time.Date(2026, 3, 1, 0, 0, 0, 0, Zone)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Day(c.in); !got.Equal(c.want) {
				t.Fatalf("Day(%v) = %v, want %v", c.in, got, c.want)
			}
		})
	}
}
