package store

import (
	"strings"
	"testing"

	"github.com/wedesk/wedesk/internal/testkit"
)

// TestIngestQueryPlans checks that the lookups the ingest writer runs for
// every batch go through their indexes: a scan would make every callback
// slower as the desk grows.
func TestIngestQueryPlans(t *testing.T) {
	app := newInboxTestApp(t)
	seedInbox(t, app)
	cases := []struct {
		name  string
		sql   string
		args  []any
		table string
		index string
	}{
		{"dedup", sqlStoredDedupKeys, []any{`["ch:1","ch:2"]`}, CollectionMessages, "idx_messages_dedup"},
		{"customers", sqlCustomerRefs, []any{"channel00000001", `["o1","o2"]`}, CollectionCustomers, "idx_customers_external"},
		{"open conversations", sqlOpenConversationRefs, []any{`["c1","c2"]`}, CollectionConversations, "idx_conv_open_customer"},
		{"touch", sqlTouchConversation, make([]any, 11), CollectionConversations, "sqlite_autoindex_conversations_1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			plan := testkit.QueryPlan(t, app, c.sql, c.args...)
			// json_each's list is scanned; the table never is.
			if !strings.Contains(plan, c.index) || strings.Contains(plan, "SCAN "+c.table) {
				t.Errorf("plan does not search %s:\n%s", c.index, plan)
			}
		})
	}
}
