package wechatsim

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// withSuccessServer points testAccount's callback URL at a server that
// acknowledges every push with "success".
func (e *simEnv) withSuccessServer(t *testing.T) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		_, _ = io.WriteString(w, "success")
	}))
	t.Cleanup(srv.Close)
	e.sim.SetCallbackURL(testAccount.AppID, srv.URL+"/wechat/callback")
}

func textBody(openID, content string) string {
	return fmt.Sprintf(`{"touser":%q,"msgtype":"text","text":{"content":%q}}`, openID, content)
}

// mustDeliver returns a check that a push was acknowledged at once:
// mustDeliver(t)(c.SendText(ctx, "hi")).
func mustDeliver(t *testing.T) func(*Delivery, error) {
	return func(d *Delivery, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("push: %v", err)
		}
		if d.Attempts != 1 {
			t.Fatalf("push took %d attempts", d.Attempts)
		}
	}
}

func TestCustomSendWindowAndQuota(t *testing.T) {
	e := newEnv(t, Options{})
	e.withSuccessServer(t)
	c := e.sim.Customer(testAccount.AppID, "oUser1")
	ctx := context.Background()
	send := func() int {
		return e.post(t, pathCustomSend, e.token(t, testAccount), textBody("oUser1", "hi")).errcode()
	}

	if got := send(); got != ErrcodeOutOfWindow {
		t.Fatalf("send before any user message: %d, want 45015", got)
	}
	mustDeliver(t)(c.SendText(ctx, "hello"))
	for i := 1; i <= 5; i++ {
		if got := send(); got != ErrcodeOK {
			t.Fatalf("send %d: %d", i, got)
		}
	}
	if got := send(); got != ErrcodeOutOfQuota {
		t.Fatalf("6th send: %d, want 45047", got)
	}
	e.clock.Advance(47 * time.Hour)
	mustDeliver(t)(c.SendText(ctx, "again")) // resets window and count
	e.clock.Advance(47 * time.Hour)
	for i := 1; i <= 5; i++ {
		if got := send(); got != ErrcodeOK {
			t.Fatalf("send %d after reset: %d", i, got)
		}
	}
	if got := send(); got != ErrcodeOutOfQuota {
		t.Fatalf("6th send after reset: %d, want 45047", got)
	}
	e.clock.Advance(time.Hour)
	if got := send(); got != ErrcodeOutOfWindow {
		t.Fatalf("send 48 h after the last message: %d, want 45015", got)
	}
	if n := len(e.sim.Sent(testAccount.AppID)); n != 10 {
		t.Fatalf("recorded %d sends, want 10", n)
	}
}

func TestCustomSendShortWindows(t *testing.T) {
	tests := []struct {
		name string
		act  func(ctx context.Context, c *Customer) (*Delivery, error)
	}{
		{"subscribe", func(ctx context.Context, c *Customer) (*Delivery, error) {
			return c.SendEvent(ctx, "subscribe", "", nil)
		}},
		{"scan", func(ctx context.Context, c *Customer) (*Delivery, error) {
			return c.SendEvent(ctx, "SCAN", "42", map[string]string{"Ticket": "gQH47joAAAAAAAAAASxodHRw"})
		}},
		{"click", func(ctx context.Context, c *Customer) (*Delivery, error) {
			return c.SendEvent(ctx, "CLICK", "V1001_HELP", nil)
		}},
		{"msgmenu tap", func(ctx context.Context, c *Customer) (*Delivery, error) { return c.SendMenuTap(ctx, "101", "满意") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, Options{})
			e.withSuccessServer(t)
			tok := e.token(t, testAccount)
			mustDeliver(t)(tt.act(context.Background(), e.sim.Customer(testAccount.AppID, "oShort")))
			for i := 1; i <= 3; i++ {
				wantCode(t, e.post(t, pathCustomSend, tok, textBody("oShort", "x")), ErrcodeOK)
			}
			wantCode(t, e.post(t, pathCustomSend, tok, textBody("oShort", "x")), ErrcodeOutOfQuota)
			e.clock.Advance(time.Minute)
			wantCode(t, e.post(t, pathCustomSend, tok, textBody("oShort", "x")), ErrcodeOutOfWindow)
		})
	}
}

