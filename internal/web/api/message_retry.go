package api

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"
)

// RetryMessage is POST /api/wedesk/messages/{id}/retry.
func (h *Handler) RetryMessage(e *core.RequestEvent) error {
	agent, err := requireAgent(e)
	if err != nil {
		return err
	}
	msg, err := h.actions.Retry(e.App, agent, e.Request.PathValue("id"))
	if err != nil {
		return actionError(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{"id": msg.Id, "status": msg.Status()})
}
