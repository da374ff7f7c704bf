package inbox

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/coalesce"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/views"
)

// sharedReads: with a team online, one customer opening a conversation
// makes every supervisor's page refresh its list within the same second,
// and each refresh read the same list page and the same team loads. These
// reads go through h.shared, which lets the refreshes that ask at the same
// time share one query — never one that started before they asked, so no
// page misses the change that made it refresh. What they return is shared:
// read it, never change it.

// listRows is store.ListInbox, shared by the viewers whose page shows the
// same rows.
func (h *Handler) listRows(app core.App, q store.InboxQuery) ([]store.InboxRow, error) {
	return coalesce.Do(&h.shared, listKey(q), func() ([]store.InboxRow, error) { return store.ListInbox(app, q) })
}

// listKey is what a list page's rows depend on: the viewer only for the
// lists that show a viewer's own conversations.
func listKey(q store.InboxQuery) string {
	agent := q.AgentID
	if q.Supervisor && q.List != store.ListMine {
		agent = "" // a supervisor's queue, all and closed lists are everyone's
	}
	return fmt.Sprintf("list\x00%s\x00%s\x00%t\x00%s\x00%d\x00%d\x00%d\x00%d", q.List, agent, q.Supervisor, q.Text,
		q.From.UnixNano(), q.To.UnixNano(), q.Limit, q.Offset)
}

// teamLoads is loads (every agent's load and every queue's length), shared
// by the supervisors' team panels.
func (h *Handler) teamLoads(app core.App) ([]store.AgentLoad, []views.QueueLoad, error) {
	type team struct {
		agents []store.AgentLoad
		queues []views.QueueLoad
	}
	t, err := coalesce.Do(&h.shared, "team", func() (team, error) {
		agents, queues, err := loads(app)
		return team{agents, queues}, err
	})
	return t.agents, t.queues, err
}
