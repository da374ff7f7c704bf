package hooks_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/channel/channeltest"
	"github.com/wedesk/wedesk/internal/store"
)

// testDriverKind is the channel kind the test driver is registered under.
// The channels collection only accepts wechat_mp and wecom_kf; until the
// real 微信客服 driver lands, wecom_kf is free for the test driver.
const testDriverKind = store.KindWecomKF

// testDriverOptions plugs the test driver in as a channel kind.
func testDriverOptions(opts hooks.Options) hooks.Options {
	opts.Drivers = map[string]channel.Factory{testDriverKind: channeltest.New}
	return opts
}

// testDriverChannel is a channel served by the test driver.
type testDriverChannel struct {
	h      *harness
	rec    *core.Record
	secret string
	acct   *channeltest.Account
}

var testDriverSeq atomic.Int32

// createTestDriverChannel adds a channel of the given kind (served by the
// test driver through hooks.Options.Drivers). The callback route refuses
// channels without an aes_key, so it gets a dummy one the driver ignores.
func (h *harness) createTestDriverChannel(kind string) *testDriverChannel {
	h.t.Helper()
	col, err := h.app.FindCollectionByNameOrId(store.CollectionChannels)
	if err != nil {
		h.t.Fatal(err)
	}
	n := testDriverSeq.Add(1)
	r := core.NewRecord(col)
	r.Load(map[string]any{
		"name": "Test driver", "kind": kind, "app_id": fmt.Sprintf("ww%016d", n), // a CorpID's shape
		"secret": "unused", "token": "ctSharedSecret", "aes_key": strings.Repeat("k", 43), "enabled": true,
	})
	if err := h.app.Save(r); err != nil {
		h.t.Fatal(err)
	}
	return &testDriverChannel{h: h, rec: r, secret: "ctSharedSecret", acct: channeltest.AccountOf(r.Id)}
}

// post sends a callback to /callback/{id} with the shared secret.
func (c *testDriverChannel) post(body string) (int, string) {
	c.h.t.Helper()
	u := c.h.srv.URL + "/callback/" + c.rec.Id + "?" + url.Values{channeltest.SecretParam: {c.secret}}.Encode()
	res, err := http.Post(u, "application/json", bytes.NewReader([]byte(body)))
	if err != nil {
		c.h.t.Fatal(err)
	}
	defer res.Body.Close()
	return res.StatusCode, readAll(c.h.t, res)
}

// commit stores msgs on this channel as one ingest batch.
func (c *testDriverChannel) commit(msgs ...channel.Inbound) {
	c.h.t.Helper()
	if err := c.h.desk.Ingest.StoreBatch(c.rec.Id, msgs); err != nil {
		c.h.t.Fatal(err)
	}
}
