package hooks_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/setup"
)

// TestPolishFirstRun: / leads to the inbox, the dashboard is WeDesk's, the
// unused users collection is gone, and a superuser signing in at /inbox
// is told where they manage WeDesk and how to add an agent.
func TestPolishFirstRun(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Get(h.srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusFound || res.Header.Get("Location") != "/inbox" {
		t.Fatalf("/ answered %d → %q", res.StatusCode, res.Header.Get("Location"))
	}
	meta := h.app.Settings().Meta
	if meta.AppName != "WeDesk" || meta.SenderName != "WeDesk" || meta.AppURL != h.srv.URL {
		t.Fatalf("settings: %+v (server %s)", meta, h.srv.URL)
	}
	if _, err := h.app.FindCollectionByNameOrId("users"); err == nil {
		t.Fatal("the unused users collection is still there")
	}
	agents, err := h.app.FindCollectionByNameOrId("agents")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"role", "status", "max_concurrent"} {
		if agents.Fields.GetByName(f).GetHidden() {
			t.Fatalf("%s hidden", f)
		}
	}

	h.superuser()
	page := loginAs(t, h.srv.URL, "admin@example.com", "password123456")
	if !strings.Contains(page, "/_/") || !strings.Contains(page, "agents → New record") {
		t.Fatalf("superuser login not explained:\n%s", page)
	}
	if page := loginAs(t, h.srv.URL, "admin@example.com", "wrong-password"); !strings.Contains(page, "Wrong email or password") {
		t.Fatal("a wrong password reveals that the address is an admin's")
	}
}

// loginAs posts the login form the way a browser does and returns the page.
func loginAs(t *testing.T, base, email, password string) string {
	t.Helper()
	jar := &cookieJar{}
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Get(base + "/inbox/login?lang=en")
	if err != nil {
		t.Fatal(err)
	}
	body := readAll(t, res)
	res.Body.Close()
	i := strings.Index(body, `name="csrf" value="`)
	if i < 0 {
		t.Fatal("no csrf field on the login page")
	}
	token := body[i+len(`name="csrf" value="`):]
	token = token[:strings.Index(token, `"`)]
	res, err = client.PostForm(base+"/inbox/login", url.Values{"csrf": {token}, "email": {email}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	return readAll(t, res)
}

// cookieJar is the smallest jar that keeps every cookie for one host.
type cookieJar struct{ cookies []*http.Cookie }

func (j *cookieJar) SetCookies(_ *url.URL, cs []*http.Cookie) { j.cookies = append(j.cookies, cs...) }
func (j *cookieJar) Cookies(*url.URL) []*http.Cookie          { return j.cookies }

// TestPolishBanner: the start banner names the inbox first and tells a
// first run where to begin.
func TestPolishBanner(t *testing.T) {
	var b strings.Builder
	setup.PrintBanner(&b, "http://127.0.0.1:8090", false)
	out := b.String()
	if !strings.Contains(out, "http://127.0.0.1:8090/inbox") || !strings.Contains(out, "agents → New record") {
		t.Fatalf("banner:\n%s", out)
	}
	if strings.Index(out, "/inbox") > strings.Index(out, "/_/") {
		t.Fatal("the inbox is not named first")
	}
}
