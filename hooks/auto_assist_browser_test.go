package hooks_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/kb"
)

// TestAutoSmartAssistInBrowser: the inbox suggests knowledge-base answers
// for what the customer writes, refreshes them as new messages arrive,
// puts a chosen answer in the reply box, lets the agent add an answer from
// the conversation, and invites the customer to rate.
func TestAutoSmartAssistInBrowser(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	for _, a := range [][3]string{
		{"如何退货", "退货", "七天无理由退货，请在订单页申请售后。"},
		{"怎么开发票", "发票", "请在订单详情页申请电子发票。"},
	} {
		col, err := h.app.FindCollectionByNameOrId(kb.CollectionAnswers)
		if err != nil {
			t.Fatal(err)
		}
		r := core.NewRecord(col)
		r.Load(map[string]any{"question": a[0], "keywords": a[1], "answer": a[2], "enabled": true})
		if err := h.app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	ctx := newBrowser(t)
	cust := h.customer("o_assist_customer")
	if _, err := cust.SendText(h.ctx(), "衣服不合适，我想退货"); err != nil {
		t.Fatal(err)
	}
	base := h.srv.URL
	run(t, ctx, "open login", chromedp.Navigate(base+"/inbox"), chromedp.WaitVisible(chromedp.ID("login-submit")))
	run(t, ctx, "sign in", chromedp.SendKeys(chromedp.CSS(`input[name=email]`), "agent1@example.com"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "password123"),
		chromedp.Click(chromedp.ID("login-submit")), chromedp.WaitVisible(chromedp.ID("tab-mine")))
	run(t, ctx, "open queue", chromedp.Navigate(base+"/inbox?tab=queue"), chromedp.WaitVisible(chromedp.CSS("#conv-list .row")))
	run(t, ctx, "open conversation", chromedp.Click(chromedp.CSS("#conv-list .row")), chromedp.WaitVisible(chromedp.ID("reply-text")))

	waitJS(t, ctx, "return suggestion", `[...document.querySelectorAll('#suggestions .suggestion-a')].some(e => e.textContent.includes('七天无理由退货'))`)
	waitJS(t, ctx, "realtime connected", `document.body.dataset.live === 'true'`)
	if _, err := cust.SendText(h.ctx(), "另外发票怎么开？"); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "suggestion follows the customer", `(() => { const s = document.querySelector('#suggestions .suggestion-a');
		return s !== null && s.textContent.includes('电子发票') })()`)
	run(t, ctx, "use answer", chromedp.Click(chromedp.CSS("#suggestions .use-answer")))
	waitJS(t, ctx, "answer in reply box", `document.getElementById('reply-text').value === '请在订单详情页申请电子发票。'`)
	screenshot(t, ctx, "smart-assist")

	if _, err := cust.SendText(h.ctx(), "你们周末上班吗"); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "no suggestion", `document.getElementById('no-suggestions') !== null`)
	run(t, ctx, "open add answer", chromedp.Click(chromedp.ID("add-answer-open")))
	waitJS(t, ctx, "question prefilled", `document.querySelector('.add-answer input[name=question]').value === '你们周末上班吗'`)
	run(t, ctx, "fill answer", chromedp.SendKeys(chromedp.CSS(".add-answer input[name=keywords]"), "周末,上班"),
		chromedp.SendKeys(chromedp.CSS(".add-answer textarea[name=answer]"), "周末 10:00–17:00 在线。"),
		chromedp.Click(chromedp.CSS(".add-answer .save-answer")))
	waitJS(t, ctx, "new answer suggested", `[...document.querySelectorAll('#suggestions .suggestion-a')].some(e => e.textContent === '周末 10:00–17:00 在线。')`)
	if n := h.count(kb.CollectionAnswers, "question = '你们周末上班吗' && channel = '"+h.channel.Id+"'"); n != 1 {
		t.Fatalf("answer stored %d times for the channel", n)
	}

	run(t, ctx, "invite to rate", chromedp.Click(chromedp.ID("survey-invite")))
	waitJS(t, ctx, "invited", `document.getElementById('survey-line').textContent.length > 0 && document.querySelector('.assist-notice') !== null`)
	h.waitFor("numbered survey sent", func() bool {
		return h.count("messages", "sender = 'system' && text ~ '回复数字评分'") == 1
	})
}
