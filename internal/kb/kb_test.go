package kb_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/kb"
	"github.com/wedesk/wedesk/internal/testkit"
)

func TestMain(m *testing.M) { os.Exit(testkit.Run(m)) }

func newApp(t testing.TB) core.App {
	app := testkit.NewApp(t)
	kb.Bind(app)
	return app
}

func addAnswer(t testing.TB, app core.App, channel, question, similar, keywords, answer string) *core.Record {
	t.Helper()
	col, err := app.FindCollectionByNameOrId(kb.CollectionAnswers)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{"channel": channel, "question": question, "similar_questions": similar,
		"keywords": keywords, "answer": answer, "enabled": true})
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestLookup(t *testing.T) {
	app := newApp(t)
	ret := addAnswer(t, app, "", "如何退货", "怎么退货\n可以退吗", "退货,退款", "七天无理由退货，请在订单页申请。")
	inv := addAnswer(t, app, "", "怎么开发票", "", "发票", "请在订单详情页申请电子发票。")
	addAnswer(t, app, "", "营业时间", "几点上班", "", "工作日 9:00–18:00。")
	tests := []struct {
		name, text, want string
	}{
		{"keyword inside a sentence", "你好，我买的衣服想退款可以吗", ret.Id},
		{"similar question", "请问怎么退货呀", ret.Id},
		{"another answer", "能开发票吗", inv.Id},
		{"nothing matches", "今天天气怎么样", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := kb.Lookup(app, "anychannel", tt.text, 3, kb.MinBotScore)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.want == "" && len(got) != 0:
				t.Fatalf("Lookup(%q) = %+v, want none", tt.text, got)
			case tt.want != "" && (len(got) == 0 || got[0].ID != tt.want):
				t.Fatalf("Lookup(%q) = %+v, want %s first", tt.text, got, tt.want)
			}
		})
	}
	// Disabling and deleting keep the index in step.
	ret.Set("enabled", false)
	if err := app.Save(ret); err != nil {
		t.Fatal(err)
	}
	if got, _ := kb.Lookup(app, "x", "我要退货", 3, kb.MinBotScore); len(got) != 0 {
		t.Fatalf("disabled answer still found: %+v", got)
	}
	if err := app.Delete(inv); err != nil {
		t.Fatal(err)
	}
	if got, _ := kb.Lookup(app, "x", "发票", 3, kb.MinBotScore); len(got) != 0 {
		t.Fatalf("deleted answer still found: %+v", got)
	}
}

func TestLookupChannelScope(t *testing.T) {
	app := newApp(t)
	ch := newChannel(t, app)
	addAnswer(t, app, ch, "运费多少", "", "运费", "满99包邮。")
	if got, _ := kb.Lookup(app, ch, "运费怎么算", 3, kb.MinBotScore); len(got) != 1 {
		t.Fatalf("own channel: %+v", got)
	}
	if got, _ := kb.Lookup(app, "otherchannel", "运费怎么算", 3, kb.MinBotScore); len(got) != 0 {
		t.Fatalf("other channel sees the answer: %+v", got)
	}
}

func newChannel(t testing.TB, app core.App) string {
	col, err := app.FindCollectionByNameOrId("channels")
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{"name": "OA", "kind": "wechat_mp", "app_id": "wx1", "secret": "s", "token": "t", "enabled": true})
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	return r.Id
}

// topics make 10,000 distinct answers from a few hundred Chinese words.
var topics = []string{"退货", "退款", "发票", "运费", "快递", "物流", "优惠", "会员", "积分", "尺码", "颜色", "库存",
	"保修", "维修", "安装", "配送", "支付", "账号", "密码", "地址", "订单", "取消", "价格", "折扣", "活动"}
var objects = []string{"手机", "电脑", "衣服", "鞋子", "耳机", "手表", "相机", "背包", "台灯", "水杯", "键盘", "鼠标",
	"音箱", "冰箱", "空调", "电视", "沙发", "床垫", "书桌", "椅子"}

func BenchmarkLookup10000(b *testing.B) {
	app := newApp(b)
	seed10000(b, app)
	b.ResetTimer()
	for b.Loop() {
		got, err := kb.Lookup(app, "ch", "你好，我买的耳机想退款，怎么退款呢", 5, 0)
		if err != nil || len(got) == 0 {
			b.Fatalf("%v %v", got, err)
		}
	}
}

// seed10000 stores 10,000 answers made of a few hundred Chinese words.
func seed10000(b *testing.B, app core.App) {
	err := app.RunInTransaction(func(tx core.App) error {
		col, err := tx.FindCollectionByNameOrId(kb.CollectionAnswers)
		if err != nil {
			return err
		}
		for i := range 10000 {
			t, o := topics[i%len(topics)], objects[(i/len(topics))%len(objects)]
			r := core.NewRecord(col)
			r.Load(map[string]any{"question": fmt.Sprintf("%s的%s问题%d", o, t, i), "keywords": fmt.Sprintf("%s%s%d", o, t, i),
				"similar_questions": fmt.Sprintf("%s怎么%s\n%s%s规则%d", o, t, o, t, i), "answer": "答案", "enabled": true})
			if err := tx.SaveNoValidate(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}
