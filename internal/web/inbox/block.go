package inbox

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"
)

// BlockCustomer is POST /inbox/conversations/{id}/block: 拒收 30 天, after
// the agent confirmed in the page.
func (h *Handler) BlockCustomer(e *core.RequestEvent) error {
	agent := inboxAgent(e)
	id := e.Request.PathValue("id")
	if _, err := visibleConversation(e.App, agent, id); err != nil {
		return h.refuse(e, err)
	}
	if _, err := h.actions.Block(e.App, agent, id); err != nil {
		return h.refuse(e, err)
	}
	return e.Redirect(http.StatusSeeOther, "/inbox/conversations/"+id)
}

// UnblockCustomer is POST /inbox/conversations/{id}/unblock (supervisors).
func (h *Handler) UnblockCustomer(e *core.RequestEvent) error {
	agent := inboxAgent(e)
	id := e.Request.PathValue("id")
	if _, err := visibleConversation(e.App, agent, id); err != nil {
		return h.refuse(e, err)
	}
	if err := h.actions.Unblock(e.App, agent, id); err != nil {
		return h.refuse(e, err)
	}
	return e.Redirect(http.StatusSeeOther, "/inbox/conversations/"+id)
}
