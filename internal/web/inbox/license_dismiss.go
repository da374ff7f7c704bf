package inbox

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"sort"
	"strconv"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/licensing"
)

// alertsCookie remembers which set of license alerts a supervisor
// dismissed; the bar comes back when the set changes (the next mark of 14,
// 7 and 1 days is reached, or another organization joins it).
const alertsCookie = "wd_license_alerts"

// alertsKey fingerprints a set of alerts: organization and mark reached.
func alertsKey(alerts []licensing.SupervisorAlert) string {
	parts := make([]string, len(alerts))
	for i, a := range alerts {
		parts[i] = a.AppID + ":" + strconv.Itoa(a.Threshold)
	}
	sort.Strings(parts)
	sum := sha256.New()
	for _, p := range parts {
		sum.Write([]byte(p + "\n"))
	}
	return hex.EncodeToString(sum.Sum(nil)[:12])
}

// dismissedAlerts reports whether the supervisor dismissed exactly these alerts.
func dismissedAlerts(e *core.RequestEvent, alerts []licensing.SupervisorAlert) bool {
	c, err := e.Request.Cookie(alertsCookie)
	return err == nil && c.Value == alertsKey(alerts)
}

// DismissLicenseAlerts is POST /inbox/license-alerts/dismiss: hide the
// supervisors' license bar until its alerts change.
func (h *Handler) DismissLicenseAlerts(e *core.RequestEvent) error {
	if !inboxAgent(e).IsSupervisor() {
		return h.renderError(e, http.StatusForbidden, h.text(e).Forbidden)
	}
	alerts := licensing.SupervisorAlerts(e.App, h.now())
	setCookie(e, alertsCookie, alertsKey(alerts), 30*24*3600)
	return redirectBack(e, "/inbox")
}
