package timeouts

import (
	"fmt"
	"strings"
	"time"
)

// MaxTextBytes caps every text: 微信客服 refuses text over 2048 bytes, and
// the Official Account limit is not documented, so the smaller one holds.
const MaxTextBytes = 2048

// FieldError is one invalid setting. Field is the JSON path, e.g.
// "agent_comfort.after_seconds", so a form can show it next to the input.
type FieldError struct {
	Field   string
	Kind    Kind
	Problem Problem
	Got     time.Duration // the rejected After, for ProblemRange
}

// Problem is what is wrong with a setting.
type Problem uint8

// Problems Validate reports.
const (
	ProblemRange       Problem = iota // After outside the kind's Range
	ProblemTextMissing                // enabled but the text is empty
	ProblemTextTooLong                // text over MaxTextBytes
)

// Error explains the problem in English.
func (e *FieldError) Error() string { return e.Message("en") }

// Message explains the problem in lang ("zh…" for Chinese, else English),
// naming the setting and the allowed range.
func (e *FieldError) Message(lang string) string {
	r := e.Kind.Range()
	if strings.HasPrefix(strings.ToLower(lang), "zh") {
		switch e.Problem {
		case ProblemRange:
			return fmt.Sprintf("%s：时间须在 %s之间（当前 %s）", labelZH[e.Kind], spanZH(r), durZH(e.Got))
		case ProblemTextMissing:
			return fmt.Sprintf("%s：启用时须填写提示语", labelZH[e.Kind])
		}
		return fmt.Sprintf("%s：提示语不能超过 %d 字节", labelZH[e.Kind], MaxTextBytes)
	}
	switch e.Problem {
	case ProblemRange:
		return fmt.Sprintf("%s: must be between %s and %s (got %s)", e.Field, durEN(r.Min), durEN(r.Max), durEN(e.Got))
	case ProblemTextMissing:
		return fmt.Sprintf("%s: a text is required when the timeout is enabled", e.Field)
	}
	return fmt.Sprintf("%s: the text must be at most %d bytes", e.Field, MaxTextBytes)
}

// Errors is every invalid setting found by Validate, so a form can mark all
// of them at once.
type Errors []*FieldError

// Error joins the English messages.
func (es Errors) Error() string { return es.Message("en") }

// Message joins the messages in lang.
func (es Errors) Message(lang string) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Message(lang)
	}
	sep := "; "
	if strings.HasPrefix(strings.ToLower(lang), "zh") {
		sep = "；"
	}
	return strings.Join(parts, sep)
}

// Validate refuses durations outside each kind's range (even for disabled
// rules, so enabling one later cannot surprise), enabled rules that would
// send an empty text, and texts WeChat would refuse as too long. It returns
// nil or an Errors.
func (s Settings) Validate() error {
	var es Errors
	for k := range numKinds {
		es = append(es, s.checkRule(k)...)
	}
	if c := s.CustomerClose; c.Enabled && strings.TrimSpace(c.AgentText) == "" {
		es = append(es, &FieldError{Field: "customer_close.agent_text", Kind: CustomerClose, Problem: ProblemTextMissing})
	} else if len(c.AgentText) > MaxTextBytes {
		es = append(es, &FieldError{Field: "customer_close.agent_text", Kind: CustomerClose, Problem: ProblemTextTooLong})
	}
	if len(es) == 0 {
		return nil
	}
	return es
}

// checkRule validates the common part of one rule. A transfer may go
// without a text: the customer then just meets the new agent.
func (s Settings) checkRule(k Kind) []*FieldError {
	var es []*FieldError
	r, span := s.Rule(k), k.Range()
	if r.After < span.Min || r.After > span.Max {
		es = append(es, &FieldError{Field: k.String() + ".after_seconds", Kind: k, Problem: ProblemRange, Got: r.After})
	}
	switch {
	case r.Enabled && k != AgentTransfer && strings.TrimSpace(r.Text) == "":
		es = append(es, &FieldError{Field: k.String() + ".text", Kind: k, Problem: ProblemTextMissing})
	case len(r.Text) > MaxTextBytes:
		es = append(es, &FieldError{Field: k.String() + ".text", Kind: k, Problem: ProblemTextTooLong})
	}
	return es
}

var labelZH = [numKinds]string{
	AgentComfort:        "座席超时未回复·安抚访客",
	AgentReminder:       "座席超时未回复·提醒座席",
	AgentTransfer:       "座席超时未回复·自动转接",
	CustomerPromptBot:   "访客超时未回复·提示访客（机器人接待）",
	CustomerPromptHuman: "访客超时未回复·提示访客（人工接待）",
	CustomerClose:       "访客超时未回复·关闭会话",
}

// spanZH writes a range in one unit, as the console does: "1–30 分钟", "10–600 秒".
func spanZH(r Range) string {
	if r.Min%time.Minute == 0 && r.Max%time.Minute == 0 {
		return fmt.Sprintf("%d–%d 分钟", r.Min/time.Minute, r.Max/time.Minute)
	}
	return fmt.Sprintf("%d–%d 秒", r.Min/time.Second, r.Max/time.Second)
}

func durZH(d time.Duration) string {
	if d%time.Minute == 0 && d != 0 {
		return fmt.Sprintf("%d 分钟", d/time.Minute)
	}
	return fmt.Sprintf("%d 秒", d/time.Second)
}

func durEN(d time.Duration) string {
	if d%time.Minute == 0 && d != 0 {
		return fmt.Sprintf("%d min", d/time.Minute)
	}
	return fmt.Sprintf("%d s", d/time.Second)
}
