package hooks_test

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/store"
)

// TestPolishInBrowser: two customers with the same nickname told apart by
// avatar, id and then remark name; a team quick reply added by one agent
// and used by another, its popover closing on Esc and outside click; the
// inbox at 390 px as list → conversation → customer screens without
// horizontal scrolling. No request of the session may answer 404.
func TestPolishInBrowser(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	ctx := newBrowser(t)
	watchNotFound(t, ctx)
	base := h.srv.URL
	// Nobody online: routing leaves the conversations in the queue, where
	// the test opens and claims them itself.
	for _, a := range []*core.Record{h.agent, h.agent2, h.supervisor} {
		a.Set("status", "offline")
		if err := h.app.Save(a); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []string{"oDemoUser0000000000000000Wang01", "oDemoUser0000000000000000Wang02"} {
		if _, err := h.customer(id).SendText(h.ctx(), "在吗？"); err != nil {
			t.Fatal(err)
		}
		h.waitFor("customer "+id, func() bool { return h.count(store.CollectionCustomers, "external_id = '"+id+"'") == 1 })
		r, err := h.app.FindFirstRecordByFilter(store.CollectionCustomers, "external_id = {:id}", map[string]any{"id": id})
		if err != nil {
			t.Fatal(err)
		}
		r.Set("nickname", "小王")
		if err := h.app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	signIn(t, ctx, base, "lead@example.com")

	t.Run("same nickname, different faces", func(t *testing.T) {
		run(t, ctx, "all", chromedp.Navigate(base+"/inbox?tab=all"), chromedp.WaitVisible(chromedp.CSS("#conv-list .row")))
		waitJS(t, ctx, "two rows told apart", `(() => { const r = [...document.querySelectorAll('#conv-list .row')];
			return r.length === 2 && r[0].querySelector('.avatar').className !== r[1].querySelector('.avatar').className &&
				r[0].querySelector('.id-tail').textContent !== r[1].querySelector('.id-tail').textContent })()`)
		run(t, ctx, "open first", chromedp.Click(chromedp.CSS("#conv-list .row")), chromedp.WaitVisible(chromedp.ID("remark-input")),
			chromedp.SendKeys(chromedp.ID("remark-input"), "王女士（批发）"), chromedp.Click(chromedp.ID("remark-save")))
		waitJS(t, ctx, "remark shown", `document.querySelector('#customer .name').textContent === '王女士（批发）'`)
		run(t, ctx, "reload list", chromedp.Navigate(base+"/inbox?tab=all"), chromedp.WaitVisible(chromedp.CSS("#conv-list .row")))
		waitJS(t, ctx, "remark in the list", `[...document.querySelectorAll('#conv-list .row .name')].map(n => n.textContent).sort().join() === '小王,王女士（批发）'`)
		screenshot(t, ctx, "faces")
	})

	t.Run("team quick reply shared", func(t *testing.T) {
		run(t, ctx, "open", chromedp.Click(chromedp.CSS("#conv-list .row")), chromedp.WaitVisible(chromedp.ID("claim")))
		// The claim reloads the page: mark this one to know when it is gone.
		eval[bool](t, ctx, `(window.__beforeClaim = true) && (document.getElementById('claim').click(), true)`)
		waitJS(t, ctx, "claimed", `!window.__beforeClaim && document.readyState === 'complete' && !document.getElementById('claim') &&
			!!document.getElementById('quick-toggle')`)
		run(t, ctx, "quick replies", chromedp.Click(chromedp.ID("quick-toggle")), chromedp.WaitVisible(chromedp.CSS("#quick-list .qr-item")))
		run(t, ctx, "add", chromedp.Click(chromedp.CSS(".qr-manage summary")),
			chromedp.SendKeys(chromedp.CSS(".qr-add input[name=keyword]"), "发货"),
			chromedp.SendKeys(chromedp.CSS(".qr-add textarea[name=text]"), "您的订单已发货，顺丰单号 SF1024。"),
			chromedp.SetValue(chromedp.CSS(".qr-add select[name=scope]"), "team"), chromedp.Click(chromedp.ID("quick-save")))
		waitJS(t, ctx, "added", `[...document.querySelectorAll('#quick-list .qr-text')].some(e => e.textContent.includes('SF1024'))`)
		run(t, ctx, "Esc", chromedp.KeyEvent("\u001b"))
		waitJS(t, ctx, "closed by Esc", `document.getElementById('quick-panel').hidden`)
		run(t, ctx, "reopen", chromedp.Click(chromedp.ID("quick-toggle")), chromedp.WaitVisible(chromedp.ID("quick-panel")),
			chromedp.Click(chromedp.ID("messages")))
		waitJS(t, ctx, "closed by outside click", `document.getElementById('quick-panel').hidden`)

		eval[bool](t, ctx, `document.getElementById('logout').click() || true`)
		run(t, ctx, "signed out", chromedp.WaitVisible(chromedp.ID("login-submit")))
		signIn(t, ctx, base, "agent1@example.com")
		run(t, ctx, "queue", chromedp.Navigate(base+"/inbox?tab=queue"), chromedp.WaitVisible(chromedp.CSS("#conv-list .row")),
			chromedp.Click(chromedp.CSS("#conv-list .row")), chromedp.WaitVisible(chromedp.ID("quick-toggle")),
			chromedp.Click(chromedp.ID("quick-toggle")), chromedp.WaitVisible(chromedp.ID("quick-search")),
			chromedp.SendKeys(chromedp.ID("quick-search"), "发货"))
		waitJS(t, ctx, "found by keyword", `document.querySelectorAll('#quick-list .qr-use').length === 1 &&
			document.querySelector('#quick-list .qr-use').dataset.text.includes('SF1024')`)
		screenshot(t, ctx, "quick-replies")
		run(t, ctx, "use", chromedp.Click(chromedp.CSS("#quick-list .qr-use")))
		waitJS(t, ctx, "inserted", `document.getElementById('reply-text').value.includes('SF1024') && document.getElementById('quick-panel').hidden`)
	})

	t.Run("phone layout", func(t *testing.T) {
		noScroll := `document.documentElement.scrollWidth <= 390 && document.body.scrollWidth <= 390`
		run(t, ctx, "phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
			chromedp.Navigate(base+"/inbox?tab=queue"), chromedp.WaitVisible(chromedp.CSS("#conv-list .row")))
		waitJS(t, ctx, "list screen fits", noScroll+` && document.querySelector('.topbar').getBoundingClientRect().height < 100 &&
			document.querySelector('.topbar .brand').getBoundingClientRect().height < 30`)
		screenshot(t, ctx, "phone-list")
		run(t, ctx, "open", chromedp.Click(chromedp.CSS("#conv-list .row")), chromedp.WaitVisible(chromedp.ID("messages")))
		waitJS(t, ctx, "conversation screen fits", noScroll+` && getComputedStyle(document.querySelector('.list-col')).display === 'none'`)
		screenshot(t, ctx, "phone-conversation")
		run(t, ctx, "customer", chromedp.Click(chromedp.ID("screen-customer")), chromedp.WaitVisible(chromedp.ID("customer")))
		waitJS(t, ctx, "customer screen fits", noScroll+` && getComputedStyle(document.querySelector('.conv-col')).display === 'none'`)
		screenshot(t, ctx, "phone-customer")
		run(t, ctx, "back", chromedp.Click(chromedp.ID("screen-conversation")), chromedp.WaitVisible(chromedp.ID("messages")),
			chromedp.Click(chromedp.ID("screen-list")), chromedp.WaitVisible(chromedp.CSS("#conv-list .row")))
		run(t, ctx, "desktop", chromedp.EmulateViewport(1440, 900))
	})
}

// signIn signs an agent in at /inbox/login (password123, as the harness makes them).
func signIn(t *testing.T, ctx context.Context, base, email string) {
	t.Helper()
	run(t, ctx, "sign in "+email, chromedp.Navigate(base+"/inbox/login"), chromedp.WaitVisible(chromedp.ID("login-submit")),
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), email), chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "password123"),
		chromedp.Click(chromedp.ID("login-submit")), chromedp.WaitVisible(chromedp.ID("tab-mine")))
}
