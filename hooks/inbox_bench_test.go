package hooks_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
)

// Benchmark sizes from the inbox issue: the list with 10,000 open
// conversations and a conversation with 5,000 messages.
const (
	benchOpen     = 10000
	benchMessages = 5000
	benchConv     = "bconv0000000000"
)

// benchInbox is a served app seeded with bulk SQL (app.Save per row would
// take minutes): benchOpen active conversations of agent1, as many queued,
// and benchMessages messages in benchConv. Customers are marked as synced
// so the enricher stays idle and does not compete with the pages measured.
func benchInbox(b *testing.B) (http.Handler, map[string]string) {
	b.Helper()
	h := newHarness(b, hooks.Options{PauseOutbox: true, PollInterval: time.Hour}) // idle workers: measure the pages alone
	now := time.Now().UTC()
	err := h.app.RunInTransaction(func(tx core.App) error {
		ins := func(sql string, params map[string]any) error {
			_, err := tx.DB().NewQuery(sql).Bind(params).Execute()
			return err
		}
		for i := 0; i < 2*benchOpen; i++ {
			id := fmt.Sprintf("b%014d", i)
			at := now.Add(-time.Duration(i) * time.Second).Format("2006-01-02 15:04:05.000Z")
			state, agent := "active", h.agent.Id
			if i >= benchOpen {
				state, agent = "queued", ""
			}
			if i == 0 {
				id = benchConv
			}
			if err := ins(`INSERT INTO customers (id, channel, external_id, nickname, tags, vip, scene, info_synced_at, created, updated)
				VALUES ({:id}, {:ch}, {:ext}, {:nick}, '[]', {:vip}, 'ADD_SCENE_QR_CODE', {:at}, {:at}, {:at})`,
				map[string]any{"id": id, "ch": h.channel.Id, "ext": "o_" + id, "nick": "客户" + id[10:], "vip": i%10 == 0, "at": at}); err != nil {
				return err
			}
			if err := ins(`INSERT INTO conversations (id, channel, customer, state, agent, opened_at, last_customer_at,
				last_message_at, last_preview, unread, created, updated)
				VALUES ({:id}, {:ch}, {:id}, {:state}, {:agent}, {:at}, {:at}, {:at}, '你好，请问发货了吗？', {:unread}, {:at}, {:at})`,
				map[string]any{"id": id, "ch": h.channel.Id, "state": state, "agent": agent, "at": at, "unread": i % 3}); err != nil {
				return err
			}
		}
		for i := 0; i < benchMessages; i++ {
			dir, sender, status, agent := "in", "customer", "received", ""
			if i%2 == 1 {
				dir, sender, status, agent = "out", "agent", "sent", h.agent.Id
			}
			at := now.Add(-time.Duration(benchMessages-i) * time.Second)
			if err := ins(`INSERT INTO messages (id, conversation, direction, sender, agent, type, text, status, seq,
				media_state, payload, created, updated)
				VALUES ({:id}, {:conv}, {:dir}, {:sender}, {:agent}, 'text', {:text}, {:status}, {:seq}, 'none', 'null', {:at}, {:at})`,
				map[string]any{"id": fmt.Sprintf("m%014d", i), "conv": benchConv, "dir": dir, "sender": sender, "agent": agent,
					"text": strings.Repeat("消息内容 ", 8) + fmt.Sprint(i), "status": status, "seq": at.UnixMicro(),
					"at": at.Format("2006-01-02 15:04:05.000Z")}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := h.app.DB().NewQuery("ANALYZE").Execute(); err != nil {
		b.Fatal(err)
	}
	benchLead = map[string]string{"Cookie": "wd_session=" + h.token(h.supervisor)}
	return h.srv.Config.Handler, map[string]string{"Cookie": "wd_session=" + h.token(h.agent)}
}

// benchLead is the supervisor's session of the last benchInbox.
var benchLead map[string]string

func benchGet(b *testing.B, mux http.Handler, url string, headers map[string]string, want string) {
	b.Helper()
	get := func() *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, url, nil)
		for k, v := range headers {
			req.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		return rec
	}
	if rec := get(); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), want) {
		b.Fatalf("GET %s = %d, missing %q", url, rec.Code, want)
	}
	b.ResetTimer()
	for b.Loop() {
		get()
	}
}

// BenchmarkInboxRender renders the inbox's heaviest pages through the real
// router: go test ./hooks/ -run '^$' -bench BenchmarkInboxRender -benchtime 200x
func BenchmarkInboxRender(b *testing.B) {
	mux, agent := benchInbox(b)
	b.Run("mine list of 10000 open", func(b *testing.B) {
		benchGet(b, mux, "/inbox?tab=mine", agent, `id="row-`+benchConv+`"`)
	})
	b.Run("all list of 20000 open (supervisor)", func(b *testing.B) {
		benchGet(b, mux, "/inbox?tab=all", benchLead, `id="tab-all"`)
	})
	b.Run("queue list of 10000 queued", func(b *testing.B) {
		benchGet(b, mux, "/inbox?tab=queue", agent, "已等待")
	})
	b.Run("conversation with 5000 messages", func(b *testing.B) {
		benchGet(b, mux, "/inbox/conversations/"+benchConv, agent, `id="m-m00000000004999"`)
	})
	b.Run("older history page", func(b *testing.B) {
		benchGet(b, mux, "/inbox/conversations/"+benchConv+"/messages?before="+fmt.Sprint(time.Now().Add(-2500*time.Second).UnixMicro()), agent, "m-m")
	})
	b.Run("live list refresh", func(b *testing.B) {
		benchGet(b, mux, "/inbox/list?tab=mine", agent, `id="list-rows"`)
	})
}
