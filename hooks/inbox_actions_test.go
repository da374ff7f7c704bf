package hooks_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/wedesk/wedesk/static"
)

// form builds a urlencoded body with the session's headers.
func form(cookie string, values url.Values) (*strings.Reader, map[string]string) {
	return strings.NewReader(values.Encode()), map[string]string{
		"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded",
	}
}

// field reads a field of a record after a scenario.
func field(t testing.TB, app *tests.TestApp, collection, id, name string) string {
	t.Helper()
	r, err := app.FindRecordById(collection, id)
	if err != nil {
		t.Fatal(err)
	}
	return r.GetString(name)
}

func expectField(collection, id, name, want string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		if got := field(t, app, collection, id, name); got != want {
			t.Errorf("%s %s.%s = %q, want %q", collection, id, name, got, want)
		}
	}
}

// TestInboxActions covers every form post, allowed and refused (no CSRF
// token, someone else's conversation or customer).
func TestInboxActions(t *testing.T) {
	c1, csrf1 := session(t, fxAgent1)
	_, csrf2 := session(t, fxAgent2)
	type post struct {
		name, url string
		cookie    string
		values    url.Values
		status    int
		content   []string
		after     func(testing.TB, *tests.TestApp, *http.Response)
	}
	posts := []post{
		{"status without csrf", "/inbox/status", c1, url.Values{"status": {"suspended"}}, 403, []string{"页面已过期"},
			expectField("agents", fxAgent1, "status", "online")},
		{"status with another session's csrf", "/inbox/status", c1, url.Values{"status": {"suspended"}, "csrf": {csrf2}}, 403, nil,
			expectField("agents", fxAgent1, "status", "online")},
		{"status 小休", "/inbox/status", c1, url.Values{"status": {"suspended"}, "csrf": {csrf1}}, 303, nil,
			expectField("agents", fxAgent1, "status", "suspended")},
		{"unknown status", "/inbox/status", c1, url.Values{"status": {"busy"}, "csrf": {csrf1}}, 400, []string{"Unknown status"}, nil},
		{"language", "/inbox/lang", c1, url.Values{"lang": {"en"}, "csrf": {csrf1}}, 303, nil,
			expectField("agents", fxAgent1, "lang", "en")},
		{"unknown language", "/inbox/lang", c1, url.Values{"lang": {"fr"}, "csrf": {csrf1}}, 400, []string{"Unknown language"}, nil},
		{"claim from the queue", "/inbox/conversations/" + fxConvQ + "/claim", c1, url.Values{"csrf": {csrf1}}, 303, nil,
			func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if a, s := field(t, app, "conversations", fxConvQ, "agent"), field(t, app, "conversations", fxConvQ, "state"); a != fxAgent1 || s != "active" {
					t.Errorf("after claim agent=%q state=%q", a, s)
				}
			}},
		{"claim without csrf", "/inbox/conversations/" + fxConvQ + "/claim", c1, nil, 403, nil,
			expectField("conversations", fxConvQ, "agent", "")},
		{"claim another agent's conversation", "/inbox/conversations/" + fxConvOth + "/claim", c1, url.Values{"csrf": {csrf1}}, 403,
			[]string{"你无权"}, expectField("conversations", fxConvOth, "agent", fxAgent2)},
		{"claim a closed conversation", "/inbox/conversations/" + fxConvDone + "/claim", c1, url.Values{"csrf": {csrf1}}, 400,
			[]string{"会话已结束"}, nil},
		{"end with the end message", "/inbox/conversations/" + fxConvMine + "/close", c1,
			url.Values{"csrf": {csrf1}, "end_message": {"再见"}}, 303, nil,
			func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if s := field(t, app, "conversations", fxConvMine, "state"); s != "closed" {
					t.Errorf("state = %q", s)
				}
				if _, err := app.FindFirstRecordByFilter("messages", "text = '再见' && status = 'pending'"); err != nil {
					t.Errorf("end message not queued: %v", err)
				}
			}},
		{"end another agent's conversation", "/inbox/conversations/" + fxConvOth + "/close", c1, url.Values{"csrf": {csrf1}}, 403,
			nil, expectField("conversations", fxConvOth, "state", "active")},
		{"end without csrf", "/inbox/conversations/" + fxConvMine + "/close", c1, url.Values{"end_message": {"x"}}, 403, nil,
			expectField("conversations", fxConvMine, "state", "active")},
		{"mark read", "/inbox/conversations/" + fxConvMine + "/read", c1, url.Values{"csrf": {csrf1}}, 204, nil,
			expectField("conversations", fxConvMine, "unread", "0")},
		{"mark read of another agent's", "/inbox/conversations/" + fxConvOth + "/read", c1, url.Values{"csrf": {csrf1}}, 403, nil, nil},
		{"retry a failed message", "/inbox/messages/" + fxMsgFail + "/retry", c1, url.Values{"csrf": {csrf1}}, 303, nil,
			expectField("messages", fxMsgFail, "status", "pending")},
		{"retry a received message", "/inbox/messages/" + fxMsgIn + "/retry", c1, url.Values{"csrf": {csrf1}}, 400, nil,
			expectField("messages", fxMsgIn, "status", "received")},
		{"retry another agent's message", "/inbox/messages/" + fxMsgOther + "/retry", c1, url.Values{"csrf": {csrf1}}, 403, nil, nil},
		{"vip off", "/inbox/customers/" + fxCust1 + "/vip", c1, url.Values{"csrf": {csrf1}, "vip": {"false"}}, 303, nil,
			expectField("customers", fxCust1, "vip", "false")},
		{"vip on queued customer", "/inbox/customers/" + fxCust2 + "/vip", c1, url.Values{"csrf": {csrf1}, "vip": {"true"}}, 303, nil,
			expectField("customers", fxCust2, "vip", "true")},
		{"vip of another agent's customer", "/inbox/customers/" + fxCust3 + "/vip", c1, url.Values{"csrf": {csrf1}, "vip": {"true"}},
			403, nil, expectField("customers", fxCust3, "vip", "false")},
		{"vip without csrf", "/inbox/customers/" + fxCust1 + "/vip", c1, url.Values{"vip": {"false"}}, 403, nil,
			expectField("customers", fxCust1, "vip", "true")},
		{"tags", "/inbox/customers/" + fxCust1 + "/tags", c1, url.Values{"csrf": {csrf1}, "tags": {"老客户，退款, 退款、 <b>"}}, 303, nil,
			expectField("customers", fxCust1, "tags", `["老客户","退款","\u003cb\u003e"]`)},
		{"notes", "/inbox/customers/" + fxCust1 + "/notes", c1, url.Values{"csrf": {csrf1}, "notes": {"喜欢电话联系"}}, 303, nil,
			expectField("customers", fxCust1, "notes", "喜欢电话联系")},
		{"notes too long", "/inbox/customers/" + fxCust1 + "/notes", c1, url.Values{"csrf": {csrf1}, "notes": {strings.Repeat("长", 10001)}},
			400, nil, expectField("customers", fxCust1, "notes", "")},
		{"unknown customer", "/inbox/customers/nosuchcustomer/notes", c1, url.Values{"csrf": {csrf1}}, 404, nil, nil},
		{"logout", "/inbox/logout", c1, url.Values{"csrf": {csrf1}}, 303, nil,
			func(t testing.TB, _ *tests.TestApp, res *http.Response) {
				if !strings.Contains(res.Header.Get("Set-Cookie"), "wd_session=;") {
					t.Errorf("logout did not clear the cookie: %q", res.Header.Get("Set-Cookie"))
				}
			}},
		{"logout without csrf", "/inbox/logout", c1, nil, 403, nil, nil},
		{"guest post", "/inbox/status", "", url.Values{"status": {"online"}}, 401, nil, nil},
	}
	for _, p := range posts {
		body, headers := form(p.cookie, p.values)
		s := tests.ApiScenario{Name: p.name, Method: http.MethodPost, URL: p.url, Body: body, Headers: headers,
			ExpectedStatus: p.status, ExpectedContent: p.content, AfterTestFunc: p.after, TestAppFactory: inboxApp}
		if len(p.content) == 0 {
			s.NotExpectedContent = []string{"<script>alert"} // any body is fine; the check is the status and the record
		}
		s.Test(t)
	}
}

