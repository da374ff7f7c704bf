package inbox

import (
	"errors"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/coalesce"
	"github.com/wedesk/wedesk/internal/license"
	"github.com/wedesk/wedesk/internal/licensing"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/views"
)

// licenseNotice words the banner a conversation shows when its channel's
// organization is expired or has ExpiringDays days left or fewer; "" when
// covered for longer. A database error shows no banner (sending is still
// guarded by licensing.CheckSending) and is logged.
func (h *Handler) licenseNotice(e *core.RequestEvent, t *views.Text, ch *store.Channel) string {
	s, err := licensing.StateOf(e.App, ch.AppID(), h.now())
	if errors.Is(err, licensing.ErrOrganizationNotFound) {
		return ""
	}
	if err != nil {
		e.App.Logger().Error("inbox: license state", "channel", ch.Id, "error", err)
		return ""
	}
	switch s.Status {
	case license.StatusExpired:
		return t.KF.Expired(day(s.CoverUntil))
	case license.StatusExpiring:
		return t.KF.Expiring(s.DaysLeft, day(s.LastDay()))
	}
	return ""
}

// licenseAlerts is the supervisors' bar: the organizations at 14, 7 or 1
// days left, or expired. Agents get none, nor does a supervisor who
// dismissed these very alerts.
func (h *Handler) licenseAlerts(e *core.RequestEvent, t *views.Text, agent *store.Agent) []views.LicenseAlert {
	if !agent.IsSupervisor() {
		return nil
	}
	alerts := licensing.SupervisorAlerts(e.App, h.now())
	if dismissedAlerts(e, alerts) {
		return nil
	}
	var out []views.LicenseAlert
	for _, a := range alerts {
		who := a.AppID
		if len(a.Channels) > 0 {
			who = strings.Join(a.Channels, "、") + " (" + a.AppID + ")"
		}
		if a.Status == string(license.StatusExpired) {
			out = append(out, views.LicenseAlert{Level: a.Status,
				Text: formatText(t.KF.AlertExpired, who, day(a.State.CoverUntil))})
			continue
		}
		out = append(out, views.LicenseAlert{Level: a.Status,
			Text: formatText(t.KF.AlertExpiring, who, a.DaysLeft, day(a.State.LastDay()))})
	}
	return out
}

// day formats a calendar day in the license zone.
func day(t time.Time) string { return t.In(license.Zone).Format("2006-01-02") }

// rowLicenseBadges marks the rows of channels whose organization is
// expiring or expired, evaluating each channel of the page once.
func (h *Handler) rowLicenseBadges(e *core.RequestEvent, t *views.Text, rows []store.InboxRow, out []views.ConversationRow) {
	badges := map[string]string{}
	for i, r := range rows {
		badge, ok := badges[r.ChannelID]
		if !ok {
			badge = h.channelBadge(e, t, r.ChannelID)
			badges[r.ChannelID] = badge
		}
		out[i].LicenseNotice = badge
	}
}

// channelBadge is a channel's short license badge, "" while covered for
// more than ExpiringDays days.
func (h *Handler) channelBadge(e *core.RequestEvent, t *views.Text, channelID string) string {
	// Every viewer's list asks the same: shared (sharedReads).
	v, err := coalesce.Do(&h.shared, "license\x00"+channelID, func() (license.Status, error) {
		ch, err := store.FindChannel(e.App, channelID)
		if err != nil {
			return "", err
		}
		s, err := licensing.StateOf(e.App, ch.AppID(), h.now())
		return s.Status, err
	})
	if err != nil {
		return ""
	}
	switch v {
	case license.StatusExpired:
		return t.KF.BadgeExpired
	case license.StatusExpiring:
		return t.KF.BadgeExpiring
	}
	return ""
}
