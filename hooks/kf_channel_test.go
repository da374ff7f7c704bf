package hooks_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/wechatsim"
	"github.com/wedesk/wedesk/internal/wxcrypto"
)

func TestKFURLVerification(t *testing.T) {
	k := newKFHarness(t, "")
	if err := k.sim.VerifyKFURL(k.ctx(), testKFCorp.CorpID); err != nil {
		t.Fatalf("verify: %v", err)
	}

	// A forged signature on the verification GET.
	c, err := wxcrypto.NewCrypter(testKFCorp.Token, testKFCorp.EncodingAESKey, testKFCorp.CorpID)
	if err != nil {
		t.Fatal(err)
	}
	echo, err := c.Encrypt([]byte("1234567890"), nil)
	if err != nil {
		t.Fatal(err)
	}
	q := url.Values{"msg_signature": {"0000000000000000000000000000000000000000"}, "timestamp": {"1700000000"},
		"nonce": {"123456"}, "echostr": {echo}}
	res, err := http.Get(k.kfCallbackURL() + "?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	body := readAll(t, res)
	res.Body.Close()
	if res.StatusCode < 400 || res.StatusCode >= 500 || strings.Contains(body, "1234567890") {
		t.Fatalf("forged GET: %d %q, want 4xx without the plaintext", res.StatusCode, body)
	}

	// A POST correctly signed but encrypted for another CorpID.
	other, err := wxcrypto.NewCrypter(testKFCorp.Token, testKFCorp.EncodingAESKey, "wwffffffffffffffff")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.kfCustomer("wmOtherCorp0001").Enqueue("text", map[string]string{"content": "hi"}); err != nil {
		t.Fatal(err)
	}
	plain := "<xml><ToUserName><![CDATA[wwffffffffffffffff]]></ToUserName><CreateTime>1700000000</CreateTime>" +
		"<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event>" +
		"<Token><![CDATA[ENCforged]]></Token><OpenKfId><![CDATA[" + testKFAccount + "]]></OpenKfId></xml>"
	enc, err := other.Encrypt([]byte(plain), nil)
	if err != nil {
		t.Fatal(err)
	}
	ts, nonce := "1700000000", "654321"
	sig := wxcrypto.Signature(testKFCorp.Token, ts, nonce, enc)
	post := "<xml><ToUserName><![CDATA[wwffffffffffffffff]]></ToUserName><Encrypt><![CDATA[" + enc +
		"]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>"
	target := k.kfCallbackURL() + "?" + url.Values{"msg_signature": {sig}, "timestamp": {ts}, "nonce": {nonce}}.Encode()
	res, err = http.Post(target, "text/xml", strings.NewReader(post))
	if err != nil {
		t.Fatal(err)
	}
	body = readAll(t, res)
	res.Body.Close()
	if res.StatusCode < 400 || res.StatusCode >= 500 {
		t.Fatalf("POST for another corp: %d %q, want 4xx", res.StatusCode, body)
	}
	time.Sleep(300 * time.Millisecond)
	if n := k.count(store.CollectionMessages, "id != ''"); n != 0 {
		t.Fatalf("%d messages stored after refused callbacks, want 0", n)
	}
}

func TestKFBacklogOf2500IsPulledInThreePages(t *testing.T) {
	k := newKFHarness(t, "")
	ids, err := k.kfCustomer("wmBacklog000001").EnqueueTexts(2500)
	if err != nil || len(ids) != 2500 {
		t.Fatalf("enqueue: %d %v", len(ids), err)
	}
	if _, err := k.kfCustomer("wmBacklog000001").Fire(k.longCtx()); err != nil {
		t.Fatal(err)
	}
	k.waitLong("2500 stored", 60*time.Second, func() bool { return k.kfIn("type = 'text'") >= 2500 })
	time.Sleep(300 * time.Millisecond)
	if n := k.kfIn("type = 'text'"); n != 2500 {
		t.Fatalf("%d stored, want exactly 2500", n)
	}
	for _, id := range []string{ids[0], ids[999], ids[1000], ids[1999], ids[2000], ids[2499]} {
		if n := k.kfIn("wechat_msgid = '" + id + "'"); n != 1 {
			t.Fatalf("msgid %s stored %d times", id, n)
		}
	}
	distinct := map[string]bool{}
	recs, err := k.app.FindRecordsByFilter(store.CollectionMessages, "direction = 'in'", "", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		distinct[r.GetString("wechat_msgid")] = true
	}
	if len(distinct) != 2500 {
		t.Fatalf("%d distinct msgids, want 2500", len(distinct))
	}
	row := k.kfAccountRow()
	if row == nil || row.GetString("sync_cursor") == "" {
		t.Fatalf("kf_accounts row %v: sync_cursor must be set", row)
	}
}

func TestKFConcurrentCallbacksStoreEachMessageOnce(t *testing.T) {
	k := newKFHarness(t, "")
	cust := k.kfCustomer("wmConcurrent001")
	var all []string
	var mu sync.Mutex
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ids, err := cust.EnqueueTexts(5)
			if err != nil {
				errs <- err
				return
			}
			mu.Lock()
			all = append(all, ids...)
			mu.Unlock()
			if _, err := cust.Fire(k.longCtx()); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if len(all) != 100 {
		t.Fatalf("enqueued %d", len(all))
	}
	k.waitLong("100 stored", 30*time.Second, func() bool { return k.kfIn("") >= 100 })
	time.Sleep(300 * time.Millisecond)
	if n := k.kfIn(""); n != 100 {
		t.Fatalf("%d stored, want 100", n)
	}
	for _, id := range all {
		if n := k.kfIn("wechat_msgid = '" + id + "'"); n != 1 {
			t.Fatalf("msgid %s stored %d times", id, n)
		}
	}
}

func TestKFEveryMessageTypeIsStored(t *testing.T) {
	k := newKFHarness(t, "")
	c := k.kfCustomer("wmAllTypes00001")
	ctx := k.longCtx()
	png := append([]byte("\x89PNG\r\n\x1a\n"), []byte(strings.Repeat("img", 100))...)
	sends := []struct {
		typ  string
		send func() (*wechatsim.Delivery, error)
	}{
		{"text", func() (*wechatsim.Delivery, error) { return c.SendText(ctx, "你好") }},
		{"image", func() (*wechatsim.Delivery, error) { return c.SendImage(ctx, png) }},
		{"voice", func() (*wechatsim.Delivery, error) {
			return c.SendVoice(ctx, []byte("#!AMR\n"+strings.Repeat("v", 200)))
		}},
		{"video", func() (*wechatsim.Delivery, error) {
			return c.SendVideo(ctx, []byte("\x00\x00\x00\x18ftypmp42"+strings.Repeat("m", 200)))
		}},
		{"file", func() (*wechatsim.Delivery, error) {
			return c.SendFile(ctx, []byte("%PDF-1.4 file body"), "report.pdf")
		}},
		{"location", func() (*wechatsim.Delivery, error) {
			return c.SendLocation(ctx, wechatsim.KFLocation{Latitude: 23.1, Longitude: 113.3, Name: "广州塔", Address: "广州市海珠区"})
		}},
		{"link", func() (*wechatsim.Delivery, error) {
			return c.SendLink(ctx, wechatsim.KFLink{Title: "文章", Desc: "描述", URL: "https://example.com/a", PicURL: "https://example.com/p.png"})
		}},
		{"business_card", func() (*wechatsim.Delivery, error) { return c.SendBusinessCard(ctx, "zhangsan") }},
		{"miniprogram", func() (*wechatsim.Delivery, error) {
			return c.SendMiniProgram(ctx, wechatsim.KFMiniProgram{AppID: "wxabcdef0123456789", Title: "小程序", PagePath: "pages/index", ThumbMediaID: "thumb1"})
		}},
		{"msgmenu", func() (*wechatsim.Delivery, error) {
			return c.SendMsgMenu(ctx, wechatsim.KFMsgMenu{HeadContent: "请选择", List: []wechatsim.KFMenuItem{
				{Type: "click", Click: &wechatsim.KFMenuField{ID: "101", Content: "满意"}}}})
		}},
		{"channels_shop_product", func() (*wechatsim.Delivery, error) {
			return c.SendShopProduct(ctx, wechatsim.KFShopProduct{ProductID: "p1", Title: "商品", SalesPrice: "100", ShopNickname: "店铺"})
		}},
		{"channels_shop_order", func() (*wechatsim.Delivery, error) {
			return c.SendShopOrder(ctx, wechatsim.KFShopOrder{OrderID: "o1", ProductTitles: "商品", PriceWording: "1.00元", State: "待发货", ShopNickname: "店铺"})
		}},
		{"merged_msg", func() (*wechatsim.Delivery, error) {
			return c.SendMergedMsg(ctx, wechatsim.KFMergedMsg{Title: "聊天记录", Item: []wechatsim.KFMergedItem{
				{SendTime: 1700000000, MsgType: "text", SenderName: "张三", MsgContent: `{"text":{"content":"hi"}}`}}})
		}},
		{"channels", func() (*wechatsim.Delivery, error) {
			return c.SendChannels(ctx, wechatsim.KFChannels{SubType: 1, Nickname: "视频号", Title: "视频"})
		}},
	}
	for _, s := range sends {
		d, err := s.send()
		if err != nil {
			t.Fatalf("%s: %v", s.typ, err)
		}
		id := d.MsgID
		k.waitLong(s.typ+" stored", 10*time.Second, func() bool { return k.kfIn("wechat_msgid = '"+id+"'") == 1 })
		m, err := k.app.FindFirstRecordByFilter(store.CollectionMessages, "wechat_msgid = '"+id+"'")
		if err != nil {
			t.Fatal(err)
		}
		if m.GetString("type") != s.typ {
			t.Fatalf("%s stored as type %q", s.typ, m.GetString("type"))
		}
		var payload map[string]any
		if err := json.Unmarshal([]byte(m.GetString("payload")), &payload); err != nil || len(payload) == 0 {
			t.Fatalf("%s payload %q: %v", s.typ, m.GetString("payload"), err)
		}
		if _, ok := payload[s.typ]; !ok {
			t.Fatalf("%s payload lacks its %q part: %s", s.typ, s.typ, m.GetString("payload"))
		}
	}
	if n := k.kfIn(""); n != len(sends) {
		t.Fatalf("%d inbound stored, want %d", n, len(sends))
	}
	// Media messages are downloaded with media/get (the id is nested
	// under the msgtype in a kf payload).
	for _, typ := range []string{"image", "voice", "video", "file"} {
		k.waitLong(typ+" media downloaded", 20*time.Second, func() bool {
			return k.count("messages", "direction = 'in' && type = '"+typ+"' && media_state = 'stored' && media != ''") == 1
		})
		m, err := k.app.FindFirstRecordByFilter(store.CollectionMessages, "direction = 'in' && type = '"+typ+"'")
		if err != nil {
			t.Fatal(err)
		}
		var payload map[string]map[string]any
		_ = json.Unmarshal([]byte(m.GetString("payload")), &payload)
		if id, _ := payload[typ]["media_id"].(string); id == "" {
			t.Errorf("%s payload has no %s.media_id: %s", typ, typ, m.GetString("payload"))
		}
	}
	if n := k.kfIn("type = 'text' && text = '你好'"); n != 1 {
		t.Fatalf("text content not stored: %d", n)
	}
}

func TestKFEnterSessionSendsWelcome(t *testing.T) {
	k := newKFHarness(t, "欢迎光临，请问有什么可以帮您？")
	code, _, err := k.kfCustomer("wmWelcome000001").EnterSession(k.ctx(), wechatsim.KFEnter{Scene: "qr_lobby", SceneParam: "floor1"})
	if err != nil {
		t.Fatal(err)
	}
	if code == "" {
		t.Fatal("the simulator issued no welcome_code")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	sent, err := k.sim.WaitKFSent(ctx, testKFCorp.CorpID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if sent[0].Code != code || sent[0].ToUser != "" && sent[0].ToUser != "wmWelcome000001" {
		t.Fatalf("welcome went out as %+v, want code %s", sent[0], code)
	}
	if !strings.Contains(string(sent[0].Body), "欢迎光临") {
		t.Fatalf("welcome body %s", sent[0].Body)
	}
	k.waitLong("conversation with scene", 10*time.Second, func() bool {
		return k.count(store.CollectionConversations, "channel = '"+testKFChannelID+"' && scene = 'qr_lobby#floor1'") == 1
	})
	k.waitLong("welcome recorded", 10*time.Second, func() bool {
		return k.count(store.CollectionMessages, "direction = 'out' && sender = 'bot' && status = 'sent'") == 1
	})
}

// kfOpenConversation makes a kf customer write and returns the conversation id.
func (k *kfHarness) kfOpenConversation(user string) string {
	k.t.Helper()
	d, err := k.kfCustomer(user).SendText(k.ctx(), "在吗")
	if err != nil {
		k.t.Fatal(err)
	}
	k.waitLong("first message", 10*time.Second, func() bool { return k.kfIn("wechat_msgid = '"+d.MsgID+"'") == 1 })
	c, err := k.app.FindFirstRecordByFilter(store.CollectionConversations, "channel = '"+testKFChannelID+"' && state != 'closed'")
	if err != nil {
		k.t.Fatal(err)
	}
	return c.Id
}

// kfReplySent has an agent reply and waits until the sim got it.
func (k *kfHarness) kfReplySent(conv, text string) (string, wechatsim.KFSentMessage) {
	k.t.Helper()
	status, body := k.reply(k.agent, conv, text)
	if status != 200 {
		k.t.Fatalf("reply: %d %s", status, body)
	}
	var rec struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal([]byte(body), &rec); err != nil {
		k.t.Fatal(err)
	}
	sent, err := k.sim.WaitKFSent(k.ctx(), testKFCorp.CorpID, 1)
	if err != nil {
		k.t.Fatal(err)
	}
	return rec.ID, sent[len(sent)-1]
}

func TestKFAgentReplyReachesWeCom(t *testing.T) {
	k := newKFHarness(t, "")
	conv := k.kfOpenConversation("wmReply00000001")
	id, sent := k.kfReplySent(conv, "您好，请问有什么可以帮您？")
	var got struct {
		ToUser   string `json:"touser"`
		OpenKfID string `json:"open_kfid"`
		MsgID    string `json:"msgid"`
		MsgType  string `json:"msgtype"`
		Text     struct {
			Content string `json:"content"`
		} `json:"text"`
	}
	if err := json.Unmarshal(sent.Body, &got); err != nil {
		t.Fatal(err)
	}
	if got.ToUser != "wmReply00000001" || got.OpenKfID != testKFAccount || got.MsgType != "text" ||
		got.Text.Content != "您好，请问有什么可以帮您？" {
		t.Fatalf("WeCom got %s", sent.Body)
	}
	if got.MsgID != id {
		t.Fatalf("msgid %q, want the message record id %q", got.MsgID, id)
	}
	k.waitLong("status sent", 10*time.Second, func() bool {
		return k.count(store.CollectionMessages, "id = '"+id+"' && status = 'sent'") == 1
	})
}

func TestKFMsgSendFailMarksMessageFailed(t *testing.T) {
	k := newKFHarness(t, "")
	conv := k.kfOpenConversation("wmFail000000001")
	id, sent := k.kfReplySent(conv, "this will bounce")
	k.waitLong("status sent", 10*time.Second, func() bool {
		return k.count(store.CollectionMessages, "id = '"+id+"' && status = 'sent'") == 1
	})
	if _, err := k.kfCustomer("wmFail000000001").MsgSendFail(k.ctx(), sent.MsgID, 10); err != nil {
		t.Fatal(err)
	}
	k.waitLong("status failed", 10*time.Second, func() bool {
		return k.count(store.CollectionMessages, "id = '"+id+"' && status = 'failed'") == 1
	})
	m, err := k.app.FindRecordById(store.CollectionMessages, id)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.GetString("error"), "用户拒收") {
		t.Fatalf("error = %q, want the fail_type's reason", m.GetString("error"))
	}
}

func TestKFMissedCallbackIsRecoveredByCatchUp(t *testing.T) {
	k := newKFHarness(t, "")
	k.desk.Enricher.SyncAccounts()
	k.waitLong("kf_accounts row", 10*time.Second, func() bool { return k.kfAccountRow() != nil })
	ids, err := k.kfCustomer("wmMissed0000001").EnqueueTexts(7)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	if n := k.kfIn(""); n != 0 {
		t.Fatalf("%d stored before any callback or catch-up", n)
	}
	k.desk.Ingest.CatchUp()
	k.waitLong("recovered", 15*time.Second, func() bool { return k.kfIn("") == len(ids) })
	for _, id := range ids {
		if n := k.kfIn("wechat_msgid = '" + id + "'"); n != 1 {
			t.Fatalf("msgid %s stored %d times", id, n)
		}
	}
	// A second round (catch-up again via PullNow) stores nothing twice.
	if err := k.desk.Ingest.PullNow(testKFChannelID, channel.PullRequest{Account: testKFAccount}); err != nil {
		t.Fatal(err)
	}
	if n := k.kfIn(""); n != len(ids) {
		t.Fatalf("%d stored after a second pull, want %d", n, len(ids))
	}
}
