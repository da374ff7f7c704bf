package inbox

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/wedesk/wedesk/internal/desk"
	"github.com/wedesk/wedesk/internal/sendlimit"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/views"
)

// listPageSize is how many conversations a list page shows.
const listPageSize = 50

// listParams are the query parameters that select a list page.
type listParams struct {
	tab, selected string
	search        views.ClosedSearch
	page          int
}

// readListParams reads tab, c, q, from, to and page; agents asking for the
// supervisors' list get their own.
func readListParams(e *core.RequestEvent, agent *store.Agent, fallback string) listParams {
	q := e.Request.URL.Query()
	p := listParams{tab: q.Get("tab"), selected: q.Get("c"),
		search: views.ClosedSearch{Query: q.Get("q"), From: q.Get("from"), To: q.Get("to")}}
	p.page, _ = strconv.Atoi(q.Get("page"))
	switch p.tab {
	case views.TabMine, views.TabQueue, views.TabClosed:
	case views.TabAll:
		if !agent.IsSupervisor() {
			p.tab = views.TabMine
		}
	default:
		p.tab = fallback
	}
	return p
}

// buildList loads a list page and the tab counts.
func (h *Handler) buildList(e *core.RequestEvent, agent *store.Agent, p listParams) (views.ConversationList, error) {
	t := h.text(e)
	q := store.InboxQuery{List: store.InboxList(p.tab), AgentID: agent.Id, Supervisor: agent.IsSupervisor(),
		Text: p.search.Query, Limit: listPageSize + 1, Offset: p.page * listPageSize}
	q.From, _ = time.ParseInLocation("2006-01-02", p.search.From, deskZone)
	if to, err := time.ParseInLocation("2006-01-02", p.search.To, deskZone); err == nil {
		q.To = to.AddDate(0, 0, 1)
	}
	rows, err := h.listRows(e.App, q)
	if err != nil {
		return views.ConversationList{}, err
	}
	counts, err := store.CountInbox(e.App, agent.Id, agent.IsSupervisor())
	if err != nil {
		return views.ConversationList{}, err
	}
	l := views.ConversationList{Tab: p.tab, Supervisor: agent.IsSupervisor(), Search: p.search, SelectedID: p.selected,
		Counts: views.TabCounts{Mine: counts.Mine, MineUnread: counts.MineUnread, Queue: counts.Queue, All: counts.All}}
	if len(rows) > listPageSize {
		rows = rows[:listPageSize]
		l.MoreURL = listURL(p, p.page+1)
	}
	now := h.now()
	for _, r := range rows {
		l.Rows = append(l.Rows, rowView(t, r, p.tab, p.selected, now))
	}
	nameAccounts(e.App, rows, l.Rows)
	h.rowLicenseBadges(e, t, rows, l.Rows)
	if l.Routing, err = h.routingPanel(e, agent); err != nil {
		return views.ConversationList{}, err
	}
	return l, nil
}

func listURL(p listParams, page int) string {
	q := url.Values{"tab": {p.tab}, "page": {strconv.Itoa(page)}}
	for k, v := range map[string]string{"c": p.selected, "q": p.search.Query, "from": p.search.From, "to": p.search.To} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return "/inbox/list?" + q.Encode()
}

// ShowInbox is GET /inbox: the lists, no conversation open.
func (h *Handler) ShowInbox(e *core.RequestEvent) error {
	agent := inboxAgent(e)
	fallback := views.TabMine
	if e.Request.URL.Query().Get("tab") == "" {
		fallback = landingTab(e, agent)
	}
	list, err := h.buildList(e, agent, readListParams(e, agent, fallback))
	if err != nil {
		return e.InternalServerError("Could not load the conversations.", nil)
	}
	f, err := h.frame(e, h.text(e).Inbox)
	if err != nil {
		return e.InternalServerError("Could not start the session.", nil)
	}
	return render(e, http.StatusOK, views.Inbox(views.InboxPage{Frame: f, List: list}))
}

