package store

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	_ "github.com/wedesk/wedesk/pb_migrations"
)

// newInboxTestApp is a migrated app in a temp dir.
func newInboxTestApp(t *testing.T) core.App {
	t.Helper()
	dir := t.TempDir()
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir})
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	if err := app.RunAllMigrations(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = app.ResetBootstrapState(); os.RemoveAll(dir) })
	return app
}

// inboxSeed saves records for the list tests and fails on the first error.
type inboxSeed struct {
	t   *testing.T
	app core.App
}

func (s inboxSeed) save(collection, id string, data map[string]any) {
	s.t.Helper()
	col, err := s.app.FindCollectionByNameOrId(collection)
	if err != nil {
		s.t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Id = id
	if collection == CollectionAgents {
		r.SetEmail(id + "@example.com")
		r.SetPassword("password123")
	}
	r.Load(data)
	if err := s.app.Save(r); err != nil {
		s.t.Fatalf("save %s %s: %v", collection, id, err)
	}
}

var t0 = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

func seedInbox(t *testing.T, app core.App) {
	s := inboxSeed{t, app}
	s.save(CollectionChannels, "chan00000000001", map[string]any{"name": "OA", "kind": "wechat_mp", "app_id": "wx1", "enabled": true})
	s.save(CollectionAgents, "agent0000000001", map[string]any{"name": "A1", "role": "agent", "status": "online", "max_concurrent": 10})
	s.save(CollectionAgents, "agent0000000002", map[string]any{"name": "A2", "role": "agent", "status": "online", "max_concurrent": 10})
	convs := []struct {
		id, state, agent string
		last             time.Duration
		nick             string
	}{
		{"conv00000000001", StateActive, "agent0000000001", 1, "Alice"},
		{"conv00000000002", StateActive, "agent0000000001", 3, "Bob"},
		{"conv00000000003", StateActive, "agent0000000002", 2, "Carol"},
		{"conv00000000004", StateQueued, "", 5, "Dan"},
		{"conv00000000005", StateQueued, "", 4, "Eve_%"},
		{"conv00000000006", StateClosed, "agent0000000001", 6, "Frank"},
		{"conv00000000007", StateClosed, "agent0000000002", 7, "Grace"},
	}
	for i, c := range convs {
		cust := fmt.Sprintf("cust0000000000%d", i+1)
		s.save(CollectionCustomers, cust, map[string]any{"channel": "chan00000000001", "external_id": "o" + cust,
			"nickname": c.nick, "vip": i == 0, "tags": []string{}})
		at := t0.Add(c.last * time.Minute)
		data := map[string]any{"channel": "chan00000000001", "customer": cust, "state": c.state, "agent": c.agent,
			"opened_at": at, "last_message_at": at, "unread": i}
		if c.state == StateClosed {
			data["closed_at"] = at
		}
		if c.state == StateQueued {
			data["queued_at"] = at
		}
		s.save(CollectionConversations, c.id, data)
	}
	for i := 1; i <= 7; i++ {
		s.save(CollectionMessages, fmt.Sprintf("msg00000000000%d", i), map[string]any{"conversation": "conv00000000006",
			"direction": "in", "sender": "customer", "type": "text", "text": fmt.Sprintf("invoice %d", i),
			"status": "received", "seq": int64(i)})
	}
}

func rowIDs(rows []InboxRow) string {
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = strings.TrimLeft(r.ID[4:], "0")
	}
	return strings.Join(ids, ",")
}

