package licensing

import (
	"errors"
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// RefreshStatuses brings every organization's status and cover_until, and
// every channel's license_status, up to date at now. Channels without an
// organization get one (trial from now). Run it daily just after midnight
// Asia/Shanghai, after RenewDue, and at start-up. One organization's failure
// does not stop the others; all failures are returned joined.
func RefreshStatuses(app core.App, now time.Time) error {
	if err := ensureChannelOrganizations(app, now); err != nil {
		return err
	}
	orgs, err := findOrganizations(app, nil)
	if err != nil {
		return err
	}
	var errs []error
	for _, org := range orgs {
		err := app.RunInTransaction(func(txApp core.App) error {
			fresh, err := FindOrganizationByID(txApp, org.Id)
			if err != nil {
				return err
			}
			rules, err := rulesOf(txApp, fresh)
			if err != nil {
				return err
			}
			_, err = saveState(txApp, fresh, rules, now)
			return err
		})
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// ensureChannelOrganizations creates the organizations missing for channels.
func ensureChannelOrganizations(app core.App, now time.Time) error {
	var missing []string
	err := app.DB().Select("c.app_id").Distinct(true).From(collectionChannels+" c").
		LeftJoin(CollectionOrganizations+" o", dbx.NewExp("o.app_id = c.app_id")).
		Where(dbx.NewExp("o.id IS NULL AND c.app_id != ''")).Column(&missing)
	if err != nil {
		return fmt.Errorf("licensing: channels without organization: %w", err)
	}
	var errs []error
	for _, appID := range missing {
		errs = append(errs, EnsureOrganization(app, appID, now))
	}
	return errors.Join(errs...)
}
