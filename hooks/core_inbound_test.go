package hooks_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/channel/mp"
	"github.com/wedesk/wedesk/internal/ingest"
	"github.com/wedesk/wedesk/internal/store"
)

// TestCoreInboundObserver: an observer attached with OnInbound receives
// every committed batch once: Opened for a conversation the batch created,
// Before (unread, last_customer_at before the batch) for an existing open
// one, and the committed Record.
func TestCoreInboundObserver(t *testing.T) {
	clock := newCoreClock()
	h := newHarnessApp(t, hooks.Options{Now: clock.Now})
	var mu sync.Mutex
	var batches []*ingest.Batch
	h.desk.Ingest.OnInbound("test", func(app core.App, b *ingest.Batch) error {
		mu.Lock()
		defer mu.Unlock()
		batches = append(batches, b)
		return nil
	})
	got := func() []*ingest.Batch {
		mu.Lock()
		defer mu.Unlock()
		return append([]*ingest.Batch(nil), batches...)
	}

	t1 := clock.Now()
	h.commit(coreText("o_obs", "b1", "one"))
	t2 := clock.Advance(time.Minute)
	h.commit(coreText("o_obs", "b2", "two"), coreText("o_obs", "b3", "three"))
	h.commit(coreText("o_obs", "b3", "three")) // a repeat: committed, stores nothing

	bs := got()
	if len(bs) != 3 {
		t.Fatalf("observer saw %d batches, want 3", len(bs))
	}
	first := bs[0]
	if len(first.Messages) != 1 || len(first.Conversations) != 1 {
		t.Fatalf("first batch: %d messages, %d conversations", len(first.Messages), len(first.Conversations))
	}
	opened := first.Conversations[0]
	if !opened.Opened || opened.Before != nil || opened.Record == nil || opened.Record.GetString("state") != store.StateQueued ||
		opened.CustomerMessages != 1 {
		t.Fatalf("first batch's conversation: %+v", opened)
	}

	second := bs[1]
	if len(second.Messages) != 2 || len(second.Conversations) != 1 {
		t.Fatalf("second batch: %d messages, %d conversations", len(second.Messages), len(second.Conversations))
	}
	touched := second.Conversations[0]
	if touched.Opened || touched.ID != opened.ID || touched.Before == nil {
		t.Fatalf("second batch's conversation: %+v", touched)
	}
	if touched.Before.Unread != 1 || !touched.Before.LastCustomerAt.Time().Equal(t1) {
		t.Fatalf("Before = unread %d, last_customer_at %v; want 1, %v", touched.Before.Unread, touched.Before.LastCustomerAt, t1)
	}
	// The batch describes what it left without reading the row again...
	if ref, tch := touched.Snapshot(); ref.Unread+tch.Unread != 3 || !tch.At.Equal(t2) || tch.LastPreview != "three" {
		t.Fatalf("snapshot: %+v %+v", ref, tch)
	}
	// ...and the row, when an observer reads it, says the same.
	if r, err := touched.LoadRecord(h.app); err != nil || r.GetInt("unread") != 3 || !r.GetDateTime("last_customer_at").Time().Equal(t2) ||
		r.GetString("last_preview") != "three" {
		t.Fatalf("committed record: %v (%v)", r, err)
	}
	if n := len(bs[2].Messages); n != 0 {
		t.Fatalf("the repeat batch reports %d stored messages", n)
	}
}