func TestListInbox(t *testing.T) {
	app := newInboxTestApp(t)
	seedInbox(t, app)
	a1 := "agent0000000001"
	cases := []struct {
		name string
		q    InboxQuery
		want string
	}{
		{"mine, newest first", InboxQuery{List: ListMine, AgentID: a1}, "2,1"},
		{"queue, longest waiting first", InboxQuery{List: ListQueue, AgentID: a1}, "5,4"},
		{"all open, newest first", InboxQuery{List: ListAll, AgentID: a1, Supervisor: true}, "4,5,2,3,1"},
		{"own closed", InboxQuery{List: ListClosed, AgentID: a1}, "6"},
		{"every closed for supervisors", InboxQuery{List: ListClosed, Supervisor: true}, "7,6"},
		{"closed by message text", InboxQuery{List: ListClosed, Supervisor: true, Text: "invoice 3"}, "6"},
		{"closed by nickname", InboxQuery{List: ListClosed, Supervisor: true, Text: "Gra"}, "7"},
		{"closed by openid", InboxQuery{List: ListClosed, Supervisor: true, Text: "ocust00000000007"}, "7"},
		{"like wildcards are literal", InboxQuery{List: ListClosed, Supervisor: true, Text: "%"}, ""},
		{"closed in a date range", InboxQuery{List: ListClosed, Supervisor: true, From: t0.Add(6 * time.Minute), To: t0.Add(7 * time.Minute)}, "6"},
		{"paging", InboxQuery{List: ListAll, Supervisor: true, Limit: 2, Offset: 2}, "2,3"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows, err := ListInbox(app, c.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := rowIDs(rows); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
	t.Run("all is for supervisors", func(t *testing.T) {
		if _, err := ListInbox(app, InboxQuery{List: ListAll, AgentID: a1}); err == nil {
			t.Fatal("an agent listed every conversation")
		}
	})
	t.Run("row fields", func(t *testing.T) {
		rows, _ := ListInbox(app, InboxQuery{List: ListMine, AgentID: a1})
		r := rows[1]
		if r.Nickname != "Alice" || !r.VIP || r.ChannelName != "OA" || r.AgentName != "A1" || !r.LastMessageAt().Equal(t0.Add(time.Minute)) {
			t.Errorf("row = %+v", r)
		}
	})
	t.Run("counts", func(t *testing.T) {
		c, err := CountInbox(app, a1, false)
		if err != nil {
			t.Fatal(err)
		}
		if c != (InboxCounts{Mine: 2, MineUnread: 1, Queue: 2}) {
			t.Errorf("agent counts = %+v", c)
		}
		c, _ = CountInbox(app, a1, true)
		if c.All != 5 {
			t.Errorf("supervisor all = %d", c.All)
		}
	})
}

func TestMessagePaging(t *testing.T) {
	app := newInboxTestApp(t)
	seedInbox(t, app)
	conv := "conv00000000006"
	seqs := func(ms []*Message) string {
		var s []string
		for _, m := range ms {
			s = append(s, fmt.Sprint(m.Seq()))
		}
		return strings.Join(s, ",")
	}
	page, more, err := MessagesBefore(app, conv, 0, 3)
	if err != nil || seqs(page) != "5,6,7" || !more {
		t.Fatalf("newest page = %s more=%v err=%v", seqs(page), more, err)
	}
	page, more, _ = MessagesBefore(app, conv, 5, 3)
	if seqs(page) != "2,3,4" || !more {
		t.Fatalf("older page = %s more=%v", seqs(page), more)
	}
	page, more, _ = MessagesBefore(app, conv, 2, 3)
	if seqs(page) != "1" || more {
		t.Fatalf("oldest page = %s more=%v", seqs(page), more)
	}
	after, err := MessagesAfter(app, conv, 5, 10)
	if err != nil || seqs(after) != "6,7" {
		t.Fatalf("after = %s err=%v", seqs(after), err)
	}
}

func TestCustomerVisibleTo(t *testing.T) {
	app := newInboxTestApp(t)
	seedInbox(t, app)
	a1, _ := FindAgent(app, "agent0000000001")
	cases := map[string]bool{"cust00000000001": true, "cust00000000003": false, "cust00000000004": true}
	for cust, want := range cases {
		if got, err := CustomerVisibleTo(app, cust, a1); err != nil || got != want {
			t.Errorf("%s visible = %v (%v), want %v", cust, got, err, want)
		}
	}
	names, err := AgentNames(app, []string{"agent0000000001", "agent0000000002"})
	if err != nil || names["agent0000000002"] != "A2" {
		t.Errorf("names = %v %v", names, err)
	}
}

// TestInboxQueryPlans proves every list reads an index in list order: no
// full scan of conversations and no temporary sort.
func TestInboxQueryPlans(t *testing.T) {
	app := newInboxTestApp(t)
	seedInbox(t, app)
	a1 := "agent0000000001"
	cases := []struct {
		q     InboxQuery
		index string
	}{
		{InboxQuery{List: ListMine, AgentID: a1}, "idx_conv_agent_state"},
		{InboxQuery{List: ListQueue, AgentID: a1}, "idx_conv_queued"},
		{InboxQuery{List: ListAll, Supervisor: true}, "idx_conv_open_last"},
		{InboxQuery{List: ListClosed, AgentID: a1}, "idx_conv_agent_closed"},
		{InboxQuery{List: ListClosed, Supervisor: true, Text: "x"}, "idx_conv_closed_at"},
	}
	for _, c := range cases {
		t.Run(string(c.q.List)+c.q.Text, func(t *testing.T) {
			sel, err := inboxSelect(app, c.q)
			if err != nil {
				t.Fatal(err)
			}
			plan := explain(t, app, sel.Build().SQL(), sel.Build().Params())
			if !strings.Contains(plan, c.index) || strings.Contains(plan, "TEMP B-TREE") || strings.Contains(plan, "SCAN c\n") {
				t.Errorf("plan does not use %s in order:\n%s", c.index, plan)
			}
		})
	}
	for name, sup := range map[string]bool{"agent": false, "supervisor": true} {
		t.Run("counts of "+name, func(t *testing.T) {
			q := countQueries(app, a1, sup)
			// The "mine" count reads the agent's few active conversations
			// through (agent, state); the others count from an index alone.
			plan := explain(t, app, q.mine.Build().SQL(), q.mine.Build().Params())
			if !strings.Contains(plan, "(agent=? AND state=?)") {
				t.Errorf("mine count does not search by agent and state:\n%s", plan)
			}
			for _, sel := range []*dbx.SelectQuery{q.queue, q.all} {
				if sel == nil {
					continue
				}
				plan := explain(t, app, sel.Build().SQL(), sel.Build().Params())
				if !strings.Contains(plan, "COVERING INDEX") {
					t.Errorf("count does not read a covering index:\n%s", plan)
				}
			}
		})
	}
	t.Run("history page", func(t *testing.T) {
		plan := explain(t, app, "SELECT * FROM messages WHERE conversation = {:c} AND seq < {:s} ORDER BY seq DESC LIMIT 51",
			map[string]any{"c": "x", "s": 5})
		if !strings.Contains(plan, "idx_messages_conv_seq") || strings.Contains(plan, "TEMP B-TREE") {
			t.Errorf("history plan:\n%s", plan)
		}
	})
}

func explain(t *testing.T, app core.App, sql string, params map[string]any) string {
	t.Helper()
	var rows []struct {
		Detail string `db:"detail"`
	}
	if err := app.DB().NewQuery("EXPLAIN QUERY PLAN " + sql).Bind(params).All(&rows); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(r.Detail + "\n")
	}
	return b.String()
}
