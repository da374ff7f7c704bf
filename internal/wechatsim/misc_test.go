package wechatsim

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

func TestUserInfo(t *testing.T) {
	e, _ := newPushEnv(t, replySuccess)
	ctx := context.Background()
	qr := e.sim.Customer(testAccount.AppID, "oQR")
	if _, err := qr.SendEvent(ctx, "subscribe", "qrscene_vip", map[string]string{"Ticket": "T"}); err != nil {
		t.Fatal(err)
	}
	e.sim.Customer(testAccount.AppID, "oPlain")
	gone := e.sim.Customer(testAccount.AppID, "oGone")
	if _, err := gone.SendEvent(ctx, "unsubscribe", "", nil); err != nil {
		t.Fatal(err)
	}
	tok := e.token(t, testAccount)
	info := func(openID string) answer {
		return e.get(t, pathUserInfo, url.Values{"access_token": {tok}, "openid": {openID}, "lang": {"zh_CN"}})
	}

	a := info("oQR")
	if a["subscribe"].(float64) != 1 || a.str("subscribe_scene") != "ADD_SCENE_QR_CODE" || a.str("qr_scene_str") != "vip" ||
		a["subscribe_time"].(float64) != float64(e.clock.Now().Unix()) {
		t.Fatalf("QR follower: %v", a)
	}
	for _, dropped := range []string{"nickname", "headimgurl", "sex", "city", "language"} {
		if _, ok := a[dropped]; ok {
			t.Errorf("user/info returns %s, dropped since 2021", dropped)
		}
	}
	if a := info("oPlain"); a.str("subscribe_scene") != defaultScene {
		t.Fatalf("plain follower: %v", a)
	}
	for _, openID := range []string{"oGone", "oNeverSeen"} {
		if a := info(openID); len(a) != 2 || a["subscribe"].(float64) != 0 || a.str("openid") != openID {
			t.Fatalf("%s: %v", openID, a)
		}
	}
	wantCode(t, e.get(t, pathUserInfo, url.Values{"access_token": {tok}}), ErrcodeInvalidOpenID)
}

func templateBody(openID, clientMsgID string) string {
	return fmt.Sprintf(`{"touser":%q,"template_id":"ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY","url":"https://example.com",`+
		`"client_msg_id":%q,"data":{"thing1":{"value":"您的咨询已结束"},"time2":{"value":"2025-03-01 10:00"}}}`, openID, clientMsgID)
}

func TestTemplateSendAndReceipt(t *testing.T) {
	e, as := newPushEnv(t, replySuccess)
	c := e.sim.Customer(testAccount.AppID, "oTpl")
	e.sim.Customer(testAccount.AppID, "oBlock").BlockTemplates(true)
	gone := e.sim.Customer(testAccount.AppID, "oLeft")
	if _, err := gone.SendEvent(context.Background(), "unsubscribe", "", nil); err != nil {
		t.Fatal(err)
	}
	tok := e.token(t, testAccount)
	before := len(as.received())

	first := e.post(t, pathTemplateSend, tok, templateBody(c.OpenID(), "close-1"))
	wantCode(t, first, ErrcodeOK)
	again := e.post(t, pathTemplateSend, tok, templateBody(c.OpenID(), "close-1"))
	if again["msgid"] != first["msgid"] {
		t.Fatalf("client_msg_id not deduplicated: %v vs %v", again, first)
	}
	blocked := e.post(t, pathTemplateSend, tok, templateBody("oBlock", ""))
	wantCode(t, blocked, ErrcodeOK)

	receipts := map[string]string{}
	for _, p := range as.waitPushes(t, before+2)[before:] {
		if p.field("Event") != "TEMPLATESENDJOBFINISH" {
			t.Fatalf("unexpected push %v", p.fields)
		}
		receipts[p.field("MsgID")] = p.field("Status")
	}
	msgID := strconv.FormatFloat(first["msgid"].(float64), 'f', 0, 64)
	blockedID := strconv.FormatFloat(blocked["msgid"].(float64), 'f', 0, 64)
	if receipts[msgID] != TemplateStatusSuccess || receipts[blockedID] != TemplateStatusUserBlock {
		t.Fatalf("receipts %v", receipts)
	}
	if got := e.sim.Templates(testAccount.AppID); len(got) != 2 || got[0].ClientMsgID != "close-1" {
		t.Fatalf("Templates = %+v", got)
	}

	e.clock.Advance(clientMsgIDLifetime)
	if a := e.post(t, pathTemplateSend, e.token(t, testAccount), templateBody(c.OpenID(), "close-1")); a["msgid"] == first["msgid"] {
		t.Fatal("client_msg_id still deduplicating after 10 minutes")
	}

	tests := []struct {
		name, body string
		want       int
	}{
		{"unfollowed", templateBody("oLeft", ""), ErrcodeRequireSubscribe},
		{"unknown user", templateBody("oNobody", ""), ErrcodeInvalidOpenID},
		{"no template_id", `{"touser":"oTpl","data":{}}`, ErrcodeInvalidTemplateID},
		{"no data", `{"touser":"oTpl","template_id":"x"}`, ErrcodeDataFormat},
		{"not JSON", `touser=oTpl`, ErrcodeDataFormat},
	}
	tok = e.token(t, testAccount)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantCode(t, e.post(t, pathTemplateSend, tok, tt.body), tt.want)
		})
	}
}

