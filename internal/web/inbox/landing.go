package inbox

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/views"
)

// landingTab is the tab an agent opening /inbox without one sees: their
// own conversations, or the queue when they have none and customers wait.
func landingTab(e *core.RequestEvent, agent *store.Agent) string {
	counts, err := store.CountInbox(e.App, agent.Id, agent.IsSupervisor())
	if err == nil && counts.Mine == 0 && counts.Queue > 0 {
		return views.TabQueue
	}
	return views.TabMine
}
