package wechatsim

import (
	"context"
	"testing"
	"time"
)

// syncPage is a decoded sync_msg answer.
type syncPage struct {
	cursor  string
	hasMore int
	msgs    []map[string]any
}

func (e *kfEnv) sync(t testing.TB, body map[string]any, code int) syncPage {
	t.Helper()
	if _, ok := body["open_kfid"]; !ok {
		body["open_kfid"] = testKF
	}
	a := e.call(t, pathKFSyncMsg, body)
	wantKFCode(t, a, code)
	if code != 0 {
		return syncPage{}
	}
	p := syncPage{cursor: a.str("next_cursor"), hasMore: int(a["has_more"].(float64))}
	for _, m := range a["msg_list"].([]any) {
		p.msgs = append(p.msgs, m.(map[string]any))
	}
	return p
}

func TestKFSyncPaging(t *testing.T) {
	e := newKFEnv(t, Options{KFSyncWithoutToken: 100})
	c := e.customer(testUser)
	ids, err := c.EnqueueTexts(2500)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.sim.KFCustomer(testCorp.CorpID, otherKF, otherUser).EnqueueTexts(7); err != nil {
		t.Fatal(err)
	}
	var got []string
	cursor := ""
	for i, want := range []struct{ n, hasMore int }{{1000, 1}, {1000, 1}, {500, 0}} {
		p := e.sync(t, map[string]any{"cursor": cursor, "limit": 1000}, 0)
		if len(p.msgs) != want.n || p.hasMore != want.hasMore || p.cursor == "" {
			t.Fatalf("page %d: %d messages, has_more %d, cursor %q", i, len(p.msgs), p.hasMore, p.cursor)
		}
		for _, m := range p.msgs {
			got = append(got, m["msgid"].(string))
			if m["open_kfid"] != testKF || m["origin"].(float64) != KFOriginCustomer {
				t.Fatalf("foreign or odd message %v", m)
			}
		}
		cursor = p.cursor
	}
	for i := range ids {
		if got[i] != ids[i] {
			t.Fatalf("message %d is %s, want %s", i, got[i], ids[i])
		}
	}
	if p := e.sync(t, map[string]any{"cursor": cursor}, 0); len(p.msgs) != 0 || p.hasMore != 0 {
		t.Fatalf("after the end: %d messages", len(p.msgs))
	}
	if _, err := c.Enqueue("text", map[string]string{"content": "late"}); err != nil {
		t.Fatal(err)
	}
	if p := e.sync(t, map[string]any{"cursor": cursor}, 0); len(p.msgs) != 1 {
		t.Fatalf("resume: %d messages, want 1", len(p.msgs))
	}
}

func TestKFSyncRetention(t *testing.T) {
	e := newKFEnv(t, Options{})
	c := e.customer(testUser)
	if _, err := c.EnqueueTexts(3); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(time.Hour)
	if _, err := c.Enqueue("text", map[string]string{"content": "kept"}); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(71 * time.Hour)
	e.tok = e.kfToken(t)
	p := e.sync(t, map[string]any{}, 0)
	if len(p.msgs) != 1 || p.msgs[0]["text"].(map[string]any)["content"] != "kept" {
		t.Fatalf("after 72 h: %v", p.msgs)
	}
	e.clock.Advance(time.Hour)
	e.tok = e.kfToken(t)
	if p := e.sync(t, map[string]any{}, 0); len(p.msgs) != 0 {
		t.Fatalf("after 73 h: %d messages", len(p.msgs))
	}
}

func TestKFSyncRequestErrors(t *testing.T) {
	e := newKFEnv(t, Options{KFSyncWithoutToken: 100})
	other := e.sync(t, map[string]any{"open_kfid": otherKF}, 0).cursor
	tests := []struct {
		name string
		body map[string]any
		code int
	}{
		{"open_kfid missing", map[string]any{"open_kfid": ""}, ErrcodeKFOpenKfIDMissing},
		{"link id", map[string]any{"open_kfid": "kfc123"}, ErrcodeKFInvalidOpenKfID},
		{"unknown account", map[string]any{"open_kfid": "wkNope"}, ErrcodeKFNoSuchOpenKfID},
		{"invalid cursor", map[string]any{"cursor": "forged"}, ErrcodeKFInvalidParam},
		{"other account's cursor", map[string]any{"cursor": other}, ErrcodeKFInvalidParam},
		{"unknown token", map[string]any{"token": "ENCnope"}, ErrcodeKFInvalidMsgToken},
		{"voice_format 2", map[string]any{"voice_format": 2}, ErrcodeKFInvalidParam},
		{"limit over max is clamped", map[string]any{"limit": 5000}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { e.sync(t, tt.body, tt.code) })
	}
	t.Run("bad json", func(t *testing.T) { wantKFCode(t, e.call(t, pathKFSyncMsg, "{"), ErrcodeDataFormat) })
}

func TestKFSyncToken(t *testing.T) {
	e := newKFEnv(t, Options{KFSyncWithoutToken: 2})
	if _, err := e.customer(testUser).SendText(context.Background(), "hi"); err != nil {
		t.Fatal(err)
	}
	tok := e.rc.last(t).Token
	for range 5 { // the token may be used for every page while it lasts
		e.sync(t, map[string]any{"token": tok}, 0)
	}
	e.sync(t, map[string]any{"token": tok, "open_kfid": otherKF}, ErrcodeKFInvalidMsgToken)
	e.clock.Advance(10 * time.Minute)
	e.sync(t, map[string]any{"token": tok}, ErrcodeKFInvalidMsgToken)
	e.sync(t, map[string]any{}, 0)
	e.sync(t, map[string]any{}, 0)
	e.sync(t, map[string]any{}, ErrcodeDailyQuota)
	e.clock.Advance(time.Minute)
	e.sync(t, map[string]any{}, 0)
}

func TestKFSyncContent(t *testing.T) {
	e := newKFEnv(t, Options{})
	ctx := context.Background()
	c := e.customer(testUser)
	if _, err := c.SendVoice(ctx, amrBytes); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ServicerSend(ctx, testServicer, "text", map[string]string{"content": "from the client"}); err != nil {
		t.Fatal(err)
	}
	e.call(t, pathKFSendMsg, textSend(testUser, "api1", "by api"))
	tok := e.rc.last(t).Token
	amr := e.sync(t, map[string]any{"token": tok}, 0)
	silk := e.sync(t, map[string]any{"token": tok, "voice_format": 1}, 0)
	if len(amr.msgs) != 2 {
		t.Fatalf("got %d messages, want voice and servicer text (API sends are not synced)", len(amr.msgs))
	}
	amrID := amr.msgs[0]["voice"].(map[string]any)["media_id"].(string)
	silkID := silk.msgs[0]["voice"].(map[string]any)["media_id"].(string)
	if data, _ := e.sim.Media(silkID); amrID == silkID || string(data[:len(silkHeader)]) != silkHeader {
		t.Fatalf("voice_format 1 gave %s (amr %s)", silkID, amrID)
	}
	sv := amr.msgs[1]
	if sv["origin"].(float64) != KFOriginServicer || sv["servicer_userid"] != testServicer {
		t.Fatalf("servicer message %v", sv)
	}
	e.sim.KFSyncHiccup(testCorp.CorpID, 1)
	if p := e.sync(t, map[string]any{"token": tok, "cursor": amr.cursor}, 0); len(p.msgs) != 0 || p.hasMore != 1 {
		t.Fatalf("hiccup page %v", p)
	}
}
