package hooks_test

import (
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/licensing"
	"github.com/wedesk/wedesk/internal/web/inbox"
)

// TestLicenseAlertsReachSupervisorsOnly walks an organization's trial to its
// end with an injected clock: supervisors see the expiry bar at 14, 7 and 1
// days left and once expired, agents never do; the conversation carries the
// license notice (expiring, then expired and refusing replies).
func TestLicenseAlertsReachSupervisorsOnly(t *testing.T) {
	var offset atomic.Int64
	clock := func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }
	h := newHarness(t, hooks.Options{Now: clock})
	conv := h.openConversation("oUserAlerts0001")
	const bar = `id="license-alerts"`

	cases := []struct {
		day       int // days since the channel was authorized
		daysLeft  int
		alert     string // expected in the supervisor's bar; "" for no bar
		notice    string // expected on the conversation; "" for none
		noNotices bool
	}{
		{day: 60, daysLeft: 29, noNotices: true},
		{day: 75, daysLeft: 14, alert: "还剩 14 天到期", notice: "许可即将到期：还剩 14 天"},
		{day: 82, daysLeft: 7, alert: "还剩 7 天到期", notice: "许可即将到期：还剩 7 天"},
		{day: 88, daysLeft: 1, alert: "还剩 1 天到期", notice: "许可即将到期：还剩 1 天"},
		{day: 91, daysLeft: 0, alert: "过期，回复已停用", notice: "在许可生效前，回复将被拒绝"},
	}
	for _, c := range cases {
		offset.Store(int64(time.Duration(c.day) * 24 * time.Hour))
		s, err := licensing.StateOf(h.app, testAccount.AppID, clock())
		if err != nil {
			t.Fatal(err)
		}
		if s.DaysLeft != c.daysLeft {
			t.Fatalf("day %d: premise: %d days left, want %d", c.day, s.DaysLeft, c.daysLeft)
		}
		_, lead := h.inboxRequest(h.supervisor, http.MethodGet, "/inbox", nil)
		_, agent := h.inboxRequest(h.agent, http.MethodGet, "/inbox", nil)
		if strings.Contains(agent, bar) {
			t.Errorf("day %d: an agent sees the supervisors' license bar", c.day)
		}
		status, page := h.inboxRequest(h.supervisor, http.MethodGet, "/inbox/conversations/"+conv, nil)
		if status != http.StatusOK {
			t.Fatalf("day %d: conversation page: %d", c.day, status)
		}
		if c.noNotices {
			if strings.Contains(lead, bar) || strings.Contains(page, "许可") {
				t.Errorf("day %d: license bar or notice shown with %d days left", c.day, c.daysLeft)
			}
			continue
		}
		if !strings.Contains(lead, bar) || !strings.Contains(lead, c.alert) || !strings.Contains(lead, "Test OA") {
			t.Errorf("day %d: supervisor's bar lacks %q:\n%s", c.day, c.alert, excerpt(lead, "license-alerts"))
		}
		if !strings.Contains(page, c.notice) {
			t.Errorf("day %d: conversation lacks the notice %q", c.day, c.notice)
		}
		badge := `<span class="badge license">许可即将到期</span>`
		if c.daysLeft == 0 {
			badge = `<span class="badge license">许可已过期</span>`
		}
		if !strings.Contains(page, badge) {
			t.Errorf("day %d: the list row lacks %s", c.day, badge)
		}
	}
	if status, body := h.reply(h.agent, conv, "您好"); status != http.StatusBadRequest || !strings.Contains(body, "license_expired") {
		t.Fatalf("reply while expired: %d %s", status, body)
	}

	if _, err := h.app.DB().NewQuery("UPDATE agents SET lang = 'en' WHERE id = {:id}").
		Bind(map[string]any{"id": h.supervisor.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	_, lead := h.inboxRequest(h.supervisor, http.MethodGet, "/inbox/conversations/"+conv, nil)
	for _, want := range []string{"expired on", "replies are disabled", "replies are refused until a license is active", "Manage licenses"} {
		if !strings.Contains(lead, want) {
			t.Errorf("English page lacks %q", want)
		}
	}
}

// excerpt returns the part of page around marker, for failure messages.
func excerpt(page, marker string) string {
	i := strings.Index(page, marker)
	if i < 0 {
		return "(" + marker + " not found)"
	}
	return page[i:min(len(page), i+600)]
}

// TestLicenseAlertsDismissUntilTheNextMark: a supervisor who dismisses the
// bar at 14 days left does not see it again until the 7-day mark; agents
// may not dismiss.
func TestLicenseAlertsDismissUntilTheNextMark(t *testing.T) {
	var offset atomic.Int64
	clock := func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }
	h := newHarness(t, hooks.Options{Now: clock})
	const bar = `id="license-alerts"`
	offset.Store(int64(75 * 24 * time.Hour))

	if status, _ := h.inboxRequest(h.agent, http.MethodPost, "/inbox/license-alerts/dismiss", url.Values{}); status != http.StatusForbidden {
		t.Fatalf("agent dismissing: %d, want 403", status)
	}
	status, cookie := h.dismissAlerts(h.supervisor)
	if status != http.StatusSeeOther || cookie == "" {
		t.Fatalf("dismiss: %d, cookie %q", status, cookie)
	}
	if page := h.inboxWithCookie(h.supervisor, cookie); strings.Contains(page, bar) {
		t.Fatal("the bar is back right after being dismissed")
	}
	offset.Store(int64(79 * 24 * time.Hour)) // 10 days left: still the 14-day mark
	if page := h.inboxWithCookie(h.supervisor, cookie); strings.Contains(page, bar) {
		t.Fatal("the bar came back before the next mark")
	}
	offset.Store(int64(82 * 24 * time.Hour)) // 7 days left
	if page := h.inboxWithCookie(h.supervisor, cookie); !strings.Contains(page, bar) || !strings.Contains(page, "还剩 7 天到期") {
		t.Fatal("the bar did not come back at the 7-day mark")
	}
}

// dismissAlerts posts the dismissal and returns the cookie it set.
func (h *harness) dismissAlerts(agent *core.Record) (int, string) {
	h.t.Helper()
	form := url.Values{"csrf": {inbox.CSRFToken(agent)}}
	req, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/inbox/license-alerts/dismiss", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", "wd_session="+h.token(agent))
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	for _, c := range res.Cookies() {
		if c.Name == "wd_license_alerts" {
			return res.StatusCode, c.Name + "=" + c.Value
		}
	}
	return res.StatusCode, ""
}

// inboxWithCookie loads /inbox with an extra cookie.
func (h *harness) inboxWithCookie(agent *core.Record, cookie string) string {
	h.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, h.srv.URL+"/inbox", nil)
	req.Header.Set("Cookie", "wd_session="+h.token(agent)+"; "+cookie)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	return readAll(h.t, res)
}
