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
