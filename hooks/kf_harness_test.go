package hooks_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/wechatsim"
)

// testKFCorp is the simulated WeCom corp the kf harness connects.
var testKFCorp = wechatsim.KFCorp{
	CorpID:         "ww1234567890abcdef",
	Secret:         "kfSecret0123456789abcdefKFSECRET0123456789",
	Token:          "WeDeskKFToken2026",
	EncodingAESKey: "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut",
	AgentID:        "1000002",
}

// testKFAccount is the corp's 微信客服 account.
const testKFAccount = "wkAbCdEf0123456789"

const testKFChannelID = "chtestkf0000001"

// kfHarness is a running WeDesk wired to the simulator's WeCom kf side.
type kfHarness struct {
	*harness
	kfChannel *core.Record
}

// newKFHarness starts WeDesk (real HTTP server) and a simulator holding one
// kf corp with one account, whose callback URL is the kf channel's.
func newKFHarness(t testing.TB, welcome string) *kfHarness {
	t.Helper()
	return newKFHarnessOpts(t, welcome, hooks.Options{PollInterval: 50 * time.Millisecond})
}

// newKFHarnessOpts is newKFHarness with WeDesk's options.
func newKFHarnessOpts(t testing.TB, welcome string, opts hooks.Options) *kfHarness {
	t.Helper()
	h := &harness{t: t}
	h.sim = wechatsim.New(wechatsim.Options{PushTimeout: 10 * time.Second})
	h.sim.AddAccount(testAccount)
	h.sim.AddKFCorp(testKFCorp)
	if err := h.sim.AddKFAccount(testKFCorp.CorpID, testKFAccount, "WeDesk 客服"); err != nil {
		t.Fatal(err)
	}
	h.simSrv = httptest.NewServer(h.sim)
	t.Cleanup(h.simSrv.Close)
	h.app = newTestApp(t)
	h.desk = hooks.RegisterWithOptions(h.app, opts)
	h.channel = h.createChannel(h.simSrv.URL)
	h.agent = h.createAgent("agent1@example.com", "Agent One", "agent")
	h.agent2 = h.createAgent("agent2@example.com", "Agent Two", "agent")
	h.supervisor = h.createAgent("lead@example.com", "Lead", "supervisor")
	k := &kfHarness{harness: h}
	k.kfChannel = k.createKFChannel(welcome)
	h.srv = httptest.NewServer(serveMux(t, h.app))
	t.Cleanup(h.srv.Close)
	h.sim.SetCallbackURL(testAccount.AppID, h.callbackURL())
	corp := testKFCorp
	corp.CallbackURL = k.kfCallbackURL()
	h.sim.AddKFCorp(corp)
	k.settle()
	return k
}

// settle waits for WeDesk's start-up sync (account list, then a catch-up
// pull) to be over, so that tests control every later pull themselves.
func (k *kfHarness) settle() {
	k.t.Helper()
	k.waitLong("start-up account sync", 10*time.Second, func() bool { return k.kfAccountRow() != nil })
	time.Sleep(300 * time.Millisecond)
	if err := k.desk.Ingest.PullNow(testKFChannelID, channel.PullRequest{Account: testKFAccount}); err != nil {
		k.t.Fatalf("settling pull: %v", err)
	}
}

func (k *kfHarness) kfCallbackURL() string { return k.srv.URL + "/callback/" + k.kfChannel.Id }

func (k *kfHarness) createKFChannel(welcome string) *core.Record {
	col, err := k.app.FindCollectionByNameOrId(store.CollectionChannels)
	if err != nil {
		k.t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Set("id", testKFChannelID)
	r.Load(map[string]any{
		"name": "Test KF", "kind": store.KindWecomKF, "app_id": testKFCorp.CorpID, "secret": testKFCorp.Secret,
		"token": testKFCorp.Token, "aes_key": testKFCorp.EncodingAESKey, "api_base": k.simSrv.URL,
		"enabled": true, "welcome_text": welcome,
	})
	if err := k.app.Save(r); err != nil {
		k.t.Fatal(err)
	}
	return r
}

// kfCustomer returns a simulated WeChat user writing to the test kf account.
func (k *kfHarness) kfCustomer(externalUserID string) *wechatsim.KFCustomer {
	return k.sim.KFCustomer(testKFCorp.CorpID, testKFAccount, externalUserID)
}

// longCtx is a test context with a generous deadline, for big pulls.
func (k *kfHarness) longCtx() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	k.t.Cleanup(cancel)
	return ctx
}

// waitLong polls cond for up to d.
func (k *kfHarness) waitLong(what string, d time.Duration, cond func() bool) {
	k.t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	k.t.Fatalf("timed out waiting for %s", what)
}

// kfIn counts the kf channel's inbound messages matching extra (may be "").
func (k *kfHarness) kfIn(extra string) int {
	f := "direction = 'in' && conversation.channel = '" + testKFChannelID + "'"
	if extra != "" {
		f += " && (" + extra + ")"
	}
	return k.count(store.CollectionMessages, f)
}

// kfAccountRow is the kf_accounts row of the test account, or nil.
func (k *kfHarness) kfAccountRow() *core.Record {
	r, err := k.app.FindFirstRecordByFilter("kf_accounts", "channel = '"+testKFChannelID+"' && open_kfid = '"+testKFAccount+"'")
	if err != nil {
		return nil
	}
	return r
}
