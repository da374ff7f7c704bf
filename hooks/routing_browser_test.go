package hooks_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/wedesk/wedesk/hooks"
)

// TestRoutingTransferInBrowser: a supervisor sees the team's status and
// load change live, opens the transfer dialog of agent1's conversation,
// picks agent2 with a note, and the history shows the transfer.
func TestRoutingTransferInBrowser(t *testing.T) {
	h := newHarness(t, hooks.Options{PauseOutbox: true})
	ctx := newBrowser(t)
	base := h.srv.URL
	h.setAgent(h.agent, map[string]any{"status": "online"})
	c := h.write("o_browser_transfer", "请帮我转接售后")
	if h.agentOf(c) != h.agent.Id {
		t.Fatal("premise: agent1 serves the conversation")
	}

	run(t, ctx, "open login", chromedp.Navigate(base+"/inbox"), chromedp.WaitVisible(chromedp.ID("login-submit")))
	run(t, ctx, "sign in", chromedp.SendKeys(chromedp.CSS(`input[name=email]`), "lead@example.com"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "password123"),
		chromedp.Click(chromedp.ID("login-submit")), chromedp.WaitVisible(chromedp.ID("tab-mine")))
	run(t, ctx, "open conversation", chromedp.Navigate(base+"/inbox/conversations/"+c.Id), chromedp.WaitVisible(chromedp.ID("transfer-open")))
	waitJS(t, ctx, "realtime connected", `document.body.dataset.live === 'true'`)
	waitJS(t, ctx, "agent1's load", `document.querySelector('#team-`+h.agent.Id+` .load').textContent === '1/10'`)

	t.Run("team status is live", func(t *testing.T) {
		h.setAgent(h.agent2, map[string]any{"status": "online"})
		waitJS(t, ctx, "agent2 online", `document.getElementById('team-`+h.agent2.Id+`').dataset.status === 'online'`)
	})

	t.Run("transfer dialog", func(t *testing.T) {
		// Reload so the dialog lists agent2 as available.
		run(t, ctx, "reload", chromedp.Navigate(base+"/inbox/conversations/"+c.Id), chromedp.WaitVisible(chromedp.ID("transfer-open")))
		run(t, ctx, "open dialog", chromedp.Click(chromedp.ID("transfer-open")), chromedp.WaitVisible(chromedp.ID("transfer-form")))
		waitJS(t, ctx, "agents with status and load", `[...document.querySelectorAll('#transfer-form .transfer-agent')].some(l => l.textContent.includes('Agent Two') && l.textContent.includes('0/10'))`)
		waitJS(t, ctx, "queues with length", `document.querySelectorAll('#transfer-form .transfer-queue').length >= 1`)
		run(t, ctx, "choose agent2", chromedp.Click(chromedp.CSS(`#transfer-form input[value="agent:`+h.agent2.Id+`"]`)),
			chromedp.SendKeys(chromedp.CSS(`#transfer-form textarea[name=note]`), "售后问题"),
			chromedp.Click(chromedp.ID("transfer-submit")))
		waitJS(t, ctx, "transfer in the history", `[...document.querySelectorAll('#messages .msg')].some(m => m.textContent.includes('转接给 Agent Two：售后问题'))`)
		if h.agentOf(c) != h.agent2.Id {
			t.Fatalf("conversation agent %q", h.agentOf(c))
		}
	})
}
