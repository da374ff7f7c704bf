package wechatsim

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestKFSendQuotaAndWindow(t *testing.T) {
	e := newKFEnv(t, Options{})
	ctx := context.Background()
	c := e.customer(testUser)
	wantKFCode(t, e.call(t, pathKFSendMsg, textSend(testUser, "", "too early")), ErrcodeKFSessionStatus)
	if _, err := c.SendText(ctx, "hello"); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		wantKFCode(t, e.call(t, pathKFSendMsg, textSend(testUser, fmt.Sprintf("m%d", i), "reply")), 0)
	}
	wantKFCode(t, e.call(t, pathKFSendMsg, textSend(testUser, "m5", "sixth")), ErrcodeKFSendCountLimit)
	if _, err := c.SendMenuClick(ctx, "101", "满意"); err != nil {
		t.Fatal(err)
	}
	wantKFCode(t, e.call(t, pathKFSendMsg, textSend(testUser, "m5", "after a click")), ErrcodeKFSendCountLimit)
	if _, err := c.SendText(ctx, "one more thing"); err != nil {
		t.Fatal(err)
	}
	wantKFCode(t, e.call(t, pathKFSendMsg, textSend(testUser, "m5", "reopened")), 0)
	if state, _, _ := e.sim.KFSessionState(testCorp.CorpID, testKF, testUser); state != KFStateBot {
		t.Fatalf("state after an API send = %d, want 1", state)
	}
	e.clock.Advance(48 * time.Hour)
	e.tok = e.kfToken(t)
	wantKFCode(t, e.call(t, pathKFSendMsg, textSend(testUser, "m6", "late")), ErrcodeKFSendTimeLimit)
	if n := len(e.sim.KFSent(testCorp.CorpID)); n != 6 {
		t.Fatalf("KFSent has %d, want 6", n)
	}
}

func TestKFSendMsgID(t *testing.T) {
	e := newKFEnv(t, Options{})
	if _, err := e.customer(testUser).SendText(context.Background(), "hi"); err != nil {
		t.Fatal(err)
	}
	a := e.call(t, pathKFSendMsg, textSend(testUser, "", "generated"))
	wantKFCode(t, a, 0)
	if id := a.str("msgid"); id == "" || checkKFMsgID(id) != 0 {
		t.Fatalf("generated msgid %q", id)
	}
	a = e.call(t, pathKFSendMsg, textSend(testUser, "order-42_a", "mine"))
	if a.str("msgid") != "order-42_a" {
		t.Fatalf("msgid %q, want the caller's", a.str("msgid"))
	}
	wantKFCode(t, e.call(t, pathKFSendMsg, textSend(testUser, "order-42_a", "again")), ErrcodeKFInvalidParam)
	wantKFCode(t, e.call(t, pathKFSendMsg, textSend(testUser, "has space", "x")), ErrcodeKFInvalidParam)
	wantKFCode(t, e.call(t, pathKFSendMsg, textSend(testUser, strings.Repeat("a", 33), "x")), ErrcodeKFInvalidParam)
	if n := len(e.sim.KFSent(testCorp.CorpID)); n != 2 {
		t.Fatalf("KFSent has %d, want 2", n)
	}
}

