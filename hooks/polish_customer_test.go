package hooks_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/store"
)

// TestPolishCustomerRemark: an agent sets a remark name from the inbox; the
// list then labels the customer by it, and search finds customers by
// remark, nickname, part of the openid, tag and message text.
func TestPolishCustomerRemark(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	a, b := "oDemoUser000000000000000AAA111", "oDemoUser000000000000000BBB222"
	h.commit(coreText(a, "m1", "我要退货"), coreText(b, "m2", "发票抬头"))
	convA, convB := h.openConv(a), h.openConv(b)
	for _, c := range []struct{ conv, nick string }{{convA.GetString("customer"), "小王"}, {convB.GetString("customer"), "小王"}} {
		r, err := h.app.FindRecordById(store.CollectionCustomers, c.conv)
		if err != nil {
			t.Fatal(err)
		}
		r.Set("nickname", c.nick)
		if err := h.app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	custA := convA.GetString("customer")
	status, body := h.inboxRequest(h.supervisor, http.MethodPost, "/inbox/customers/"+custA+"/remark",
		url.Values{"remark": {"  王女士（批发）  "}})
	if status != http.StatusSeeOther && status != http.StatusOK {
		t.Fatalf("remark: %d %s", status, body)
	}
	if got := h.reload(mustRecord(h.t, h, store.CollectionCustomers, custA)).GetString("remark"); got != "王女士（批发）" {
		t.Fatalf("remark stored %q", got)
	}
	_, page := h.inboxRequest(h.supervisor, http.MethodGet, "/inbox?tab=all", nil)
	if !strings.Contains(page, "王女士（批发）") || !strings.Contains(page, "…AAA111") || !strings.Contains(page, "…BBB222") {
		t.Fatalf("list does not tell the two 小王 apart:\n%s", page)
	}
	if strings.Count(page, `class="avatar initial av-`) < 2 {
		t.Fatal("no generated avatars")
	}
	tag := mustRecord(h.t, h, store.CollectionCustomers, convB.GetString("customer"))
	tag.Set("tags", []string{"wholesale"})
	if err := h.app.Save(tag); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ q, want, not string }{
		{"王女士", "AAA111", "BBB222"}, {"BBB2", "BBB222", "AAA111"}, {"wholesale", "BBB222", "AAA111"},
		{"退货", "AAA111", "BBB222"}, {"小王", "AAA111", ""},
	} {
		_, page := h.inboxRequest(h.supervisor, http.MethodGet, "/inbox/list?tab=all&q="+url.QueryEscape(c.q), nil)
		if !strings.Contains(page, c.want) || (c.not != "" && strings.Contains(page, c.not)) {
			t.Errorf("search %q: want %s, not %s:\n%s", c.q, c.want, c.not, page)
		}
	}
	long := strings.Repeat("名", 101)
	if status, _ := h.inboxRequest(h.supervisor, http.MethodPost, "/inbox/customers/"+custA+"/remark",
		url.Values{"remark": {long}}); status != http.StatusBadRequest {
		t.Fatalf("a 101-character remark: %d, want 400", status)
	}
}

// TestPolishCustomerRemarkFromWeChat: an Official Account's remark name
// from user/info fills an empty remark.
func TestPolishCustomerRemarkFromWeChat(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	cust := h.customer("o_remark_from_wechat").SetRemark("老客户张三")
	if _, err := cust.SendText(h.ctx(), "hi"); err != nil {
		t.Fatal(err)
	}
	h.waitFor("profile", func() bool {
		return h.count(store.CollectionCustomers, "remark = '老客户张三'") == 1
	})
}
