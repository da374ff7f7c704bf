package licensing

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/license"
)

// Purchase is a year bought for an organization.
type Purchase struct {
	OrganizationID string
	AppID          string
	Period         license.Period
	Balance        int
	State          license.State
}

// BuyYear spends license.CreditsPerYear credits on one year for the
// organization with record id orgID, scheduled by the rules (after the trial,
// after the last year, or from today after a lapse). Errors:
// ErrOrganizationNotFound, ErrCreditsInsufficient (wrapped).
func BuyYear(app core.App, orgID string, now time.Time) (Purchase, error) {
	var p Purchase
	err := app.RunInTransaction(func(txApp core.App) error {
		org, err := FindOrganizationByID(txApp, orgID)
		if err != nil {
			return err
		}
		p, err = buyYear(txApp, org, now, license.SourcePurchase)
		return err
	})
	if err != nil {
		return Purchase{}, fmt.Errorf("licensing: buy a year for %s: %w", orgID, err)
	}
	return p, nil
}

// buyYear debits the ledger, inserts the year and stores the new state, in
// the caller's transaction.
func buyYear(txApp core.App, org *Organization, now time.Time, source license.Source) (Purchase, error) {
	rules, err := rulesOf(txApp, org)
	if err != nil {
		return Purchase{}, err
	}
	year := rules.Buy(now, source)
	kind := KindPurchase
	if source == license.SourceRenewal {
		kind = KindRenewal
	}
	bal, err := appendEntry(txApp, entry{
		kind: kind, credits: -license.CreditsPerYear, orgID: org.Id,
		note: fmt.Sprintf("%s %s – %s", org.AppID(), dateOf(year.Start), dateOf(year.End.AddDate(0, 0, -1))),
	})
	if err != nil {
		return Purchase{}, err
	}
	col, err := txApp.FindCachedCollectionByNameOrId(CollectionLicenses)
	if err != nil {
		return Purchase{}, fmt.Errorf("licensing: licenses collection: %w", err)
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{fieldOrganization: org.Id, fieldStartsAt: year.Start, fieldEndsAt: year.End, fieldSource: string(source)})
	if err := txApp.Save(r); err != nil {
		return Purchase{}, fmt.Errorf("licensing: save license: %w", err)
	}
	rules.Licenses = append(rules.Licenses, year)
	s, err := saveState(txApp, org, rules, now)
	if err != nil {
		return Purchase{}, err
	}
	return Purchase{OrganizationID: org.Id, AppID: org.AppID(), Period: year, Balance: bal, State: s}, nil
}

// dateOf formats a midnight as a calendar date in the license zone.
func dateOf(t time.Time) string { return t.In(license.Zone).Format("2006-01-02") }
