package hooks_test

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/channel/channeltest"
	"github.com/wedesk/wedesk/internal/store"
)

// The tests of this file run the desk on channeltest, a driver with plain
// JSON callbacks, in-memory sends and canned media and profiles, plugged
// in through hooks.Options.Drivers: ingest, outbox and enrich need nothing
// channel-specific.

// TestCoreTestDriverPush: a push callback is stored exactly once (WeChat-
// style retries and concurrent duplicates), opens a queued conversation,
// its media is fetched through the driver and the customer's profile
// applied; a forged callback writes nothing.
func TestCoreTestDriverPush(t *testing.T) {
	h := newHarness(t, testDriverOptions(hooks.Options{}))
	ch := h.createTestDriverChannel(testDriverKind)
	png := tinyPNG(t)
	ch.acct.SetMedia("media-1", png, "photo.png")
	ch.acct.SetProfile("ext_a", channel.Profile{Nickname: "阿明", Avatar: "https://example.com/a.png"})

	forged := *ch
	forged.secret = "wrong"
	if status, _ := forged.post(`{"messages":[{"from":"ext_a","id":"x","text":"forged"}]}`); status != http.StatusForbidden {
		t.Fatalf("forged callback: %d, want 403", status)
	}
	if n := h.count(store.CollectionMessages, ""); n != 0 {
		t.Fatalf("a forged callback stored %d messages", n)
	}

	body := `{"messages":[{"from":"ext_a","id":"a1","text":"hello"},{"from":"ext_a","id":"a2","type":"image","media_id":"media-1"}]}`
	for i := 0; i < 3; i++ { // the first delivery and two retries
		if status, got := ch.post(body); status != http.StatusOK || got != "success" {
			t.Fatalf("delivery %d: %d %s", i, status, got)
		}
	}
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if status, got := ch.post(body); status != http.StatusOK {
				t.Errorf("concurrent duplicate: %d %s", status, got)
			}
		}()
	}
	wg.Wait()
	if n := h.count(store.CollectionMessages, ""); n != 2 {
		t.Fatalf("%d messages stored, want 2", n)
	}
	conv := h.openConv("ext_a")
	if conv.GetString("state") != store.StateQueued || conv.GetInt("unread") != 2 || conv.GetString("last_preview") != "[image]" ||
		conv.GetString("channel") != ch.rec.Id {
		t.Fatalf("conversation: %v", conv.PublicExport())
	}

	h.waitFor("media fetched", func() bool { return h.count(store.CollectionMessages, "media_state = 'stored'") == 1 })
	img, _ := h.app.FindFirstRecordByFilter(store.CollectionMessages, "type = 'image'")
	data, err := store.ReadFile(h.app, img, img.GetString("media"))
	if err != nil || !bytes.Equal(data, png) {
		t.Fatalf("stored media: %d bytes (%v), want the driver's %d", len(data), err, len(png))
	}
	h.waitFor("profile applied", func() bool {
		c, err := h.app.FindFirstRecordByFilter(store.CollectionCustomers, "external_id = 'ext_a'")
		return err == nil && c.GetString("nickname") == "阿明" && c.GetString("avatar") == "https://example.com/a.png"
	})
}

// TestCoreTestDriverReply: an agent's reply through the REST API reaches
// the driver's Send with the customer's external id, and is marked sent
// with the id the driver returned. (Which types an agent may send is still
// a per-kind table in hooks: the test driver answers to wecom_kf's.)
func TestCoreTestDriverReply(t *testing.T) {
	h := newHarness(t, testDriverOptions(hooks.Options{}))
	ch := h.createTestDriverChannel(testDriverKind)
	if status, _ := ch.post(`{"messages":[{"from":"ext_r","id":"r1","text":"hi"}]}`); status != http.StatusOK {
		t.Fatal("callback refused")
	}
	conv := h.openConv("ext_r")
	if status, body := h.reply(h.agent, conv.Id, "您好"); status != http.StatusOK {
		t.Fatalf("reply: %d %s", status, body)
	}
	h.waitFor("sent", func() bool { return h.count(store.CollectionMessages, "direction = 'out' && status = 'sent'") == 1 })
	sent := ch.acct.Sent()
	if len(sent) != 1 || sent[0].ExternalID != "ext_r" || sent[0].Type != "text" || sent[0].Text != "您好" {
		t.Fatalf("driver got %+v", sent)
	}
	m, _ := h.app.FindFirstRecordByFilter(store.CollectionMessages, "direction = 'out'")
	if sent[0].ID != m.Id || m.GetString("wechat_msgid") != "ct-1" {
		t.Fatalf("outbound id %q, msgid %q; want the record id %q and the driver's ct-1", sent[0].ID, m.GetString("wechat_msgid"), m.Id)
	}
}

