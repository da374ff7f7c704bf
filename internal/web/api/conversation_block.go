package api

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"
)

// BlockConversationCustomer is POST /api/wedesk/conversations/{id}/block:
// the conversation's customer is blocked (拒收) for 30 days.
func (h *Handler) BlockConversationCustomer(e *core.RequestEvent) error {
	agent, err := requireAgent(e)
	if err != nil {
		return err
	}
	until, err := h.actions.Block(e.App, agent, e.Request.PathValue("id"))
	if err != nil {
		return actionError(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{"blocked": true, "blocked_until": until, "blocked_by": agent.Id})
}

// UnblockConversationCustomer is POST /api/wedesk/conversations/{id}/unblock
// (supervisors only).
func (h *Handler) UnblockConversationCustomer(e *core.RequestEvent) error {
	agent, err := requireAgent(e)
	if err != nil {
		return err
	}
	if err := h.actions.Unblock(e.App, agent, e.Request.PathValue("id")); err != nil {
		return actionError(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{"blocked": false})
}
