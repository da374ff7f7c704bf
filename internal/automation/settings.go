// Package automation holds the service-automation settings of one channel
// or 微信客服 account — reception mode, bot, business hours, welcome,
// satisfaction survey and the session timeouts — with their defaults,
// validation (messages in zh and en) and JSON form. It is pure: the clock
// is passed in.
package automation

import (
	"encoding/json"
	"fmt"

	"github.com/wedesk/wedesk/internal/timeouts"
)

// Reception modes.
const (
	ReceptionBotHuman = "bot+human" // the bot answers first, hands over to a human
	ReceptionHuman    = "human"     // every conversation waits for an agent
)

// Bot answering periods.
const (
	BotAllDay      = "all_day"      // the bot answers at any hour
	BotOutOfHours  = "out_of_hours" // the bot answers only outside business hours
	OutOfHoursBot  = "bot"          // out of hours a new conversation goes to the bot
	OutOfHoursWait = "wait"         // out of hours a new conversation waits in the queue
)

// Settings are the automation of one channel or 微信客服 account.
type Settings struct {
	Reception    string            `json:"reception"`
	Bot          Bot               `json:"bot"`
	Hours        Hours             `json:"hours"`
	Welcome      Welcome           `json:"welcome"`
	Satisfaction Satisfaction      `json:"satisfaction"`
	Timeouts     timeouts.Settings `json:"timeouts"`
}

// Bot is how the bot answers and when it hands over.
type Bot struct {
	// When is BotAllDay or BotOutOfHours.
	When string `json:"when"`
	// HandoverWords make the bot hand over at once ("人工").
	HandoverWords []string `json:"handover_words"`
	// MaxMisses hands over after this many unanswered questions in a row
	// (0: never by count).
	MaxMisses int `json:"max_misses"`
	// MissText answers a question the knowledge base has no answer for.
	MissText string `json:"miss_text"`
	// HandoverText tells the customer an agent will take over.
	HandoverText string `json:"handover_text"`
}

// Welcome is the message at session start.
type Welcome struct {
	Enabled bool   `json:"enabled"`
	Text    string `json:"text"`
}

// Satisfaction is the survey at session end or on the agent's invitation.
type Satisfaction struct {
	// AutoOnClose invites the customer when a session ends.
	AutoOnClose bool `json:"auto_on_close"`
	// AskResolved asks "was it resolved?" after the rating;
	// RequireResolved makes the survey incomplete without it.
	AskResolved     bool `json:"ask_resolved"`
	RequireResolved bool `json:"require_resolved"`
	// AskComment asks for an optional comment at the end.
	AskComment bool `json:"ask_comment"`
	// InviteText heads the invitation; ResolvedText asks "resolved?"
	// (1 yes, 2 no); CommentText asks for the comment (0 skips);
	// ThanksText ends the survey.
	InviteText   string `json:"invite_text"`
	ResolvedText string `json:"resolved_text"`
	CommentText  string `json:"comment_text"`
	ThanksText   string `json:"thanks_text"`
	// TemplateID is the Official Account's template message for the
	// invitation, where one is configured: it is sent when the
	// customer-service budget has no send to spare for the numbered text
	// (template messages do not draw on it). The customer answers by
	// number in the chat. TemplateData fills the template's keywords;
	// empty means {"first": InviteText, "remark": the numbered scale}.
	TemplateID   string            `json:"template_id"`
	TemplateData map[string]string `json:"template_data"`
}

// Default returns the product defaults: human only, no welcome, survey on
// request only, the timeouts' own defaults, and no business hours (always
// open).
func Default() Settings {
	return Settings{
		Reception: ReceptionHuman,
		Bot: Bot{When: BotAllDay, HandoverWords: []string{"人工", "转人工", "人工客服"}, MaxMisses: 2,
			MissText:     "抱歉，我没有找到相关答案。您可以换个说法，或回复“人工”转人工客服。",
			HandoverText: "正在为您转接人工客服，请稍候~"},
		Hours: Hours{OutOfHours: OutOfHoursWait,
			OutOfHoursText: "您好，现在是非工作时间，我们会在上班后尽快回复您。"},
		Welcome: Welcome{Text: "您好，欢迎咨询，请问有什么可以帮您？"},
		Satisfaction: Satisfaction{AskResolved: true, AskComment: true,
			InviteText: "请对本次服务进行评价", ResolvedText: ResolvedText, CommentText: CommentText,
			ThanksText: "感谢您的评价！"},
		Timeouts: timeouts.DefaultSettings(),
	}
}

// Parse reads stored settings over the defaults; empty input gives the
// defaults.
func Parse(raw []byte) (Settings, error) {
	s := Default()
	if len(raw) == 0 || string(raw) == "null" || string(raw) == "{}" {
		return s, nil
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return Default(), fmt.Errorf("automation: settings: %w", err)
	}
	return s, nil
}

// BotActive reports whether the bot receives a conversation opened when
// the account is open (inHours) or not.
func (s Settings) BotActive(inHours bool) bool {
	if s.Reception != ReceptionBotHuman {
		return false
	}
	if !inHours {
		return s.Hours.OutOfHours == OutOfHoursBot || s.Bot.When == BotOutOfHours
	}
	return s.Bot.When == BotAllDay
}
