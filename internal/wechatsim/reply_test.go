package wechatsim

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"testing"

	"github.com/wedesk/wedesk/internal/wxcrypto"
)

// textReply is a plaintext passive reply to push p.
func textReply(p gotPush, content string) string {
	return fmt.Sprintf("<xml><ToUserName><![CDATA[%s]]></ToUserName><FromUserName><![CDATA[%s]]></FromUserName><CreateTime>%s</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[%s]]></Content></xml>",
		p.field("FromUserName"), p.field("ToUserName"), p.field("CreateTime"), content)
}

// sealReply encrypts a plaintext reply into the safe-mode envelope; a
// non-empty badSig replaces the MsgSignature.
func sealReply(t *testing.T, c *wxcrypto.Crypter, token, plain, badSig string) string {
	t.Helper()
	enc, err := c.Encrypt([]byte(plain), nil)
	if err != nil {
		t.Fatal(err)
	}
	ts, nonce := "1714112445", "415670741"
	sig := wxcrypto.Signature(token, ts, nonce, enc)
	if badSig != "" {
		sig = badSig
	}
	return fmt.Sprintf("<xml><Encrypt><![CDATA[%s]]></Encrypt><MsgSignature><![CDATA[%s]]></MsgSignature><TimeStamp>%s</TimeStamp><Nonce><![CDATA[%s]]></Nonce></xml>", enc, sig, ts, nonce)
}

func TestPassiveReplies(t *testing.T) {
	own, err := wxcrypto.NewCrypter(testAccount.Token, testAccount.EncodingAESKey, testAccount.AppID)
	if err != nil {
		t.Fatal(err)
	}
	foreign, err := wxcrypto.NewCrypter(testAccount.Token, testAccount.EncodingAESKey, "wx0000000000000000")
	if err != nil {
		t.Fatal(err)
	}
	const news2 = "<ArticleCount>2</ArticleCount><Articles><item><Title>a</Title></item><item><Title>b</Title></item></Articles>"
	tests := []struct {
		name  string
		mode  Mode
		body  func(p gotPush) string
		valid bool
	}{
		{"empty", ModeSafe, func(gotPush) string { return "" }, true},
		{"encrypted text", ModeSafe, func(p gotPush) string { return sealReply(t, own, testAccount.Token, textReply(p, "收到"), "") }, true},
		{"encrypted in compatible", ModeCompatible, func(p gotPush) string { return sealReply(t, own, testAccount.Token, textReply(p, "收到"), "") }, true},
		{"plaintext in compatible", ModeCompatible, func(p gotPush) string { return textReply(p, "收到") }, true},
		{"plaintext in plain", ModePlain, func(p gotPush) string { return textReply(p, "收到") }, true},
		{"plaintext in safe", ModeSafe, func(p gotPush) string { return textReply(p, "收到") }, false},
		{"encrypted in plain", ModePlain, func(p gotPush) string { return sealReply(t, own, testAccount.Token, textReply(p, "x"), "") }, false},
		{"bad MsgSignature", ModeSafe, func(p gotPush) string {
			return sealReply(t, own, testAccount.Token, textReply(p, "x"), "0000000000000000000000000000000000000000")
		}, false},
		{"wrong receiveid", ModeSafe, func(p gotPush) string { return sealReply(t, foreign, testAccount.Token, textReply(p, "x"), "") }, false},
		{"To/From not swapped", ModePlain, func(p gotPush) string {
			return textReply(gotPush{fields: map[string]string{"FromUserName": testAccount.OriginalID, "ToUserName": "oR", "CreateTime": "1"}}, "x")
		}, false},
		{"empty Content", ModePlain, func(p gotPush) string { return textReply(p, "") }, false},
		{"two news articles", ModePlain, func(p gotPush) string {
			return "<xml><ToUserName>" + p.field("FromUserName") + "</ToUserName><FromUserName>" + p.field("ToUserName") +
				"</FromUserName><CreateTime>1</CreateTime><MsgType>news</MsgType>" + news2 + "</xml>"
		}, false},
		{"image with unknown media", ModePlain, func(p gotPush) string {
			return "<xml><ToUserName>" + p.field("FromUserName") + "</ToUserName><FromUserName>" + p.field("ToUserName") +
				"</FromUserName><CreateTime>1</CreateTime><MsgType>image</MsgType><Image><MediaId>nope</MediaId></Image></xml>"
		}, false},
		{"success with newline", ModeSafe, func(gotPush) string { return "success\n" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := newPushEnv(t, func(w http.ResponseWriter, _ *http.Request, p gotPush, _ int) {
				_, _ = io.WriteString(w, tt.body(p))
			})
			d, err := e.sim.Customer(testAccount.AppID, "oR").PushMode(tt.mode).SendText(context.Background(), "q")
			replies := e.sim.Replies(testAccount.AppID)
			if tt.valid {
				if err != nil {
					t.Fatalf("valid reply rejected: %v", err)
				}
				if d.Reply != nil && (len(replies) != 1 || replies[0].MsgType != "text" || replies[0].ToUser != "oR") {
					t.Fatalf("reply not recorded: %+v", replies)
				}
				return
			}
			if !errors.Is(err, ErrInvalidReply) || d.Attempts != 1 || len(replies) != 0 {
				t.Fatalf("invalid reply: err %v, attempts %d, recorded %d", err, d.Attempts, len(replies))
			}
		})
	}
}

func TestPassiveReplyDecrypted(t *testing.T) {
	own, err := wxcrypto.NewCrypter(testAccount.Token, testAccount.EncodingAESKey, testAccount.AppID)
	if err != nil {
		t.Fatal(err)
	}
	e, _ := newPushEnv(t, func(w http.ResponseWriter, _ *http.Request, p gotPush, _ int) {
		_, _ = io.WriteString(w, sealReply(t, own, testAccount.Token, textReply(p, "您好，请稍等"), ""))
	})
	d, err := e.sim.Customer(testAccount.AppID, "oDec").SendText(context.Background(), "hi")
	if err != nil {
		t.Fatal(err)
	}
	fields := leafFields(d.Reply)
	if fields["Content"] != "您好，请稍等" || fields["ToUserName"] != "oDec" {
		t.Fatalf("decrypted reply %s", d.Reply)
	}
	if _, err := strconv.Atoi(fields["CreateTime"]); err != nil {
		t.Fatal(err)
	}
}
