package hooks_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/store"
)

// TestRoutingNavigationMenu: a channel with a menu greets a new
// conversation with the numbered menu; a reply that is no choice shows it
// again, a choice puts the conversation in that queue, where it is routed.
func TestRoutingNavigationMenu(t *testing.T) {
	h, _ := routingHarness(t)
	pre := h.routingAgent("pre", "online", 5)
	post := h.routingAgent("post", "online", 5)
	qPre := h.routingQueue("售前", map[string]any{"agents": []map[string]any{{"agent": pre.Id}}})
	qPost := h.routingQueue("售后", map[string]any{"agents": []map[string]any{{"agent": post.Id}}})
	h.setRecord(h.channel, map[string]any{"menu": map[string]any{"greeting": "您好，请选择：",
		"options": []map[string]any{{"label": "售前咨询", "queue": qPre.Id}, {"label": "售后服务", "queue": qPost.Id}}}})

	c := h.write("o_menu", "在吗")
	if c.GetString("state") != store.StateBot || c.GetString("agent") != "" {
		t.Fatalf("waiting at the menu: state %q agent %q", c.GetString("state"), c.GetString("agent"))
	}
	want := "您好，请选择：\n1. 售前咨询\n2. 售后服务"
	if got := h.systemTexts(c.Id); len(got) != 1 || got[0] != want {
		t.Fatalf("menu: %q", got)
	}
	h.write("o_menu", "7")
	if got := h.systemTexts(c.Id); len(got) != 2 || got[1] != want {
		t.Fatalf("a reply that is no choice shows the menu again: %q", got)
	}
	c = h.write("o_menu", "２")
	if c.GetString("queue") != qPost.Id || c.GetString("agent") != post.Id {
		t.Fatalf("after choosing 2: queue %q agent %q", c.GetString("queue"), c.GetString("agent"))
	}
}

// TestRoutingMenuClick: an Official Account menu CLICK key mapped to a
// queue routes the conversation the customer opens next to that queue.
func TestRoutingMenuClick(t *testing.T) {
	h, clock := routingHarness(t)
	vipDesk := h.routingAgent("vipdesk", "online", 5)
	h.holdOne(vipDesk, clock) // busier: the default queue alone would pick "anyone"
	h.routingAgent("anyone", "online", 5)
	q := h.routingQueue("大客户", map[string]any{"agents": []map[string]any{{"agent": vipDesk.Id}}})
	h.setRecord(h.channel, map[string]any{"click_queues": map[string]string{"BIG": q.Id}})
	n := routingMsgN.Add(1)
	h.commit(channel.Inbound{ExternalID: "o_click", DedupKey: fmt.Sprintf("click-%d", n), Type: "event", Event: true,
		Text: "CLICK BIG", Preview: "[event]", Payload: map[string]any{"Event": "CLICK", "EventKey": "BIG"}})
	c := h.write("o_click", "你好")
	if c.GetString("queue") != q.Id || c.GetString("agent") != vipDesk.Id {
		t.Fatalf("after the CLICK: queue %q agent %q", c.GetString("queue"), c.GetString("agent"))
	}
}

// TestRoutingKFMenuIsMsgmenu: on 微信客服 the menu is a msgmenu message.
func TestRoutingKFMenuIsMsgmenu(t *testing.T) {
	h, _ := routingHarness(t)
	q := h.routingQueue("售前", nil)
	h.setRecord(h.channel, map[string]any{"kind": store.KindWecomKF,
		"menu": map[string]any{"options": []map[string]any{{"label": "售前咨询", "queue": q.Id}}}})
	c := h.write("o_kfmenu", "hi")
	m, err := h.app.FindFirstRecordByFilter(store.CollectionMessages, "conversation = {:c} && sender = 'system'", map[string]any{"c": c.Id})
	if err != nil {
		t.Fatal(err)
	}
	if m.GetString("type") != "msgmenu" || !strings.Contains(m.GetString("payload"), `"content":"售前咨询"`) {
		t.Fatalf("kf menu: type %q payload %s", m.GetString("type"), m.GetString("payload"))
	}
	// Tapping the option arrives as its text.
	if c = h.write("o_kfmenu", "售前咨询"); c.GetString("queue") != q.Id {
		t.Fatalf("tapped option: queue %q", c.GetString("queue"))
	}
}
