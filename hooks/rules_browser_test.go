package hooks_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/wedesk/wedesk/hooks"
)

// TestAMRVoicePlaysInBrowser: a WeChat voice clip (AMR, which no browser
// plays) is decoded in the page by the vendored benz-amr-recorder under
// the inbox's real Content-Security-Policy (its decoder runs in blob:
// workers), and the page shows the clip's length from the server.
func TestAMRVoicePlaysInBrowser(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	ctx := newBrowser(t)
	cust := h.customer("o_browser_voice")
	if _, err := cust.SendVoice(h.ctx(), amrFrames(100)); err != nil { // 2 s
		t.Fatal(err)
	}
	h.waitFor("voice stored", func() bool { return h.count("messages", "type = 'voice' && media_state = 'stored'") == 1 })
	conv := h.openConv("o_browser_voice").Id

	base := h.srv.URL
	run(t, ctx, "open login", chromedp.Navigate(base+"/inbox"), chromedp.WaitVisible(chromedp.ID("login-submit")))
	run(t, ctx, "fill login", chromedp.SendKeys(chromedp.CSS(`input[name=email]`), "lead@example.com"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "password123"))
	run(t, ctx, "sign in", chromedp.Click(chromedp.ID("login-submit")), chromedp.WaitVisible(chromedp.ID("tab-mine")))
	run(t, ctx, "open conversation", chromedp.Navigate(base+"/inbox/conversations/"+conv),
		chromedp.WaitVisible(chromedp.CSS(".amr-play")))

	waitJS(t, ctx, "duration shown", `document.querySelector('.voice-duration').textContent === '2″'`)
	eval[bool](t, ctx, `(function () {
		var r = new BenzAMRRecorder();
		r.initWithUrl(document.querySelector('.amr-play').dataset.src)
			.then(function () { window.__amrDuration = r.getDuration(); })
			.catch(function (e) { window.__amrError = String(e); });
		return true;
	})()`)
	waitJS(t, ctx, "AMR decoded in the page", `window.__amrError === undefined && window.__amrDuration > 1.5 && window.__amrDuration < 2.5`)
	run(t, ctx, "press play", chromedp.Click(chromedp.CSS(".amr-play")))
	waitJS(t, ctx, "playing or played", `document.querySelector('.amr-play') !== null && 
		(document.querySelector('.amr-play').classList.contains('playing') || document.querySelector('.amr-play').textContent.indexOf('▶') === 0)`)
}

// TestRefusalShownAndClearedInBrowser: a refused send shows WeChat's rule
// in the inbox's language (no internal names), and the refusal disappears
// by itself when the customer writes again and the budget reopens.
func TestRefusalShownAndClearedInBrowser(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	ctx := newBrowser(t)
	cust := h.customer("o_browser_refusal")
	conv := h.openConversation("o_browser_refusal")
	for i := 0; i < 5; i++ {
		h.mustReply(conv)
	}
	base := h.srv.URL
	run(t, ctx, "open login", chromedp.Navigate(base+"/inbox"), chromedp.WaitVisible(chromedp.ID("login-submit")))
	run(t, ctx, "fill login", chromedp.SendKeys(chromedp.CSS(`input[name=email]`), "agent1@example.com"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "password123"))
	run(t, ctx, "sign in", chromedp.Click(chromedp.ID("login-submit")), chromedp.WaitVisible(chromedp.ID("tab-mine")))
	run(t, ctx, "open conversation", chromedp.Navigate(base+"/inbox/conversations/"+conv),
		chromedp.WaitVisible(chromedp.ID("reply-text")))
	waitJS(t, ctx, "realtime connected", `document.body.dataset.live === 'true'`)
	waitJS(t, ctx, "lock banner", `document.getElementById('lock-banner') !== null`)

	run(t, ctx, "send a sixth", chromedp.SendKeys(chromedp.ID("reply-text"), "第六条"), chromedp.KeyEvent("\r"))
	waitJS(t, ctx, "refusal in Chinese", `document.getElementById('reply-error').textContent.includes('已发送 5 条') &&
		!/sendlimit/i.test(document.getElementById('reply-error').textContent)`)

	if _, err := cust.SendText(h.ctx(), "我又来了"); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "refusal cleared as the budget reopens", `document.getElementById('reply-error').textContent === '' &&
		document.getElementById('lock-banner') === null`)
}
