package hooks_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/channel/mp"
	"github.com/wedesk/wedesk/internal/store"
)

// TestCoreBatchSeqsAreExact commits three pushes in one transaction at one
// instant: each gets its own seq, and catching up after the first returns
// exactly the other two, in order, from the store and from the inbox.
func TestCoreBatchSeqsAreExact(t *testing.T) {
	clock := newCoreClock()
	h := newHarness(t, hooks.Options{Now: clock.Now})
	const openid = "o_seq_customer_000000000001"
	h.commit(mp.Inbound(textPush(t, openid, 1, "一")), mp.Inbound(textPush(t, openid, 2, "二")),
		mp.Inbound(textPush(t, openid, 3, "三")))

	conv := h.openConv(openid)
	msgs, err := h.app.FindRecordsByFilter(store.CollectionMessages, "conversation = {:c}", "seq", 0, 0,
		map[string]any{"c": conv.Id})
	if err != nil || len(msgs) != 3 {
		t.Fatalf("%d messages (%v), want 3", len(msgs), err)
	}
	seqs := make([]int64, 3)
	for i, m := range msgs {
		seqs[i] = store.NewMessage(m).Seq()
		if want := []string{"一", "二", "三"}[i]; m.GetString("text") != want {
			t.Fatalf("message %d is %q, want %q (commit order)", i, m.GetString("text"), want)
		}
	}
	if !(seqs[0] < seqs[1] && seqs[1] < seqs[2]) {
		t.Fatalf("seqs %v are not distinct and increasing", seqs)
	}
	if seqs[0] != clock.Now().UnixMicro() {
		t.Errorf("first seq %d, want the commit time in microseconds %d", seqs[0], clock.Now().UnixMicro())
	}

	after, err := store.MessagesAfter(h.app, conv.Id, seqs[0], 500)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != 2 || after[0].Id != msgs[1].Id || after[1].Id != msgs[2].Id {
		t.Fatalf("MessagesAfter(first) = %v, want [%s %s]", ids(after), msgs[1].Id, msgs[2].Id)
	}

	// The inbox's catch-up fragment answers the same two, in order.
	status, body := h.inboxRequest(h.agent, http.MethodGet,
		fmt.Sprintf("/inbox/conversations/%s/messages?after=%d", conv.Id, seqs[0]), nil)
	if status != http.StatusOK {
		t.Fatalf("catch-up: %d %s", status, body)
	}
	i1, i2 := strings.Index(body, `id="m-`+msgs[1].Id+`"`), strings.Index(body, `id="m-`+msgs[2].Id+`"`)
	if strings.Contains(body, "m-"+msgs[0].Id) || i1 < 0 || i2 < i1 {
		t.Fatalf("catch-up after the first message must list the second then the third:\n%s", body)
	}
	if n := strings.Count(body, `id="m-`); n != 2 {
		t.Fatalf("catch-up lists %d messages, want 2", n)
	}
}

func ids(ms []*store.Message) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Id
	}
	return out
}

