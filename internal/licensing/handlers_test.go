package licensing

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/wedesk/wedesk/internal/voucher"
)

// apiFixture is one scenario's app with a superuser and an agent.
type apiFixture struct {
	app                   *tests.TestApp
	superuser, agent, org string // tokens, and the organization's record id
}

// newAPIFixture builds an app with one channel (trial started now), a
// superuser and an agent, and the credits given. The scenario owns cleanup.
func newAPIFixture(t *testing.T, credits int) *apiFixture {
	t.Helper()
	app, err := tests.NewTestApp(templateDir)
	if err != nil {
		t.Fatal(err)
	}
	f := &apiFixture{app: app}
	addChannel(t, app, "Shop", "wwcorp1", time.Now())
	f.org = org(t, app, "wwcorp1").Id
	if credits > 0 {
		credit(t, app, credits)
	}
	f.superuser = authToken(t, app, core.CollectionNameSuperusers, map[string]any{})
	f.agent = authToken(t, app, "agents", map[string]any{"name": "Agent", "role": "supervisor", "status": "online", "max_concurrent": 5})
	return f
}

// authToken creates an auth record of collection and returns its token.
func authToken(t *testing.T, app core.App, collection string, fields map[string]any) string {
	t.Helper()
	col, err := app.FindCollectionByNameOrId(collection)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Load(fields)
	r.SetEmail(collection + "@example.com")
	r.SetPassword("password123")
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	tok, err := r.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// bindRoutes binds the handlers the way the lead's route table does, plus an
// unguarded copy under /unguarded to prove the handlers check auth themselves.
func bindRoutes(t testing.TB, app *tests.TestApp, se *core.ServeEvent) {
	g := se.Router.Group("/api/wedesk")
	g.Bind(apis.RequireSuperuserAuth())
	g.POST("/credits/redeem", RedeemVoucher)
	g.POST("/organizations/{id}/buy", BuyLicense)
	g.GET("/license", ShowLicense)
	u := se.Router.Group("/unguarded")
	u.POST("/credits/redeem", RedeemVoucher)
	u.GET("/license", ShowLicense)
}

func TestLicenseAPI(t *testing.T) {
	noWrites := map[string]int{"OnModelCreate": 0, "OnModelUpdate": 0, "OnModelDelete": 0}
	cases := []struct {
		name     string
		credits  int
		method   string
		url      func(f *apiFixture) string
		body     func(t *testing.T) string
		auth     func(f *apiFixture) string
		lang     string
		status   int
		contains []string
		events   map[string]int
	}{
		{name: "redeem as superuser", method: http.MethodPost, url: path("/api/wedesk/credits/redeem"),
			body: voucherBody(8), auth: super, status: 200,
			contains: []string{`"balance":8`, `"credits":8`}, events: map[string]int{"OnModelCreate": 1}},
		{name: "redeem as agent", method: http.MethodPost, url: path("/api/wedesk/credits/redeem"),
			body: voucherBody(8), auth: agent, status: 403, contains: []string{`"status":403`}, events: noWrites},
		{name: "redeem anonymously", method: http.MethodPost, url: path("/api/wedesk/credits/redeem"),
			body: voucherBody(8), auth: nobody, status: 401, contains: []string{`"status":401`}, events: noWrites},
		{name: "handler refuses an agent without the middleware", method: http.MethodPost, url: path("/unguarded/credits/redeem"),
			body: voucherBody(8), auth: agent, status: 403, contains: []string{`"status":403`}, events: noWrites},
		{name: "handler refuses a guest without the middleware", method: http.MethodGet, url: path("/unguarded/license"),
			auth: nobody, status: 401, contains: []string{`"status":401`}},
		{name: "forged voucher", method: http.MethodPost, url: path("/api/wedesk/credits/redeem"),
			body: forgedBody, auth: super, status: 400, contains: []string{`"code":"voucher_invalid"`, `"message":"券码无效`}, events: noWrites},
		{name: "forged voucher in English", method: http.MethodPost, url: path("/api/wedesk/credits/redeem"),
			body: forgedBody, auth: super, lang: "en-US,en;q=0.9", status: 400, contains: []string{`"code":"voucher_invalid"`, `"message":"Invalid voucher`}},
		{name: "empty body", method: http.MethodPost, url: path("/api/wedesk/credits/redeem"),
			body: func(*testing.T) string { return `{}` }, auth: super, status: 400, contains: []string{`"code":"voucher_invalid"`}, events: noWrites},
		{name: "voucher too small", method: http.MethodPost, url: path("/api/wedesk/credits/redeem"),
			body: smallBody, auth: super, status: 400, contains: []string{`"code":"voucher_too_small"`}, events: noWrites},
		{name: "voucher used", method: http.MethodPost, url: path("/api/wedesk/credits/redeem"),
			body: usedBody, auth: super, status: 400, contains: []string{`"code":"voucher_used"`}, events: noWrites},
		{name: "buy a year", credits: 4, method: http.MethodPost, url: buyURL, auth: super, status: 200,
			contains: []string{`"balance":0`, `"source":"purchase"`, `"app_id":"wwcorp1"`}, events: map[string]int{"OnModelCreate": 2}},
		{name: "buy by app_id", credits: 4, method: http.MethodPost, url: path("/api/wedesk/organizations/wwcorp1/buy"), auth: super, status: 200,
			contains: []string{`"balance":0`}},
		{name: "buy without credits", credits: 3, method: http.MethodPost, url: buyURL, auth: super, status: 400,
			contains: []string{`"code":"credits_insufficient"`}, events: noWrites},
		{name: "buy as agent", credits: 4, method: http.MethodPost, url: buyURL, auth: agent, status: 403, events: noWrites,
			contains: []string{`"status":403`}},
		{name: "buy for an unknown organization", credits: 4, method: http.MethodPost, url: path("/api/wedesk/organizations/nosuch/buy"),
			auth: super, status: 404, contains: []string{`"code":"organization_not_found"`}, events: noWrites},
		{name: "show as superuser", credits: 8, method: http.MethodGet, url: path("/api/wedesk/license"), auth: super, status: 200,
			contains: []string{`"balance":8`, `"app_id":"wwcorp1"`, `"status":"trial"`, `"days_left":89`, `"source":"trial"`,
				`"channels":["Shop"]`, `"kind":"voucher"`, `"auto_renew":true`, `"next_start_day":"`}},
		{name: "show as agent", method: http.MethodGet, url: path("/api/wedesk/license"), auth: agent, status: 403,
			contains: []string{`"status":403`}},
		{name: "show anonymously", method: http.MethodGet, url: path("/api/wedesk/license"), auth: nobody, status: 401,
			contains: []string{`"status":401`}},
	}
	for _, c := range cases {
		f := newAPIFixture(t, c.credits)
		var body string
		if c.body != nil {
			body = c.body(t)
		}
		if c.name == "voucher used" {
			if _, err := Redeem(f.app, strings.TrimSuffix(strings.TrimPrefix(body, `{"voucher":"`), `"}`), demoPub(t), time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		headers := map[string]string{}
		if tok := c.auth(f); tok != "" {
			headers["Authorization"] = tok
		}
		if c.lang != "" {
			headers["Accept-Language"] = c.lang
		}
		(&tests.ApiScenario{
			Name: c.name, Method: c.method, URL: c.url(f), Body: strings.NewReader(body), Headers: headers,
			ExpectedStatus: c.status, ExpectedContent: c.contains, ExpectedEvents: c.events,
			TestAppFactory: func(testing.TB) *tests.TestApp { return f.app },
			BeforeTestFunc: bindRoutes,
		}).Test(t)
	}
}

func path(p string) func(*apiFixture) string { return func(*apiFixture) string { return p } }
func buyURL(f *apiFixture) string            { return "/api/wedesk/organizations/" + f.org + "/buy" }
func super(f *apiFixture) string             { return f.superuser }
func agent(f *apiFixture) string             { return f.agent }
func nobody(*apiFixture) string              { return "" }
func jsonVoucher(tok string) string          { return `{"voucher":"` + tok + `"}` }
func voucherBody(n int) func(*testing.T) string {
	return func(t *testing.T) string { return jsonVoucher(issue(t, n)) }
}
func usedBody(t *testing.T) string { return jsonVoucher(issue(t, 4)) }

func forgedBody(t *testing.T) string {
	tok := issue(t, 4)
	return jsonVoucher(tok[:strings.LastIndex(tok, ".")+1] + strings.Repeat("A", 86))
}

func smallBody(t *testing.T) string {
	tok, err := voucher.Sign(demoKey(t), voucher.Voucher{ID: strings.Repeat("1a", 16), Credits: 3, IssuedAt: first, Buyer: "x"})
	if err != nil {
		t.Fatal(err)
	}
	return jsonVoucher(tok)
}
