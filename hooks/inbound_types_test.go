package hooks_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"sync"
	"testing"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/wechatsim"
)

func tinyPNG(t testing.TB) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 8, 8))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestEveryMessageTypeIsStored pushes each message type and event of
// wechat-mp.md §3 through the simulator and checks the stored fields.
func TestEveryMessageTypeIsStored(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	c := h.customer("oUserTypes00001")
	amr := append([]byte("#!AMR\n"), bytes.Repeat([]byte{0x3c, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}, 50)...)
	mp4 := append([]byte{0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '1'}, bytes.Repeat([]byte{0}, 64)...)
	steps := []struct {
		typ   string
		text  string
		field string // a payload field WeChat sent that must be kept
		send  func(ctx context.Context) (*wechatsim.Delivery, error)
	}{
		{"text", "你好", "Content", func(ctx context.Context) (*wechatsim.Delivery, error) { return c.SendText(ctx, "你好") }},
		{"image", "", "PicUrl", func(ctx context.Context) (*wechatsim.Delivery, error) { return c.SendImage(ctx, tinyPNG(t), "a.png") }},
		{"voice", "", "Format", func(ctx context.Context) (*wechatsim.Delivery, error) { return c.SendVoice(ctx, amr) }},
		{"video", "", "ThumbMediaId", func(ctx context.Context) (*wechatsim.Delivery, error) { return c.SendVideo(ctx, mp4, tinyPNG(t)) }},
		{"shortvideo", "", "ThumbMediaId", func(ctx context.Context) (*wechatsim.Delivery, error) { return c.SendShortVideo(ctx, mp4, tinyPNG(t)) }},
		{"location", "人民广场", "Location_X", func(ctx context.Context) (*wechatsim.Delivery, error) {
			return c.SendLocation(ctx, 31.23, 121.47, 15, "人民广场")
		}},
		{"link", "A title", "Url", func(ctx context.Context) (*wechatsim.Delivery, error) {
			return c.SendLink(ctx, "A title", "desc", "https://example.com/x")
		}},
		{"event", "subscribe qrscene_42", "EventKey", func(ctx context.Context) (*wechatsim.Delivery, error) {
			return c.SendEvent(ctx, "subscribe", "qrscene_42", map[string]string{"Ticket": "TICKET1"})
		}},
		{"event", "SCAN 42", "Ticket", func(ctx context.Context) (*wechatsim.Delivery, error) {
			return c.SendEvent(ctx, "SCAN", "42", map[string]string{"Ticket": "TICKET2"})
		}},
		{"event", "CLICK MENU_SALES", "EventKey", func(ctx context.Context) (*wechatsim.Delivery, error) {
			return c.SendEvent(ctx, "CLICK", "MENU_SALES", nil)
		}},
		{"event", "VIEW https://example.com/m", "EventKey", func(ctx context.Context) (*wechatsim.Delivery, error) {
			return c.SendEvent(ctx, "VIEW", "https://example.com/m", map[string]string{"MenuId": "7"})
		}},
		{"event", "LOCATION", "Latitude", func(ctx context.Context) (*wechatsim.Delivery, error) {
			return c.SendEvent(ctx, "LOCATION", "", map[string]string{"Latitude": "31.2", "Longitude": "121.4", "Precision": "65.0"})
		}},
		{"event", "TEMPLATESENDJOBFINISH", "Status", func(ctx context.Context) (*wechatsim.Delivery, error) {
			return c.SendEvent(ctx, "TEMPLATESENDJOBFINISH", "", map[string]string{"MsgID": "200163836", "Status": "success"})
		}},
		{"event", "unsubscribe", "Event", func(ctx context.Context) (*wechatsim.Delivery, error) {
			return c.SendEvent(ctx, "unsubscribe", "", nil)
		}},
	}
	for i, s := range steps {
		d, err := s.send(h.ctx())
		if err != nil || d.Body != "success" {
			t.Fatalf("%s: delivery %+v, %v", s.typ, d, err)
		}
		recs, err := h.app.FindRecordsByFilter("messages", "direction = 'in'", "-seq", 1, 0)
		if err != nil || len(recs) != 1 || h.count("messages", "") != i+1 {
			t.Fatalf("%s: not stored (%v)", s.typ, err)
		}
		m := recs[0]
		var payload map[string]any
		_ = m.UnmarshalJSONField("payload", &payload)
		if m.GetString("type") != s.typ || m.GetString("text") != s.text || payload[s.field] == nil {
			t.Fatalf("%s: stored type=%q text=%q payload=%v", s.typ, m.GetString("type"), m.GetString("text"), payload)
		}
	}
	// Events do not open conversations: everything is in the one conversation.
	if n := h.count("conversations", ""); n != 1 {
		t.Fatalf("conversations = %d, want 1", n)
	}
	// Media is downloaded right after the push is acknowledged.
	h.waitFor("media downloads", func() bool { return h.count("messages", "media_state = 'stored'") == 4 })
	img, _ := h.app.FindFirstRecordByFilter("messages", "type = 'image'")
	if img.GetString("media") == "" {
		t.Fatal("image media file not stored")
	}
}

// TestRetriesAndConcurrentDuplicatesStoreOnce replays one push as WeChat's
// three retries and then as 20 concurrent deliveries.
func TestRetriesAndConcurrentDuplicatesStoreOnce(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	c := h.customer("oUserDup0000001")
	plain := []byte(`<xml><ToUserName><![CDATA[gh_1a2b3c4d5e6f]]></ToUserName><FromUserName><![CDATA[oUserDup0000001]]></FromUserName><CreateTime>1763700000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[only once]]></Content><MsgId>7777777777777777777</MsgId></xml>`)
	for i := 0; i < 4; i++ { // the first delivery and WeChat's 3 retries
		if d, err := c.Push(h.ctx(), plain); err != nil || d.Body != "success" {
			t.Fatalf("push %d: %+v %v", i, d, err)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if d, err := c.Push(h.ctx(), plain); err != nil || d.Body != "success" {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent push failed: %v", err)
	}
	if n := h.count("messages", "wechat_msgid = '7777777777777777777'"); n != 1 {
		t.Fatalf("stored %d copies, want exactly 1", n)
	}
	conv, _ := h.app.FindFirstRecordByFilter("conversations", "id != ''")
	if conv.GetInt("unread") != 1 {
		t.Fatalf("unread = %d, want 1", conv.GetInt("unread"))
	}
}
