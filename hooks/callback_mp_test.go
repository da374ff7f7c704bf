package hooks_test

import (
	"testing"

	"github.com/wedesk/wedesk/hooks"
)

func TestCustomerTextArrivesOnce(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	d, err := h.customer("oUserSmoke0001").SendText(h.ctx(), "你好 <script>x</script>")
	if err != nil {
		t.Fatal(err)
	}
	if d.Attempts != 1 || d.Body != "success" {
		t.Fatalf("delivery = %+v, want one attempt answered success", d)
	}
	msgs, err := h.app.FindRecordsByFilter("messages", "direction = 'in'", "", 0, 0)
	if err != nil || len(msgs) != 1 {
		t.Fatalf("messages = %d (%v), want 1", len(msgs), err)
	}
	m := msgs[0]
	if m.GetString("text") != "你好 <script>x</script>" || m.GetString("type") != "text" || m.GetString("wechat_msgid") != d.MsgID {
		t.Fatalf("stored %v", m.PublicExport())
	}
	conv, err := h.app.FindRecordById("conversations", m.GetString("conversation"))
	if err != nil || conv.GetString("state") != "queued" || conv.GetDateTime("last_customer_at").IsZero() {
		t.Fatalf("conversation %v (%v)", conv, err)
	}
}
