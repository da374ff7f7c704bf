package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
)

// registerRoutingHooks wakes the assigner whenever capacity may have freed
// or a conversation may have become assignable: an agent's status or
// max_concurrent changed, a conversation closed, lost its agent or went
// back to a queue, an agent was created online, a queue was created or
// changed (new members). After-success hooks run after the commit, so the drain
// sees the change. On start the queues are swept once, for conversations
// left waiting when the process stopped.
func registerRoutingHooks(app core.App, d *Desk) {
	app.OnRecordAfterUpdateSuccess(store.CollectionAgents).BindFunc(func(e *core.RecordEvent) error {
		old := e.Record.Original()
		if old.GetString("status") != e.Record.GetString("status") ||
			old.GetInt("max_concurrent") != e.Record.GetInt("max_concurrent") {
			d.Assign.Wake()
		}
		return e.Next()
	})
	app.OnRecordAfterCreateSuccess(store.CollectionAgents).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString("status") == store.StatusOnline {
			d.Assign.Wake()
		}
		return e.Next()
	})
	wakeOnQueue := func(e *core.RecordEvent) error {
		d.Assign.Wake()
		return e.Next()
	}
	app.OnRecordAfterCreateSuccess(store.CollectionQueues).BindFunc(wakeOnQueue)
	app.OnRecordAfterUpdateSuccess(store.CollectionQueues).BindFunc(wakeOnQueue)
	app.OnRecordAfterUpdateSuccess(store.CollectionConversations).BindFunc(func(e *core.RecordEvent) error {
		old, cur := e.Record.Original(), e.Record
		closed := old.GetString("state") != store.StateClosed && cur.GetString("state") == store.StateClosed
		released := old.GetString("agent") != "" && old.GetString("agent") != cur.GetString("agent")
		waiting := cur.GetString("state") == store.StateQueued && cur.GetString("agent") == "" &&
			(old.GetString("state") != store.StateQueued || old.GetString("agent") != "")
		if closed || released || waiting {
			d.Assign.Wake()
		}
		return e.Next()
	})
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		d.Assign.Wake()
		return se.Next()
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		d.Assign.Idle()
		return e.Next()
	})
}
