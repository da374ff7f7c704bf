package inbox

import (
	"net/http"
	"slices"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/assign"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/views"
)

// UseAssigner gives the inbox the assigner behind transfers and bulk
// reassignment. (Agents hear of assignments through the live hub.)
func (h *Handler) UseAssigner(a *assign.Assigner) {
	h.assign = a
}

// loads reads every agent's load and every queue's length once.
func loads(app core.App) ([]store.AgentLoad, []views.QueueLoad, error) {
	agents, err := store.ListAgentLoads(app)
	if err != nil {
		return nil, nil, err
	}
	lengths, err := store.QueueLengths(app)
	if err != nil {
		return nil, nil, err
	}
	queues, err := store.ListQueues(app)
	if err != nil {
		return nil, nil, err
	}
	out := []views.QueueLoad{{ID: "", Waiting: lengths[""]}}
	for _, q := range queues {
		out = append(out, views.QueueLoad{ID: q.Id, Name: q.Name(), Waiting: lengths[q.Id]})
	}
	return agents, out, nil
}

// agentLoadView maps one agent's load.
func agentLoadView(t *views.Text, a store.AgentLoad) views.AgentLoad {
	return views.AgentLoad{ID: a.ID, Name: a.Name, Status: a.Status, StatusLabel: statusLabel(t, a.Status),
		Load: a.Active, Max: a.Max, NeedsReassign: a.Status == store.StatusOffline && a.Active > 0,
		Available: a.Status == store.StatusOnline && a.Active < a.Max}
}

func statusLabel(t *views.Text, s string) string {
	switch s {
	case store.StatusOnline:
		return t.StatusOnline
	case store.StatusSuspended:
		return t.StatusSuspended
	}
	return t.StatusOffline
}

// routingPanel builds the load line, and the team and queues for supervisors.
func (h *Handler) routingPanel(e *core.RequestEvent, agent *store.Agent) (views.RoutingPanel, error) {
	t := h.text(e)
	p := views.RoutingPanel{Supervisor: agent.IsSupervisor(), MyMax: agent.MaxConcurrent(), CSRF: CSRFToken(e.Auth)}
	if !p.Supervisor {
		n, err := store.CountOpenByAgent(e.App, agent.Id)
		p.MyLoad = n
		return p, err
	}
	agents, queues, err := h.teamLoads(e.App)
	if err != nil {
		return p, err
	}
	for _, a := range agents {
		if a.ID == agent.Id {
			p.MyLoad = a.Active
		}
		p.Agents = append(p.Agents, agentLoadView(t, a))
	}
	p.Queues = nameDefault(t, queues)
	return p, nil
}

// nameDefault names the default queue in the agent's language, in a copy
// (qs may be shared by other viewers: sharedReads).
func nameDefault(t *views.Text, qs []views.QueueLoad) []views.QueueLoad {
	qs = slices.Clone(qs)
	for i := range qs {
		if qs[i].ID == "" {
			qs[i].Name = t.Routing.DefaultQueue
		}
	}
	return qs
}

// transferView lists the transfer targets of a conversation.
func (h *Handler) transferView(e *core.RequestEvent, agent *store.Agent, conv *store.Conversation) (*views.TransferView, error) {
	t := h.text(e)
	agents, queues, err := loads(e.App)
	if err != nil {
		return nil, err
	}
	v := &views.TransferView{ConversationID: conv.Id, CanForce: agent.IsSupervisor(), Queues: nameDefault(t, queues)}
	for _, a := range agents {
		if a.ID != conv.AgentID() {
			v.Agents = append(v.Agents, agentLoadView(t, a))
		}
	}
	return v, nil
}

// TransferConversation is POST /inbox/conversations/{id}/transfer with
// to=agent:<id> or to=queue:<id>, an optional note and force (supervisors).
func (h *Handler) TransferConversation(e *core.RequestEvent) error {
	agent := inboxAgent(e)
	target, ok := parseTarget(e.Request.FormValue("to"))
	if !ok {
		return e.BadRequestError("Choose an agent or a queue.", nil)
	}
	target.Force = e.Request.FormValue("force") != ""
	conv, err := h.assign.Transfer(agent, e.Request.PathValue("id"), target, e.Request.FormValue("note"))
	if err != nil {
		return h.refuse(e, err)
	}
	return e.Redirect(http.StatusSeeOther, "/inbox/conversations/"+conv.Id)
}

// parseTarget reads "agent:<id>" or "queue:<id>" ("queue:" is the default queue).
func parseTarget(s string) (assign.Target, bool) {
	kind, id, ok := strings.Cut(s, ":")
	switch {
	case ok && kind == "agent" && id != "":
		return assign.Target{AgentID: id}, true
	case ok && kind == "queue":
		return assign.Target{QueueID: id, ToQueue: true}, true
	}
	return assign.Target{}, false
}

// TakeOverConversation is POST /inbox/conversations/{id}/takeover: a
// supervisor's confirmed take-over of another agent's conversation.
func (h *Handler) TakeOverConversation(e *core.RequestEvent) error {
	conv, _, err := h.actions.TakeOver(e.App, inboxAgent(e), e.Request.PathValue("id"))
	if err != nil {
		return h.refuse(e, err)
	}
	return e.Redirect(http.StatusSeeOther, "/inbox/conversations/"+conv.Id+"?tab="+views.TabMine)
}

// ReassignAgent is POST /inbox/agents/{id}/reassign: a supervisor puts every
// open conversation of an (offline) agent back in its queue to be routed
// again.
func (h *Handler) ReassignAgent(e *core.RequestEvent) error {
	agent := inboxAgent(e)
	if _, err := h.assign.ReassignAll(agent, e.Request.PathValue("id"), assign.Target{ToQueue: true, KeepQueue: true}, ""); err != nil {
		return h.refuse(e, err)
	}
	return redirectBack(e, "/inbox?tab="+views.TabAll)
}
