package mpapi

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestSendTemplate(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		checkRequest(t, r, wantRequest{method: "POST", path: "/cgi-bin/message/template/send", token: "TOKEN-1",
			body: `{"touser":"` + testOpenID + `","template_id":"TPL-rating","url":"https://desk.example.com/rate?c=9&s=1",` +
				`"miniprogram":{"appid":"wxmini","pagepath":"pages/rate"},"client_msg_id":"rating-9",` +
				`"data":{"keyword1":{"value":"已结束"},"keyword2":{"value":"2025-03-01 09:00"}}}`})
		answer(w, `{"errcode":0,"errmsg":"ok","msgid":200163836}`)
	})
	id, err := f.client().SendTemplate(context.Background(), TemplateMessage{
		ToUser: testOpenID, TemplateID: "TPL-rating", URL: "https://desk.example.com/rate?c=9&s=1",
		MiniProgram: &TemplateMiniProgram{AppID: "wxmini", PagePath: "pages/rate"}, ClientMsgID: "rating-9",
		Data: map[string]TemplateValue{"keyword2": {Value: "2025-03-01 09:00"}, "keyword1": {Value: "已结束"}},
	})
	if err != nil || id != 200163836 {
		t.Fatalf("SendTemplate = %d, %v", id, err)
	}
}

func TestSendTemplateErrors(t *testing.T) {
	valid := TemplateMessage{ToUser: "o", TemplateID: "T", Data: map[string]TemplateValue{"k": {Value: "v"}}}
	tests := []struct {
		name   string
		mutate func(*TemplateMessage)
		want   string
	}{
		{"no touser", func(m *TemplateMessage) { m.ToUser = "" }, "touser"},
		{"no template", func(m *TemplateMessage) { m.TemplateID = "" }, "template_id"},
		{"no data", func(m *TemplateMessage) { m.Data = nil }, "data"},
		{"miniprogram without appid", func(m *TemplateMessage) { m.MiniProgram = &TemplateMiniProgram{PagePath: "p"} }, "appid"},
	}
	f := newFake(t, okAPI)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := valid
			tt.mutate(&m)
			_, err := f.client().SendTemplate(context.Background(), m)
			if !errors.Is(err, ErrInvalidRequest) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v", err)
			}
		})
	}
	if f.apiCalls.Load() != 0 {
		t.Error("invalid template reached WeChat")
	}

	f = newFake(t, func(w http.ResponseWriter, r *http.Request) {
		answer(w, `{"errcode":43117,"errmsg":"send to user too frequently"}`)
	})
	_, err := f.client().SendTemplate(context.Background(), valid)
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.Code != 43117 || apiErr.Op != "template/send" {
		t.Errorf("err = %v, want *Error 43117", err)
	}
}

func TestUserInfo(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		checkRequest(t, r, wantRequest{method: "GET", path: "/cgi-bin/user/info", token: "TOKEN-1",
			query: url.Values{"openid": {testOpenID}, "lang": {"zh_CN"}}})
		answer(w, `{"subscribe":1,"openid":"`+testOpenID+`","language":"zh_CN","subscribe_time":1714113210,`+
			`"unionid":"oUnion1","remark":"老客户","groupid":0,"tagid_list":[128,2],"subscribe_scene":"ADD_SCENE_QR_CODE",`+
			`"qr_scene":98765,"qr_scene_str":"store_042","nickname":"","headimgurl":""}`)
	})
	got, err := f.client().UserInfo(context.Background(), testOpenID)
	want := UserInfo{Subscribe: 1, OpenID: testOpenID, UnionID: "oUnion1", Remark: "老客户",
		SubscribeScene: "ADD_SCENE_QR_CODE", QRScene: 98765, QRSceneStr: "store_042", SubscribeTime: 1714113210, TagIDs: []int{128, 2}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("UserInfo = %+v, %v\nwant %+v", got, err, want)
	}

	if _, err := f.client().UserInfo(context.Background(), ""); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("empty openid: err = %v", err)
	}
}

func TestUserInfoUnknownOpenID(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		answer(w, `{"errcode":40003,"errmsg":"invalid openid hint: [abc]"}`)
	})
	got, err := f.client().UserInfo(context.Background(), "o-other-account")
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.Code != CodeInvalidOpenID || !reflect.DeepEqual(got, UserInfo{}) {
		t.Errorf("got %+v, %v; want zero UserInfo and *Error 40003", got, err)
	}
}

func TestNewClientDefaults(t *testing.T) {
	c := NewClient("", testAppID, testSecret, nil)
	if c.BaseURL != DefaultBaseURL || c.HTTP == nil || c.HTTP.Timeout != 10*time.Second {
		t.Errorf("defaults: base %q http %+v", c.BaseURL, c.HTTP)
	}
	if c := NewClient("http://sim.local:8090/", testAppID, testSecret, nil); c.BaseURL != "http://sim.local:8090" {
		t.Errorf("trailing slash kept: %q", c.BaseURL)
	}
}
