package wecomkf

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"reflect"
	"strings"
	"testing"
)

func loadFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// syncPage fetches testdata/sync_msg.json through a fake that asserts the
// request.
func syncPage(t *testing.T) *SyncPage {
	t.Helper()
	fixture := loadFixture(t, "sync_msg.json")
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		checkRequest(t, r, wantRequest{method: "POST", path: "/cgi-bin/kf/sync_msg", token: "TOKEN-1",
			body: `{"cursor":"4gw7MepFLfgF2VC5npK","token":"ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR","limit":1000,"voice_format":1,"open_kfid":"` + testOpenKfID + `"}`})
		answer(w, string(fixture))
	})
	page, err := f.client().SyncMsg(context.Background(), SyncRequest{
		Cursor: "4gw7MepFLfgF2VC5npK", Token: "ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR",
		Limit: 1000, VoiceFormat: VoiceSILK, OpenKfID: testOpenKfID,
	})
	if err != nil {
		t.Fatalf("SyncMsg: %v", err)
	}
	return page
}

func TestSyncMsgDecodesEveryType(t *testing.T) {
	page := syncPage(t)
	if page.NextCursor != "4gw7MepFLfgF2VC5npN" || !page.HasMore {
		t.Errorf("cursor %q has_more %v", page.NextCursor, page.HasMore)
	}
	byID := map[string]*Message{}
	for i := range page.Messages {
		byID[page.Messages[i].MsgID] = &page.Messages[i]
	}
	for _, tt := range syncCases {
		t.Run(tt.msgid, func(t *testing.T) {
			m := byID[tt.msgid]
			if m == nil {
				t.Fatalf("message %s missing", tt.msgid)
			}
			if m.MsgType != tt.msgType || m.OpenKfID != testOpenKfID || m.SendTime == 0 || m.Origin != tt.origin {
				t.Errorf("common fields: type %q kf %q time %d origin %d", m.MsgType, m.OpenKfID, m.SendTime, m.Origin)
			}
			if tt.pick != nil {
				if got := tt.pick(m); !reflect.DeepEqual(got, tt.want) {
					t.Errorf("body\n got %+v\nwant %+v", got, tt.want)
				}
			}
			if n := bodiesSet(m); (tt.pick == nil && n != 0) || (tt.pick != nil && n != 1) {
				t.Errorf("%d typed bodies set", n)
			}
			if got := m.Text(); got != tt.text {
				t.Errorf("Text() = %q, want %q", got, tt.text)
			}
			if got := m.MediaID(); got != tt.mediaID {
				t.Errorf("MediaID() = %q, want %q", got, tt.mediaID)
			}
			var raw map[string]any
			if err := json.Unmarshal(m.Raw, &raw); err != nil || raw["msgid"] != tt.msgid {
				t.Errorf("Raw does not hold the message: %s (%v)", m.Raw, err)
			}
		})
	}
	if len(page.Messages) != len(syncCases) {
		t.Errorf("%d messages, %d cases", len(page.Messages), len(syncCases))
	}
}

// bodiesSet counts the non-nil typed bodies of m.
func bodiesSet(m *Message) int {
	v := reflect.ValueOf(m).Elem()
	n := 0
	for i := range v.NumField() {
		if f := v.Field(i); f.Kind() == reflect.Pointer && !f.IsNil() {
			n++
		}
	}
	return n
}

func TestSyncMsgCustomerAndServicerFields(t *testing.T) {
	page := syncPage(t)
	for _, m := range page.Messages {
		switch {
		case m.Origin == OriginServicer && m.ServicerUserID != "lisi":
			t.Errorf("%s: servicer_userid %q", m.MsgID, m.ServicerUserID)
		case m.Origin != OriginServicer && m.ServicerUserID != "":
			t.Errorf("%s: unexpected servicer_userid %q", m.MsgID, m.ServicerUserID)
		}
		if m.MsgID != "event_servicer_status" && m.ExternalUserID != testUser {
			t.Errorf("%s: external_userid %q (events must be lifted from the event body)", m.MsgID, m.ExternalUserID)
		}
	}
}

func TestMergedItemMessage(t *testing.T) {
	page := syncPage(t)
	for _, m := range page.Messages {
		if m.MergedMsg == nil {
			continue
		}
		inner, err := m.MergedMsg.Item[1].Message()
		if err != nil || inner.MsgType != MsgTypeImage || inner.MediaID() != "merged_image_media" || inner.SendTime != 1615478501 {
			t.Errorf("merged item 1 = %+v, %v", inner, err)
		}
		bad := MergedItem{MsgType: "text", MsgContent: "{not json"}
		if _, err := bad.Message(); err == nil || !strings.HasPrefix(err.Error(), "wecomkf: ") {
			t.Errorf("bad item err = %v", err)
		}
	}
}

func TestSyncMsgValidation(t *testing.T) {
	tests := []struct {
		name string
		req  SyncRequest
	}{
		{"no open_kfid", SyncRequest{}},
		{"limit too big", SyncRequest{OpenKfID: testOpenKfID, Limit: 1001}},
		{"negative limit", SyncRequest{OpenKfID: testOpenKfID, Limit: -1}},
		{"voice format", SyncRequest{OpenKfID: testOpenKfID, VoiceFormat: 2}},
		{"long cursor", SyncRequest{OpenKfID: testOpenKfID, Cursor: strings.Repeat("c", 65)}},
		{"long token", SyncRequest{OpenKfID: testOpenKfID, Token: strings.Repeat("t", 129)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, okAPI)
			_, err := f.client().SyncMsg(context.Background(), tt.req)
			if !errors.Is(err, ErrInvalidRequest) || f.apiCalls.Load() != 0 {
				t.Errorf("err = %v, api calls %d; want ErrInvalidRequest and nothing sent", err, f.apiCalls.Load())
			}
		})
	}
}

func TestSyncMsgMinimalRequestAndError(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		checkRequest(t, r, wantRequest{method: "POST", path: "/cgi-bin/kf/sync_msg", token: "TOKEN-1",
			body: `{"open_kfid":"` + testOpenKfID + `"}`})
		answer(w, `{"errcode":95007,"errmsg":"invalid msg token"}`)
	})
	_, err := f.client().SyncMsg(context.Background(), SyncRequest{OpenKfID: testOpenKfID})
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.Code != CodeInvalidSyncToken || apiErr.Path != "kf/sync_msg" {
		t.Errorf("err = %v, want 95007", err)
	}
}

func BenchmarkSyncMsgDecode(b *testing.B) {
	fixture := loadFixture(b, "sync_msg.json")
	b.SetBytes(int64(len(fixture)))
	for b.Loop() {
		var ans syncAnswer
		if err := decodeAnswer("kf/sync_msg", fixture, "", &ans); err != nil {
			b.Fatal(err)
		}
	}
}
