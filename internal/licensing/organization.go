package licensing

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/license"
)

// EnsureOrganization makes sure appID has an organization, starting its trial
// at now if it is new. An existing organization is left alone, so deleting
// a channel and adding it again never restarts the trial. Call it from the
// channel-create hook after e.Next(), so the new channel's license_status is
// filled in too.
func EnsureOrganization(app core.App, appID string, now time.Time) error {
	appID = strings.TrimSpace(appID)
	if appID == "" {
		return errors.New("licensing: ensure organization: empty app_id")
	}
	org, err := FindOrganizationByAppID(app, appID)
	if errors.Is(err, ErrOrganizationNotFound) {
		org, err = createOrganization(app, appID, now)
	}
	if err != nil {
		return err
	}
	rules, err := rulesOf(app, org)
	if err != nil {
		return err
	}
	return setChannelStatus(app, appID, statusLabel(rules.State(now)))
}

// createOrganization inserts a new organization in trial. When a concurrent
// call inserted the same app_id first, the unique index refuses this one and
// the winner's record is returned.
func createOrganization(app core.App, appID string, now time.Time) (*Organization, error) {
	col, err := app.FindCachedCollectionByNameOrId(CollectionOrganizations)
	if err != nil {
		return nil, fmt.Errorf("licensing: organizations collection: %w", err)
	}
	org := newOrganization(core.NewRecord(col))
	org.Set(fieldAppID, appID)
	org.Set(fieldFirstAuthorizedAt, now)
	org.Set(fieldAutoRenew, true)
	org.setState(license.Organization{FirstAuthorizedAt: now}.State(now))
	if err := app.Save(org); err != nil {
		if existing, findErr := FindOrganizationByAppID(app, appID); findErr == nil {
			return existing, nil
		}
		return nil, fmt.Errorf("licensing: create organization %q: %w", appID, err)
	}
	return org, nil
}

// saveState evaluates org at now and stores its status, cover and the label
// of its channels. It returns the state.
func saveState(app core.App, org *Organization, rules license.Organization, now time.Time) (license.State, error) {
	s := rules.State(now)
	if org.setState(s) {
		if err := app.Save(org); err != nil {
			return s, fmt.Errorf("licensing: save organization %s: %w", org.AppID(), err)
		}
	}
	return s, setChannelStatus(app, org.AppID(), statusLabel(s))
}

// setChannelStatus writes the license label of every channel of appID with a
// targeted statement: channels are also updated by other parts of the desk,
// and a whole-record save of a copy read here could undo their changes (and
// would wake every channel-update hook once a day for a label).
func setChannelStatus(app core.App, appID, label string) error {
	_, err := app.NonconcurrentDB().Update(collectionChannels,
		dbx.Params{fieldLicenseStatus: label},
		dbx.And(dbx.HashExp{fieldAppID: appID}, dbx.Not(dbx.HashExp{fieldLicenseStatus: label}))).Execute()
	if err != nil {
		return fmt.Errorf("licensing: channel status of %s: %w", appID, err)
	}
	return nil
}