// TestCoreExactSeqMigration puts messages numbered the old way (unix
// nanoseconds, which a float64 rounds so that neighbours tie) into a
// migrated app and runs the exact-seq migration again: every seq becomes a
// distinct microsecond value, in the old order, ties in insertion order.
func TestCoreExactSeqMigration(t *testing.T) {
	h := newHarnessApp(t, hooks.Options{})
	h.commit(coreText("o_mig", "mig-1", "anchor"))
	conv := h.openConv("o_mig")

	base := int64(1763715600_000_000_000) // 2025-11-21T09:00:00Z in ns
	// Nanosecond seqs as the old writer stored them; float64 rounding made
	// the first two of one batch equal, and b3 ties with b1/b2 after
	// rounding as well. Inserted in this order (rowid order).
	old := []struct {
		text string
		seq  float64
	}{
		{"a", float64(base + 100)},
		{"b1", float64(base + 5_000)},
		{"b2", float64(base + 5_000)},
		{"b3", float64(base + 5_100)}, // rounds to the same float64 as b1
		{"c", float64(base + 2_000_000)},
	}
	if float64(base+5_000) != float64(base+5_100) {
		t.Log("note: b3 does not round onto b1 on this platform")
	}
	col, err := h.app.FindCollectionByNameOrId(store.CollectionMessages)
	if err != nil {
		t.Fatal(err)
	}
	// The anchor message the batch wrote has a microsecond seq already.
	anchor, _ := h.app.FindFirstRecordByFilter(store.CollectionMessages, "text = 'anchor'")
	if _, err := h.app.NonconcurrentDB().NewQuery("DELETE FROM messages WHERE id = {:id}").
		Bind(map[string]any{"id": anchor.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	for _, o := range old {
		r := core.NewRecord(col)
		r.Load(map[string]any{"conversation": conv.Id, "direction": "in", "sender": "customer", "type": "text",
			"text": o.text, "status": "received", "media_state": "none"})
		if err := h.app.Save(r); err != nil {
			t.Fatal(err)
		}
		// Saved, then given its nanosecond seq the way the old rows have it.
		if _, err := h.app.NonconcurrentDB().NewQuery("UPDATE messages SET seq = {:s} WHERE id = {:id}").
			Bind(map[string]any{"s": o.seq, "id": r.Id}).Execute(); err != nil {
			t.Fatal(err)
		}
	}

	up := exactSeqMigration(t)
	if err := h.app.RunInTransaction(up); err != nil {
		t.Fatal(err)
	}

	var rows []struct {
		Text string  `db:"text"`
		Seq  float64 `db:"seq"`
	}
	if err := h.app.DB().NewQuery("SELECT text, seq FROM messages ORDER BY seq").All(&rows); err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, r := range rows {
		got = append(got, r.Text)
		if r.Seq >= 1<<53 || r.Seq != float64(int64(r.Seq)) {
			t.Errorf("%s: seq %v is not an exact integer below 2^53", r.Text, r.Seq)
		}
		if i > 0 && r.Seq <= rows[i-1].Seq {
			t.Errorf("%s: seq %v does not follow %v", r.Text, r.Seq, rows[i-1].Seq)
		}
		// Still roughly when it was written: within a second of base, in µs.
		if us := int64(r.Seq); us < base/1000 || us > base/1000+1_000_000 {
			t.Errorf("%s: seq %d is not a microsecond time near %d", r.Text, us, base/1000)
		}
	}
	if strings.Join(got, ",") != "a,b1,b2,b3,c" {
		t.Fatalf("order after migration = %v, want a,b1,b2,b3,c", got)
	}

	// Running it again changes nothing: microsecond seqs are left alone.
	before := fmt.Sprint(rows)
	if err := h.app.RunInTransaction(up); err != nil {
		t.Fatal(err)
	}
	rows = nil
	_ = h.app.DB().NewQuery("SELECT text, seq FROM messages ORDER BY seq").All(&rows)
	if fmt.Sprint(rows) != before {
		t.Fatalf("a second run renumbered again: %v, was %v", rows, before)
	}
	// New messages continue after the renumbered ones.
	h.commit(coreText("o_mig", "mig-2", "after"))
	last, _ := h.app.FindFirstRecordByFilter(store.CollectionMessages, "text = 'after'")
	if store.NewMessage(last).Seq() <= int64(rows[len(rows)-1].Seq) {
		t.Fatalf("a new message got seq %d, not after %v", store.NewMessage(last).Seq(), rows[len(rows)-1].Seq)
	}
}

// exactSeqMigration finds the registered up function of the exact-seq
// migration (it is unexported in pb_migrations).
func exactSeqMigration(t *testing.T) func(core.App) error {
	t.Helper()
	for _, m := range core.AppMigrations.Items() {
		if m.File == "1764000000_exact_seq.go" {
			return m.Up
		}
	}
	t.Fatal("migration 1764000000_exact_seq.go is not registered")
	return nil
}
