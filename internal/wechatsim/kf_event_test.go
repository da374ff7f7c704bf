package wechatsim

import (
	"context"
	"testing"
	"time"
)

// onEvent is a send_msg_on_event text body.
func onEvent(code, msgID string) map[string]any {
	return map[string]any{"code": code, "msgid": msgID, "msgtype": "text", "text": map[string]string{"content": "欢迎"}}
}

func TestKFWelcomeCode(t *testing.T) {
	e := newKFEnv(t, Options{})
	ctx := context.Background()
	c := e.customer(testUser)
	code, _, err := c.EnterSession(ctx, KFEnter{Scene: "web", SceneParam: "p1"})
	if err != nil || code == "" {
		t.Fatalf("EnterSession = %q, %v", code, err)
	}
	wantKFCode(t, e.call(t, pathKFSendOnEvent, map[string]any{"code": code, "msgtype": "image"}), ErrcodeKFInvalidMessageType)
	wantKFCode(t, e.call(t, pathKFSendOnEvent, onEvent(code, "w1")), 0)
	wantKFCode(t, e.call(t, pathKFSendOnEvent, onEvent(code, "w2")), ErrcodeKFInvalidMsgToken)
	if again, _, _ := c.EnterSession(ctx, KFEnter{}); again != "" {
		t.Fatal("welcome code issued again within 48 h of a welcome")
	}

	c2 := e.customer(otherUser)
	code2, _, _ := c2.EnterSession(ctx, KFEnter{})
	e.clock.Advance(20 * time.Second)
	wantKFCode(t, e.call(t, pathKFSendOnEvent, onEvent(code2, "w3")), ErrcodeKFInvalidMsgToken)

	p := e.sync(t, map[string]any{}, 0)
	ev := p.msgs[0]["event"].(map[string]any)
	if p.msgs[0]["msgtype"] != "event" || ev["event_type"] != "enter_session" || ev["scene"] != "web" ||
		ev["scene_param"] != "p1" || ev["welcome_code"] != code || p.msgs[0]["origin"].(float64) != KFOriginSystem {
		t.Fatalf("enter_session item %v", p.msgs[0])
	}
	if _, ok := p.msgs[0]["open_kfid"]; ok {
		t.Fatal("event items carry open_kfid inside event only")
	}
}

func TestKFNoWelcomeAfterMessage(t *testing.T) {
	e := newKFEnv(t, Options{})
	ctx := context.Background()
	c := e.customer(testUser)
	if _, err := c.SendText(ctx, "hi"); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := c.EnterSession(ctx, KFEnter{}); code != "" {
		t.Fatal("welcome code for a customer who wrote within 48 h")
	}
}

func TestKFServiceStateTrans(t *testing.T) {
	tests := []struct {
		name     string
		from, to int
		servicer string
		code     int
		msgCode  bool
	}{
		{"new to bot", KFStateNew, KFStateBot, "", 0, false},
		{"new to queue", KFStateNew, KFStateQueued, "", 0, true},
		{"new to human", KFStateNew, KFStateHuman, testServicer, 0, true},
		{"human needs a servicer", KFStateNew, KFStateHuman, "nobody", ErrcodeKFNotServicer, false},
		{"new to ended", KFStateNew, KFStateEnded, "", ErrcodeKFBadTransition, false},
		{"bot to new", KFStateBot, KFStateNew, "", ErrcodeKFBadTransition, false},
		{"queue to bot", KFStateQueued, KFStateBot, "", ErrcodeKFBadTransition, false},
		{"human to ended", KFStateHuman, KFStateEnded, "", 0, true},
		{"ended to new", KFStateEnded, KFStateNew, "", ErrcodeKFBadTransition, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newKFEnv(t, Options{})
			e.reach(t, tt.from)
			a := e.call(t, pathKFStateTrans, map[string]any{"open_kfid": testKF, "external_userid": testUser,
				"service_state": tt.to, "servicer_userid": tt.servicer})
			wantKFCode(t, a, tt.code)
			if (a.str("msg_code") != "") != tt.msgCode {
				t.Fatalf("msg_code %q, want one: %v", a.str("msg_code"), tt.msgCode)
			}
			want := tt.from
			if tt.code == 0 {
				want = tt.to
			}
			g := e.call(t, pathKFStateGet, map[string]any{"open_kfid": testKF, "external_userid": testUser})
			if int(g["service_state"].(float64)) != want {
				t.Fatalf("state %v, want %d", g["service_state"], want)
			}
		})
	}
}

