package wecomkf

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseCallbackEvent(t *testing.T) {
	tests := []struct {
		name string
		xml  string
		want CallbackEvent
	}{
		{"spec vector E", string(loadFixture(t, "callback_event.xml")), CallbackEvent{
			ToUserName: "wx5823bf96d3bd56c7", CreateTime: 1409659813, MsgType: "event", Event: EventKfMsgOrEvent,
			Token: "ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR", OpenKfID: "wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q"}},
		{"older callback without OpenKfId, declaration and newlines",
			"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xml>\n<ToUserName><![CDATA[ww1]]></ToUserName>\n<CreateTime>1</CreateTime>\n" +
				"<MsgType><![CDATA[event]]></MsgType>\n<Event><![CDATA[kf_msg_or_event]]></Event>\n<Token>T</Token>\n<Unknown><a>x</a></Unknown>\n</xml>\n",
			CallbackEvent{ToUserName: "ww1", CreateTime: 1, MsgType: "event", Event: EventKfMsgOrEvent, Token: "T"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCallbackEvent([]byte(tt.xml))
			if err != nil || !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("ParseCallbackEvent = %+v, %v", got, err)
			}
		})
	}
}

func TestParseCallbackEventRejects(t *testing.T) {
	const event = `<MsgType>event</MsgType><Event>kf_msg_or_event</Event><Token>T</Token>`
	tests := []struct {
		name string
		xml  string
	}{
		{"doctype with entity", `<!DOCTYPE xml [<!ENTITY x "boom">]><xml>` + event + `<ToUserName>&x;</ToUserName></xml>`},
		{"external entity", `<!DOCTYPE xml SYSTEM "file:///etc/passwd"><xml>` + event + `</xml>`},
		{"undeclared entity", `<xml>` + event + `<ToUserName>&x;</ToUserName></xml>`},
		{"broken", `<xml>` + event + `<Token>`},
		{"mismatched tags", `<xml><Token>T</Event></xml>`},
		{"not xml", `{"token":"T"}`},
		{"empty", ``},
		{"wrong root", `<root>` + event + `</root>`},
		{"two roots", `<xml>` + event + `</xml><xml></xml>`},
		{"processing instruction", `<xml>` + event + `<?php echo 1 ?></xml>`},
		{"too deep", `<xml>` + event + `<a><b><c><d>x</d></c></b></a></xml>`},
		{"too big", `<xml>` + event + `<Pad>` + strings.Repeat("x", 64<<10) + `</Pad></xml>`},
		{"not a kf event", `<xml><MsgType>event</MsgType><Event>subscribe</Event><Token>T</Token></xml>`},
		{"text message", `<xml><MsgType>text</MsgType><Content>hi</Content></xml>`},
		{"no token", `<xml><MsgType>event</MsgType><Event>kf_msg_or_event</Event></xml>`},
		{"bad CreateTime", `<xml>` + event + `<CreateTime>yesterday</CreateTime></xml>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCallbackEvent([]byte(tt.xml))
			if !errors.Is(err, ErrBadCallback) || got != nil {
				t.Errorf("ParseCallbackEvent = %+v, %v; want ErrBadCallback", got, err)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "wecomkf: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
}

func BenchmarkParseCallbackEvent(b *testing.B) {
	data := loadFixture(b, "callback_event.xml")
	for b.Loop() {
		if _, err := ParseCallbackEvent(data); err != nil {
			b.Fatal(err)
		}
	}
}
