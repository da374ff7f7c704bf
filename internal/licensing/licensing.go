// Package licensing is the database side of the channel license: it keeps one
// organization per CorpID/AppID, the license years each bought, and the ledger
// of IM credits, over PocketBase's core.App. The rules themselves (trial,
// when a year starts, status) live in the pure package license; this package
// reads records, asks license, and writes the result in one transaction.
//
// Entry points for the lead's wiring: EnsureOrganization (channel created),
// CheckSending (before every send), RenewDue and RefreshStatuses (daily cron
// and start-up), ExpiryAlerts (the inbox) and the JSON handlers RedeemVoucher,
// BuyLicense and ShowLicense (superusers only).
package licensing

// Collection and field names: the contract external tools rely on.
const (
	CollectionOrganizations = "organizations"
	CollectionLicenses      = "licenses"
	CollectionCreditLedger  = "credit_ledger"
	collectionChannels      = "channels"

	fieldAppID             = "app_id"
	fieldFirstAuthorizedAt = "first_authorized_at"
	fieldStatus            = "status"
	fieldCoverUntil        = "cover_until"
	fieldAutoRenew         = "auto_renew"

	fieldOrganization = "organization"
	fieldStartsAt     = "starts_at"
	fieldEndsAt       = "ends_at"
	fieldSource       = "source"

	fieldKind         = "kind"
	fieldCredits      = "credits"
	fieldBalanceAfter = "balance_after"
	fieldVoucherID    = "voucher_id"
	fieldNote         = "note"
	fieldCreated      = "created"

	fieldLicenseStatus = "license_status"
)

// Ledger entry kinds.
const (
	KindVoucher  = "voucher"
	KindPurchase = "purchase"
	KindRenewal  = "renewal"
)