// TestInboxFragments covers the htmx answers: the customer panel and a
// retried message come back rendered.
func TestInboxFragments(t *testing.T) {
	c1, csrf1 := session(t, fxAgent1)
	hx := func() map[string]string {
		return map[string]string{"Cookie": c1, "HX-Request": "true", "X-CSRF-Token": csrf1,
			"Content-Type": "application/x-www-form-urlencoded"}
	}
	scenarios := []tests.ApiScenario{
		{Name: "tags answer the panel", Method: http.MethodPost, URL: "/inbox/customers/" + fxCust1 + "/tags",
			Body: strings.NewReader("tags=%E9%80%80%E6%AC%BE"), Headers: hx(), ExpectedStatus: 200,
			ExpectedContent: []string{`id="customer"`, `<span class="tag">退款</span>`, "已保存"}},
		{Name: "retry answers the message", Method: http.MethodPost, URL: "/inbox/messages/" + fxMsgFail + "/retry",
			Headers: hx(), ExpectedStatus: 200, ExpectedContent: []string{`id="m-` + fxMsgFail + `"`, "发送中"},
			NotExpectedContent: []string{"重试"}},
		{Name: "header token without the session is refused", Method: http.MethodPost, URL: "/inbox/customers/" + fxCust1 + "/vip",
			Body: strings.NewReader("vip=false"), Headers: map[string]string{"X-CSRF-Token": csrf1, "HX-Request": "true"},
			ExpectedStatus: 401, ExpectedContent: []string{"Sign in again"}},
	}
	for _, s := range scenarios {
		s.TestAppFactory = inboxApp
		s.Test(t)
	}
}

