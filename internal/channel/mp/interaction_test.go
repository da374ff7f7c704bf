package mp

import (
	"testing"

	"github.com/wedesk/wedesk/internal/mpapi"
)

// TestInteraction maps pushes to the allowance they open (wechat-mp.md
// §4.2): only click/scancode menu taps count, a msgmenu reply is a tap and
// not a message, a subscribe from a QR code is a scan.
func TestInteraction(t *testing.T) {
	tests := []struct {
		name string
		m    mpapi.InboundMessage
		want string
	}{
		{"text", mpapi.InboundMessage{MsgType: "text", Content: "你好"}, ""},
		{"msgmenu reply", mpapi.InboundMessage{MsgType: "text", Content: "满意", BizMsgMenuID: "101"}, "menu_click"},
		{"voice", mpapi.InboundMessage{MsgType: "voice"}, ""},
		{"follow", mpapi.InboundMessage{MsgType: "event", Event: "subscribe"}, "follow"},
		{"follow from a QR code", mpapi.InboundMessage{MsgType: "event", Event: "subscribe", EventKey: "qrscene_42"}, "scan"},
		{"scan", mpapi.InboundMessage{MsgType: "event", Event: "SCAN", EventKey: "42"}, "scan"},
		{"click", mpapi.InboundMessage{MsgType: "event", Event: "CLICK", EventKey: "V1001"}, "menu_click"},
		{"scancode_push", mpapi.InboundMessage{MsgType: "event", Event: "scancode_push"}, "menu_click"},
		{"scancode_waitmsg", mpapi.InboundMessage{MsgType: "event", Event: "scancode_waitmsg"}, "menu_click"},
		{"view (link) does not count", mpapi.InboundMessage{MsgType: "event", Event: "VIEW"}, ""},
		{"unsubscribe", mpapi.InboundMessage{MsgType: "event", Event: "unsubscribe"}, ""},
		{"location report", mpapi.InboundMessage{MsgType: "event", Event: "LOCATION"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Inbound(&tt.m).Interaction; got != tt.want {
				t.Fatalf("Interaction = %q, want %q", got, tt.want)
			}
		})
	}
}
