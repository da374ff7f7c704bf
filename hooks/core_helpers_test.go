package hooks_test

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/web/inbox"
)

// coreClock is a settable clock for hooks.Options.Now.
type coreClock struct {
	mu sync.Mutex
	t  time.Time
}

func newCoreClock() *coreClock {
	return &coreClock{t: time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)}
}

func (c *coreClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock on and returns the new time.
func (c *coreClock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
	return c.t
}

// coreText is a hand-built customer text, the same for every channel kind.
func coreText(from, id, text string) channel.Inbound {
	return channel.Inbound{ExternalID: from, MsgID: id, DedupKey: id, Type: "text", Text: text, Preview: text,
		Payload: map[string]any{"text": text}}
}

// commit stores msgs as one ingest batch on the harness channel.
func (h *harness) commit(msgs ...channel.Inbound) {
	h.t.Helper()
	if err := h.desk.Ingest.StoreBatch(h.channel.Id, msgs); err != nil {
		h.t.Fatal(err)
	}
}

// openConv returns the one open conversation of a customer.
func (h *harness) openConv(externalID string) *core.Record {
	h.t.Helper()
	c, err := h.app.FindFirstRecordByFilter(store.CollectionConversations,
		"customer.external_id = {:x} && state != 'closed'", map[string]any{"x": externalID})
	if err != nil {
		h.t.Fatalf("open conversation of %s: %v", externalID, err)
	}
	return c
}

// reload reads a record again from the database.
func (h *harness) reload(r *core.Record) *core.Record {
	h.t.Helper()
	fresh, err := h.app.FindRecordById(r.Collection().Name, r.Id)
	if err != nil {
		h.t.Fatal(err)
	}
	return fresh
}

// convState is what ingest writes on a conversation: a stale save must not
// put any of it back.
type convState struct {
	Unread         int
	LastCustomerAt time.Time
	LastMessageAt  time.Time
	LastPreview    string
}

func stateOf(c *core.Record) convState {
	return convState{
		Unread:         c.GetInt("unread"),
		LastCustomerAt: c.GetDateTime("last_customer_at").Time(),
		LastMessageAt:  c.GetDateTime("last_message_at").Time(),
		LastPreview:    c.GetString("last_preview"),
	}
}

// inboxRequest sends an inbox request with an agent's session cookie (and
// CSRF token for posts).
func (h *harness) inboxRequest(agent *core.Record, method, path string, form url.Values) (int, string) {
	h.t.Helper()
	var body *strings.Reader
	if form != nil {
		form.Set("csrf", inbox.CSRFToken(agent))
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	req, err := http.NewRequest(method, h.srv.URL+path, body)
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Cookie", "wd_session="+h.token(agent))
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	return res.StatusCode, readAll(h.t, res)
}

// mustDiffer guards a test's premise: the interleaved write must
// change what a stale copy would put back.
func mustDiffer(t testing.TB, stale, fresh convState) {
	t.Helper()
	if stale.LastCustomerAt.Equal(fresh.LastCustomerAt) || stale.LastPreview == fresh.LastPreview {
		t.Fatalf("premise: the interleaved message changed nothing (stale %+v, fresh %+v)", stale, fresh)
	}
}