// TestInboxLogin covers the login form: double-submit CSRF, wrong
// password, and the session cookie's attributes.
func TestInboxLogin(t *testing.T) {
	loginBody := func(csrf, pw string) *strings.Reader {
		return strings.NewReader(url.Values{"csrf": {csrf}, "email": {"agent1@example.com"}, "password": {pw}}.Encode())
	}
	headers := func(cookie string) map[string]string {
		return map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
	}
	scenarios := []tests.ApiScenario{
		{Name: "no csrf cookie", Method: http.MethodPost, URL: "/inbox/login", Body: loginBody("abc", "password123"),
			Headers: headers(""), ExpectedStatus: 403, ExpectedContent: []string{"页面已过期"}},
		{Name: "mismatched csrf", Method: http.MethodPost, URL: "/inbox/login", Body: loginBody("abc", "password123"),
			Headers: headers("wd_login_csrf=xyz"), ExpectedStatus: 403, ExpectedContent: []string{"页面已过期"}},
		{Name: "wrong password", Method: http.MethodPost, URL: "/inbox/login", Body: loginBody("abc", "nope"),
			Headers: headers("wd_login_csrf=abc"), ExpectedStatus: 401, ExpectedContent: []string{"邮箱或密码不正确", "agent1@example.com"}},
		{Name: "signed in", Method: http.MethodPost, URL: "/inbox/login", Body: loginBody("abc", "password123"),
			Headers: headers("wd_login_csrf=abc"), ExpectedStatus: 303,
			AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
				var session *http.Cookie
				for _, c := range res.Cookies() {
					if c.Name == "wd_session" {
						session = c
					}
				}
				if session == nil || session.Value == "" || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Secure {
					t.Fatalf("session cookie = %+v", session)
				}
				if res.Header.Get("Location") != "/inbox" {
					t.Errorf("Location = %q", res.Header.Get("Location"))
				}
			}},
		{Name: "signed in behind https", Method: http.MethodPost, URL: "/inbox/login", Body: loginBody("abc", "password123"),
			Headers: map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Cookie": "wd_login_csrf=abc",
				"X-Forwarded-Proto": "https"}, ExpectedStatus: 303,
			AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
				if !strings.Contains(res.Header.Get("Set-Cookie"), "Secure") {
					t.Errorf("cookie not Secure under https: %v", res.Header.Values("Set-Cookie"))
				}
			}},
	}
	for _, s := range scenarios {
		s.TestAppFactory = inboxApp
		s.Test(t)
	}
}

// TestInboxStatic serves the embedded files under their content hash.
func TestInboxStatic(t *testing.T) {
	css := static.URL("css/inbox.css")
	scenarios := []tests.ApiScenario{
		{Name: "current hash is immutable", Method: http.MethodGet, URL: css, ExpectedStatus: 200,
			ExpectedContent: []string{"--brand"},
			AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
				if !strings.Contains(res.Header.Get("Cache-Control"), "immutable") || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") {
					t.Errorf("headers = %v", res.Header)
				}
			}},
		{Name: "old hash still served, not cached", Method: http.MethodGet, URL: "/static/000000000000/css/inbox.css",
			ExpectedStatus: 200, ExpectedContent: []string{"--brand"},
			AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
				if res.Header.Get("Cache-Control") != "no-cache" {
					t.Errorf("Cache-Control = %q", res.Header.Get("Cache-Control"))
				}
			}},
		{Name: "unknown file", Method: http.MethodGet, URL: "/static/000000000000/js/nope.js", ExpectedStatus: 404,
			ExpectedContent: []string{"404"}},
		{Name: "vendored sdk", Method: http.MethodGet, URL: static.URL("vendor/pocketbase-0.28.1.umd.js"),
			ExpectedStatus: 200, ExpectedContent: []string{"PocketBase"}},
	}
	for _, s := range scenarios {
		s.TestAppFactory = inboxApp
		s.Test(t)
	}
}
