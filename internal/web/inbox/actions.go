package inbox

import (
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/views"
)

var errNotesTooLong = errors.New("hooks: the notes are too long")

// SetStatus is POST /inbox/status: 在线 / 小休 / 离线.
func (h *Handler) SetStatus(e *core.RequestEvent) error {
	status := e.Request.FormValue("status")
	switch status {
	case store.StatusOnline, store.StatusSuspended, store.StatusOffline:
	default:
		return e.BadRequestError("Unknown status.", nil)
	}
	e.Auth.Set("status", status)
	if err := e.App.Save(e.Auth); err != nil {
		return e.InternalServerError("Could not change the status.", nil)
	}
	return redirectBack(e, "/inbox")
}

// SetLang is POST /inbox/lang: the agent's UI language.
func (h *Handler) SetLang(e *core.RequestEvent) error {
	lang := e.Request.FormValue("lang")
	if lang != "zh" && lang != "en" {
		return e.BadRequestError("Unknown language.", nil)
	}
	e.Auth.Set("lang", lang)
	if err := e.App.Save(e.Auth); err != nil {
		return e.InternalServerError("Could not change the language.", nil)
	}
	setCookie(e, langCookie, lang, 365*24*3600)
	return redirectBack(e, "/inbox")
}

// ClaimConversation is POST /inbox/conversations/{id}/claim.
func (h *Handler) ClaimConversation(e *core.RequestEvent) error {
	agent := inboxAgent(e)
	if _, err := visibleConversation(e.App, agent, e.Request.PathValue("id")); err != nil {
		return h.refuse(e, err)
	}
	conv, err := h.actions.Claim(e.App, agent, e.Request.PathValue("id"))
	if err != nil {
		return h.refuse(e, err)
	}
	return e.Redirect(http.StatusSeeOther, "/inbox/conversations/"+conv.Id+"?tab="+views.TabMine)
}

// CloseConversation is POST /inbox/conversations/{id}/close with the end message.
func (h *Handler) CloseConversation(e *core.RequestEvent) error {
	agent := inboxAgent(e)
	conv, err := h.actions.Close(e.App, agent, e.Request.PathValue("id"), e.Request.FormValue("end_message"))
	if err != nil {
		return h.refuse(e, err)
	}
	return e.Redirect(http.StatusSeeOther, "/inbox/conversations/"+conv.Id+"?tab="+views.TabMine)
}

// MarkConversationRead is POST /inbox/conversations/{id}/read, sent by the
// page when a message arrives in the conversation on screen.
func (h *Handler) MarkConversationRead(e *core.RequestEvent) error {
	agent := inboxAgent(e)
	conv, err := visibleConversation(e.App, agent, e.Request.PathValue("id"))
	if err != nil {
		return h.refuse(e, err)
	}
	if err := h.actions.MarkRead(e.App, agent, conv); err != nil {
		return e.InternalServerError("Could not mark the conversation read.", nil)
	}
	return e.NoContent(http.StatusNoContent)
}

// RetryMessage is POST /inbox/messages/{id}/retry: the message again,
// now pending, for htmx; a redirect back otherwise.
func (h *Handler) RetryMessage(e *core.RequestEvent) error {
	agent := inboxAgent(e)
	if _, _, err := visibleMessage(e.App, agent, e.Request.PathValue("id")); err != nil {
		return h.refuse(e, err)
	}
	if _, err := h.actions.Retry(e.App, agent, e.Request.PathValue("id")); err != nil {
		return h.refuse(e, err)
	}
	if !isFragmentRequest(e) {
		return redirectBack(e, "/inbox")
	}
	return h.ShowMessage(e)
}
