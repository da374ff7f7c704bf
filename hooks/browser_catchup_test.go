package hooks_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/wedesk/wedesk/hooks"
)

// fragmentOutage makes the page's requests for message fragments
// (GET /inbox/messages/{id}) fail while realtime and every other request
// go through, as a network blip or a restarting server would. Requests are
// paused with the Fetch domain and answered in turn with a connection
// error and a 503. It fails every fragment while all is set, and those of
// the ids in only otherwise.
type fragmentOutage struct {
	mu     sync.Mutex
	all    bool
	only   map[string]bool
	failed map[string]int // message id -> failed requests
	passed map[string]int // message id -> requests let through
}

const fragmentPath = "/inbox/messages/"

func interceptFragments(t *testing.T, ctx context.Context) *fragmentOutage {
	t.Helper()
	o := &fragmentOutage{only: map[string]bool{}, failed: map[string]int{}, passed: map[string]int{}}
	ictx, cancel := context.WithCancel(ctx)
	events := chromedp.Events(ictx, fetch.RequestPaused) // subscribed before Enable: none is lost
	done := make(chan struct{})
	go func() {
		defer close(done)
		n := 0
		for ev, err := range events {
			if err != nil {
				return
			}
			u := ev.Request.URL
			id := u[strings.Index(u, fragmentPath)+len(fragmentPath):]
			if i := strings.IndexAny(id, "/?"); i >= 0 {
				id = id[:i]
			}
			o.mu.Lock()
			fail := o.all || o.only[id]
			if fail {
				o.failed[id]++
			} else {
				o.passed[id]++
			}
			o.mu.Unlock()
			switch {
			case !fail:
				_, err = chromedp.Call(ictx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
			case n%2 == 0:
				_, err = chromedp.Call(ictx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonConnectionFailed})
			default:
				_, err = chromedp.Call(ictx, fetch.FulfillRequest, fetch.FulfillRequestParams{RequestID: ev.RequestID, ResponseCode: 503,
					ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "text/plain"}}, Body: []byte("restarting")})
			}
			if fail {
				n++
			}
			if err != nil && ictx.Err() == nil {
				t.Errorf("answer paused request %s: %v", u, err)
			}
		}
	}()
	t.Cleanup(func() { cancel(); <-done })
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{
		Patterns: []*fetch.RequestPattern{{URLPattern: "*" + fragmentPath + "*", RequestStage: fetch.RequestStageRequest}},
	}); err != nil {
		t.Fatalf("enable request interception: %v", err)
	}
	return o
}

func (o *fragmentOutage) set(all bool, only ...string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.all = all
	o.only = map[string]bool{}
	for _, id := range only {
		o.only[id] = true
	}
}

// failures is the number of failed requests in all, and the ids they were for.
func (o *fragmentOutage) failures() (int, []string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	total, ids := 0, []string{}
	for id, n := range o.failed {
		total += n
		ids = append(ids, id)
	}
	return total, ids
}

// TestInboxFragmentRetryInBrowser: realtime announces a customer's message
// to the open conversation but its fragment cannot be fetched. Once the
// server answers again the message shows, once, in its place, without a
// reload; in between, a later message that did load puts the page's last
// seq past the missing one, so a catch-up by seq alone would miss it.
func TestInboxFragmentRetryInBrowser(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	ctx := newBrowser(t)
	base := h.srv.URL
	cust := h.customer("o_fragment_retry")
	wctx := h.ctx()

	if _, err := cust.SendText(wctx, "您好"); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "sign in", chromedp.Navigate(base+"/inbox"), chromedp.WaitVisible(chromedp.ID("login-submit")),
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), "agent1@example.com"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "password123"),
		chromedp.Click(chromedp.ID("login-submit")), chromedp.WaitVisible(chromedp.ID("tab-mine")))
	run(t, ctx, "open conversation", chromedp.Navigate(base+"/inbox?tab=queue"), chromedp.WaitVisible(chromedp.CSS("#conv-list .row")),
		chromedp.Click(chromedp.CSS("#conv-list .row")), chromedp.WaitVisible(chromedp.ID("reply-text")))
	waitJS(t, ctx, "realtime connected", `document.body.dataset.live === 'true' && document.querySelectorAll('.msg.in').length === 1`)
	eval[int](t, ctx, `window.__sameDocument = 7`)

	outage := interceptFragments(t, ctx)
	outage.set(true)
	const lost, later = "网络抖动时发来的消息", "恢复后的下一条"
	if _, err := cust.SendText(wctx, lost); err != nil {
		t.Fatal(err)
	}
	h.waitFor("the announced fragment failed twice (the first fetch and a retry)", func() bool {
		n, _ := outage.failures()
		return n >= 2
	})
	n, ids := outage.failures()
	if len(ids) != 1 {
		t.Fatalf("failed fragments for %v, want one message", ids)
	}
	lostID := ids[0]
	if got := field(t, h.app, "messages", lostID, "text"); got != lost {
		t.Fatalf("the failed fragment is for %q, want %q", got, lost)
	}
	if eval[bool](t, ctx, `document.getElementById('m-`+lostID+`') !== null`) {
		t.Fatal("the message shows although its fragment failed; the test proves nothing")
	}

	// Other fragments load again, this one still fails: the next message
	// shows, and the page's last seq is now past the missing one.
	outage.set(false, lostID)
	if _, err := cust.SendText(wctx, later); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "later message shown", `[...document.querySelectorAll('.msg.in .text')].some(e => e.textContent === `+jsString(later)+`)`)
	if eval[bool](t, ctx, `document.getElementById('m-`+lostID+`') !== null`) {
		t.Fatal("the message shows although its fragment still fails")
	}
	h.waitFor("one more retry, still failing", func() bool {
		m, _ := outage.failures()
		return m > n
	})

	// The server answers again: the message shows once, before the later one,
	// in the same document.
	outage.set(false)
	waitJSWithin(t, ctx, 30*time.Second, "the lost message shown", `document.getElementById('m-`+lostID+`') !== null`)
	time.Sleep(time.Second) // let any duplicate request land
	if !eval[bool](t, ctx, `window.__sameDocument === 7`) {
		t.Fatal("the page was reloaded")
	}
	if got := eval[int](t, ctx, `[...document.querySelectorAll('.msg.in .text')].filter(e => e.textContent === `+jsString(lost)+`).length`); got != 1 {
		t.Fatalf("the lost message shows %d times", got)
	}
	order := eval[[]string](t, ctx, `[...document.querySelectorAll('.msg.in .text')].map(e => e.textContent)`)
	if want := []string{"您好", lost, later}; strings.Join(order, "|") != strings.Join(want, "|") {
		t.Fatalf("messages shown %q, want %q", order, want)
	}
	if dupes := eval[int](t, ctx, `(() => { const ids = [...document.querySelectorAll('.msg')].map(m => m.id);
		return ids.length - new Set(ids).size })()`); dupes != 0 {
		t.Fatalf("%d duplicated messages", dupes)
	}
	if _, err := chromedp.Call(ctx, fetch.Disable, cdp.Empty{}); err != nil {
		t.Fatalf("disable request interception: %v", err)
	}
}
