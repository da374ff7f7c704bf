package api

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/desk"
	"github.com/wedesk/wedesk/internal/store"
)

// ShowBudget is GET /api/wedesk/conversations/{id}/budget: what may still
// be sent and until when, for the reply box.
func (h *Handler) ShowBudget(e *core.RequestEvent) error {
	agent, err := requireAgent(e)
	if err != nil {
		return err
	}
	conv, err := store.FindConversation(e.App, e.Request.PathValue("id"))
	if err != nil || !conv.CanBeSeenBy(agent) {
		return e.NotFoundError("Conversation not found.", nil)
	}
	b, err := h.actions.Budget(e.App, conv)
	if err != nil {
		return e.InternalServerError("Could not compute the budget.", nil)
	}
	return e.JSON(http.StatusOK, map[string]any{
		"remaining": b.Remaining, "quota": b.Quota, "open": b.Open(), "reason": string(b.Reason),
		"closes": b.Closes, "seconds_left": int64(b.Left.Seconds()),
		// The stable code and the reason in the agent's language (issue 9).
		"code": b.Code(), "message": b.Message(desk.AgentLang(e)), "opener": string(b.Opener),
		"blocked_until": b.BlockedUntil, "wechat_code": b.WeChatCode,
	})
}
