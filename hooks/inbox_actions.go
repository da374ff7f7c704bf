package hooks

import (
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/views"
)

var errNotesTooLong = errors.New("hooks: the notes are too long")

// setInboxStatus is POST /inbox/status: 在线 / 小休 / 离线.
func (d *Desk) setInboxStatus(e *core.RequestEvent) error {
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

// setInboxLang is POST /inbox/lang: the agent's UI language.
func (d *Desk) setInboxLang(e *core.RequestEvent) error {
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

// claimFromInbox is POST /inbox/conversations/{id}/claim.
func (d *Desk) claimFromInbox(e *core.RequestEvent) error {
	agent := inboxAgent(e)
	if _, err := visibleConversation(e.App, agent, e.Request.PathValue("id")); err != nil {
		return d.refuse(e, err)
	}
	conv, err := d.ClaimConversation(e.App, agent, e.Request.PathValue("id"))
	if err != nil {
		return d.refuse(e, err)
	}
	return e.Redirect(http.StatusSeeOther, "/inbox/conversations/"+conv.Id+"?tab="+views.TabMine)
}

// closeFromInbox is POST /inbox/conversations/{id}/close with the end message.
func (d *Desk) closeFromInbox(e *core.RequestEvent) error {
	agent := inboxAgent(e)
	conv, err := d.CloseConversation(e.App, agent, e.Request.PathValue("id"), e.Request.FormValue("end_message"))
	if err != nil {
		return d.refuse(e, err)
	}
	return e.Redirect(http.StatusSeeOther, "/inbox/conversations/"+conv.Id+"?tab="+views.TabMine)
}

// markConversationRead is POST /inbox/conversations/{id}/read, sent by the
// page when a message arrives in the conversation on screen.
func (d *Desk) markConversationRead(e *core.RequestEvent) error {
	agent := inboxAgent(e)
	conv, err := visibleConversation(e.App, agent, e.Request.PathValue("id"))
	if err != nil {
		return d.refuse(e, err)
	}
	if err := markRead(e.App, agent, conv); err != nil {
		return e.InternalServerError("Could not mark the conversation read.", nil)
	}
	return e.NoContent(http.StatusNoContent)
}

// retryFromInbox is POST /inbox/messages/{id}/retry: the message again,
// now pending, for htmx; a redirect back otherwise.
func (d *Desk) retryFromInbox(e *core.RequestEvent) error {
	agent := inboxAgent(e)
	if _, _, err := visibleMessage(e.App, agent, e.Request.PathValue("id")); err != nil {
		return d.refuse(e, err)
	}
	if _, err := d.RetryMessage(e.App, agent, e.Request.PathValue("id")); err != nil {
		return d.refuse(e, err)
	}
	if !isFragmentRequest(e) {
		return redirectBack(e, "/inbox")
	}
	return d.showMessage(e)
}

// markRead clears the unread count when the owning agent looks at their
// conversation; other viewers (supervisors, queue browsers) leave it as is.
func markRead(app core.App, agent *store.Agent, conv *store.Conversation) error {
	if conv.AgentID() != agent.Id || conv.GetInt("unread") == 0 {
		return nil
	}
	conv.Set("unread", 0)
	return app.Save(conv.Record)
}