// TestCoreTestDriverPull: a callback that only announces messages makes
// the core pull them page by page; each page's messages and the cursor
// after them commit together, so a failed commit does not move the
// cursor, and a second pull neither skips nor repeats a message.
func TestCoreTestDriverPull(t *testing.T) {
	h := newHarness(t, testDriverOptions(hooks.Options{}))
	ch := h.createTestDriverChannel(testDriverKind)
	stored := func() int { return h.count(store.CollectionMessages, "") }
	cursor := func() string {
		c, err := store.SyncCursor(h.app, ch.rec.Id, "")
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	// Every pull starts where the committed messages end: the cursor never
	// runs ahead of (or behind) what is stored.
	ch.acct.OnPull = func(c string) {
		if c == "" {
			return // the first pull, before anything is stored
		}
		n, _ := strconv.Atoi(c)
		var got int
		if err := h.app.DB().NewQuery("SELECT count(*) FROM messages").Row(&got); err != nil {
			t.Errorf("count: %v", err)
		} else if got != n {
			t.Errorf("pull from cursor %q with %d messages stored", c, got)
		}
	}
	for i := 1; i <= 5; i++ {
		ch.acct.Queue(channeltest.Message{From: "ext_p", ID: fmt.Sprintf("p%d", i), Text: fmt.Sprintf("page msg %d", i)})
	}

	// A commit that fails leaves the cursor where it was.
	renameTable(t, h.app, "messages", "messages_x")
	if err := h.desk.Ingest.PullNow(ch.rec.Id, channel.PullRequest{}); err == nil {
		t.Fatal("pull with a broken messages table succeeded")
	}
	renameTable(t, h.app, "messages_x", "messages")
	if c := cursor(); c != "" {
		t.Fatalf("cursor %q after a failed commit, want it unchanged", c)
	}

	if status, body := ch.post(`{"pull":true,"token":"tok-1"}`); status != http.StatusOK || body != "success" {
		t.Fatalf("pull callback: %d %s", status, body)
	}
	h.waitFor("first pull", func() bool { return stored() == 5 && cursor() == "5" })

	// More messages, one of them a repeat of an already pulled one.
	ch.acct.Queue(channeltest.Message{From: "ext_p", ID: "p5", Text: "page msg 5"},
		channeltest.Message{From: "ext_p", ID: "p6", Text: "page msg 6"})
	if status, _ := ch.post(`{"pull":true,"token":"tok-2"}`); status != http.StatusOK {
		t.Fatal("second pull callback refused")
	}
	h.waitFor("second pull", func() bool { return cursor() == "7" })
	if n := stored(); n != 6 {
		t.Fatalf("%d messages after two pulls, want 6 (p5 once)", n)
	}
	for i := 1; i <= 6; i++ {
		if n := h.count(store.CollectionMessages, fmt.Sprintf("wechat_msgid = 'p%d'", i)); n != 1 {
			t.Fatalf("p%d stored %d times", i, n)
		}
	}
	var cursors []string
	for _, p := range ch.acct.Pulls() {
		cursors = append(cursors, p.Cursor+"/"+p.Token)
	}
	if got := fmt.Sprint(cursors); got != "[/ /tok-1 2/tok-1 4/tok-1 5/tok-2]" {
		t.Fatalf("pulls (cursor/token) = %s", got)
	}
	conv := h.openConv("ext_p")
	if conv.GetInt("unread") != 6 || conv.GetString("last_preview") != "page msg 6" {
		t.Fatalf("conversation after pulls: %v", conv.PublicExport())
	}
}