func TestCustomSendShortWindowSpentFirst(t *testing.T) {
	e := newEnv(t, Options{Quota: 2})
	e.withSuccessServer(t)
	tok := e.token(t, testAccount)
	c := e.sim.Customer(testAccount.AppID, "oBoth")
	ctx := context.Background()
	mustDeliver(t)(c.SendText(ctx, "question"))
	mustDeliver(t)(c.SendEvent(ctx, "CLICK", "MENU", nil))
	for i := 0; i < 5; i++ { // 3 from the click, then 2 from the message
		wantCode(t, e.post(t, pathCustomSend, tok, textBody("oBoth", "x")), ErrcodeOK)
	}
	wantCode(t, e.post(t, pathCustomSend, tok, textBody("oBoth", "x")), ErrcodeOutOfQuota)
}

func TestCustomSendUnsubscribed(t *testing.T) {
	e := newEnv(t, Options{})
	e.withSuccessServer(t)
	tok := e.token(t, testAccount)
	c := e.sim.Customer(testAccount.AppID, "oGone")
	mustDeliver(t)(c.SendText(context.Background(), "bye"))
	mustDeliver(t)(c.SendEvent(context.Background(), "unsubscribe", "", nil))
	wantCode(t, e.post(t, pathCustomSend, tok, textBody("oGone", "x")), ErrcodeOutOfWindow)
}

func TestCustomSendValidation(t *testing.T) {
	e := newEnv(t, Options{})
	e.withSuccessServer(t)
	tok := e.token(t, testAccount)
	imageID := e.upload(t, tok, "image", "a.png", pngBytes(t)).str("media_id")
	videoID := e.upload(t, tok, "video", "a.mp4", mp4Bytes).str("media_id")
	thumbID := e.upload(t, tok, "thumb", "t.jpg", jpegBytes(t)).str("media_id")
	otherTok := e.token(t, otherAccount)
	foreignID := e.upload(t, otherTok, "image", "b.png", pngBytes(t)).str("media_id")
	mustDeliver(t)(e.sim.Customer(testAccount.AppID, "oV").SendText(context.Background(), "hi"))

	const to = `"touser":"oV",`
	tests := []struct {
		name, body string
		want       int
	}{
		{"empty body", "", ErrcodeEmptyPostData},
		{"not JSON", "touser=oV", ErrcodeDataFormat},
		{"unknown openid", `{"touser":"oNobody","msgtype":"text","text":{"content":"x"}}`, ErrcodeInvalidOpenID},
		{"missing touser", `{"msgtype":"text","text":{"content":"x"}}`, ErrcodeInvalidOpenID},
		{"unknown msgtype", `{` + to + `"msgtype":"sticker"}`, ErrcodeInvalidMessageType},
		{"text without payload", `{` + to + `"msgtype":"text"}`, ErrcodeDataFormat},
		{"empty text", `{` + to + `"msgtype":"text","text":{"content":""}}`, ErrcodeEmptyContent},
		{"text too long", textBody("oV", strings.Repeat("长", 683)), ErrcodeContentTooLong},
		{"image unknown media", `{` + to + `"msgtype":"image","image":{"media_id":"nope"}}`, ErrcodeInvalidMediaID},
		{"image of another account", `{` + to + `"msgtype":"image","image":{"media_id":"` + foreignID + `"}}`, ErrcodeInvalidMediaID},
		{"voice with image media", `{` + to + `"msgtype":"voice","voice":{"media_id":"` + imageID + `"}}`, ErrcodeInvalidMediaID},
		{"video without thumb", `{` + to + `"msgtype":"video","video":{"media_id":"` + videoID + `"}}`, ErrcodeInvalidMediaID},
		{"music without url", `{` + to + `"msgtype":"music","music":{"thumb_media_id":"` + thumbID + `"}}`, ErrcodeDataFormat},
		{"news two articles", `{` + to + `"msgtype":"news","news":{"articles":[{"title":"a"},{"title":"b"}]}}`, ErrcodeArticleTooMany},
		{"news no article", `{` + to + `"msgtype":"news","news":{"articles":[]}}`, ErrcodeEmptyNews},
		{"msgmenu empty list", `{` + to + `"msgtype":"msgmenu","msgmenu":{"list":[]}}`, ErrcodeDataFormat},
		{"miniprogrampage without appid", `{` + to + `"msgtype":"miniprogrampage","miniprogrampage":{"title":"t","pagepath":"p","thumb_media_id":"` + thumbID + `"}}`, ErrcodeDataFormat},
		{"text ok", textBody("oV", strings.Repeat("长", 682)), ErrcodeOK},
		{"image ok", `{` + to + `"msgtype":"image","image":{"media_id":"` + imageID + `"}}`, ErrcodeOK},
		{"video ok", `{` + to + `"msgtype":"video","video":{"media_id":"` + videoID + `","thumb_media_id":"` + thumbID + `","title":"t"}}`, ErrcodeOK},
		{"news ok", `{` + to + `"msgtype":"news","news":{"articles":[{"title":"a","url":"https://example.com"}]}}`, ErrcodeOK},
		{"msgmenu ok", `{` + to + `"msgtype":"msgmenu","msgmenu":{"head_content":"评价","list":[{"id":"101","content":"满意"},{"id":"102","content":"不满意"}]}}`, ErrcodeOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantCode(t, e.post(t, pathCustomSend, tok, tt.body), tt.want)
		})
	}
	sent := e.sim.Sent(testAccount.AppID)
	if len(sent) != 5 || sent[1].MsgType != "image" || sent[4].MsgType != "msgmenu" || sent[0].ToUser != "oV" {
		t.Fatalf("recorded sends: %+v", sent)
	}
}

