package automation

import (
	"errors"
	"fmt"
	"time"

	"github.com/wedesk/wedesk/internal/timeouts"
)

// FieldError is one invalid setting, named by its JSON path, explained in
// Chinese and English.
type FieldError struct {
	Field string
	ZH    string
	EN    string
}

// Error is the bilingual message.
func (e *FieldError) Error() string { return e.Field + ": " + e.ZH + " / " + e.EN }

// Errors is every invalid setting.
type Errors []*FieldError

// Error joins the messages.
func (es Errors) Error() string {
	s := ""
	for i, e := range es {
		if i > 0 {
			s += "; "
		}
		s += e.Error()
	}
	return s
}

// MaxMisses caps the bot's unanswered questions before hand-over.
const MaxMisses = 10

// Validate checks every setting: the timeouts' ranges (timeouts.Validate),
// the modes, the hours and the texts. It returns nil or an Errors.
func (s Settings) Validate() error {
	var es Errors
	add := func(field, zh, en string) { es = append(es, &FieldError{field, zh, en}) }
	var tes timeouts.Errors
	if err := s.Timeouts.Validate(); errors.As(err, &tes) {
		for _, te := range tes {
			add("timeouts."+te.Field, te.Message("zh"), te.Message("en"))
		}
	}
	if s.Reception != ReceptionBotHuman && s.Reception != ReceptionHuman {
		add("reception", "接待模式须为“机器人+人工”或“仅人工”", "must be bot+human or human")
	}
	if s.Bot.When != BotAllDay && s.Bot.When != BotOutOfHours {
		add("bot.when", "机器人接待时段须为全天或非工作时间", "must be all_day or out_of_hours")
	}
	if s.Bot.MaxMisses < 0 || s.Bot.MaxMisses > MaxMisses {
		add("bot.max_misses", fmt.Sprintf("未解决次数须在 0–%d 之间", MaxMisses), fmt.Sprintf("must be between 0 and %d", MaxMisses))
	}
	if s.Hours.OutOfHours != OutOfHoursBot && s.Hours.OutOfHours != OutOfHoursWait {
		add("hours.out_of_hours", "非工作时间须转机器人或排队等待", "must be bot or wait")
	}
	s.validateHours(add)
	texts := map[string]string{"bot.miss_text": s.Bot.MissText, "bot.handover_text": s.Bot.HandoverText,
		"hours.out_of_hours_text": s.Hours.OutOfHoursText, "welcome.text": s.Welcome.Text,
		"satisfaction.invite_text": s.Satisfaction.InviteText, "satisfaction.thanks_text": s.Satisfaction.ThanksText,
		"satisfaction.resolved_text": s.Satisfaction.ResolvedText, "satisfaction.comment_text": s.Satisfaction.CommentText}
	for field, text := range texts {
		if len(text) > timeouts.MaxTextBytes {
			add(field, fmt.Sprintf("文字不能超过 %d 字节", timeouts.MaxTextBytes), fmt.Sprintf("at most %d bytes", timeouts.MaxTextBytes))
		}
	}
	if s.Welcome.Enabled && s.Welcome.Text == "" {
		add("welcome.text", "启用欢迎语时须填写内容", "a text is required when the welcome is enabled")
	}
	if s.Satisfaction.RequireResolved && !s.Satisfaction.AskResolved {
		add("satisfaction.require_resolved", "须先启用“是否解决”", "ask_resolved must be on to require it")
	}
	if len(es) == 0 {
		return nil
	}
	return es
}

func (s Settings) validateHours(add func(field, zh, en string)) {
	h := s.Hours
	if h.TimeZone != "" {
		if _, err := time.LoadLocation(h.TimeZone); err != nil {
			add("hours.time_zone", "时区无效", "unknown time zone")
		}
	}
	for d, spans := range h.Weekly {
		for i, sp := range spans {
			field := fmt.Sprintf("hours.weekly.%d.%d", d, i)
			start, err1 := minutes(sp.Start)
			end, err2 := minutes(sp.End)
			if err1 != nil || err2 != nil {
				add(field, "时间格式须为 HH:MM", "times must be HH:MM")
			} else if end <= start {
				add(field, "结束时间须晚于开始时间", "the end must be after the start")
			}
		}
	}
	for i, d := range h.Holidays {
		if _, err := time.Parse("2006-01-02", d); err != nil {
			add(fmt.Sprintf("hours.holidays.%d", i), "节假日日期格式须为 YYYY-MM-DD", "dates must be YYYY-MM-DD")
		}
	}
}