func TestMenu(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token(t, testAccount)
	wantCode(t, e.get(t, pathMenuGet, url.Values{"access_token": {tok}}), ErrcodeMenuNotExist)

	click := func(name string) string { return fmt.Sprintf(`{"type":"click","name":%q,"key":"K"}`, name) }
	subs := func(n int) string {
		items := make([]string, n)
		for i := range items {
			items[i] = click("子菜单")
		}
		return `{"name":"更多","sub_button":[` + strings.Join(items, ",") + `]}`
	}
	menu := func(buttons ...string) string { return `{"button":[` + strings.Join(buttons, ",") + `]}` }
	tests := []struct {
		name, body string
		want       int
	}{
		{"no buttons", menu(), ErrcodeInvalidButtonSize},
		{"four buttons", menu(click("a"), click("b"), click("c"), click("d")), ErrcodeInvalidButtonSize},
		{"top name 17 bytes", menu(click("在线客服在xy")), ErrcodeInvalidButtonName},
		{"top name 16 bytes", menu(click("在线客服在x")), ErrcodeOK},
		{"empty top name", menu(click("")), ErrcodeInvalidButtonName},
		{"unknown type", menu(`{"type":"call","name":"a"}`), ErrcodeInvalidButtonType},
		{"click without key", menu(`{"type":"click","name":"a"}`), ErrcodeInvalidButtonKey},
		{"key 129 bytes", menu(`{"type":"click","name":"a","key":"` + strings.Repeat("k", 129) + `"}`), ErrcodeInvalidButtonKey},
		{"view without url", menu(`{"type":"view","name":"a"}`), ErrcodeInvalidButtonURL},
		{"six sub buttons", menu(subs(6)), ErrcodeInvalidSubSize},
		{"sub name 61 bytes", menu(`{"name":"a","sub_button":[` + click(strings.Repeat("n", 61)) + `]}`), ErrcodeInvalidSubName},
		{"sub unknown type", menu(`{"name":"a","sub_button":[{"type":"x","name":"b"}]}`), ErrcodeInvalidSubType},
		{"sub view without url", menu(`{"name":"a","sub_button":[{"type":"view","name":"b"}]}`), ErrcodeInvalidSubURL},
		{"third level", menu(`{"name":"a","sub_button":[{"name":"b","sub_button":[` + click("c") + `]}]}`), ErrcodeInvalidSubLevel},
		{"miniprogram without pagepath", menu(`{"type":"miniprogram","name":"a","url":"https://x","appid":"wx1"}`), ErrcodeDataFormat},
		{"not JSON", "button", ErrcodeDataFormat},
		{"valid", menu(click("在线客服"), `{"type":"view","name":"官网","url":"https://example.com"}`, subs(5)), ErrcodeOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantCode(t, e.post(t, pathMenuCreate, tok, tt.body), tt.want)
		})
	}
	stored, ok := e.sim.Menu(testAccount.AppID)
	if !ok || !strings.Contains(string(stored), "官网") {
		t.Fatalf("Menu() = %s, %t", stored, ok)
	}
	if a := e.get(t, pathMenuGet, url.Values{"access_token": {tok}}); a["menu"] == nil {
		t.Fatalf("menu/get: %v", a)
	}
	wantCode(t, e.get(t, pathMenuDelete, url.Values{"access_token": {tok}}), ErrcodeOK)
	if _, ok := e.sim.Menu(testAccount.AppID); ok {
		t.Fatal("menu survived menu/delete")
	}
}
