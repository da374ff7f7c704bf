package hooks_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/web/inbox"
)

// Fixed ids of the inbox fixture (PocketBase ids are 15 [a-z0-9] characters).
const (
	fxChannel  = "chan00000000001"
	fxAgent1   = "agent0000000001"
	fxAgent2   = "agent0000000002"
	fxLead     = "lead00000000001"
	fxCust1    = "cust00000000001" // 张三, VIP, agent1's customer
	fxCust2    = "cust00000000002" // nickname is a <script> payload, queued
	fxCust3    = "cust00000000003" // agent2's customer
	fxConvMine = "conv00000000001" // active, agent1
	fxConvQ    = "conv00000000002" // queued, unassigned
	fxConvOth  = "conv00000000003" // active, agent2
	fxConvDone = "conv00000000004" // closed, agent1
	fxMsgIn    = "msg000000000001"
	fxMsgFail  = "msg000000000002"
	fxMsgImage = "msg000000000003"
	fxMsgOther = "msg000000000004"
	fxMsgXSS   = "msg000000000005"
	fxMsgVoice = "msg000000000009"
)

// fxNow is the fixture's clock: the customer of fxConvMine wrote 7 h ago.
var fxNow = time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)

var (
	inboxFixtureOnce sync.Once
	inboxFixtureDir  string
	inboxFixtureErr  error
)

// inboxFixture returns a data dir with the inbox fixture, built once.
func inboxFixture(t testing.TB) string {
	t.Helper()
	inboxFixtureOnce.Do(func() {
		inboxFixtureDir, inboxFixtureErr = buildInboxFixture()
	})
	if inboxFixtureErr != nil {
		t.Fatal(inboxFixtureErr)
	}
	return inboxFixtureDir
}

func buildInboxFixture() (string, error) {
	app, err := tests.NewTestApp(templateDir)
	if err != nil {
		return "", err
	}
	defer app.ResetBootstrapState()
	s := &seeder{app: app}
	s.rec("channels", fxChannel, map[string]any{"name": "测试公众号", "kind": "wechat_mp", "app_id": "wxfixture",
		"api_base": "http://127.0.0.1:9", "enabled": true})
	s.agent(fxAgent1, "agent1@example.com", "王小明", "agent")
	s.agent(fxAgent2, "agent2@example.com", "李四", "agent")
	s.set("agents", fxAgent2, "lang", "en") // agent2 works in English
	s.agent(fxLead, "lead@example.com", "组长", "supervisor")
	s.rec("customers", fxCust1, map[string]any{"channel": fxChannel, "external_id": "o_zhangsan", "nickname": "张三",
		"vip": true, "tags": []string{"老客户"}, "scene": "qrscene_poster", "unionid": "u_zhangsan"})
	s.rec("customers", fxCust2, map[string]any{"channel": fxChannel, "external_id": "o_xss",
		"nickname": "<script>alert('nick')</script>", "tags": []string{}})
	s.rec("customers", fxCust3, map[string]any{"channel": fxChannel, "external_id": "o_other", "nickname": "王五", "tags": []string{}})
	s.conv(fxConvMine, fxCust1, "active", fxAgent1, fxNow.Add(-7*time.Hour), 2)
	// The queued conversation waits in a queue without members, so routing
	// leaves it for the claim tests.
	s.rec("queues", fxQueue, map[string]any{"name": "空队列", "strategy": "least_busy", "live_position": true})
	s.conv(fxConvQ, fxCust2, "queued", "", fxNow.Add(-25*time.Minute), 1)
	s.set("conversations", fxConvQ, "queue", fxQueue)
	s.conv(fxConvOth, fxCust3, "active", fxAgent2, fxNow.Add(-time.Hour), 0)
	s.conv(fxConvDone, fxCust1, "closed", fxAgent1, fxNow.Add(-72*time.Hour), 0)
	s.msg(fxMsgIn, fxConvMine, 1, map[string]any{"direction": "in", "sender": "customer", "type": "text",
		"text": "你好，我的订单还没到 😊", "status": "received"})
	s.msg(fxMsgFail, fxConvMine, 2, map[string]any{"direction": "out", "sender": "agent", "agent": fxAgent1,
		"type": "text", "text": "正在为您查询", "status": "failed", "error": "45047 out of response count limit"})
	s.msg(fxMsgImage, fxConvMine, 3, map[string]any{"direction": "in", "sender": "customer", "type": "image",
		"status": "received", "media": pngFile()})
	s.msg("msg000000000006", fxConvMine, 4, map[string]any{"direction": "in", "sender": "customer", "type": "location",
		"status": "received", "text": "上海市", "payload": map[string]any{"Location_X": "31.2304", "Location_Y": "121.4737", "Label": "上海市"}})
	s.msg("msg000000000007", fxConvMine, 5, map[string]any{"direction": "in", "sender": "customer", "type": "event",
		"status": "received", "payload": map[string]any{"Event": "subscribe"}})
	s.msg(fxMsgOther, fxConvOth, 6, map[string]any{"direction": "in", "sender": "customer", "type": "text",
		"text": "别人的会话", "status": "received"})
	s.msg(fxMsgXSS, fxConvQ, 7, map[string]any{"direction": "in", "sender": "customer", "type": "text",
		"text": "<script>alert('xss')</script>", "status": "received"})
	s.msg("msg000000000008", fxConvDone, 8, map[string]any{"direction": "in", "sender": "customer", "type": "text",
		"text": "发票什么时候开", "status": "received"})
	s.msg(fxMsgVoice, fxConvMine, 9, map[string]any{"direction": "in", "sender": "customer", "type": "voice",
		"text": "语音识别的文字", "status": "received", "media": amrFile()})
	if s.err != nil {
		return "", s.err
	}
	dir, err := os.MkdirTemp("", "wedesk_inbox_fx_*")
	if err != nil {
		return "", err
	}
	if err := os.CopyFS(dir, os.DirFS(app.DataDir())); err != nil {
		return "", err
	}
	return dir, nil
}

