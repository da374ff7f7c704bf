package api

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/assign"
)

// UseAssigner gives the API the assigner behind transfers.
func (h *Handler) UseAssigner(a *assign.Assigner) { h.assign = a }

// transferBody is the JSON of a transfer: an agent or a queue ("" with
// to_queue true is the default queue), a note, and force (supervisors).
type transferBody struct {
	Agent   string `json:"agent"`
	Queue   string `json:"queue"`
	ToQueue bool   `json:"to_queue"`
	Note    string `json:"note"`
	Force   bool   `json:"force"`
}

// TransferConversation is POST /api/wedesk/conversations/{id}/transfer.
func (h *Handler) TransferConversation(e *core.RequestEvent) error {
	agent, err := requireAgent(e)
	if err != nil {
		return err
	}
	var b transferBody
	if err := e.BindBody(&b); err != nil || (b.Agent == "" && !b.ToQueue && b.Queue == "") {
		return e.BadRequestError("Give an agent or a queue.", nil)
	}
	to := assign.Target{AgentID: b.Agent, QueueID: b.Queue, ToQueue: b.ToQueue || b.Queue != "", Force: b.Force}
	conv, err := h.assign.Transfer(agent, e.Request.PathValue("id"), to, b.Note)
	if err != nil {
		return actionError(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{"id": conv.Id, "state": conv.State(), "agent": conv.AgentID(), "queue": conv.QueueID()})
}

// TakeOverConversation is POST /api/wedesk/conversations/{id}/takeover: a
// supervisor takes another agent's conversation.
func (h *Handler) TakeOverConversation(e *core.RequestEvent) error {
	agent, err := requireAgent(e)
	if err != nil {
		return err
	}
	conv, prev, err := h.actions.TakeOver(e.App, agent, e.Request.PathValue("id"))
	if err != nil {
		return actionError(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{"id": conv.Id, "agent": conv.AgentID(), "previous_agent": prev})
}
