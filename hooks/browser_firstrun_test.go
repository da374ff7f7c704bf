package hooks_test

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/wechatsim"
)

// TestFirstRunInBrowser follows the README's first run from a freshly
// migrated data dir to the first agent reply: first admin → the admin
// tries the inbox and is sent to the dashboard → an agent (form showing
// the server's defaults) → a channel (a bad key refused on its field,
// then fixed) → the callback URL shown on the channel pasted into WeChat's
// console (the simulator) and verified → the first message answered. No
// request of the session may answer 404.
func TestFirstRunInBrowser(t *testing.T) {
	sim := wechatsim.New(wechatsim.Options{})
	sim.AddAccount(testAccount)
	simSrv := httptest.NewServer(sim)
	t.Cleanup(simSrv.Close)
	app := newTestApp(t)
	hooks.RegisterWithOptions(app, hooks.Options{PollInterval: 50 * time.Millisecond})
	srv := httptest.NewServer(serveWithDashboard(t, app))
	t.Cleanup(srv.Close)
	h := &harness{t: t, app: app}
	ctx := newBrowser(t)
	watchNotFound(t, ctx)
	base := srv.URL

	// 1. The first admin (the installer link `serve` prints, or `wedesk superuser upsert`).
	h.superuser()

	// The admin opens WeDesk at / and tries the inbox with the admin account.
	run(t, ctx, "open /", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.ID("login-submit")))
	run(t, ctx, "admin at the inbox", chromedp.SendKeys(chromedp.CSS(`input[name=email]`), "admin@example.com"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "password123456"), chromedp.Click(chromedp.ID("login-submit")),
		chromedp.WaitVisible(chromedp.CSS(`.login-box .error`)))
	waitJS(t, ctx, "told to add agents at /_/", `document.querySelector('.login-box .error').textContent.includes('/_/ → agents → New record')`)

	// 2. An agent, in the dashboard; the form shows what the server fills in.
	dashboardLogin(t, ctx, base, "admin@example.com", "password123456")
	dashboardNewRecord(t, ctx, base, "agents")
	waitJS(t, ctx, "agent defaults shown", `document.querySelector('input[name=max_concurrent]').value === '10' &&
		document.querySelector('button[name=role]').textContent.includes('agent') &&
		document.querySelector('button[name=status]').textContent.includes('offline')`)
	scrollTo(t, ctx, `input[name=max_concurrent]`)
	screenshot(t, ctx, "dashboard-agent")
	run(t, ctx, "fill agent", chromedp.SendKeys(chromedp.CSS(`input[name=email]`), "mei@example.com"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "password123"),
		chromedp.SendKeys(chromedp.CSS(`input[name=passwordConfirm]`), "password123"),
		chromedp.SendKeys(chromedp.CSS(`textarea[name=name]`), "小美"))
	dashboardSave(t, ctx)
	h.waitFor("agent saved", func() bool { return h.count(store.CollectionAgents, "") == 1 })
	agent, err := app.FindAuthRecordByEmail(store.CollectionAgents, "mei@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if agent.GetString("role") != "agent" || agent.GetString("status") != "offline" || agent.GetInt("max_concurrent") != 10 {
		t.Fatalf("agent saved as %s/%s/%d", agent.GetString("role"), agent.GetString("status"), agent.GetInt("max_concurrent"))
	}

	// 3. The channel: a 7-character EncodingAESKey is refused on its field.
	dashboardNewRecord(t, ctx, base, "channels")
	run(t, ctx, "fill channel", chromedp.SendKeys(chromedp.CSS(`textarea[name=name]`), "门店公众号"))
	dashboardSelect(t, ctx, "kind", "wechat_mp")
	run(t, ctx, "fill keys", chromedp.SendKeys(chromedp.CSS(`textarea[name=app_id]`), testAccount.AppID),
		chromedp.SendKeys(chromedp.CSS(`textarea[name=secret]`), testAccount.Secret),
		chromedp.SendKeys(chromedp.CSS(`textarea[name=token]`), testAccount.Token),
		chromedp.SendKeys(chromedp.CSS(`textarea[name=aes_key]`), "abcdefg"),
		chromedp.SendKeys(chromedp.CSS(`input[name=api_base]`), simSrv.URL))
	eval[bool](t, ctx, `document.querySelector('input[name=enabled]').click() || true`)
	dashboardSave(t, ctx)
	waitJS(t, ctx, "aes_key field error", `(document.querySelector('[data-input-name=aes_key].error') || {textContent: ''}).textContent.includes('43 characters')`)
	scrollTo(t, ctx, `textarea[name=aes_key]`)
	screenshot(t, ctx, "dashboard-channel-error")
	setTextArea(t, ctx, "aes_key", testAccount.EncodingAESKey)
	dashboardSave(t, ctx)
	h.waitFor("channel saved", func() bool { return h.count(store.CollectionChannels, "") == 1 })
	ch, err := app.FindFirstRecordByFilter(store.CollectionChannels, "")
	if err != nil {
		t.Fatal(err)
	}

	// 4. The channel shows the callback URL to paste into WeChat's console.
	want := base + "/callback/" + ch.Id
	run(t, ctx, "open channel", chromedp.Navigate(base+"/_/#/collections?collection=channels&record="+ch.Id),
		chromedp.WaitVisible(chromedp.CSS(`textarea[name=callback_url]`)))
	waitJS(t, ctx, "callback URL shown", `document.querySelector('textarea[name=callback_url]').value === `+jsString(want)+
		` && document.querySelector('textarea[name=callback_url]').readOnly`)
	sim.SetCallbackURL(testAccount.AppID, eval[string](t, ctx, `document.querySelector('textarea[name=callback_url]').value`))
	if err := sim.VerifyURL(h.ctx(), testAccount.AppID); err != nil {
		t.Fatalf("WeChat's URL check: %v", err)
	}
	h.waitFor("verification shown", func() bool {
		r, err := app.FindRecordById(store.CollectionChannels, ch.Id)
		return err == nil && !r.GetDateTime("last_verified_at").IsZero()
	})
	run(t, ctx, "reopen channel", chromedp.Navigate(base+"/_/#/collections?collection=channels"),
		chromedp.WaitVisible(chromedp.CSS(`button.new-record-btn`)),
		chromedp.Navigate(base+"/_/#/collections?collection=channels&record="+ch.Id),
		chromedp.WaitVisible(chromedp.CSS(`textarea[name=callback_url]`)))
	waitJS(t, ctx, "verification shown", `document.querySelector('input[name=last_verified_at]').value !== ''`)
	scrollTo(t, ctx, `textarea[name=callback_url]`)
	screenshot(t, ctx, "dashboard-channel")

	// 5. The first message, answered by the agent.
	if _, err := sim.Customer(testAccount.AppID, "o_first_customer").SendText(h.ctx(), "你好，第一次来"); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "agent login", chromedp.Navigate(base+"/inbox/login"), chromedp.WaitVisible(chromedp.ID("login-submit")),
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), "mei@example.com"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "password123"), chromedp.Click(chromedp.ID("login-submit")),
		chromedp.WaitVisible(chromedp.ID("tab-queue")))
	waitJS(t, ctx, "lands on the queue", `document.querySelector('#tab-queue').classList.contains('current') &&
		document.querySelectorAll('#conv-list .row').length === 1`)
	eval[bool](t, ctx, `document.querySelector('button.status-online').click() || true`)
	waitJS(t, ctx, "online", `!!document.querySelector('button.status-online.current')`)
	conv, err := app.FindFirstRecordByFilter(store.CollectionConversations, "state != 'closed'")
	if err != nil {
		t.Fatal(err)
	}
	// Routing may hand the conversation to the agent now that she is online;
	// otherwise she claims it from the queue.
	run(t, ctx, "open", chromedp.Navigate(base+"/inbox/conversations/"+conv.Id), chromedp.WaitVisible(chromedp.ID("conversation")))
	if eval[bool](t, ctx, `!!document.getElementById('claim')`) {
		// The claim reloads the page: mark this one to know when it is gone.
		eval[bool](t, ctx, `(window.__beforeClaim = true) && (document.getElementById('claim').click(), true)`)
	}
	h.waitFor("conversation is hers", func() bool {
		c, err := app.FindRecordById(store.CollectionConversations, conv.Id)
		return err == nil && c.GetString("agent") == agent.Id && c.GetString("state") == "active"
	})
	waitJS(t, ctx, "reply box", `!window.__beforeClaim && document.readyState === 'complete' && !!document.getElementById('reply-text')`)
	run(t, ctx, "reply", chromedp.SendKeys(chromedp.ID("reply-text"), "您好，欢迎！有什么可以帮您？"), chromedp.Click(chromedp.ID("send")))
	waitJS(t, ctx, "reply sent", `[...document.querySelectorAll('.msg.out')].some(m => m.dataset.status === 'sent')`)
	if sent := sim.Sent(testAccount.AppID); len(sent) != 1 || sent[0].ToUser != "o_first_customer" {
		t.Fatalf("WeChat received %+v", sent)
	}
}
