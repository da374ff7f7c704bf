package wecomkf

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// apiFake answers every API request with body after asserting want.
func apiFake(t *testing.T, want wantRequest, body string) *fakeWeCom {
	t.Helper()
	want.token = "TOKEN-1"
	return newFake(t, func(w http.ResponseWriter, r *http.Request) {
		checkRequest(t, r, want)
		answer(w, body)
	})
}

func TestServiceState(t *testing.T) {
	f := apiFake(t, wantRequest{method: "POST", path: "/cgi-bin/kf/service_state/get",
		body: `{"open_kfid":"` + testOpenKfID + `","external_userid":"` + testUser + `"}`},
		`{"errcode":0,"errmsg":"ok","service_state":3,"servicer_userid":"zhangsan"}`)
	state, servicer, err := f.client().ServiceState(context.Background(), testOpenKfID, testUser)
	if err != nil || state != StateHuman || servicer != "zhangsan" {
		t.Errorf("ServiceState = %d, %q, %v", state, servicer, err)
	}
}

func TestTransServiceState(t *testing.T) {
	tests := []struct {
		name     string
		state    int
		servicer string
		body     string
		answer   string
		wantCode string
	}{
		{"to assistant", StateAssistant, "ignored",
			`{"open_kfid":"` + testOpenKfID + `","external_userid":"` + testUser + `","service_state":1}`,
			`{"errcode":0,"errmsg":"ok"}`, ""},
		{"to human", StateHuman, "zhangsan",
			`{"open_kfid":"` + testOpenKfID + `","external_userid":"` + testUser + `","service_state":3,"servicer_userid":"zhangsan"}`,
			`{"errcode":0,"errmsg":"ok","msg_code":"MSG_CODE"}`, "MSG_CODE"},
		{"end", StateEnded, "",
			`{"open_kfid":"` + testOpenKfID + `","external_userid":"` + testUser + `","service_state":4}`,
			`{"errcode":0,"errmsg":"ok","msg_code":"END_CODE"}`, "END_CODE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := apiFake(t, wantRequest{method: "POST", path: "/cgi-bin/kf/service_state/trans", body: tt.body}, tt.answer)
			code, err := f.client().TransServiceState(context.Background(), testOpenKfID, testUser, tt.state, tt.servicer)
			if err != nil || code != tt.wantCode {
				t.Errorf("TransServiceState = %q, %v; want %q", code, err, tt.wantCode)
			}
		})
	}
}

func TestTransServiceStateValidation(t *testing.T) {
	tests := []struct {
		name     string
		state    int
		servicer string
	}{
		{"back to new", StateNew, ""},
		{"unknown state", 5, ""},
		{"human without servicer", StateHuman, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, okAPI)
			_, err := f.client().TransServiceState(context.Background(), testOpenKfID, testUser, tt.state, tt.servicer)
			if !errors.Is(err, ErrInvalidRequest) {
				t.Errorf("err = %v, want ErrInvalidRequest", err)
			}
		})
	}
}

func TestListAccounts(t *testing.T) {
	f := apiFake(t, wantRequest{method: "POST", path: "/cgi-bin/kf/account/list", body: `{"offset":0,"limit":100}`},
		`{"errcode":0,"errmsg":"ok","account_list":[`+
			`{"open_kfid":"wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q","name":"咨询客服","avatar":"https://wework.qpic.cn/wwhead/a","manage_privilege":true},`+
			`{"open_kfid":"wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyAAA","name":"售后客服","avatar":"https://wework.qpic.cn/wwhead/b"}]}`)
	got, err := f.client().ListAccounts(context.Background(), 0, 0)
	want := []Account{
		{OpenKfID: "wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q", Name: "咨询客服", Avatar: "https://wework.qpic.cn/wwhead/a", ManagePrivilege: true},
		{OpenKfID: "wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyAAA", Name: "售后客服", Avatar: "https://wework.qpic.cn/wwhead/b"},
	}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("ListAccounts = %+v, %v", got, err)
	}
	if _, err := f.client().ListAccounts(context.Background(), 0, 101); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("limit 101: err = %v", err)
	}
}

func TestAddContactWay(t *testing.T) {
	f := apiFake(t, wantRequest{method: "POST", path: "/cgi-bin/kf/add_contact_way",
		body: `{"open_kfid":"` + testOpenKfID + `","scene":"wedesk_site-1"}`},
		`{"errcode":0,"errmsg":"ok","url":"https://work.weixin.qq.com/kf/kfcf77b8b4a2a2a?enc_scene=ENCGFSDF567DF"}`)
	got, err := f.client().AddContactWay(context.Background(), testOpenKfID, "wedesk_site-1")
	if err != nil || got != "https://work.weixin.qq.com/kf/kfcf77b8b4a2a2a?enc_scene=ENCGFSDF567DF" {
		t.Errorf("AddContactWay = %q, %v", got, err)
	}
	for _, scene := range []string{"has space", strings.Repeat("s", 33)} {
		if _, err := f.client().AddContactWay(context.Background(), testOpenKfID, scene); !errors.Is(err, ErrInvalidRequest) {
			t.Errorf("scene %q: err = %v", scene, err)
		}
	}
}

func TestBatchGetCustomers(t *testing.T) {
	f := apiFake(t, wantRequest{method: "POST", path: "/cgi-bin/kf/customer/batchget",
		body: `{"external_userid_list":["` + testUser + `","wmxxxxxxxxxxxxxxxxxxxxxx"],"need_enter_session_context":1}`},
		`{"errcode":0,"errmsg":"ok","customer_list":[{"external_userid":"`+testUser+`","nickname":"张三","avatar":"http://xxxxx","gender":1,"unionid":"oxasdaosaosdasdasdasd",`+
			`"enter_session_context":{"scene":"123","scene_param":"abc","wechat_channels":{"nickname":"进入视频号","shop_nickname":"小店","scene":4}}}],`+
			`"invalid_external_userid":["wmxxxxxxxxxxxxxxxxxxxxxx"]}`)
	customers, invalidIDs, err := f.client().BatchGetCustomers(context.Background(), []string{testUser, "wmxxxxxxxxxxxxxxxxxxxxxx"}, true)
	want := []Customer{{ExternalUserID: testUser, Nickname: "张三", Avatar: "http://xxxxx", Gender: GenderMale, UnionID: "oxasdaosaosdasdasdasd",
		EnterSessionContext: &EnterSessionContext{Scene: "123", SceneParam: "abc",
			WechatChannels: &WechatChannels{Nickname: "进入视频号", ShopNickname: "小店", Scene: 4}}}}
	if err != nil || !reflect.DeepEqual(customers, want) || !reflect.DeepEqual(invalidIDs, []string{"wmxxxxxxxxxxxxxxxxxxxxxx"}) {
		t.Errorf("BatchGetCustomers = %+v, %v, %v", customers, invalidIDs, err)
	}
	if _, _, err := f.client().BatchGetCustomers(context.Background(), nil, false); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("empty list: err = %v", err)
	}
}

func TestOversizedAnswerRefused(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		answer(w, `{"errcode":0,"errmsg":"ok","url":"`+strings.Repeat("x", maxJSONBytes)+`"}`)
	})
	_, err := f.client().AddContactWay(context.Background(), testOpenKfID, "")
	if !errors.Is(err, ErrUnexpectedResponse) {
		t.Errorf("err = %v, want ErrUnexpectedResponse", err)
	}
}
