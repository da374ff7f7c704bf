package hooks_test

import (
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/voucher"
)

// TestExpiredLicenseRefusesSendingUntilRedeemed: a channel whose trial
// ended keeps storing what customers write but refuses agents' replies with
// license_expired; redeeming a voucher and buying a year reopens sending.
func TestExpiredLicenseRefusesSendingUntilRedeemed(t *testing.T) {
	var offset atomic.Int64
	offset.Store(int64(-100 * 24 * time.Hour)) // the channel was set up 100 days ago
	clock := func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }
	h := newHarness(t, hooks.Options{Now: clock})
	offset.Store(0)

	conv := h.openConversation("oUserLicense001")
	if n := h.count("messages", "direction = 'in'"); n != 1 {
		t.Fatalf("inbound stored: %d, want 1", n)
	}
	status, body := h.reply(h.agent, conv, "您好")
	if status != http.StatusBadRequest || !strings.Contains(body, "license_expired") {
		t.Fatalf("reply on an expired trial: %d %s", status, body)
	}

	su := h.superuser()
	priv, err := voucher.LoadPrivateKey("../internal/voucher/testdata/demo_voucher.key")
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := voucher.Issue(priv, 4, "hooks test", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if status, body := h.post(su, "/api/wedesk/credits/redeem", `{"voucher":"`+token+`"}`); status != http.StatusOK {
		t.Fatalf("redeem: %d %s", status, body)
	}
	org, err := h.app.FindFirstRecordByData("organizations", "app_id", testAccount.AppID)
	if err != nil {
		t.Fatal(err)
	}
	if status, body := h.post(su, "/api/wedesk/organizations/"+org.Id+"/buy", `{}`); status != http.StatusOK {
		t.Fatalf("buy: %d %s", status, body)
	}
	if status, body := h.reply(h.agent, conv, "您好"); status != http.StatusOK {
		t.Fatalf("reply after buying a year: %d %s", status, body)
	}
	if _, err := h.customer("oUserLicense001").SendText(h.ctx(), "still there"); err != nil {
		t.Fatal(err)
	}
	if n := h.count("messages", "direction = 'in'"); n != 2 {
		t.Fatalf("inbound stored: %d, want 2", n)
	}
}

// superuser creates a dashboard admin.
func (h *harness) superuser() *core.Record {
	h.t.Helper()
	col, err := h.app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		h.t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.SetEmail("admin@example.com")
	r.SetPassword("password123456")
	if err := h.app.Save(r); err != nil {
		h.t.Fatal(err)
	}
	return r
}

// post sends a JSON body as the given record.
func (h *harness) post(as *core.Record, path, body string) (int, string) {
	h.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, h.srv.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", h.token(as))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	return res.StatusCode, readAll(h.t, res)
}