// reach brings testUser's session to state.
func (e *kfEnv) reach(t testing.TB, state int) {
	t.Helper()
	c := e.customer(testUser)
	if state != KFStateEnded {
		if _, err := c.SendText(context.Background(), "hi"); err != nil {
			t.Fatal(err)
		}
	}
	trans := map[int][]int{KFStateBot: {1}, KFStateQueued: {2}, KFStateHuman: {3}}[state]
	for _, to := range trans {
		a := e.call(t, pathKFStateTrans, map[string]any{"open_kfid": testKF, "external_userid": testUser,
			"service_state": to, "servicer_userid": testServicer})
		wantKFCode(t, a, 0)
	}
}

func TestKFStateCodesAndSend(t *testing.T) {
	e := newKFEnv(t, Options{})
	ctx := context.Background()
	e.reach(t, KFStateQueued)
	wantKFCode(t, e.call(t, pathKFSendMsg, textSend(testUser, "", "queued")), ErrcodeKFSessionStatus)
	tr := func(to int) answer {
		return e.call(t, pathKFStateTrans, map[string]any{"open_kfid": testKF, "external_userid": testUser,
			"service_state": to, "servicer_userid": testServicer})
	}
	c := e.customer(testUser)
	human := tr(KFStateHuman).str("msg_code")
	wantKFCode(t, e.call(t, pathKFSendOnEvent, onEvent(human, "h1")), 0)
	if a := tr(KFStateHuman); a.str("msg_code") != "" {
		t.Fatal("second move to 3 issued another msg_code")
	}
	end := tr(KFStateEnded).str("msg_code")
	wantKFCode(t, e.call(t, pathKFSendOnEvent, map[string]any{"code": end, "msgtype": "msgmenu",
		"msgmenu": map[string]any{"list": []any{map[string]any{"type": "click", "click": map[string]string{"id": "5", "content": "满意"}}}}}), 0)
	// a servicer writing from the WeCom client re-enters the ended session
	if _, err := c.ServicerSend(ctx, testServicer, "text", map[string]string{"content": "还在吗"}); err != nil {
		t.Fatal(err)
	}
	if state, servicer, _ := e.sim.KFSessionState(testCorp.CorpID, testKF, testUser); state != KFStateHuman || servicer != testServicer {
		t.Fatalf("state %d/%s after a servicer message", state, servicer)
	}
	msgCode, _, err := c.SessionStatusChange(ctx, 3, testServicer, "")
	if err != nil || msgCode == "" {
		t.Fatalf("SessionStatusChange = %q, %v", msgCode, err)
	}
	if _, err := e.sim.KFServicerStatusChange(ctx, testCorp.CorpID, testKF, testServicer, 2, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SendText(ctx, "back"); err != nil {
		t.Fatal(err)
	}
	wantKFCode(t, tr(KFStateHuman), ErrcodeKFNotServicer)
}

func TestKFQueueCodeNeedsQueueState(t *testing.T) {
	e := newKFEnv(t, Options{})
	if _, err := e.customer(testUser).SendText(context.Background(), "hi"); err != nil {
		t.Fatal(err)
	}
	tr := func(to int) answer {
		return e.call(t, pathKFStateTrans, map[string]any{"open_kfid": testKF, "external_userid": testUser,
			"service_state": to, "servicer_userid": testServicer})
	}
	queue := tr(KFStateQueued).str("msg_code")
	tr(KFStateHuman)
	wantKFCode(t, e.call(t, pathKFSendOnEvent, onEvent(queue, "q1")), ErrcodeKFSessionStatus)
}
