package autoservice

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/testkit"
)

// TestMain cleans up the migrated template testkit builds.
func TestMain(m *testing.M) { testkit.Run(m) }

// TestPendingSurveyQueriesUseTheirIndex: the per-batch and per-customer
// pending-survey lookups read the partial index of conversations awaiting
// an answer, never every conversation of the customers.
func TestPendingSurveyQueriesUseTheirIndex(t *testing.T) {
	app := testkit.NewApp(t)
	since := surveySince(time.Now())
	perCustomer := "SELECT id FROM " + store.CollectionConversations + " WHERE customer = ? AND " +
		fmt.Sprintf(surveyPendingCond, "?") + " ORDER BY opened_at DESC LIMIT 1"
	for name, c := range map[string]struct {
		sql  string
		args []any
	}{
		"batch":    {sqlPendingSurveys, []any{`["c1","c2"]`, since}},
		"customer": {perCustomer, []any{"c1", since}},
	} {
		plan := testkit.QueryPlan(t, app, c.sql, c.args...)
		if !strings.Contains(plan, "idx_conversations_survey_pending") {
			t.Errorf("%s lookup does not use the pending-survey index:\n%s", name, plan)
		}
	}
}