func TestWaitSent(t *testing.T) {
	e := newEnv(t, Options{})
	e.withSuccessServer(t)
	tok := e.token(t, testAccount)
	mustDeliver(t)(e.sim.Customer(testAccount.AppID, "oW").SendText(context.Background(), "hi"))
	go func() {
		time.Sleep(20 * time.Millisecond)
		e.post(t, pathCustomSend, tok, textBody("oW", "one"))
		e.post(t, pathCustomSend, tok, textBody("oW", "two"))
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	sent, err := e.sim.WaitSent(ctx, testAccount.AppID, 2)
	if err != nil || len(sent) != 2 || !strings.Contains(string(sent[1].Body), "two") {
		t.Fatalf("WaitSent = %v, %v", sent, err)
	}
	short, cancel2 := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel2()
	if _, err := e.sim.WaitSent(short, testAccount.AppID, 3); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("WaitSent for a third send: %v", err)
	}
}

func TestFaultInjection(t *testing.T) {
	e := newEnv(t, Options{})
	e.withSuccessServer(t)
	tok := e.token(t, testAccount)
	mustDeliver(t)(e.sim.Customer(testAccount.AppID, "oF").SendText(context.Background(), "hi"))

	e.sim.InjectError(pathCustomSend, ErrcodeInvalidToken, 1)
	e.sim.InjectError(pathCustomSend, ErrcodeDailyQuota, 2)
	for _, want := range []int{ErrcodeInvalidToken, ErrcodeDailyQuota, ErrcodeDailyQuota, ErrcodeOK} {
		wantCode(t, e.post(t, pathCustomSend, tok, textBody("oF", "x")), want)
	}

	e.sim.SetDown(true)
	resp, err := http.Get(e.srv.URL + pathToken + "?" + url.Values{"grant_type": {"client_credential"}}.Encode())
	if err != nil || resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("down: %v %v", resp, err)
	}
	resp.Body.Close()
	e.sim.SetDown(false)
	e.sim.SetDrop(true)
	if resp, err := http.Get(e.srv.URL + pathToken); err == nil {
		resp.Body.Close()
		t.Fatal("drop: got an answer")
	}
	e.sim.SetDrop(false)
	wantCode(t, e.post(t, pathCustomSend, tok, textBody("oF", "x")), ErrcodeOK)
}

func TestUnknownPath(t *testing.T) {
	e := newEnv(t, Options{})
	resp, err := http.Get(e.srv.URL + "/cgi-bin/nothing")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("status %d", resp.StatusCode)
	}
}