func TestKFSendValidation(t *testing.T) {
	e := newKFEnv(t, Options{})
	if _, err := e.customer(testUser).SendText(context.Background(), "hi"); err != nil {
		t.Fatal(err)
	}
	img := e.upload(t, "image", "a.png", pngBytes(t)).str("media_id")
	click := func(id string) map[string]any {
		return map[string]any{"type": "click", "click": map[string]string{"id": id, "content": "选项"}}
	}
	tests := []struct {
		name string
		body map[string]any
		code int
	}{
		{"no open_kfid", map[string]any{"touser": testUser, "msgtype": "text", "text": map[string]string{"content": "x"}}, ErrcodeKFOpenKfIDMissing},
		{"link id", map[string]any{"touser": testUser, "open_kfid": "kfc1", "msgtype": "text"}, ErrcodeKFInvalidOpenKfID},
		{"no touser", map[string]any{"open_kfid": testKF, "msgtype": "text"}, ErrcodeKFInvalidParam},
		{"stranger", textSend("wmStranger", "", "x"), ErrcodeKFNoRecentConsult},
		{"unknown msgtype", map[string]any{"touser": testUser, "open_kfid": testKF, "msgtype": "news"}, ErrcodeKFInvalidMessageType},
		{"empty text", textSend(testUser, "", ""), ErrcodeEmptyContent},
		{"long text", textSend(testUser, "", strings.Repeat("字", 683)), ErrcodeContentTooLong},
		{"image", kfBody("image", map[string]string{"media_id": img}), 0},
		{"image as file", kfBody("file", map[string]string{"media_id": img}), ErrcodeInvalidMediaID},
		{"unknown media", kfBody("image", map[string]string{"media_id": "nope"}), ErrcodeInvalidMediaID},
		{"link", kfBody("link", map[string]string{"title": "t", "url": "https://a.example", "thumb_media_id": img}), 0},
		{"link without scheme", kfBody("link", map[string]string{"title": "t", "url": "a.example", "thumb_media_id": img}), ErrcodeKFInvalidParam},
		{"miniprogram", kfBody("miniprogram", map[string]string{"appid": "wxapp", "pagepath": "p", "thumb_media_id": img}), 0},
		{"location", kfBody("location", map[string]any{"name": "n", "latitude": 31.2, "longitude": 121.5}), 0},
		{"location out of range", kfBody("location", map[string]any{"latitude": 91.0, "longitude": 0.0}), ErrcodeKFInvalidParam},
		{"msgmenu", kfBody("msgmenu", map[string]any{"list": []any{click("1")}}), 0},
		{"msgmenu 11 items", kfBody("msgmenu", map[string]any{"list": repeat(click("1"), 11)}), ErrcodeKFMenuTooMany},
		{"msgmenu bad type", kfBody("msgmenu", map[string]any{"list": []any{map[string]any{"type": "news"}}}), ErrcodeKFInvalidMenuType},
		{"msgmenu long id", kfBody("msgmenu", map[string]any{"list": []any{click(strings.Repeat("i", 65))}}), ErrcodeKFInvalidParam},
		{"ca_link", kfBody("ca_link", map[string]string{"link_url": "https://work.weixin.qq.com/ca/x"}), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// a fresh customer message keeps the 5-send quota open
			if _, err := e.customer(testUser).Enqueue("text", map[string]string{"content": "again"}); err != nil {
				t.Fatal(err)
			}
			wantKFCode(t, e.call(t, pathKFSendMsg, tt.body), tt.code)
		})
	}
}

// kfBody is a send_msg body of msgtype with payload.
func kfBody(msgType string, payload any) map[string]any {
	return map[string]any{"touser": testUser, "open_kfid": testKF, "msgtype": msgType, msgType: payload}
}

func repeat(v any, n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = v
	}
	return out
}

func TestKFSendLatency(t *testing.T) {
	e := newKFEnv(t, Options{})
	if _, err := e.customer(testUser).SendText(context.Background(), "hi"); err != nil {
		t.Fatal(err)
	}
	e.sim.SetKFLatency(pathKFSendMsg, 300*time.Millisecond)
	done := make(chan time.Duration, 1)
	start := time.Now()
	go func() {
		e.call(t, pathKFSendMsg, textSend(testUser, "slow1", "x"))
		done <- time.Since(start)
	}()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	sent, err := e.sim.WaitKFSent(ctx, testCorp.CorpID, 1)
	if err != nil || sent[0].MsgID != "slow1" {
		t.Fatalf("WaitKFSent = %v, %v", sent, err)
	}
	if d := <-done; d < 300*time.Millisecond {
		t.Fatalf("answer after %v, want ≥ 300ms", d)
	}
}

func TestKFSendToRejectingCustomer(t *testing.T) {
	e := newKFEnv(t, Options{})
	ctx := context.Background()
	c := e.customer(testUser)
	if _, err := c.SendText(ctx, "hi"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RejectMessages(ctx, testServicer, true); err != nil {
		t.Fatal(err)
	}
	wantKFCode(t, e.call(t, pathKFSendMsg, textSend(testUser, "rej1", "x")), 0)
	e.sim.Close() // waits for the background msg_send_fail
	p := e.sync(t, map[string]any{}, 0)
	last := p.msgs[len(p.msgs)-1]["event"].(map[string]any)
	if last["event_type"] != "msg_send_fail" || last["fail_msgid"] != "rej1" || last["fail_type"].(float64) != 10 {
		t.Fatalf("last event %v", last)
	}
}