// seeder saves fixture records, keeping the first error.
type seeder struct {
	app core.App
	err error
}

func (s *seeder) rec(collection, id string, data map[string]any) *core.Record {
	if s.err != nil {
		return nil
	}
	col, err := s.app.FindCollectionByNameOrId(collection)
	if err != nil {
		s.err = err
		return nil
	}
	r := core.NewRecord(col)
	r.Id = id
	r.Load(data)
	if err := s.app.Save(r); err != nil {
		s.err = err
	}
	return r
}

func (s *seeder) set(collection, id, field string, value any) {
	if s.err != nil {
		return
	}
	r, err := s.app.FindRecordById(collection, id)
	if err != nil {
		s.err = err
		return
	}
	r.Set(field, value)
	s.err = s.app.Save(r)
}

func (s *seeder) agent(id, email, name, role string) {
	if s.err != nil {
		return
	}
	col, _ := s.app.FindCollectionByNameOrId("agents")
	r := core.NewRecord(col)
	r.Id = id
	r.SetEmail(email)
	r.SetPassword("password123")
	r.Load(map[string]any{"name": name, "role": role, "status": "online", "max_concurrent": 10})
	s.err = s.app.Save(r)
}

func (s *seeder) conv(id, cust, state, agent string, lastCustomer time.Time, unread int) {
	data := map[string]any{"channel": fxChannel, "customer": cust, "state": state, "agent": agent,
		"opened_at": lastCustomer, "last_customer_at": lastCustomer, "last_message_at": lastCustomer,
		"last_preview": "[image]", "unread": unread}
	if state == "closed" {
		data["closed_at"] = lastCustomer.Add(time.Hour)
	}
	if state == "queued" {
		data["queued_at"] = lastCustomer
	}
	s.rec("conversations", id, data)
}

func (s *seeder) msg(id, conv string, n int64, data map[string]any) {
	data["conversation"] = conv
	data["seq"] = fxNow.Add(-6*time.Hour).UnixMicro() + n*int64(time.Second/time.Microsecond)
	s.rec("messages", id, data)
}

func pngFile() *filesystem.File {
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	for x := 0; x < 400; x++ {
		for y := 0; y < 300; y++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	f, _ := filesystem.NewFileFromBytes(buf.Bytes(), "photo.png")
	return f
}

// amrFile is one second of AMR-NB 12.2 kbit/s frames (silence), the
// format WeChat delivers voice in.
func amrFile() *filesystem.File {
	data := []byte("#!AMR\n")
	for i := 0; i < 50; i++ {
		frame := make([]byte, 32)
		frame[0] = 7<<3 | 0x04 // FT 7, quality bit
		data = append(data, frame...)
	}
	f, _ := filesystem.NewFileFromBytes(data, "voice.amr")
	return f
}

// inboxApp clones the fixture and wires WeDesk with the fixture's clock;
// the outbox is paused so pending messages stay pending.
func inboxApp(t testing.TB) *tests.TestApp {
	app, err := tests.NewTestApp(inboxFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	hooks.RegisterWithOptions(app, hooks.Options{Now: func() time.Time { return fxNow }, PauseOutbox: true})
	return app
}

// session returns the Cookie header and CSRF token of a fixture agent.
func session(t testing.TB, agentID string) (cookie, csrf string) {
	t.Helper()
	app, err := tests.NewTestApp(inboxFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	rec, err := app.FindRecordById("agents", agentID)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := rec.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	return "wd_session=" + tok, inbox.CSRFToken(rec)
}
