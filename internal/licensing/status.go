package licensing

import (
	"errors"
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/license"
)

// ErrExpired matches every *ExpiredError with errors.Is.
var ErrExpired = errors.New("licensing: license expired")

// ExpiredError says that sending through appID is disabled until its
// organization buys a year. Inbound messages are still stored.
type ExpiredError struct {
	AppID string
	Since time.Time // when the cover ended
}

// Error describes the refusal in both languages, with the package prefix.
func (e *ExpiredError) Error() string {
	return fmt.Sprintf("licensing: %s (%s): %s / %s", CodeLicenseExpired, e.AppID,
		Message(LangZH, CodeLicenseExpired), Message(LangEN, CodeLicenseExpired))
}

// Code is the stable machine-readable code, "license_expired".
func (e *ExpiredError) Code() string { return CodeLicenseExpired }

// Message returns the refusal in lang ("zh" or "en").
func (e *ExpiredError) Message(lang string) string { return Message(lang, CodeLicenseExpired) }

// Is makes errors.Is(err, ErrExpired) true.
func (e *ExpiredError) Is(target error) bool { return target == ErrExpired }

// CheckSending returns *ExpiredError when appID's organization has no cover
// at now, and nil when sending may go ahead. It evaluates the licenses live
// rather than the stored status, so a year bought a minute ago unblocks at
// once and a cover ending at midnight blocks at midnight, not at the next
// daily refresh. When appID has no organization yet (a channel whose create
// hook never ran, e.g. one added before licensing existed) it returns nil:
// the trial has not started, and RefreshStatuses creates the organization
// at its next run. Database errors are returned wrapped.
func CheckSending(app core.App, appID string, now time.Time) error {
	org, err := FindOrganizationByAppID(app, appID)
	if errors.Is(err, ErrOrganizationNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	rules, err := rulesOf(app, org)
	if err != nil {
		return err
	}
	if s := rules.State(now); !s.Covered() {
		return &ExpiredError{AppID: appID, Since: s.CoverUntil}
	}
	return nil
}

// Alert warns supervisors that an organization's cover ends soon or has ended.
type Alert struct {
	AppID    string
	DaysLeft int    // covered days after today (0 on the last day and when expired)
	Status   string // expiring or expired
	// Threshold is the mark reached: 14, 7, 1, or 0 when expired.
	Threshold int
}

// ExpiryAlerts lists the organizations whose cover has reached one of the
// marks 14, 7 and 1 days left (see license.AlertThreshold), plus the expired
// ones, by app_id. It is for the inbox banner, so it never fails the page:
// on a database error it logs and returns what it has.
func ExpiryAlerts(app core.App, now time.Time) []Alert {
	orgs, err := findOrganizations(app, nil)
	if err != nil {
		app.Logger().Error("licensing: expiry alerts", "error", err)
		return nil
	}
	var out []Alert
	for _, org := range orgs {
		rules, err := rulesOf(app, org)
		if err != nil {
			app.Logger().Error("licensing: expiry alerts", "app_id", org.AppID(), "error", err)
			continue
		}
		s := rules.State(now)
		if mark, due := license.AlertThreshold(s); due {
			out = append(out, Alert{AppID: org.AppID(), DaysLeft: s.DaysLeft, Status: string(s.Status), Threshold: mark})
		}
	}
	return out
}
