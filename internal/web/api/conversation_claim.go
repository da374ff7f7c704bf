package api

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"
)

// ClaimConversation is POST /api/wedesk/conversations/{id}/claim.
func (h *Handler) ClaimConversation(e *core.RequestEvent) error {
	agent, err := requireAgent(e)
	if err != nil {
		return err
	}
	conv, err := h.actions.Claim(e.App, agent, e.Request.PathValue("id"))
	if err != nil {
		return actionError(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{"id": conv.Id, "state": conv.State(), "agent": conv.AgentID()})
}
