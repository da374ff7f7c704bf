package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
)

// registerAgentHooks fills an agent's defaults: role agent, offline, capacity 10.
func registerAgentHooks(app core.App) {
	app.OnRecordCreate(store.CollectionAgents).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString("role") == "" {
			e.Record.Set("role", store.RoleAgent)
		}
		if e.Record.GetString("status") == "" {
			e.Record.Set("status", store.StatusOffline)
		}
		if e.Record.GetInt("max_concurrent") == 0 {
			e.Record.Set("max_concurrent", store.DefaultMaxConcurrent)
		}
		return e.Next()
	})
}
