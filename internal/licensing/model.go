package licensing

import (
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/license"
)

// Organization is a typed proxy for a record of the organizations collection:
// one WeCom CorpID or Official Account AppID, licensed as a whole.
type Organization struct {
	core.BaseRecordProxy
}

// newOrganization wraps an organizations record.
func newOrganization(r *core.Record) *Organization {
	o := &Organization{}
	o.SetProxyRecord(r)
	return o
}

// AppID is the CorpID or AppID.
func (o *Organization) AppID() string { return o.GetString(fieldAppID) }

// FirstAuthorizedAt is when the trial started.
func (o *Organization) FirstAuthorizedAt() time.Time {
	return o.GetDateTime(fieldFirstAuthorizedAt).Time()
}

// Status is the stored status (trial, active, expiring, expired).
func (o *Organization) Status() string { return o.GetString(fieldStatus) }

// CoverUntil is the stored end of the current cover.
func (o *Organization) CoverUntil() time.Time { return o.GetDateTime(fieldCoverUntil).Time() }

// AutoRenew reports whether the daily run may buy the next year.
func (o *Organization) AutoRenew() bool { return o.GetBool(fieldAutoRenew) }

// setState stores an evaluated state and reports whether anything changed.
func (o *Organization) setState(s license.State) bool {
	changed := o.Status() != string(s.Status) || !o.CoverUntil().Equal(s.CoverUntil)
	o.Set(fieldStatus, string(s.Status))
	o.Set(fieldCoverUntil, s.CoverUntil)
	return changed
}

// License is a typed proxy for a record of the licenses collection: one year
// bought for an organization.
type License struct {
	core.BaseRecordProxy
}

// newLicense wraps a licenses record.
func newLicense(r *core.Record) *License {
	l := &License{}
	l.SetProxyRecord(r)
	return l
}

// Period is the year as the pure rules see it.
func (l *License) Period() license.Period {
	return license.Period{
		Start:  l.GetDateTime(fieldStartsAt).Time(),
		End:    l.GetDateTime(fieldEndsAt).Time(),
		Source: license.Source(l.GetString(fieldSource)),
	}
}

// LedgerEntry is a typed proxy for a record of the credit_ledger collection.
type LedgerEntry struct {
	core.BaseRecordProxy
}

// newLedgerEntry wraps a credit_ledger record.
func newLedgerEntry(r *core.Record) *LedgerEntry {
	e := &LedgerEntry{}
	e.SetProxyRecord(r)
	return e
}

// Kind is voucher, purchase or renewal.
func (e *LedgerEntry) Kind() string { return e.GetString(fieldKind) }

// Credits is the signed change to the balance.
func (e *LedgerEntry) Credits() int { return e.GetInt(fieldCredits) }

// BalanceAfter is the balance once this entry was written.
func (e *LedgerEntry) BalanceAfter() int { return e.GetInt(fieldBalanceAfter) }

// VoucherID is the redeemed voucher's id, for voucher entries.
func (e *LedgerEntry) VoucherID() string { return e.GetString(fieldVoucherID) }

// OrganizationID is the organization a purchase or renewal was for.
func (e *LedgerEntry) OrganizationID() string { return e.GetString(fieldOrganization) }

// Note is the voucher's buyer or the year bought.
func (e *LedgerEntry) Note() string { return e.GetString(fieldNote) }

// Created is when the entry was written.
func (e *LedgerEntry) Created() time.Time { return e.GetDateTime(fieldCreated).Time() }
