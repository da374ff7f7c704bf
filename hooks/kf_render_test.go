package hooks_test

import (
	"flag"
	"html"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/wedesk/wedesk/internal/wechatsim"
)

var updateKFGolden = flag.Bool("update-kf-golden", false, "rewrite hooks/testdata/kf_messages.golden")

const kfGolden = "testdata/kf_messages.golden"

// TestKFMessagesRender pulls one message of every kf type (and events)
// from the simulator and compares how the conversation renders them —
// each message's classes and visible text — with a golden file. It also
// checks the kf account badge on the list row and the header. Rewrite the
// golden file with: go test ./hooks/ -run TestKFMessagesRender -update-kf-golden
func TestKFMessagesRender(t *testing.T) {
	k := newKFHarness(t, "")
	c := k.kfCustomer("wmRender0000001")
	ctx := k.longCtx()
	link := wechatsim.KFContactURL(testKFCorp.CorpID, testKFAccount, "channels")
	if _, _, err := c.EnterFromLink(ctx, link+"&scene_param=live42"); err != nil {
		t.Fatal(err)
	}
	png := append([]byte("\x89PNG\r\n\x1a\n"), []byte(strings.Repeat("img", 100))...)
	steps := []func() (*wechatsim.Delivery, error){
		func() (*wechatsim.Delivery, error) { return c.SendText(ctx, "你好[微笑]") },
		func() (*wechatsim.Delivery, error) { return c.SendMenuClick(ctx, "101", "满意") },
		func() (*wechatsim.Delivery, error) { return c.SendImage(ctx, png) },
		func() (*wechatsim.Delivery, error) {
			return c.SendVoice(ctx, []byte("#!AMR\n"+strings.Repeat("v", 200)))
		},
		func() (*wechatsim.Delivery, error) {
			return c.SendVideo(ctx, []byte("\x00\x00\x00\x18ftypmp42"+strings.Repeat("m", 200)))
		},
		func() (*wechatsim.Delivery, error) {
			return c.SendFile(ctx, []byte("%PDF-1.4 file body"), "report.pdf")
		},
		func() (*wechatsim.Delivery, error) {
			return c.SendLocation(ctx, wechatsim.KFLocation{Latitude: 23.1066, Longitude: 113.3245, Name: "广州塔", Address: "广州市海珠区"})
		},
		func() (*wechatsim.Delivery, error) {
			return c.SendLink(ctx, wechatsim.KFLink{Title: "退货政策", Desc: "七天无理由", URL: "https://example.com/a", PicURL: "https://example.com/p.png"})
		},
		func() (*wechatsim.Delivery, error) { return c.SendBusinessCard(ctx, "zhangsan") },
		func() (*wechatsim.Delivery, error) {
			return c.SendMiniProgram(ctx, wechatsim.KFMiniProgram{AppID: "wxabcdef0123456789", Title: "商城", PagePath: "pages/index", ThumbMediaID: "thumb1"})
		},
		func() (*wechatsim.Delivery, error) {
			return c.SendMsgMenu(ctx, wechatsim.KFMsgMenu{HeadContent: "请选择", TailContent: "谢谢", List: []wechatsim.KFMenuItem{
				{Type: "click", Click: &wechatsim.KFMenuField{ID: "101", Content: "满意"}},
				{Type: "view", View: &wechatsim.KFMenuField{URL: "https://example.com", Content: "官网"}}}})
		},
		func() (*wechatsim.Delivery, error) {
			return c.SendShopProduct(ctx, wechatsim.KFShopProduct{ProductID: "p1", Title: "保温杯", SalesPrice: "9900", ShopNickname: "杯子小店"})
		},
		func() (*wechatsim.Delivery, error) {
			return c.SendShopOrder(ctx, wechatsim.KFShopOrder{OrderID: "o1", ProductTitles: "保温杯", PriceWording: "99.00元", State: "待发货", ShopNickname: "杯子小店"})
		},
		func() (*wechatsim.Delivery, error) {
			return c.SendMergedMsg(ctx, wechatsim.KFMergedMsg{Title: "张三和李四的聊天记录", Item: []wechatsim.KFMergedItem{
				{SendTime: 1700000000, MsgType: "text", SenderName: "张三", MsgContent: `{"text":{"content":"在吗"}}`},
				{SendTime: 1700000001, MsgType: "image", SenderName: "李四", MsgContent: `{"image":{"media_id":"m1"}}`}}})
		},
		func() (*wechatsim.Delivery, error) {
			return c.SendChannels(ctx, wechatsim.KFChannels{SubType: 2, Nickname: "杯子小店", Title: "新品直播"})
		},
		func() (*wechatsim.Delivery, error) {
			_, d, err := c.SessionStatusChange(ctx, 1, "", "servicer01")
			return d, err
		},
		func() (*wechatsim.Delivery, error) { return c.MsgSendFail(ctx, "msg_not_ours_0001", 6) },
		func() (*wechatsim.Delivery, error) { return c.RejectMessages(ctx, "servicer01", true) },
	}
	for i, send := range steps {
		if _, err := send(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	k.waitLong("every message stored", 20*time.Second, func() bool { return k.kfIn("") == len(steps)+1 })
	k.waitLong("media downloaded", 20*time.Second, func() bool {
		return k.count("messages", "direction = 'in' && media_state = 'stored'") == 4
	})
	entry, err := k.app.FindFirstRecordByFilter("conversations", "channel = '"+testKFChannelID+"' && state = 'closed'")
	if err != nil {
		t.Fatal(err)
	}
	conv, err := k.app.FindFirstRecordByFilter("conversations", "channel = '"+testKFChannelID+"' && state != 'closed'")
	if err != nil {
		t.Fatal(err)
	}
	_, entryPage := k.inboxRequest(k.supervisor, http.MethodGet, "/inbox/conversations/"+entry.Id, nil)
	status, page := k.inboxRequest(k.supervisor, http.MethodGet, "/inbox/conversations/"+conv.Id+"?tab=all", nil)
	if status != http.StatusOK {
		t.Fatalf("conversation page: %d", status)
	}
	for _, want := range []string{`<span class="badge kf-account" title="客服账号">WeDesk 客服</span>`, "视频号 · 参数 live42"} {
		if n := strings.Count(page, want); n < 2 {
			t.Errorf("%q appears %d times, want on the row and the header", want, n)
		}
	}
	got := renderedMessages(entryPage) + renderedMessages(page)
	if *updateKFGolden {
		if err := os.WriteFile(kfGolden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(kfGolden)
	if err != nil {
		t.Fatalf("%v (run with -update-kf-golden to create it)", err)
	}
	if got != string(want) {
		t.Errorf("rendered kf messages differ from %s:\n--- got\n%s--- want\n%s", kfGolden, got, want)
	}
}

var (
	msgDivRE = regexp.MustCompile(`<div class="(msg [^"]*)"[^>]*>`)
	suffixRE = regexp.MustCompile(`_[a-z0-9]{10}\.`) // PocketBase's random file name suffix
	tagRE    = regexp.MustCompile(`<[^>]*>`)
	clockRE  = regexp.MustCompile(`\b\d\d:\d\d\b`)
	spaceRE  = regexp.MustCompile(`\s+`)
)

// renderedMessages reduces the page's messages to one line each: the
// message's classes and its visible text, without clock times.
func renderedMessages(page string) string {
	start := strings.Index(page, `id="messages"`)
	end := len(page) - start
	for _, marker := range []string{`id="conv-banner"`, `id="budget"`, `id="reply"`} {
		if i := strings.Index(page[start:], marker); i >= 0 && i < end {
			end = strings.LastIndex(page[start:start+i], "<")
		}
	}
	area := page[start : start+end]
	locs := msgDivRE.FindAllStringSubmatchIndex(area, -1)
	var b strings.Builder
	for i, loc := range locs {
		stop := len(area)
		if i+1 < len(locs) {
			stop = locs[i+1][0]
		}
		text := html.UnescapeString(tagRE.ReplaceAllString(area[loc[1]:stop], " "))
		text = suffixRE.ReplaceAllString(clockRE.ReplaceAllString(text, ""), ".")
		// Whether the browser may play AMR depends on the machine's converter.
		text = strings.Replace(text, "浏览器无法播放此语音，请下载收听。", "", 1)
		text = strings.TrimSuffix(strings.TrimSpace(spaceRE.ReplaceAllString(text, " ")), " ·")
		b.WriteString(area[loc[2]:loc[3]] + " | " + text + "\n")
	}
	return b.String()
}
