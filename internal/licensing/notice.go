package licensing

import (
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/license"
)

// StateOf evaluates the license of appID's organization at now, live (like
// CheckSending). It returns ErrOrganizationNotFound, wrapped, when appID has
// no organization yet.
func StateOf(app core.App, appID string, now time.Time) (license.State, error) {
	org, err := FindOrganizationByAppID(app, appID)
	if err != nil {
		return license.State{}, err
	}
	rules, err := rulesOf(app, org)
	if err != nil {
		return license.State{}, err
	}
	return rules.State(now), nil
}

// SupervisorAlert is an Alert with what the inbox bar words it with.
type SupervisorAlert struct {
	Alert
	// State is the organization's license at the moment of the alert
	// (LastDay, CoverUntil).
	State license.State
	// Channels names the organization's channels.
	Channels []string
}

// SupervisorAlerts is ExpiryAlerts with each organization's state and
// channel names, for the supervisors' bar in the inbox. Like ExpiryAlerts
// it never fails the page: what it cannot read it logs and leaves out.
func SupervisorAlerts(app core.App, now time.Time) []SupervisorAlert {
	alerts := ExpiryAlerts(app, now)
	if len(alerts) == 0 {
		return nil
	}
	names, err := channelNames(app)
	if err != nil {
		app.Logger().Error("licensing: channel names for alerts", "error", err)
	}
	out := make([]SupervisorAlert, 0, len(alerts))
	for _, a := range alerts {
		s, err := StateOf(app, a.AppID, now)
		if err != nil {
			app.Logger().Error("licensing: alert state", "app_id", a.AppID, "error", err)
			continue
		}
		out = append(out, SupervisorAlert{Alert: a, State: s, Channels: names[a.AppID]})
	}
	return out
}
