package hooks_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/store"
)

// renameTable renames a table under the running app: every query of it
// fails the way a broken or busy database fails, until it is renamed back.
func renameTable(t testing.TB, app core.App, from, to string) {
	t.Helper()
	if _, err := app.NonconcurrentDB().NewQuery("ALTER TABLE " + from + " RENAME TO " + to).Execute(); err != nil {
		t.Fatal(err)
	}
}

// TestCoreOutboxRetriesWhenDatabaseFails: while the conversations table
// cannot be read, the outbox keeps a pending reply pending (a failing
// database is not a conversation that is gone) and says it will retry;
// once the table is back the reply reaches WeChat exactly once.
func TestCoreOutboxRetriesWhenDatabaseFails(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	convID := h.openConversation("oUserDbDown0001")
	conv, err := store.FindConversation(h.app, convID)
	if err != nil {
		t.Fatal(err)
	}
	// Queue the reply and break the table in one transaction, so the
	// outbox's first look at the reply already meets the failure.
	err = h.app.RunInTransaction(func(tx core.App) error {
		if err := h.desk.Actions.QueueText(tx, conv, store.NewAgent(h.agent), store.SenderAgent, "despite the outage"); err != nil {
			return err
		}
		_, err := tx.NonconcurrentDB().NewQuery("ALTER TABLE conversations RENAME TO conversations_x").Execute()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	h.desk.Outbox.Notify()
	h.waitFor("a failed attempt recorded", func() bool {
		m, err := h.app.FindFirstRecordByFilter(store.CollectionMessages, "text = 'despite the outage'")
		// "sending" is the attempt in flight; wait for its outcome.
		return err == nil && m.GetInt("attempts") > 0 && m.GetString("status") != store.StatusSending
	})
	m, _ := h.app.FindFirstRecordByFilter(store.CollectionMessages, "text = 'despite the outage'")
	if m.GetString("status") != store.StatusPending || !strings.Contains(m.GetString("error"), "retrying") {
		t.Fatalf("during the outage: status=%q error=%q, want pending with a retry note (not failed)", m.GetString("status"), m.GetString("error"))
	}
	if n := len(h.sim.Sent(testAccount.AppID)); n != 0 {
		t.Fatalf("WeChat got %d sends during the outage", n)
	}

	renameTable(t, h.app, "conversations_x", "conversations")
	// The backoff put the next attempt in the future; make it due now.
	if _, err := h.app.NonconcurrentDB().NewQuery("UPDATE messages SET next_attempt_at = '' WHERE id = {:id}").
		Bind(map[string]any{"id": m.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	h.desk.Outbox.Notify()
	h.waitFor("sent after the outage", func() bool { return h.reload(m).GetString("status") == store.StatusSent })
	time.Sleep(200 * time.Millisecond)
	if n := len(h.sim.Sent(testAccount.AppID)); n != 1 {
		t.Fatalf("WeChat got %d copies, want exactly 1", n)
	}
}

// TestCoreFindConversationKeepsCause: a missing row is store.ErrNotFound;
// a failing database is not (so workers retry instead of giving up).
func TestCoreFindConversationKeepsCause(t *testing.T) {
	h := newHarnessApp(t, hooks.Options{})
	h.commit(coreText("o_cause", "k1", "hi"))
	conv := h.openConv("o_cause")
	cases := []struct {
		name     string
		id       string
		broken   bool
		notFound bool
	}{
		{"existing", conv.Id, false, false},
		{"unknown id", "nosuchconv00000", false, true},
		{"table missing", conv.Id, true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.broken {
				renameTable(t, h.app, "conversations", "conversations_x")
				defer renameTable(t, h.app, "conversations_x", "conversations")
			}
			got, err := store.FindConversation(h.app, c.id)
			switch {
			case !c.broken && !c.notFound:
				if err != nil || got.Id != c.id {
					t.Fatalf("got %v, %v", got, err)
				}
			case c.notFound:
				if !errors.Is(err, store.ErrNotFound) {
					t.Fatalf("err = %v, want store.ErrNotFound", err)
				}
			default:
				if err == nil || errors.Is(err, store.ErrNotFound) || !strings.Contains(err.Error(), "no such table") {
					t.Fatalf("err = %v, want the database's own error, not ErrNotFound", err)
				}
			}
		})
	}
}
