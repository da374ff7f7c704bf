package inbox

import (
	"errors"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/desk"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/views"
)

// maxQuickReplies bounds the popover's list.
const maxQuickReplies = 50

// Quick reply scopes of the add form.
const (
	scopePersonal = "personal"
	scopeTeam     = "team"
	scopeChannel  = "channel"
)

var errQuickReplyText = errors.New("inbox: a quick reply needs a text of at most 2000 characters and a keyword of at most 40")

// ShowQuickReplies is GET /inbox/quick-replies?conversation=&q=: the
// replies the agent may use in that conversation's channel.
func (h *Handler) ShowQuickReplies(e *core.RequestEvent) error {
	return h.renderQuickReplies(e, http.StatusOK, "")
}

// AddQuickReply is POST /inbox/quick-replies (keyword, text, scope,
// conversation): personal for anyone, team and channel for supervisors.
func (h *Handler) AddQuickReply(e *core.RequestEvent) error {
	agent := inboxAgent(e)
	keyword := strings.TrimSpace(e.Request.FormValue("keyword"))
	text := strings.TrimSpace(e.Request.FormValue("text"))
	if text == "" || utf8.RuneCountInString(text) > 2000 || utf8.RuneCountInString(keyword) > 40 {
		return h.renderQuickReplies(e, http.StatusBadRequest, errQuickReplyText.Error())
	}
	scope := e.Request.FormValue("scope")
	if scope != scopePersonal && !agent.IsSupervisor() {
		return h.refuse(e, desk.ErrNotYours)
	}
	col, err := e.App.FindCachedCollectionByNameOrId(store.CollectionQuickReplies)
	if err != nil {
		return e.InternalServerError("Could not save the quick reply.", nil)
	}
	r := core.NewRecord(col)
	r.Set("keyword", keyword)
	r.Set("text", text)
	switch scope {
	case scopeTeam:
	case scopeChannel:
		r.Set("channel", h.quickReplyChannel(e))
	default:
		r.Set("owner", agent.Id)
	}
	if err := e.App.Save(r); err != nil {
		return e.BadRequestError("Could not save the quick reply.", nil)
	}
	if !isFragmentRequest(e) {
		return redirectBack(e, "/inbox")
	}
	return h.renderQuickReplies(e, http.StatusOK, "")
}

// DeleteQuickReply is POST /inbox/quick-replies/{id}/delete: an agent's
// own reply, or a team reply for a supervisor.
func (h *Handler) DeleteQuickReply(e *core.RequestEvent) error {
	q, err := store.FindQuickReply(e.App, e.Request.PathValue("id"))
	if err != nil {
		return h.refuse(e, store.ErrNotFound)
	}
	if !q.ManageableBy(inboxAgent(e)) {
		return h.refuse(e, desk.ErrNotYours)
	}
	if err := e.App.Delete(q.Record); err != nil {
		return e.InternalServerError("Could not delete the quick reply.", nil)
	}
	if !isFragmentRequest(e) {
		return redirectBack(e, "/inbox")
	}
	return h.renderQuickReplies(e, http.StatusOK, "")
}

// quickReplyChannel is the channel of the conversation named in the
// request, or "" (every channel) when there is none.
func (h *Handler) quickReplyChannel(e *core.RequestEvent) string {
	id := e.Request.URL.Query().Get("conversation")
	if id == "" {
		id = e.Request.FormValue("conversation")
	}
	if id == "" {
		return ""
	}
	conv, err := e.App.FindRecordById(store.CollectionConversations, id)
	if err != nil {
		return ""
	}
	return conv.GetString("channel")
}

func (h *Handler) renderQuickReplies(e *core.RequestEvent, status int, msg string) error {
	agent := inboxAgent(e)
	t := h.text(e)
	query := strings.TrimSpace(e.Request.URL.Query().Get("q"))
	replies, err := store.FindQuickReplies(e.App, agent.Id, h.quickReplyChannel(e), query, maxQuickReplies)
	if err != nil {
		return e.InternalServerError("Could not load the quick replies.", nil)
	}
	l := views.QuickReplyList{T: t, CSRF: CSRFToken(e.Auth), ConversationID: e.Request.URL.Query().Get("conversation"),
		Query: query, CanManageTeam: agent.IsSupervisor(), Error: msg}
	for _, q := range replies {
		scope := t.Polish.ScopeTeam
		switch {
		case q.OwnerID() != "":
			scope = t.Polish.ScopePersonal
		case q.ChannelID() != "":
			scope = t.Polish.ScopeChannel
		}
		l.Replies = append(l.Replies, views.QuickReplyView{ID: q.Id, Keyword: q.Keyword(), Text: q.Text(),
			Scope: scope, CanDelete: q.ManageableBy(agent)})
	}
	return render(e, status, views.QuickReplies(l))
}
