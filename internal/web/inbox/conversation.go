package inbox

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/views"
)

// historyPageSize is how many messages a history page shows.
const historyPageSize = 50

// catchUpPageSize bounds one catch-up answer; the page asks again when full.
const catchUpPageSize = 500

// conversationView builds the middle and right columns.
func (h *Handler) conversationView(e *core.RequestEvent, agent *store.Agent, conv *store.Conversation) (views.ConversationView, error) {
	t := h.text(e)
	cust, err := e.App.FindRecordById(store.CollectionCustomers, conv.CustomerID())
	if err != nil {
		return views.ConversationView{}, err
	}
	ch, err := store.FindChannel(e.App, conv.ChannelID())
	if err != nil {
		return views.ConversationView{}, err
	}
	page, err := h.messagePage(e, agent, conv, 0)
	if err != nil {
		return views.ConversationView{}, err
	}
	b, err := h.actions.Budget(e.App, conv)
	if err != nil {
		return views.ConversationView{}, err
	}
	customer, err := h.customerView(e, store.NewCustomer(cust), ch)
	if err != nil {
		return views.ConversationView{}, err
	}
	closed := conv.IsClosed()
	v := views.ConversationView{
		ID: conv.Id, State: conv.State(), StateLabel: t.States[conv.State()],
		Title: customer.Face.Label, Channel: ch.Name(), Scene: firstNonEmpty(t.SceneOf(conv.GetString("scene")), customer.Scene),
		VIP:         customer.VIP,
		CanClaim:    !closed && conv.AgentID() == "",
		CanTakeOver: !closed && agent.IsSupervisor() && conv.AgentID() != "" && conv.AgentID() != agent.Id,
		CanEnd:      !closed, CanReply: !closed,
		Messages: page, Budget: budgetView(t, conv.Id, b), Customer: customer,
		EndMessageDefault: t.EndMessageDefault,
		LicenseNotice:     h.licenseNotice(e, t, ch),
		Account:           accountName(e.App, conv),
		Rules:             rulesOfConversation(e.App, t, agent, conv, store.NewCustomer(cust), h.actions.Now()),
	}
	if !closed && (conv.AgentID() == agent.Id || agent.IsSupervisor()) {
		if v.Transfer, err = h.transferView(e, agent, conv); err != nil {
			return views.ConversationView{}, err
		}
	}
	switch {
	case closed:
		v.Banner = t.ClosedBanner
	case conv.AgentID() != "" && conv.AgentID() != agent.Id:
		v.Banner = t.OthersBanner
	}
	return v, nil
}

// messagePage loads the history page before the seq before (0: the newest).
func (h *Handler) messagePage(e *core.RequestEvent, agent *store.Agent, conv *store.Conversation, before int64) (views.MessagePage, error) {
	msgs, more, err := store.MessagesBefore(e.App, conv.Id, before, historyPageSize)
	if err != nil {
		return views.MessagePage{}, err
	}
	items, err := h.messageViews(e, agent, conv, msgs)
	if err != nil {
		return views.MessagePage{}, err
	}
	p := views.MessagePage{ConversationID: conv.Id, Items: items}
	if more && len(msgs) > 0 {
		p.OlderURL = "/inbox/conversations/" + conv.Id + "/messages?before=" + strconv.FormatInt(msgs[0].Seq(), 10)
	}
	return p, nil
}

// messageViews maps messages, looking up their authors once.
func (h *Handler) messageViews(e *core.RequestEvent, agent *store.Agent, conv *store.Conversation, msgs []*store.Message) ([]views.MessageView, error) {
	var ids []string
	seen := map[string]bool{}
	for _, m := range msgs {
		if id := m.GetString("agent"); id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	names, err := store.AgentNames(e.App, ids)
	if err != nil {
		return nil, err
	}
	mv := &messageViewer{t: h.text(e), agent: agent, canRetry: conv.CanBeSeenBy(agent) && !conv.IsClosed(),
		names: names, now: h.now(), voiceOK: voiceConverterAvailable()}
	out := make([]views.MessageView, len(msgs))
	for i, m := range msgs {
		out[i] = mv.view(m)
	}
	return out, nil
}

// ShowMessages is GET /inbox/conversations/{id}/messages?before=SEQ (an
// older page, for scrolling up) or ?after=SEQ (what a page missed while
// its connection was down).
func (h *Handler) ShowMessages(e *core.RequestEvent) error {
	agent := inboxAgent(e)
	conv, err := visibleConversation(e.App, agent, e.Request.PathValue("id"))
	if err != nil {
		return h.refuse(e, err)
	}
	q := e.Request.URL.Query()
	t := h.text(e)
	csrf := CSRFToken(e.Auth)
	if after := q.Get("after"); after != "" {
		seq, err := strconv.ParseInt(after, 10, 64)
		if err != nil {
			return e.BadRequestError("after must be a number.", nil)
		}
		msgs, err := store.MessagesAfter(e.App, conv.Id, seq, catchUpPageSize)
		if err != nil {
			return e.InternalServerError("Could not load messages.", nil)
		}
		items, err := h.messageViews(e, agent, conv, msgs)
		if err != nil {
			return e.InternalServerError("Could not load messages.", nil)
		}
		return render(e, http.StatusOK, views.Messages(t, csrf, views.MessagePage{ConversationID: conv.Id, Items: items}))
	}
	before, _ := strconv.ParseInt(q.Get("before"), 10, 64)
	page, err := h.messagePage(e, agent, conv, before)
	if err != nil {
		return e.InternalServerError("Could not load messages.", nil)
	}
	return render(e, http.StatusOK, views.Messages(t, csrf, page))
}

// ShowMessage is GET /inbox/messages/{id}: one message, rendered, for the
// page to insert or replace when realtime says it arrived or changed.
func (h *Handler) ShowMessage(e *core.RequestEvent) error {
	agent := inboxAgent(e)
	msg, conv, err := visibleMessage(e.App, agent, e.Request.PathValue("id"))
	if err != nil {
		return h.refuse(e, err)
	}
	items, err := h.messageViews(e, agent, conv, []*store.Message{msg})
	if err != nil {
		return e.InternalServerError("Could not load the message.", nil)
	}
	return render(e, http.StatusOK, views.Message(h.text(e), CSRFToken(e.Auth), items[0]))
}

// visibleMessage loads a message whose conversation the agent may see.
func visibleMessage(app core.App, agent *store.Agent, id string) (*store.Message, *store.Conversation, error) {
	rec, err := app.FindRecordById(store.CollectionMessages, id)
	if err != nil {
		return nil, nil, store.ErrNotFound
	}
	msg := store.NewMessage(rec)
	conv, err := visibleConversation(app, agent, msg.ConversationID())
	if err != nil {
		return nil, nil, err
	}
	return msg, conv, nil
}

// ShowBudget is GET /inbox/conversations/{id}/budget: the budget line
// or lock banner, refreshed after every send and every minute.
func (h *Handler) ShowBudget(e *core.RequestEvent) error {
	agent := inboxAgent(e)
	conv, err := visibleConversation(e.App, agent, e.Request.PathValue("id"))
	if err != nil {
		return h.refuse(e, err)
	}
	b, err := h.actions.Budget(e.App, conv)
	if err != nil {
		return e.InternalServerError("Could not compute the budget.", nil)
	}
	return render(e, http.StatusOK, views.Budget(h.text(e), budgetView(h.text(e), conv.Id, b)))
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