// ShowList is GET /inbox/list: the tabs and rows, for live refresh and paging.
func (h *Handler) ShowList(e *core.RequestEvent) error {
	agent := inboxAgent(e)
	list, err := h.buildList(e, agent, readListParams(e, agent, views.TabMine))
	if err != nil {
		return e.InternalServerError("Could not load the conversations.", nil)
	}
	return render(e, http.StatusOK, views.ListFragment(h.text(e), list))
}

// ShowConversation is GET /inbox/conversations/{id}: the inbox with one
// conversation open. Opening one's own conversation marks it read.
func (h *Handler) ShowConversation(e *core.RequestEvent) error {
	agent := inboxAgent(e)
	conv, err := visibleConversation(e.App, agent, e.Request.PathValue("id"))
	if err != nil {
		return h.refuse(e, err)
	}
	if err := h.actions.MarkRead(e.App, agent, conv); err != nil {
		return e.InternalServerError("Could not mark the conversation read.", nil)
	}
	cv, err := h.conversationView(e, agent, conv)
	if err != nil {
		return e.InternalServerError("Could not load the conversation.", nil)
	}
	p := readListParams(e, agent, defaultTab(conv, agent))
	p.selected = conv.Id
	list, err := h.buildList(e, agent, p)
	if err != nil {
		return e.InternalServerError("Could not load the conversations.", nil)
	}
	f, err := h.frame(e, cv.Title)
	if err != nil {
		return e.InternalServerError("Could not start the session.", nil)
	}
	return render(e, http.StatusOK, views.Inbox(views.InboxPage{Frame: f, List: list, Conversation: &cv}))
}

// defaultTab is the list a conversation belongs to from the agent's view.
func defaultTab(conv *store.Conversation, agent *store.Agent) string {
	switch {
	case conv.IsClosed():
		return views.TabClosed
	case conv.AgentID() == agent.Id:
		return views.TabMine
	case conv.AgentID() == "":
		return views.TabQueue
	}
	return views.TabAll
}

// visibleConversation loads a conversation the agent may see: desk.ErrNotYours
// (403) or store.ErrNotFound (404) otherwise.
func visibleConversation(app core.App, agent *store.Agent, id string) (*store.Conversation, error) {
	conv, err := store.FindConversation(app, id)
	if err != nil {
		return nil, err
	}
	if !conv.CanBeSeenBy(agent) {
		return nil, desk.ErrNotYours
	}
	return conv, nil
}

// refuse answers an inbox request that failed with one of the actions'
// errors, as a page or as text for scripts.
func (h *Handler) refuse(e *core.RequestEvent, err error) error {
	t := h.text(e)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return h.renderError(e, http.StatusNotFound, t.NotFound)
	case errors.Is(err, desk.ErrNotYours):
		return h.renderError(e, http.StatusForbidden, t.Forbidden)
	case errors.Is(err, desk.ErrClosed):
		return h.renderError(e, http.StatusBadRequest, t.ClosedBanner)
	case errors.Is(err, desk.ErrAlreadyTaken):
		return h.renderError(e, http.StatusConflict, t.OthersBanner)
	case errors.Is(err, desk.ErrNotRetryable):
		return h.renderError(e, http.StatusBadRequest, t.Failed)
	case errors.Is(err, desk.ErrSupervisorOnly):
		return h.renderError(e, http.StatusForbidden, t.Forbidden)
	case errors.Is(err, desk.ErrAtCapacity):
		return h.renderError(e, http.StatusConflict, t.Routing.AtCapacity)
	case errors.Is(err, desk.ErrUnavailable):
		return h.renderError(e, http.StatusConflict, t.Routing.Unavailable)
	case errors.Is(err, desk.ErrNotSupervisor):
		return h.renderError(e, http.StatusForbidden, t.Routing.NotSupervisor)
	case errors.Is(err, desk.ErrNotTaken):
		return h.renderError(e, http.StatusBadRequest, t.Routing.NothingToTake)
	}
	var limit *sendlimit.Error
	if errors.As(err, &limit) {
		return h.renderError(e, http.StatusBadRequest, limit.Message(t.Lang))
	}
	e.App.Logger().Error("inbox: action failed", "error", err)
	return e.InternalServerError("The action failed.", nil)
}
