package licensing

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/license"
)

// ErrOrganizationNotFound is returned when no organization has the id or app_id asked for.
var ErrOrganizationNotFound = errors.New("licensing: organization not found")

// FindOrganizationByAppID returns the organization of a CorpID/AppID.
func FindOrganizationByAppID(app core.App, appID string) (*Organization, error) {
	r, err := app.FindFirstRecordByData(CollectionOrganizations, fieldAppID, appID)
	return wrapOrganization(r, err, appID)
}

// FindOrganizationByID returns the organization with record id id.
func FindOrganizationByID(app core.App, id string) (*Organization, error) {
	r, err := app.FindRecordById(CollectionOrganizations, id)
	return wrapOrganization(r, err, id)
}

func wrapOrganization(r *core.Record, err error, key string) (*Organization, error) {
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: %q", ErrOrganizationNotFound, key)
	}
	if err != nil {
		return nil, fmt.Errorf("licensing: find organization %q: %w", key, err)
	}
	return newOrganization(r), nil
}

// findOrganizations returns organizations matching where (nil for all), by app_id.
func findOrganizations(app core.App, where dbx.Expression) ([]*Organization, error) {
	q := app.RecordQuery(CollectionOrganizations).OrderBy(fieldAppID + " ASC")
	if where != nil {
		q = q.AndWhere(where)
	}
	var recs []*core.Record
	if err := q.All(&recs); err != nil {
		return nil, fmt.Errorf("licensing: list organizations: %w", err)
	}
	out := make([]*Organization, len(recs))
	for i, r := range recs {
		out[i] = newOrganization(r)
	}
	return out, nil
}

// findLicenses returns an organization's years, earliest first.
func findLicenses(app core.App, orgID string) ([]*License, error) {
	var recs []*core.Record
	err := app.RecordQuery(CollectionLicenses).
		AndWhere(dbx.HashExp{fieldOrganization: orgID}).
		OrderBy(fieldStartsAt + " ASC").All(&recs)
	if err != nil {
		return nil, fmt.Errorf("licensing: licenses of %s: %w", orgID, err)
	}
	out := make([]*License, len(recs))
	for i, r := range recs {
		out[i] = newLicense(r)
	}
	return out, nil
}

// rulesOf loads what the pure rules need to know about org.
func rulesOf(app core.App, org *Organization) (license.Organization, error) {
	lics, err := findLicenses(app, org.Id)
	if err != nil {
		return license.Organization{}, err
	}
	o := license.Organization{FirstAuthorizedAt: org.FirstAuthorizedAt()}
	for _, l := range lics {
		o.Licenses = append(o.Licenses, l.Period())
	}
	return o, nil
}

// Balance returns the credits available: the sum of the ledger, which stays
// right even if an entry is ever corrected by hand.
func Balance(app core.App) (int, error) {
	var sum sql.NullInt64
	err := app.DB().Select("COALESCE(SUM([[" + fieldCredits + "]]), 0)").
		From(CollectionCreditLedger).Row(&sum)
	if err != nil {
		return 0, fmt.Errorf("licensing: balance: %w", err)
	}
	return int(sum.Int64), nil
}

// LatestLedger returns the newest limit ledger entries, newest first.
func LatestLedger(app core.App, limit int) ([]*LedgerEntry, error) {
	var recs []*core.Record
	err := app.RecordQuery(CollectionCreditLedger).
		OrderBy(fieldCreated+" DESC", "rowid DESC").Limit(int64(limit)).All(&recs)
	if err != nil {
		return nil, fmt.Errorf("licensing: ledger: %w", err)
	}
	out := make([]*LedgerEntry, len(recs))
	for i, r := range recs {
		out[i] = newLedgerEntry(r)
	}
	return out, nil
}

// voucherRedeemed reports whether a voucher id is already in the ledger.
// The literal not-empty term lets SQLite use the partial unique index (its
// WHERE clause): it cannot prove that from the bound id alone.
func voucherRedeemed(app core.App, voucherID string) (bool, error) {
	var n int
	err := app.DB().Select("COUNT(*)").From(CollectionCreditLedger).
		Where(dbx.HashExp{fieldVoucherID: voucherID}).
		AndWhere(dbx.NewExp("[[" + fieldVoucherID + "]] != ''")).Row(&n)
	if err != nil {
		return false, fmt.Errorf("licensing: look up voucher: %w", err)
	}
	return n > 0, nil
}
