package hooks_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/store"
)

// signInBrowser opens a separate browser context (its own cookies) signed
// in as email, on path, with the page's live frames recorded in
// window.__frames.
func signInBrowser(t *testing.T, parent context.Context, base, email, path string) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(parent, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	watchConsole(t, ctx)
	run(t, ctx, "sign in "+email, chromedp.Navigate(base+"/inbox/login"), chromedp.WaitVisible(chromedp.ID("login-submit")),
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), email),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "password123"),
		chromedp.Click(chromedp.ID("login-submit")), chromedp.WaitVisible(chromedp.ID("tab-mine")),
		chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.ID("conv-list")))
	waitJS(t, ctx, "realtime connected", `document.body.dataset.live === 'true'`)
	eval[bool](t, ctx, `(window.__frames = [], window.__sameDocument = true,
		wedesk.pb.realtime.subscribe('wedesk_live', f => window.__frames.push(f)), true)`)
	return ctx
}

// TestInboxLiveBurstInBrowser: two agents and a supervisor watch while 200
// messages arrive across 50 conversations. Each list and the open
// conversation show every message they may see without a reload, and no
// agent's page hears of another agent's conversation.
func TestInboxLiveBurstInBrowser(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	root := newBrowser(t)
	base := h.srv.URL
	wctx := h.ctx()

	const conversations, perConversation = 50, 4
	openid := func(i int) string { return fmt.Sprintf("o_burst_customer_%03d", i) }
	convs := make([]string, conversations)
	for i := range conversations {
		if _, err := h.customer(openid(i)).SendText(wctx, "hello"); err != nil {
			t.Fatal(err)
		}
		convs[i] = h.openConv(openid(i)).Id
	}
	// Conversations 0–9 are agent one's, 10–19 agent two's, the rest queued.
	for i := range 20 {
		who := h.agent
		if i >= 10 {
			who = h.agent2
		}
		if _, err := h.desk.Actions.Claim(h.app, store.NewAgent(who), convs[i]); err != nil {
			t.Fatal(err)
		}
	}

	one := signInBrowser(t, root, base, "agent1@example.com", "/inbox/conversations/"+convs[0]+"?tab=mine")
	two := signInBrowser(t, root, base, "agent2@example.com", "/inbox?tab=mine")
	lead := signInBrowser(t, root, base, "lead@example.com", "/inbox?tab=all")

	last := func(i int) string { return fmt.Sprintf("burst %02d-%d", i, perConversation-1) }
	var wg sync.WaitGroup
	errs := make(chan error, conversations)
	for i := range conversations {
		wg.Go(func() {
			for k := range perConversation {
				if _, err := h.customer(openid(i)).SendText(wctx, fmt.Sprintf("burst %02d-%d", i, k)); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}

	previews := func(ctx context.Context, ids []string) string {
		return `[` + strings.Join(func() []string {
			var out []string
			for _, id := range ids {
				out = append(out, `(document.querySelector('#row-`+id+` .preview') || {}).textContent`)
			}
			return out
		}(), ",") + `]`
	}
	wantPreviews := func(from, to int) string {
		var out []string
		for i := from; i < to; i++ {
			out = append(out, last(i))
		}
		return strings.Join(out, "|")
	}
	waitPreviews := func(who string, ctx context.Context, from, to int) {
		t.Helper()
		expr := previews(ctx, convs[from:to]) + `.join('|') === ` + jsString(wantPreviews(from, to))
		waitJSWithin(t, ctx, 30e9, who+"'s list shows every conversation's last message", expr)
	}
	waitPreviews("agent one", one, 0, 10)
	waitPreviews("agent two", two, 10, 20)
	waitPreviews("the supervisor", lead, 0, conversations)

	texts := `[...document.querySelectorAll('.msg.in .text')].map(e => e.textContent).join('|')`
	want := "hello|burst 00-0|burst 00-1|burst 00-2|burst 00-3"
	waitJSWithin(t, one, 30e9, "the open conversation shows the burst in order", texts+` === `+jsString(want))

	for who, ctx := range map[string]context.Context{"agent one": one, "agent two": two, "supervisor": lead} {
		if !eval[bool](t, ctx, `window.__sameDocument === true`) {
			t.Fatalf("%s's page was reloaded", who)
		}
	}
	// Agents hear only of their own conversations and the queue.
	for who, c := range map[string]struct {
		ctx     context.Context
		foreign []string
	}{"agent one": {one, convs[10:20]}, "agent two": {two, convs[0:10]}} {
		heard := eval[[]string](t, c.ctx, `window.__frames.flatMap(f => (f.events || []).filter(e => !e.gone)).map(e => e.conversation || e.id)`)
		for _, id := range heard {
			for _, f := range c.foreign {
				if id == f {
					t.Fatalf("%s heard of another agent's conversation %s", who, id)
				}
			}
		}
		if rows := eval[int](t, c.ctx, `document.querySelectorAll('#conv-list .row').length`); rows != 10 {
			t.Fatalf("%s's list has %d rows, want their 10", who, rows)
		}
	}
}
