package api

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"
)

// CloseConversation is POST /api/wedesk/conversations/{id}/close with an
// optional {"end_message": "..."}.
func (h *Handler) CloseConversation(e *core.RequestEvent) error {
	agent, err := requireAgent(e)
	if err != nil {
		return err
	}
	var body struct {
		EndMessage string `json:"end_message" form:"end_message"`
	}
	if err := e.BindBody(&body); err != nil {
		return e.BadRequestError("Invalid body.", nil)
	}
	conv, err := h.actions.Close(e.App, agent, e.Request.PathValue("id"), body.EndMessage)
	if err != nil {
		return actionError(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{"id": conv.Id, "state": conv.State()})
}
