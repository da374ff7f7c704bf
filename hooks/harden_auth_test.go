package hooks_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/web/inbox"
)

// noRedirect is a client that shows redirects instead of following them.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// formLogin posts the inbox login form (double-submitted CSRF token) and
// returns the status and the session cookie it set, if any.
func (h *harness) formLogin(email, password string) (int, string) {
	h.t.Helper()
	form := url.Values{"csrf": {"tok"}, "email": {email}, "password": {password}}
	req, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/inbox/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", "wd_login_csrf=tok")
	res, err := noRedirect.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	for _, c := range res.Cookies() {
		if c.Name == "wd_session" && c.Value != "" {
			return res.StatusCode, c.Value
		}
	}
	return res.StatusCode, ""
}

// apiLogin calls PocketBase's auth-with-password for agents.
func (h *harness) apiLogin(email, password string) int {
	h.t.Helper()
	body := `{"identity":"` + email + `","password":"` + password + `"}`
	res, err := http.Post(h.srv.URL+"/api/collections/agents/auth-with-password", "application/json", strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// cookieGet opens an inbox page with a session cookie.
func (h *harness) cookieGet(session, path string) int {
	h.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, h.srv.URL+path, nil)
	req.Header.Set("Cookie", "wd_session="+session)
	res, err := noRedirect.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// firstRefusal counts wrong-password attempts until the first 429.
func firstRefusal(t *testing.T, try func(i int) int) int {
	for i := range 100 {
		if try(i) == http.StatusTooManyRequests {
			return i
		}
	}
	t.Fatal("100 wrong passwords in a row and no 429")
	return 0
}

// TestHardenAuthEndpointsAreRateLimited: both login doors answer 429 after
// a handful of wrong passwords from one address, even across accounts.
func TestHardenAuthEndpointsAreRateLimited(t *testing.T) {
	// A fixed public URL: learning it from the first request saves the
	// settings, which restarts PocketBase's limiter mid-count.
	h := newHarness(t, hooks.Options{PublicURL: func() string { return "http://desk.example.com" }})
	start := time.Now()
	n := firstRefusal(t, func(i int) int {
		s, _ := h.formLogin("nobody"+string(rune('a'+i%26))+"@example.com", "wrong-password")
		return s
	})
	t.Logf("/inbox/login: %d wrong passwords accepted before 429 (in %v)", n, time.Since(start))
	if n > 10 {
		t.Errorf("/inbox/login accepted %d attempts before 429", n)
	}
	start = time.Now()
	n = firstRefusal(t, func(i int) int {
		return h.apiLogin("nobody"+string(rune('a'+i%26))+"@example.com", "wrong-password")
	})
	t.Logf("auth-with-password: %d wrong passwords accepted before 429 (in %v)", n, time.Since(start))
	if n > 10 {
		t.Errorf("auth-with-password accepted %d attempts before 429", n)
	}
}

// disableRateLimits turns PocketBase's limiter off, to test what is behind it.
func (h *harness) disableRateLimits() {
	h.t.Helper()
	s := h.app.Settings()
	s.RateLimits.Enabled = false
	if err := h.app.Save(s); err != nil {
		h.t.Fatal(err)
	}
}

// TestHardenPerAccountBackoff: one account guessed from many places is
// locked after five wrong passwords, for the form and the API alike, and
// the right password is refused during the lock.
func TestHardenPerAccountBackoff(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	h.disableRateLimits()
	for i := range 5 {
		if s, _ := h.formLogin("agent1@example.com", "wrong"); s != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %d, want 401", i+1, s)
		}
	}
	if s := h.apiLogin("agent1@example.com", "wrong"); s != http.StatusBadRequest {
		t.Fatalf("6th attempt (API): %d, want 400", s)
	}
	if s, _ := h.formLogin("agent1@example.com", "password123"); s != http.StatusTooManyRequests {
		t.Fatalf("right password during the lock: %d, want 429", s)
	}
	if s := h.apiLogin("AGENT1@example.com", "password123"); s != http.StatusTooManyRequests {
		t.Fatalf("API during the lock: %d, want 429", s)
	}
	time.Sleep(1100 * time.Millisecond)
	if s, c := h.formLogin("agent1@example.com", "password123"); s != http.StatusSeeOther || c == "" {
		t.Fatalf("after the lock: %d, want 303 with a session", s)
	}
}

// loginTimes times n inbox logins with a wrong password for each email,
// alternating, so that a busy machine slows both alike; it returns the
// median of each.
func (h *harness) loginTimes(known, unknown string, n int) (time.Duration, time.Duration) {
	var k, u []time.Duration
	for range n {
		for _, email := range []string{known, unknown} {
			start := time.Now()
			h.formLogin(email, "wrong-password")
			if d := time.Since(start); email == known {
				k = append(k, d)
			} else {
				u = append(u, d)
			}
		}
	}
	slices.Sort(k)
	slices.Sort(u)
	return k[n/2], u[n/2]
}

// TestHardenLoginTimingHidesWhichEmailsExist: a wrong password takes as
// long for an unknown email as for a known one (before: 127 ms against
// 1.7 ms, a factor of 75; the bound below allows for a busy machine).
func TestHardenLoginTimingHidesWhichEmailsExist(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	h.disableRateLimits()
	h.loginTimes("warmup@example.com", "warmup2@example.com", 1)
	known, unknown := h.loginTimes("agent2@example.com", "nobody@example.com", 7)
	t.Logf("wrong password, median of 7: known email %v, unknown email %v", known, unknown)
	if unknown < known/3 || unknown > known*3 {
		t.Fatalf("known %v vs unknown %v: the timing tells which emails exist", known, unknown)
	}
}

// TestHardenSessionsEnd: logout, disabling an agent and a password change
// each end the agent's sessions at once.
func TestHardenSessionsEnd(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	h.disableRateLimits()

	_, s1 := h.formLogin("agent1@example.com", "password123")
	_, s2 := h.formLogin("agent1@example.com", "password123")
	if h.cookieGet(s1, "/inbox") != 200 || h.cookieGet(s2, "/inbox") != 200 {
		t.Fatal("fresh sessions do not open the inbox")
	}
	agent := h.reload(h.agent)
	if s, _ := h.inboxRequest(agent, http.MethodPost, "/inbox/logout", url.Values{}); s != http.StatusSeeOther {
		t.Fatalf("logout: %d", s)
	}
	if c := h.cookieGet(s1, "/inbox"); c != http.StatusSeeOther {
		t.Fatalf("after logout the old cookie opens the inbox: %d", c)
	}
	if c := h.cookieGet(s2, "/inbox"); c != http.StatusSeeOther {
		t.Fatalf("after logout another session of the agent still works: %d", c)
	}

	// A supervisor disables the agent through the API.
	_, s3 := h.formLogin("agent1@example.com", "password123")
	req, _ := http.NewRequest(http.MethodPatch, h.srv.URL+"/api/collections/agents/records/"+h.agent.Id, strings.NewReader(`{"disabled":true}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", h.token(h.supervisor))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("supervisor disables agent: %d", res.StatusCode)
	}
	if c := h.cookieGet(s3, "/inbox"); c != http.StatusSeeOther {
		t.Fatalf("a disabled agent's session still opens the inbox: %d", c)
	}
	if s, _ := h.formLogin("agent1@example.com", "password123"); s != http.StatusUnauthorized {
		t.Fatalf("a disabled agent signs in: %d", s)
	}
	if s := h.apiLogin("agent1@example.com", "password123"); s == 200 {
		t.Fatal("a disabled agent gets an API token")
	}

	// A password change through the inbox form ends the other sessions.
	_, s4 := h.formLogin("agent2@example.com", "password123")
	_, s5 := h.formLogin("agent2@example.com", "password123")
	agent2 := h.reload(h.agent2)
	form := url.Values{"current": {"password123"}, "password": {"new-password-2026"}, "confirm": {"new-password-2026"}}
	req, _ = http.NewRequest(http.MethodPost, h.srv.URL+"/inbox/password", strings.NewReader(addCSRF(form, agent2).Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", "wd_session="+s4)
	res, err = noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("password change: %d", res.StatusCode)
	}
	if h.cookieGet(s4, "/inbox") != http.StatusSeeOther || h.cookieGet(s5, "/inbox") != http.StatusSeeOther {
		t.Fatal("sessions survive a password change")
	}
	if s, _ := h.formLogin("agent2@example.com", "new-password-2026"); s != http.StatusSeeOther {
		t.Fatalf("login with the new password: %d", s)
	}
}

// addCSRF adds the agent's inbox CSRF token to a form.
func addCSRF(form url.Values, agent *core.Record) url.Values {
	form.Set("csrf", inbox.CSRFToken(agent))
	return form
}
