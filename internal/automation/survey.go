package automation

import (
	"fmt"
	"strings"
	"time"
)

// Survey steps.
const (
	StepRating   = "rating"
	StepResolved = "resolved"
	StepComment  = "comment"
	StepDone     = "done"
)

// Menu ids of the 微信客服 msgmenu survey: the click comes back as a text
// whose menu_id is one of these.
const (
	MenuRatingPrefix = "sat_rate_"
	MenuResolvedYes  = "sat_resolved_yes"
	MenuResolvedNo   = "sat_resolved_no"
)

// SurveyValidFor is how long an invitation waits for its answers: a "5"
// written days later is a new message, not a rating.
const SurveyValidFor = 24 * time.Hour

// Survey is a conversation's satisfaction survey as stored on it: the
// step awaited and the last answer (a new invitation keeps the previous
// answer until the customer answers again; the last answer counts).
type Survey struct {
	Step        string    `json:"step"`
	InvitedAt   time.Time `json:"invited_at"`
	Invitations int       `json:"invitations"`
	Rating      int       `json:"rating,omitempty"`
	Resolved    *bool     `json:"resolved,omitempty"`
	Comment     string    `json:"comment,omitempty"`
	AnsweredAt  time.Time `json:"answered_at,omitzero"`
	// Complete: rated, and "resolved?" answered where it is required.
	Complete bool `json:"complete"`
}

// Pending reports whether the survey awaits an answer.
func (s Survey) Pending() bool {
	return s.Step == StepRating || s.Step == StepResolved || s.Step == StepComment
}

// RatingLabels are the five levels, best first, as shown to customers.
var RatingLabels = [5]string{"非常满意", "满意", "一般", "不满意", "非常不满意"}

// RatingText is the numbered text survey for the Official Account.
func RatingText(head string) string {
	var b strings.Builder
	b.WriteString(head)
	b.WriteString("\n回复数字评分：")
	for i, l := range RatingLabels {
		fmt.Fprintf(&b, "\n%d %s", 5-i, l)
	}
	return b.String()
}

// TemplateFields fills the survey's template message.
func (c Satisfaction) TemplateFields() map[string]string {
	if len(c.TemplateData) > 0 {
		return c.TemplateData
	}
	return map[string]string{"first": c.InviteText, "remark": strings.TrimPrefix(RatingText(""), "\n")}
}

// ResolvedText is the default question whether the problem was solved,
// numbered.
const ResolvedText = "您的问题解决了吗？回复 1 已解决，回复 2 未解决"

// CommentText is the default request for an optional comment.
const CommentText = "欢迎留下您的意见或建议（回复 0 跳过）"

// Answer applies a customer's reply (text, or the menu id of a msgmenu
// click) to the survey. It reports whether the reply was a survey answer;
// a reply that is not leaves the survey as it was.
func (c Satisfaction) Answer(s Survey, text, menuID string, now time.Time) (Survey, bool) {
	text = strings.TrimSpace(text)
	if !s.InvitedAt.IsZero() && now.Sub(s.InvitedAt) > SurveyValidFor {
		return s, false
	}
	switch s.Step {
	case StepRating:
		n := ratingOf(text, menuID)
		if n == 0 {
			return s, false
		}
		s.Rating, s.Resolved, s.Comment = n, nil, ""
		s.Step = c.after(StepRating)
	case StepResolved:
		v, ok := resolvedOf(text, menuID)
		if !ok {
			return s, false
		}
		s.Resolved = &v
		s.Step = c.after(StepResolved)
	case StepComment:
		if text != "0" && text != "" {
			s.Comment = text
		}
		s.Step = StepDone
	default:
		return s, false
	}
	s.AnsweredAt = now
	s.Complete = s.Rating > 0 && (!c.RequireResolved || s.Resolved != nil)
	return s, true
}

// after is the step that follows step.
func (c Satisfaction) after(step string) string {
	if step == StepRating && c.AskResolved {
		return StepResolved
	}
	if step != StepComment && c.AskComment {
		return StepComment
	}
	return StepDone
}

func ratingOf(text, menuID string) int {
	if v, ok := strings.CutPrefix(menuID, MenuRatingPrefix); ok {
		text = v
	}
	text = strings.TrimSuffix(strings.TrimSuffix(text, "分"), "星")
	if len(text) == 1 && text[0] >= '1' && text[0] <= '5' {
		return int(text[0] - '0')
	}
	for i, l := range RatingLabels {
		if text == l {
			return 5 - i
		}
	}
	return 0
}

func resolvedOf(text, menuID string) (bool, bool) {
	switch {
	case menuID == MenuResolvedYes || text == "1" || text == "已解决" || text == "是":
		return true, true
	case menuID == MenuResolvedNo || text == "2" || text == "未解决" || text == "否":
		return false, true
	}
	return false, false
}
