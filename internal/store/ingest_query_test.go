package store

import (
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
)

// TestIngestQueryPlans checks that the lookups the ingest writer runs for
// every batch go through their indexes: a scan would make every callback
// slower as the desk grows.
func TestIngestQueryPlans(t *testing.T) {
	app := newInboxTestApp(t)
	seedInbox(t, app)
	cases := []struct {
		name  string
		q     *dbx.SelectQuery
		index string
	}{
		{"dedup", storedDedupKeysQuery(app, []string{"ch:1", "ch:2"}), "idx_messages_dedup"},
		{"customers", customerRefsQuery(app, "channel00000001", []string{"o1", "o2"}), "idx_customers_external"},
		{"open conversations", openConversationsQuery(app, []string{"c1", "c2"}), "idx_conv_open_customer"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := c.q.Build()
			plan := explain(t, app, q.SQL(), q.Params())
			if !strings.Contains(plan, c.index) || strings.Contains(plan, "SCAN") {
				t.Errorf("plan does not search %s:\n%s", c.index, plan)
			}
		})
	}
}
