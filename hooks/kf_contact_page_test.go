package hooks_test

import (
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/wedesk/wedesk/internal/contact"
)

// TestKFContactPageInBrowser opens /_wedesk/contact.html signed in as the
// dashboard's superuser: every scene of the account shows its QR code,
// link and button snippet, in Chinese and then in English.
func TestKFContactPageInBrowser(t *testing.T) {
	ctx := newBrowser(t)
	k := newKFHarness(t, "")
	su := k.superuser()
	page := k.srv.URL + "/_wedesk/contact.html"

	run(t, ctx, "open signed out", chromedp.Navigate(page))
	waitJS(t, ctx, "the sign-in notice", `!document.getElementById("signin").hidden`)
	run(t, ctx, "sign in", chromedp.Evaluate[chromedp.Void](`localStorage.setItem("__pb_superusers__/_", JSON.stringify({token: `+
		strconv.Quote(k.token(su))+`, record: {}}))`), chromedp.Reload())
	n := strconv.Itoa(len(contact.Scenes))
	waitJS(t, ctx, "a QR code per scene", `document.querySelectorAll(".link-box .qr svg path").length === `+n)
	waitJS(t, ctx, "links and snippets", `[...document.querySelectorAll(".link-url")].every(f => f.value.startsWith("https://work.weixin.qq.com/kfid/kfc")) &&
		[...document.querySelectorAll(".link-snippet")].every(f => f.value.includes("在线咨询 / Chat with us")) &&
		document.querySelectorAll(".link-url").length === `+n)
	waitJS(t, ctx, "Chinese scene names", `[...document.querySelectorAll(".link-box h3")].map(h => h.textContent).join() === "视频号,公众号,小程序,网页,App,搜一搜,支付凭证"`)
	waitJS(t, ctx, "the account", `document.querySelector(".account h2").textContent.includes("WeDesk 客服")`)

	run(t, ctx, "English", chromedp.Evaluate[chromedp.Void](`document.getElementById("lang-toggle").click()`))
	waitJS(t, ctx, "English labels", `document.querySelector("h1").textContent === "WeChat customer service contact links" &&
		document.querySelectorAll(".link-box h3")[3].textContent === "Website"`)
	run(t, ctx, "to the license page", chromedp.Navigate(k.srv.URL+"/_wedesk/license.html"))
	waitJS(t, ctx, "the link back", `document.querySelector('a[href="contact.html"]').textContent === "Contact links"`)
}
