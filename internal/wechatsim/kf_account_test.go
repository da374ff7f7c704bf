package wechatsim

import (
	"context"
	"strings"
	"testing"
)

func TestKFAccountList(t *testing.T) {
	e := newKFEnv(t, Options{})
	tests := []struct {
		name string
		body any
		want []string
		code int
	}{
		{"empty body", "", []string{testKF, otherKF}, 0},
		{"offset", map[string]int{"offset": 1, "limit": 1}, []string{otherKF}, 0},
		{"limit 101", map[string]int{"limit": 101}, nil, ErrcodeKFInvalidParam},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := e.call(t, pathKFAccountList, tt.body)
			wantKFCode(t, a, tt.code)
			if tt.code != 0 {
				return
			}
			list := a["account_list"].([]any)
			if len(list) != len(tt.want) {
				t.Fatalf("account_list %v", list)
			}
			for i, id := range tt.want {
				item := list[i].(map[string]any)
				if item["open_kfid"] != id || item["manage_privilege"] != true || item["name"] == "" {
					t.Fatalf("item %d: %v", i, item)
				}
			}
		})
	}
}

func TestKFAddContactWay(t *testing.T) {
	e := newKFEnv(t, Options{})
	get := func(body map[string]string, code int) string {
		a := e.call(t, pathKFAddContactWay, body)
		wantKFCode(t, a, code)
		return a.str("url")
	}
	u1 := get(map[string]string{"open_kfid": testKF, "scene": "mp_menu"}, 0)
	if u2 := get(map[string]string{"open_kfid": testKF, "scene": "mp_menu"}, 0); u1 != u2 || !strings.HasPrefix(u1, "https://work.weixin.qq.com/kfid/kfc") {
		t.Fatalf("urls %q, %q: want one stable link", u1, u2)
	}
	scene, param, ok := ParseKFContactURL(u1 + "&scene_param=" + "a%3D1")
	if !ok || scene != "mp_menu" || param != "a=1" {
		t.Fatalf("ParseKFContactURL = %q %q %v", scene, param, ok)
	}
	get(map[string]string{"open_kfid": testKF, "scene": "has space"}, ErrcodeKFInvalidParam)
	get(map[string]string{"open_kfid": "wkNope"}, ErrcodeKFNoSuchOpenKfID)
}

func TestKFCustomerBatchGet(t *testing.T) {
	e := newKFEnv(t, Options{})
	c := e.customer(testUser)
	if err := c.SetProfile(KFProfile{Nickname: "张三", Avatar: "https://a.example/1", Gender: 1, UnionID: "oUnion1"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.EnterSession(context.Background(), KFEnter{Scene: "web", SceneParam: "order=1",
		Channels: &KFWeChatChannels{Nickname: "视频号", Scene: 1}}); err != nil {
		t.Fatal(err)
	}
	a := e.call(t, pathKFCustomerBatget, map[string]any{"external_userid_list": []string{testUser, "wmUnknown"}, "need_enter_session_context": 1})
	wantKFCode(t, a, 0)
	list := a["customer_list"].([]any)
	got := list[0].(map[string]any)
	ctx := got["enter_session_context"].(map[string]any)
	if len(list) != 1 || got["nickname"] != "张三" || got["gender"].(float64) != 1 || got["unionid"] != "oUnion1" ||
		ctx["scene"] != "web" || ctx["scene_param"] != "order=1" || ctx["wechat_channels"].(map[string]any)["nickname"] != "视频号" {
		t.Fatalf("customer %v", got)
	}
	if inv := a["invalid_external_userid"].([]any); len(inv) != 1 || inv[0] != "wmUnknown" {
		t.Fatalf("invalid %v", inv)
	}
	wantKFCode(t, e.call(t, pathKFCustomerBatget, map[string]any{"external_userid_list": []string{}}), ErrcodeKFInvalidParam)
}
