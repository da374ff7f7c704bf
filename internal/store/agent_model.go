package store

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
)

// Agent roles and statuses.
const (
	RoleAgent      = "agent"
	RoleSupervisor = "supervisor"

	StatusOnline    = "online"
	StatusSuspended = "suspended"
	StatusOffline   = "offline"
)

// DefaultMaxConcurrent is an agent's capacity when the admin sets none.
const DefaultMaxConcurrent = 10

// Agent is a typed proxy for a record of the agents auth collection.
type Agent struct {
	core.BaseRecordProxy
}

// NewAgent wraps an agents record.
func NewAgent(r *core.Record) *Agent {
	a := &Agent{}
	a.SetProxyRecord(r)
	return a
}

// Name is the display name.
func (a *Agent) Name() string { return a.GetString("name") }

// Role is agent or supervisor.
func (a *Agent) Role() string { return a.GetString("role") }

// IsSupervisor reports whether the agent sees and acts on every conversation.
func (a *Agent) IsSupervisor() bool { return a.Role() == RoleSupervisor }

// Status is online, suspended (小休) or offline.
func (a *Agent) Status() string { return a.GetString("status") }

// MaxConcurrent is the capacity in open conversations.
func (a *Agent) MaxConcurrent() int { return a.GetInt("max_concurrent") }

// Lang is the agent's UI language ("zh" or "en"; empty means zh).
func (a *Agent) Lang() string { return a.GetString("lang") }

// IsAgentRecord reports whether an auth record belongs to the agents collection.
func IsAgentRecord(r *core.Record) bool {
	return r != nil && r.Collection().Name == CollectionAgents
}

// FindAgent loads an agent by id.
func FindAgent(app core.App, id string) (*Agent, error) {
	r, err := app.FindRecordById(CollectionAgents, id)
	if err != nil {
		return nil, lookupError(fmt.Sprintf("agent %q", id), err)
	}
	return NewAgent(r), nil
}
