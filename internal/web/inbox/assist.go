package inbox

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/automation"
	"github.com/wedesk/wedesk/internal/autoservice"
	"github.com/wedesk/wedesk/internal/kb"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/views"
)

// suggestionCount and suggestionScore bound what smart assist shows: more
// and weaker matches than the bot would send, for the agent to judge.
const (
	suggestionCount = 3
	suggestionScore = 0.3
)

// Assist serves the smart-assist panel: knowledge-base suggestions, the
// agent's fixes to the knowledge base, and the satisfaction survey.
type Assist struct {
	h    *Handler
	auto *autoservice.Service
}

// NewAssist returns the smart-assist handlers.
func NewAssist(h *Handler, auto *autoservice.Service) *Assist {
	return &Assist{h: h, auto: auto}
}

// ShowAssist is GET /inbox/conversations/{id}/assist.
func (a *Assist) ShowAssist(e *core.RequestEvent) error {
	return a.renderPanel(e, "")
}

// renderPanel renders the panel of the conversation in the path.
func (a *Assist) renderPanel(e *core.RequestEvent, notice string) error {
	conv, err := visibleConversation(e.App, inboxAgent(e), e.Request.PathValue("id"))
	if err != nil {
		return a.h.refuse(e, err)
	}
	view, err := a.panel(e.App, a.h.text(e), conv)
	if err != nil {
		return e.InternalServerError("Could not load the suggestions.", nil)
	}
	view.Notice = notice
	return render(e, http.StatusOK, views.AssistPanel(a.h.text(e), CSRFToken(e.Auth), view))
}

// panel builds the view model: matches for the customer's latest text and
// the survey in words.
func (a *Assist) panel(app core.App, t *views.Text, conv *store.Conversation) (views.AssistView, error) {
	v := views.AssistView{ConversationID: conv.Id, CanInvite: !conv.IsClosed()}
	var last string
	err := app.DB().Select("text").From(store.CollectionMessages).
		Where(dbx.HashExp{"conversation": conv.Id, "direction": store.DirectionIn, "type": "text"}).
		OrderBy("seq DESC").Limit(1).Row(&last)
	if err == nil && strings.TrimSpace(last) != "" {
		v.Query = last
		matches, err := kb.Lookup(app, conv.ChannelID(), last, suggestionCount, suggestionScore)
		if err != nil {
			return v, err
		}
		for _, m := range matches {
			rec, err := app.FindRecordById(kb.CollectionAnswers, m.ID)
			if err != nil {
				continue
			}
			v.Suggestions = append(v.Suggestions, views.SuggestionView{ID: m.ID, Question: m.Question,
				Answer: m.Answer, Keywords: rec.GetString("keywords"), Score: int(m.Score*100 + 0.5)})
		}
	}
	v.Survey = surveyView(t, conv)
	return v, nil
}

// surveyView words the conversation's survey.
func surveyView(t *views.Text, conv *store.Conversation) views.SurveyView {
	var s automation.Survey
	_ = conv.UnmarshalJSONField("satisfaction", &s)
	v := views.SurveyView{Pending: s.Pending(), Comment: s.Comment}
	switch {
	case s.Rating > 0:
		parts := []string{fmt.Sprintf(t.Auto.Stars, s.Rating)}
		if s.Resolved != nil && *s.Resolved {
			parts = append(parts, t.Auto.Resolved)
		} else if s.Resolved != nil {
			parts = append(parts, t.Auto.Unresolved)
		}
		if !s.Complete {
			parts = append(parts, t.Auto.Incomplete)
		}
		v.Line = strings.Join(parts, " · ")
	case s.Pending():
		v.Line = t.Auto.Invited
	default:
		v.Line = t.Auto.NotRated
	}
	return v
}

// InviteSurvey is POST /inbox/conversations/{id}/survey: the agent invites
// the customer to rate (again: the last answer counts).
func (a *Assist) InviteSurvey(e *core.RequestEvent) error {
	conv, err := visibleConversation(e.App, inboxAgent(e), e.Request.PathValue("id"))
	if err != nil {
		return a.h.refuse(e, err)
	}
	notice := a.h.text(e).Auto.Invited
	if err := a.auto.Invite(conv.Id); errors.Is(err, autoservice.ErrSurveySkipped) {
		notice = a.h.text(e).Auto.SurveySkipped
	} else if err != nil {
		return a.h.refuse(e, err)
	}
	return a.renderPanel(e, notice)
}

// SaveAnswer is POST /inbox/conversations/{id}/kb: the agent adds a
// knowledge-base answer from the conversation, or fixes one (answer_id).
// A new answer serves the conversation's channel.
func (a *Assist) SaveAnswer(e *core.RequestEvent) error {
	conv, err := visibleConversation(e.App, inboxAgent(e), e.Request.PathValue("id"))
	if err != nil {
		return a.h.refuse(e, err)
	}
	question := strings.TrimSpace(e.Request.FormValue("question"))
	answer := strings.TrimSpace(e.Request.FormValue("answer"))
	if question == "" || answer == "" {
		return e.BadRequestError("question and answer are required.", nil)
	}
	var rec *core.Record
	if id := e.Request.FormValue("answer_id"); id != "" {
		if rec, err = e.App.FindRecordById(kb.CollectionAnswers, id); err != nil {
			return a.h.refuse(e, store.ErrNotFound)
		}
	} else {
		col, err := e.App.FindCachedCollectionByNameOrId(kb.CollectionAnswers)
		if err != nil {
			return e.InternalServerError("Could not save the answer.", nil)
		}
		rec = core.NewRecord(col)
		rec.Set("channel", conv.ChannelID())
		rec.Set("enabled", true)
	}
	rec.Set("question", question)
	rec.Set("keywords", strings.TrimSpace(e.Request.FormValue("keywords")))
	rec.Set("answer", answer)
	if err := e.App.Save(rec); err != nil {
		return e.BadRequestError("Could not save the answer.", err)
	}
	return a.renderPanel(e, a.h.text(e).Auto.AnswerSaved)
}
