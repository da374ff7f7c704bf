package autoservice

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/automation"
	"github.com/wedesk/wedesk/internal/desk"
	"github.com/wedesk/wedesk/internal/sendlimit"
	"github.com/wedesk/wedesk/internal/store"
)

// ErrSurveySkipped says the invitation could not be sent: the send budget
// is kept for the agent (or closed).
var ErrSurveySkipped = errors.New("autoservice: survey not sent: the send budget is kept for the agent")

// survey reads a conversation's survey.
func survey(conv *store.Conversation) automation.Survey {
	var s automation.Survey
	_ = conv.UnmarshalJSONField("satisfaction", &s)
	return s
}

// Invite sends the satisfaction survey (an agent's invitation: it can be
// repeated, the last answer counts) and commits.
func (s *Service) Invite(convID string) error {
	sent := false
	err := s.app.RunInTransaction(func(tx core.App) error {
		conv, err := store.FindConversation(tx, convID)
		if err != nil {
			return err
		}
		if sent, err = s.invite(tx, conv); err != nil {
			return err
		}
		if !sent {
			return ErrSurveySkipped
		}
		return nil
	})
	if sent && err == nil {
		s.actions.WakeOutbox()
	}
	return err
}

// inviteOnClose invites at session end when the settings say so.
func (s *Service) inviteOnClose(tx core.App, conv *store.Conversation) (bool, error) {
	if !SettingsFor(tx, conv.ChannelID(), conv.Account()).Satisfaction.AutoOnClose {
		return false, nil
	}
	return s.invite(tx, conv)
}

// invite sends the rating question — a msgmenu where the channel kind has
// one, a numbered text otherwise — and sets the survey awaiting a rating.
func (s *Service) invite(tx core.App, conv *store.Conversation) (bool, error) {
	cfg := SettingsFor(tx, conv.ChannelID(), conv.Account()).Satisfaction
	m := desk.Automatic{Sender: store.SenderSystem, Reason: "satisfaction survey"}
	if s.menus(tx, conv) {
		list := make([]any, 0, len(automation.RatingLabels))
		for i, l := range automation.RatingLabels {
			n := 5 - i
			list = append(list, map[string]any{"type": "click", "click": map[string]any{
				"id": automation.MenuRatingPrefix + strconv.Itoa(n), "content": fmt.Sprintf("%d %s", n, l)}})
		}
		m.Type, m.Text = "msgmenu", cfg.InviteText
		m.Payload = map[string]any{"msgmenu": map[string]any{"head_content": cfg.InviteText, "list": list}}
	} else {
		m.Text = automation.RatingText(cfg.InviteText)
		if cfg.TemplateID != "" && !s.automaticAllowed(tx, conv) {
			m.Type, m.OutsideBudget = templateType, true
			m.Payload = map[string]any{"template_id": cfg.TemplateID, "data": cfg.TemplateFields()}
		}
	}
	sent, err := s.send(tx, conv, m)
	if err != nil || !sent {
		return false, err
	}
	sv := survey(conv)
	sv.Step, sv.InvitedAt, sv.Invitations = automation.StepRating, s.now(), sv.Invitations+1
	conv.Set("satisfaction", sv)
	return true, store.SaveChanges(tx, conv.Record)
}

// templateType is the outbound type of a template message (the Official
// Account driver's mp.TemplateType).
const templateType = "template"

// automaticAllowed reports whether the send budget has a send to spare for
// an automatic message.
func (s *Service) automaticAllowed(tx core.App, conv *store.Conversation) bool {
	b, err := s.actions.Budget(tx, conv)
	return err == nil && sendlimit.AutomaticAllowed(b)
}

// menus reports whether the conversation's channel takes the survey as a
// msgmenu.
func (s *Service) menus(tx core.App, conv *store.Conversation) bool {
	if s.surveyMenu == nil {
		return false
	}
	ch, err := store.FindChannel(tx, conv.ChannelID())
	return err == nil && s.surveyMenu(ch.Kind())
}

