package mpapi

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

func TestCreateMenuWireFormat(t *testing.T) {
	menu := Menu{Buttons: []Button{
		{Type: ButtonClick, Name: "联系客服", Key: "CONTACT_AGENT"},
		{Name: "服务", SubButtons: []Button{
			{Type: ButtonView, Name: "我的订单", URL: "https://shop.example.com/orders?a=1&b=2"},
			{Type: ButtonMiniProgram, Name: "小程序", URL: "https://shop.example.com", AppID: "wxmini", PagePath: "pages/index"},
			{Type: ButtonScanCodePush, Name: "扫码", Key: "SCAN"},
			{Type: ButtonLocationSelect, Name: "发送位置", Key: "LOC"},
			{Type: ButtonArticleID, Name: "帮助", ArticleID: "ART_1"},
		}},
		{Type: ButtonMediaID, Name: "图片", MediaID: "MEDIA_1"},
	}}
	want := `{"button":[{"type":"click","name":"联系客服","key":"CONTACT_AGENT"},` +
		`{"name":"服务","sub_button":[{"type":"view","name":"我的订单","url":"https://shop.example.com/orders?a=1&b=2"},` +
		`{"type":"miniprogram","name":"小程序","url":"https://shop.example.com","appid":"wxmini","pagepath":"pages/index"},` +
		`{"type":"scancode_push","name":"扫码","key":"SCAN"},{"type":"location_select","name":"发送位置","key":"LOC"},` +
		`{"type":"article_id","name":"帮助","article_id":"ART_1"}]},` +
		`{"type":"media_id","name":"图片","media_id":"MEDIA_1"}]}`
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		checkRequest(t, r, wantRequest{method: "POST", path: "/cgi-bin/menu/create", token: "TOKEN-1", body: want})
		okAPI(w, r)
	})
	if err := f.client().CreateMenu(context.Background(), menu); err != nil {
		t.Fatalf("CreateMenu: %v", err)
	}
}

func TestMenuValidation(t *testing.T) {
	click := func(name string) Button { return Button{Type: ButtonClick, Name: name, Key: "K"} }
	subs := func(n int) []Button {
		out := make([]Button, n)
		for i := range out {
			out[i] = click("子菜单")
		}
		return out
	}
	tests := []struct {
		name    string
		buttons []Button
		reason  string // "" means valid
	}{
		{"one button", []Button{click("客服")}, ""},
		{"top name 16 bytes", []Button{click("一二三四五a")}, ""},
		{"sub name 60 bytes", []Button{{Name: "m", SubButtons: []Button{click(strings.Repeat("字", 20))}}}, ""},
		{"five subs", []Button{{Name: "m", SubButtons: subs(5)}}, ""},
		{"no buttons", nil, "1-3 buttons, got 0"},
		{"four buttons", []Button{click("a"), click("b"), click("c"), click("d")}, "got 4"},
		{"top name 17 bytes", []Button{click("一二三四五ab")}, "button[0]: name must be 1-16 bytes, got 17"},
		{"empty name", []Button{click("")}, "name must be"},
		{"sub name 61 bytes", []Button{{Name: "m", SubButtons: []Button{click(strings.Repeat("字", 20) + "a")}}}, "button[0]: sub_button[0]: name must be 1-60 bytes"},
		{"six subs", []Button{{Name: "m", SubButtons: subs(6)}}, "1-5 buttons, got 6"},
		{"empty subs", []Button{{Name: "m", SubButtons: []Button{}}}, "1-5 buttons, got 0"},
		{"sub with type on parent", []Button{{Type: ButtonClick, Key: "K", Name: "m", SubButtons: subs(1)}}, "must not have a type"},
		{"third level", []Button{{Name: "m", SubButtons: []Button{{Name: "s", SubButtons: subs(1)}}}}, "two levels"},
		{"click without key", []Button{{Type: ButtonClick, Name: "a"}}, "click button needs key"},
		{"pic_weixin without key", []Button{{Type: ButtonPicWeixin, Name: "a"}}, "pic_weixin button needs key"},
		{"key 129 bytes", []Button{{Type: ButtonClick, Name: "a", Key: strings.Repeat("k", 129)}}, "key longer than 128"},
		{"view without url", []Button{{Type: ButtonView, Name: "a"}}, "view button needs url"},
		{"url 1025 bytes", []Button{{Type: ButtonView, Name: "a", URL: "https://x.cn/" + strings.Repeat("u", 1012)}}, "url longer than 1024"},
		{"miniprogram without url", []Button{{Type: ButtonMiniProgram, Name: "a", AppID: "wx", PagePath: "p"}}, "appid, pagepath and url"},
		{"media_id without id", []Button{{Type: ButtonMediaID, Name: "a"}}, "needs media_id"},
		{"article without id", []Button{{Type: ButtonArticleViewLimited, Name: "a"}}, "needs article_id"},
		{"no type no subs", []Button{{Name: "a"}}, "type is empty"},
		{"unknown type", []Button{{Type: "dial", Name: "a"}}, `unknown button type "dial"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Menu{Buttons: tt.buttons}.Validate()
			if tt.reason == "" {
				if err != nil {
					t.Errorf("valid menu rejected: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidRequest) || !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("err = %v, want ErrInvalidRequest with %q", err, tt.reason)
			}
		})
	}
}

func TestCreateMenuRejectsLocallyAndReportsWeChatErrors(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		answer(w, `{"errcode":40018,"errmsg":"invalid button name size"}`)
	})
	err := f.client().CreateMenu(context.Background(), Menu{})
	if err == nil || err.Error() != "mpapi: menu/create: invalid request: menu needs 1-3 buttons, got 0" || f.apiCalls.Load() != 0 {
		t.Errorf("empty menu: err = %v, api calls %d", err, f.apiCalls.Load())
	}
	err = f.client().CreateMenu(context.Background(), Menu{Buttons: []Button{{Type: ButtonClick, Name: "a", Key: "k"}}})
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.Code != 40018 || apiErr.Description() != "菜单按钮名称长度不合法 (40018)" {
		t.Errorf("err = %v, want *Error 40018", err)
	}
}
