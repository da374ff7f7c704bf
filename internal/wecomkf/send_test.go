package wecomkf

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

const sendHead = `{"touser":"` + testUser + `","open_kfid":"` + testOpenKfID + `","msgid":"wd_1",`

func TestSendMsgJSONShape(t *testing.T) {
	tests := []struct {
		name string
		msg  OutMessage
		body string // after sendHead
	}{
		{"text", OutMessage{Text: &Text{Content: "<a href=\"x\">订单</a> & 更多", MenuID: "dropped"}},
			`"msgtype":"text","text":{"content":"<a href=\"x\">订单</a> & 更多"}}`},
		{"image", OutMessage{Image: &MediaRef{MediaID: "MI"}}, `"msgtype":"image","image":{"media_id":"MI"}}`},
		{"voice", OutMessage{Voice: &MediaRef{MediaID: "MV"}}, `"msgtype":"voice","voice":{"media_id":"MV"}}`},
		{"video", OutMessage{Video: &MediaRef{MediaID: "MD"}}, `"msgtype":"video","video":{"media_id":"MD"}}`},
		{"file", OutMessage{File: &MediaRef{MediaID: "MF"}}, `"msgtype":"file","file":{"media_id":"MF"}}`},
		{"link", OutMessage{Link: &Link{Title: "标题", Desc: "描述", URL: "https://work.weixin.qq.com", ThumbMediaID: "TH", PicURL: "dropped"}},
			`"msgtype":"link","link":{"title":"标题","desc":"描述","url":"https://work.weixin.qq.com","thumb_media_id":"TH"}}`},
		{"miniprogram", OutMessage{MiniProgram: &MiniProgram{AppID: "wx8bd80126147dfAAA", Title: "欢迎报名夏令营", PagePath: "pages/index?a=1&b=2", ThumbMediaID: "TH"}},
			`"msgtype":"miniprogram","miniprogram":{"appid":"wx8bd80126147dfAAA","title":"欢迎报名夏令营","pagepath":"pages/index?a=1&b=2","thumb_media_id":"TH"}}`},
		{"msgmenu", OutMessage{MsgMenu: &Menu{HeadContent: "您对本次服务是否满意呢?", TailContent: "欢迎再次光临", List: []MenuItem{
			{Click: &MenuClick{ID: "101", Content: "满意"}},
			{Type: MenuItemView, View: &MenuView{URL: "https://work.weixin.qq.com", Content: "详情"}},
			{MiniProgram: &MenuMiniProgram{AppID: "wx123123123123123", PagePath: "pages/index", Content: "小程序"}},
			{Text: &MenuText{Content: "纯文本"}},
		}}},
			`"msgtype":"msgmenu","msgmenu":{"head_content":"您对本次服务是否满意呢?","list":[` +
				`{"type":"click","click":{"id":"101","content":"满意"}},` +
				`{"type":"view","view":{"url":"https://work.weixin.qq.com","content":"详情"}},` +
				`{"type":"miniprogram","miniprogram":{"appid":"wx123123123123123","pagepath":"pages/index","content":"小程序"}},` +
				`{"type":"text","text":{"content":"纯文本"}}],"tail_content":"欢迎再次光临"}}`},
		{"location", OutMessage{Location: &Location{Name: "测试小区", Address: "实例省测试市", Latitude: 0, Longitude: -179.5}},
			`"msgtype":"location","location":{"name":"测试小区","address":"实例省测试市","latitude":0,"longitude":-179.5}}`},
		{"business_card", OutMessage{BusinessCard: &BusinessCard{UserID: "zhangsan"}},
			`"msgtype":"business_card","business_card":{"userid":"zhangsan"}}`},
		{"ca_link", OutMessage{CALink: &CALink{LinkURL: "https://work.weixin.qq.com/ca/cawcde123"}},
			`"msgtype":"ca_link","ca_link":{"link_url":"https://work.weixin.qq.com/ca/cawcde123"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
				checkRequest(t, r, wantRequest{method: "POST", path: "/cgi-bin/kf/send_msg", token: "TOKEN-1", body: sendHead + tt.body})
				answer(w, `{"errcode":0,"errmsg":"ok","msgid":"wd_1"}`)
			})
			msg := tt.msg
			msg.Touser, msg.OpenKfID, msg.MsgID = testUser, testOpenKfID, "wd_1"
			id, err := f.client().SendMsg(context.Background(), msg)
			if err != nil || id != "wd_1" {
				t.Errorf("SendMsg = %q, %v", id, err)
			}
		})
	}
}

func TestSendMsgOnEvent(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		checkRequest(t, r, wantRequest{method: "POST", path: "/cgi-bin/kf/send_msg_on_event", token: "TOKEN-1",
			body: `{"code":"WELCOME_CODE","msgtype":"text","text":{"content":"欢迎咨询"}}`})
		answer(w, `{"errcode":0,"errmsg":"ok","msgid":"generated_1"}`)
	})
	id, err := f.client().SendMsgOnEvent(context.Background(), "WELCOME_CODE", OutMessage{Touser: "ignored", Text: &Text{Content: "欢迎咨询"}})
	if err != nil || id != "generated_1" {
		t.Errorf("SendMsgOnEvent = %q, %v", id, err)
	}
}

func TestSendValidation(t *testing.T) {
	base := func(m OutMessage) OutMessage { m.Touser, m.OpenKfID = testUser, testOpenKfID; return m }
	click := func(n int) []MenuItem {
		items := make([]MenuItem, n)
		for i := range items {
			items[i] = MenuItem{Click: &MenuClick{ID: "1", Content: "x"}}
		}
		return items
	}
	tests := []struct {
		name string
		msg  OutMessage
	}{
		{"no touser", OutMessage{OpenKfID: testOpenKfID, Text: &Text{Content: "x"}}},
		{"no body", base(OutMessage{})},
		{"two bodies", base(OutMessage{Text: &Text{Content: "x"}, Image: &MediaRef{MediaID: "m"}})},
		{"bad msgid", base(OutMessage{MsgID: "有中文", Text: &Text{Content: "x"}})},
		{"long msgid", base(OutMessage{MsgID: strings.Repeat("a", 33), Text: &Text{Content: "x"}})},
		{"empty text", base(OutMessage{Text: &Text{}})},
		{"long text", base(OutMessage{Text: &Text{Content: strings.Repeat("字", 683)}})},
		{"empty media", base(OutMessage{Video: &MediaRef{}})},
		{"link without scheme", base(OutMessage{Link: &Link{Title: "t", URL: "work.weixin.qq.com", ThumbMediaID: "m"}})},
		{"miniprogram no thumb", base(OutMessage{MiniProgram: &MiniProgram{AppID: "wx", PagePath: "p"}})},
		{"menu 11 items", base(OutMessage{MsgMenu: &Menu{List: click(11)}})},
		{"menu empty", base(OutMessage{MsgMenu: &Menu{}})},
		{"menu item no body", base(OutMessage{MsgMenu: &Menu{List: []MenuItem{{Type: "click"}}}})},
		{"menu item wrong type", base(OutMessage{MsgMenu: &Menu{List: []MenuItem{{Type: "view", Click: &MenuClick{ID: "1", Content: "x"}}}}})},
		{"menu click id too long", base(OutMessage{MsgMenu: &Menu{List: []MenuItem{{Click: &MenuClick{ID: strings.Repeat("i", 65), Content: "x"}}}}})},
		{"menu text too long", base(OutMessage{MsgMenu: &Menu{List: []MenuItem{{Text: &MenuText{Content: strings.Repeat("t", 257)}}}}})},
		{"latitude", base(OutMessage{Location: &Location{Latitude: 91}})},
		{"card no userid", base(OutMessage{BusinessCard: &BusinessCard{}})},
		{"ca_link bad url", base(OutMessage{CALink: &CALink{LinkURL: "javascript:alert(1)"}})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, okAPI)
			_, err := f.client().SendMsg(context.Background(), tt.msg)
			if !errors.Is(err, ErrInvalidRequest) || !IsPermanent(err) || f.apiCalls.Load() != 0 {
				t.Errorf("err = %v, api calls %d; want ErrInvalidRequest and nothing sent", err, f.apiCalls.Load())
			}
		})
	}
}

func TestSendMsgOnEventValidation(t *testing.T) {
	tests := []struct {
		name string
		code string
		msg  OutMessage
	}{
		{"no code", "", OutMessage{Text: &Text{Content: "x"}}},
		{"image not allowed", "C", OutMessage{Image: &MediaRef{MediaID: "m"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, okAPI)
			if _, err := f.client().SendMsgOnEvent(context.Background(), tt.code, tt.msg); !errors.Is(err, ErrInvalidRequest) {
				t.Errorf("err = %v, want ErrInvalidRequest", err)
			}
		})
	}
}

func TestSendMsgWindowClosed(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		answer(w, `{"errcode":95018,"errmsg":"send msg session status invalid, hint: [1638000000_1_abc]"}`)
	})
	_, err := f.client().SendMsg(context.Background(), textOut)
	if !IsWindowClosed(err) || !IsPermanent(err) || IsRetryable(err) {
		t.Errorf("err = %v, want window closed", err)
	}
	if f.apiCalls.Load() != 1 {
		t.Errorf("api calls = %d, want 1 (no retry)", f.apiCalls.Load())
	}
}

func BenchmarkSendMsgWire(b *testing.B) {
	msg := OutMessage{MsgID: "wd_1", MsgMenu: &Menu{HeadContent: "满意吗", List: []MenuItem{
		{Click: &MenuClick{ID: "1", Content: "满意"}}, {Click: &MenuClick{ID: "2", Content: "不满意"}},
	}}}
	for b.Loop() {
		w, err := msg.wire("kf/send_msg")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := jsonRequest("kf/send_msg", w); err != nil {
			b.Fatal(err)
		}
	}
}
