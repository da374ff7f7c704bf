package hooks_test

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/subscriptions"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/mpapi"
	"github.com/wedesk/wedesk/internal/store"
)

// TestIngestBatchesTouchConversation follows one customer's conversation
// through several ingest batches: unread and the 48 h window count customer
// messages only, an agent's "mark read" between batches is not overwritten,
// and every touch reaches an integration's collection subscription as an
// update with the committed record.
func TestIngestBatchesTouchConversation(t *testing.T) {
	now := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	h := newHarnessApp(t, hooks.Options{Now: func() time.Time { return now }})
	var updates atomic.Int32
	var lastUnread atomic.Int32
	h.app.OnRecordAfterUpdateSuccess(store.CollectionConversations).BindFunc(func(e *core.RecordEvent) error {
		updates.Add(1)
		lastUnread.Store(int32(e.Record.GetInt("unread")))
		return e.Next()
	})
	commit := func(msgs ...*mpapi.InboundMessage) {
		t.Helper()
		if err := commitInbound(h.desk, h.channel.Id, msgs); err != nil {
			t.Fatal(err)
		}
	}
	conv := func() *core.Record {
		t.Helper()
		recs, err := h.app.FindAllRecords(store.CollectionConversations)
		if err != nil || len(recs) != 1 {
			t.Fatalf("%d conversations (%v), want 1", len(recs), err)
		}
		return recs[0]
	}
	const openid = "o_batch_customer_0000000001"
	// An integration subscribes to the conversations collection: only then
	// are touched rows read again to fire their update hooks.
	integration := subscriptions.NewDefaultClient()
	integration.Subscribe(store.CollectionConversations + "/*")
	h.app.SubscriptionsBroker().Register(integration)
	defer h.app.SubscriptionsBroker().Unregister(integration.Id())

	t1 := now
	commit(textPush(t, openid, 1, "第一条"))
	if c := conv(); c.GetInt("unread") != 1 || !c.GetDateTime("last_customer_at").Time().Equal(t1) || c.GetString("state") != store.StateQueued {
		t.Fatalf("after first message: unread=%d last_customer_at=%v state=%s", c.GetInt("unread"), c.GetDateTime("last_customer_at"), c.GetString("state"))
	}

	now = now.Add(time.Minute)
	t2 := now
	commit(eventPush(t, openid, "CLICK", "MENU_HELP"), textPush(t, openid, 2, "第二条"), textPush(t, openid, 3, "第三条"), textPush(t, openid, 3, "第三条"))
	c := conv()
	if c.GetInt("unread") != 3 || !c.GetDateTime("last_customer_at").Time().Equal(t2) || c.GetString("last_preview") != "第三条" {
		t.Fatalf("after second batch: unread=%d last_customer_at=%v preview=%q", c.GetInt("unread"), c.GetDateTime("last_customer_at"), c.GetString("last_preview"))
	}
	if updates.Load() != 1 || lastUnread.Load() != 3 {
		t.Fatalf("realtime saw %d updates, unread %d; want 1 with unread 3", updates.Load(), lastUnread.Load())
	}

	c.Set("unread", 0) // the agent reads the conversation
	if err := h.app.Save(c); err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Minute)
	commit(eventPush(t, openid, "VIEW", "https://example.com/"))
	c = conv()
	if c.GetInt("unread") != 0 || !c.GetDateTime("last_customer_at").Time().Equal(t2) ||
		!c.GetDateTime("last_message_at").Time().Equal(now) || c.GetString("last_preview") != "[event]" {
		t.Fatalf("after an event: unread=%d last_customer_at=%v last_message_at=%v preview=%q",
			c.GetInt("unread"), c.GetDateTime("last_customer_at"), c.GetDateTime("last_message_at"), c.GetString("last_preview"))
	}
	if n := h.count(store.CollectionMessages, ""); n != 5 {
		t.Fatalf("%d messages stored, want 5 (the repeated MsgId once)", n)
	}
}

func textPush(t testing.TB, openid string, id int, content string) *mpapi.InboundMessage {
	t.Helper()
	return parsePush(t, fmt.Sprintf(`<xml><ToUserName><![CDATA[%s]]></ToUserName><FromUserName><![CDATA[%s]]></FromUserName>`+
		`<CreateTime>1763715600</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[%s]]></Content><MsgId>%d</MsgId></xml>`,
		testAccount.OriginalID, openid, content, 25000000000000000+id))
}

func eventPush(t testing.TB, openid, event, key string) *mpapi.InboundMessage {
	t.Helper()
	return parsePush(t, fmt.Sprintf(`<xml><ToUserName><![CDATA[%s]]></ToUserName><FromUserName><![CDATA[%s]]></FromUserName>`+
		`<CreateTime>1763715601</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[%s]]></Event><EventKey><![CDATA[%s]]></EventKey></xml>`,
		testAccount.OriginalID, openid, event, key))
}

func parsePush(t testing.TB, xml string) *mpapi.InboundMessage {
	t.Helper()
	m, err := mpapi.ParseInbound([]byte(xml))
	if err != nil {
		t.Fatal(err)
	}
	return m
}