// TestCoreBulkRowsPassValidation: every row the bulk path writes —
// customers, conversations (open and closed), messages of every type —
// passes its collection's own validation, as if it had been saved.
func TestCoreBulkRowsPassValidation(t *testing.T) {
	h := newHarnessApp(t, hooks.Options{})
	const openid = "o_valid_customer_0000000001"
	push := func(typ, body string) channel.Inbound {
		return mp.Inbound(parsePush(t, fmt.Sprintf(`<xml><ToUserName><![CDATA[%s]]></ToUserName><FromUserName><![CDATA[%s]]></FromUserName>`+
			`<CreateTime>1763715600</CreateTime><MsgType><![CDATA[%s]]></MsgType>%s</xml>`, testAccount.OriginalID, openid, typ, body)))
	}
	event := func(ev, key, extra string) channel.Inbound {
		return push("event", fmt.Sprintf(`<Event><![CDATA[%s]]></Event><EventKey><![CDATA[%s]]></EventKey>%s`, ev, key, extra))
	}
	msgs := []channel.Inbound{
		push("text", `<Content><![CDATA[你好]]></Content><MsgId>9100000000000000001</MsgId>`),
		push("image", `<PicUrl><![CDATA[https://example.com/p.jpg]]></PicUrl><MediaId><![CDATA[img1]]></MediaId><MsgId>9100000000000000002</MsgId>`),
		push("voice", `<MediaId><![CDATA[v1]]></MediaId><Format><![CDATA[amr]]></Format><Recognition><![CDATA[识别]]></Recognition><MsgId>9100000000000000003</MsgId>`),
		push("video", `<MediaId><![CDATA[vd1]]></MediaId><ThumbMediaId><![CDATA[t1]]></ThumbMediaId><MsgId>9100000000000000004</MsgId>`),
		push("shortvideo", `<MediaId><![CDATA[sv1]]></MediaId><ThumbMediaId><![CDATA[t2]]></ThumbMediaId><MsgId>9100000000000000005</MsgId>`),
		push("location", `<Location_X>31.23</Location_X><Location_Y>121.47</Location_Y><Scale>15</Scale><Label><![CDATA[人民广场]]></Label><MsgId>9100000000000000006</MsgId>`),
		push("link", `<Title><![CDATA[A title]]></Title><Description><![CDATA[d]]></Description><Url><![CDATA[https://example.com/x]]></Url><MsgId>9100000000000000007</MsgId>`),
		event("subscribe", "qrscene_42", `<Ticket><![CDATA[T1]]></Ticket>`),
		event("SCAN", "42", `<Ticket><![CDATA[T2]]></Ticket>`),
		event("CLICK", "MENU_SALES", ""),
		event("VIEW", "https://example.com/m", `<MenuId>7</MenuId>`),
		event("LOCATION", "", `<Latitude>31.2</Latitude><Longitude>121.4</Longitude><Precision>65.0</Precision>`),
		event("TEMPLATESENDJOBFINISH", "", `<MsgID>200163836</MsgID><Status><![CDATA[success]]></Status>`),
		event("unsubscribe", "", ""),
	}
	h.commit(msgs...)
	// A customer who only sends an event gets a closed conversation; a
	// servicer's message from WeChat's own client is stored as outbound.
	h.commit(channel.Inbound{ExternalID: "o_event_only", DedupKey: "ev-only", Type: "event", Text: "subscribe",
		Preview: "[event]", Event: true, Payload: map[string]any{"Event": "subscribe"}})
	servicer := coreText(openid, "srv-1", "from the phone")
	servicer.FromServicer, servicer.Account = true, "wkAccount001"
	h.commit(servicer)

	for _, name := range []string{store.CollectionCustomers, store.CollectionConversations, store.CollectionMessages} {
		recs, err := h.app.FindAllRecords(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) == 0 {
			t.Fatalf("no %s written", name)
		}
		for _, r := range recs {
			if err := h.app.Validate(r); err != nil {
				t.Errorf("%s %s (%s) fails validation: %v", name, r.Id, r.GetString("type"), err)
			}
		}
	}
	if n := h.count(store.CollectionMessages, ""); n != len(msgs)+2 {
		t.Fatalf("%d messages, want %d", n, len(msgs)+2)
	}
	if n := h.count(store.CollectionConversations, "state = 'closed'"); n != 1 {
		t.Fatalf("%d closed conversations, want the event-only customer's", n)
	}
}