// surveyPendingCond selects the conversations whose survey is still
// waiting for one of its answers and was invited at or after the moment
// the %s placeholder stands for (now - automation.SurveyValidFor, see
// surveySince). Its first term is word for word the WHERE of the partial
// index idx_conversations_survey_pending, which serves both queries.
const surveyPendingCond = "(satisfaction ->> '$.step' = 'rating' OR satisfaction ->> '$.step' = 'resolved' " +
	"OR satisfaction ->> '$.step' = 'comment') AND julianday(satisfaction ->> '$.invited_at') >= julianday(%s)"

// surveySince is the earliest invitation still awaiting an answer at now.
func surveySince(now time.Time) string {
	return now.Add(-automation.SurveyValidFor).UTC().Format(time.RFC3339)
}

// pendingSurvey finds the customer's conversation whose survey awaits an
// answer: the current one, or the one that just ended, invited within
// automation.SurveyValidFor.
func (s *Service) pendingSurvey(tx core.App, customerID string) (*store.Conversation, error) {
	var id string
	err := tx.DB().Select("id").From(store.CollectionConversations).
		Where(dbx.HashExp{"customer": customerID}).
		AndWhere(dbx.NewExp(fmt.Sprintf(surveyPendingCond, "{:since}"), dbx.Params{"since": surveySince(s.now())})).
		OrderBy("opened_at DESC").Limit(1).Row(&id)
	if err != nil {
		return nil, err
	}
	return store.FindConversation(tx, id)
}

// answerSurvey applies a customer's message to a pending survey and sends
// the next question or the thanks. It reports whether the message was a
// survey answer (then it is not a question for the bot or an agent).
func (s *Service) answerSurvey(tx core.App, customerID, text, menuID string) (*store.Conversation, bool, error) {
	conv, err := s.pendingSurvey(tx, customerID)
	if err != nil {
		return nil, false, nil // no survey awaits an answer
	}
	cfg := SettingsFor(tx, conv.ChannelID(), conv.Account()).Satisfaction
	sv, ok := cfg.Answer(survey(conv), text, menuID, s.now())
	if !ok {
		return conv, false, nil
	}
	conv.Set("satisfaction", sv)
	if err := store.SaveChanges(tx, conv.Record); err != nil {
		return nil, false, err
	}
	next := desk.Automatic{Sender: store.SenderSystem, Reason: "satisfaction " + sv.Step}
	switch sv.Step {
	case automation.StepResolved:
		next.Text = cfg.ResolvedText
		if s.menus(tx, conv) {
			next.Type, next.Payload = "msgmenu", map[string]any{"msgmenu": map[string]any{
				"head_content": cfg.ResolvedText, "list": []any{
					map[string]any{"type": "click", "click": map[string]any{"id": automation.MenuResolvedYes, "content": "已解决"}},
					map[string]any{"type": "click", "click": map[string]any{"id": automation.MenuResolvedNo, "content": "未解决"}}}}}
		}
	case automation.StepComment:
		next.Text = cfg.CommentText
	default:
		next.Text = cfg.ThanksText
	}
	_, err = s.send(tx, conv, next)
	return conv, true, err
}

// BindCloseSurvey invites the customer to rate when an agent ends the
// session and the settings ask for it. It runs after the close commits
// (PocketBase delays the hook until then), in its own transaction.
func (s *Service) BindCloseSurvey(app core.App) {
	app.OnRecordAfterUpdateSuccess(store.CollectionConversations).BindFunc(func(e *core.RecordEvent) error {
		r := e.Record
		if r.GetString("state") == store.StateClosed && r.Original().GetString("state") != store.StateClosed &&
			r.GetString("close_reason") == "agent" {
			if err := s.inviteAfterClose(r.Id); err != nil {
				s.app.Logger().Error("automation: survey after close", "conversation", r.Id, "error", err)
			}
		}
		return e.Next()
	})
}

// inviteAfterClose sends the automatic survey of a conversation an agent
// ended.
func (s *Service) inviteAfterClose(convID string) error {
	sent := false
	err := s.app.RunInTransaction(func(tx core.App) error {
		conv, err := store.FindConversation(tx, convID)
		if err != nil {
			return err
		}
		sent, err = s.inviteOnClose(tx, conv)
		return err
	})
	if sent && err == nil {
		s.actions.WakeOutbox()
	}
	return err
}
