package licensing

import (
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/license"
)

// LedgerLimit is how many ledger entries ShowLicense returns.
const LedgerLimit = 100

// Overview is the body of GET /api/wedesk/license: everything the admin page shows.
type Overview struct {
	Balance        int                `json:"balance"`
	CreditsPerYear int                `json:"credits_per_year"`
	PriceYuan      int                `json:"price_yuan"`
	Ledger         []LedgerView       `json:"ledger"`
	Organizations  []OrganizationView `json:"organizations"`
}

// LedgerView is one ledger entry as JSON.
type LedgerView struct {
	ID             string `json:"id"`
	Kind           string `json:"kind"`
	Credits        int    `json:"credits"`
	BalanceAfter   int    `json:"balance_after"`
	VoucherID      string `json:"voucher_id"`
	OrganizationID string `json:"organization"`
	Note           string `json:"note"`
	Created        string `json:"created"`
}

// OrganizationView is one organization's license as JSON. Dates are RFC 3339
// in Asia/Shanghai; first_day/last_day are the calendar days covered.
type OrganizationView struct {
	ID                string       `json:"id"`
	AppID             string       `json:"app_id"`
	Channels          []string     `json:"channels"`
	Status            string       `json:"status"`
	StatusLabel       string       `json:"status_label"`
	InTrial           bool         `json:"in_trial"`
	TrialDaysLeft     int          `json:"trial_days_left"`
	DaysLeft          int          `json:"days_left"`
	FirstAuthorizedAt string       `json:"first_authorized_at"`
	CoverUntil        string       `json:"cover_until"`
	LastDay           string       `json:"last_day"`
	AutoRenew         bool         `json:"auto_renew"`
	NextStartDay      string       `json:"next_start_day"` // the first day of a year bought now
	Periods           []PeriodView `json:"periods"`
}

// PeriodView is the trial or one license year as JSON.
type PeriodView struct {
	Source   string `json:"source"` // trial, purchase or renewal
	StartsAt string `json:"starts_at"`
	EndsAt   string `json:"ends_at"`
	FirstDay string `json:"first_day"`
	LastDay  string `json:"last_day"`
	Current  bool   `json:"current"`
}

// BuildOverview reads the balance, the latest ledger entries and every
// organization's live state at now.
func BuildOverview(app core.App, now time.Time) (Overview, error) {
	ov := Overview{CreditsPerYear: license.CreditsPerYear, PriceYuan: license.PriceYuan,
		Ledger: []LedgerView{}, Organizations: []OrganizationView{}}
	var err error
	if ov.Balance, err = Balance(app); err != nil {
		return ov, err
	}
	entries, err := LatestLedger(app, LedgerLimit)
	if err != nil {
		return ov, err
	}
	for _, e := range entries {
		ov.Ledger = append(ov.Ledger, ledgerView(e))
	}
	orgs, err := findOrganizations(app, nil)
	if err != nil {
		return ov, err
	}
	names, err := channelNames(app)
	if err != nil {
		return ov, err
	}
	for _, org := range orgs {
		rules, err := rulesOf(app, org)
		if err != nil {
			return ov, err
		}
		v := organizationView(org, rules, now)
		if n := names[org.AppID()]; n != nil {
			v.Channels = n
		}
		ov.Organizations = append(ov.Organizations, v)
	}
	return ov, nil
}

func ledgerView(e *LedgerEntry) LedgerView {
	return LedgerView{ID: e.Id, Kind: e.Kind(), Credits: e.Credits(), BalanceAfter: e.BalanceAfter(),
		VoucherID: e.VoucherID(), OrganizationID: e.OrganizationID(), Note: e.Note(), Created: stamp(e.Created())}
}

func organizationView(org *Organization, rules license.Organization, now time.Time) OrganizationView {
	s := rules.State(now)
	v := OrganizationView{
		ID: org.Id, AppID: org.AppID(), Channels: []string{}, Status: string(s.Status), StatusLabel: statusLabel(s),
		InTrial: s.InTrial, TrialDaysLeft: s.TrialDaysLeft, DaysLeft: s.DaysLeft,
		FirstAuthorizedAt: stamp(rules.FirstAuthorizedAt), CoverUntil: stamp(s.CoverUntil), LastDay: dateOf(s.LastDay()),
		AutoRenew: org.AutoRenew(), NextStartDay: dateOf(rules.NextStart(now)), Periods: []PeriodView{},
	}
	for _, p := range rules.Periods() {
		v.Periods = append(v.Periods, periodView(p, now))
	}
	return v
}

func periodView(p license.Period, now time.Time) PeriodView {
	return PeriodView{Source: string(p.Source), StartsAt: stamp(p.Start), EndsAt: stamp(p.End),
		FirstDay: dateOf(p.Start), LastDay: dateOf(p.End.AddDate(0, 0, -1)), Current: p.Contains(now)}
}

// channelNames maps each app_id to the names of its channels.
func channelNames(app core.App) (map[string][]string, error) {
	var rows []struct {
		AppID string `db:"app_id"`
		Name  string `db:"name"`
	}
	if err := app.DB().Select("app_id", "name").From(collectionChannels).OrderBy("name").All(&rows); err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, r := range rows {
		out[r.AppID] = append(out[r.AppID], r.Name)
	}
	return out, nil
}

// stamp formats t as RFC 3339 in Asia/Shanghai, "" for the zero time.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(license.Zone).Format(time.RFC3339)
}
