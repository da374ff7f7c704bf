package licensing

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/license"
)

// RenewDue buys the next year for every organization with auto_renew on
// whose cover ends within license.RenewDays days (or has lapsed) and has
// nothing scheduled after it, as long as the balance pays for it; soonest
// ends are served first when credits run short. Every renewal is a ledger
// entry of kind renewal. Run it daily (the lead schedules it) and at start-up;
// running it twice a day renews nothing twice, since a renewed organization
// has a year scheduled.
func RenewDue(app core.App, now time.Time) (renewed int, err error) {
	orgs, err := findOrganizations(app, dbx.HashExp{fieldAutoRenew: true})
	if err != nil {
		return 0, err
	}
	var errs []error
	for _, org := range sortByCoverEnd(orgs) {
		ok, err := renewOne(app, org.Id, now)
		if errors.Is(err, ErrCreditsInsufficient) {
			break // nothing cheaper exists: every renewal costs the same
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if ok {
			renewed++
		}
	}
	return renewed, errors.Join(errs...)
}

// renewOne renews one organization if due, re-reading it in the transaction
// so a purchase made meanwhile is not paid for twice.
func renewOne(app core.App, orgID string, now time.Time) (bool, error) {
	renewed := false
	err := app.RunInTransaction(func(txApp core.App) error {
		org, err := FindOrganizationByID(txApp, orgID)
		if err != nil {
			return err
		}
		rules, err := rulesOf(txApp, org)
		if err != nil || !org.AutoRenew() || !rules.RenewalDue(now) {
			return err
		}
		_, err = buyYear(txApp, org, now, license.SourceRenewal)
		renewed = err == nil
		return err
	})
	if err != nil {
		return false, fmt.Errorf("licensing: renew %s: %w", orgID, err)
	}
	return renewed, nil
}

// sortByCoverEnd orders organizations by stored cover end, soonest first
// (stable, so app_id order breaks ties).
func sortByCoverEnd(orgs []*Organization) []*Organization {
	out := slices.Clone(orgs)
	slices.SortStableFunc(out, func(a, b *Organization) int { return a.CoverUntil().Compare(b.CoverUntil()) })
	return out
}
