package timeouts

import "time"

// Rule is one timeout: whether it runs, after how much silence, and the text
// it sends (to the customer, or for AgentReminder the inbox prompt).
type Rule struct {
	Enabled bool
	After   time.Duration
	Text    string
}

// TransferRule is AgentTransfer's rule plus where the conversation goes.
type TransferRule struct {
	Rule
	TargetQueue string // queue id; "" = the conversation's own queue
}

// CloseRule is CustomerClose's rule; Text goes to the customer, AgentText
// to the agent's inbox.
type CloseRule struct {
	Rule
	AgentText string
}

// Settings are the timeouts of one channel (or kf account). Store them as
// JSON: durations are written as whole seconds.
type Settings struct {
	AgentComfort        Rule
	AgentReminder       Rule
	AgentTransfer       TransferRule
	CustomerPromptBot   Rule
	CustomerPromptHuman Rule
	CustomerClose       CloseRule
}

// Range is the allowed span of a rule's After, both ends included.
type Range struct{ Min, Max time.Duration }

// ranges are the console's limits per kind (product.md "Timeouts and session
// end", from Tinet's 会话超时 settings); unexported so no caller can widen them.
var ranges = [numKinds]Range{
	AgentComfort:        {time.Minute, 30 * time.Minute},
	AgentReminder:       {10 * time.Second, 600 * time.Second},
	AgentTransfer:       {time.Minute, 9 * time.Minute},
	CustomerPromptBot:   {time.Minute, 20 * time.Minute},
	CustomerPromptHuman: {time.Minute, 20 * time.Minute},
	CustomerClose:       {2 * time.Minute, 120 * time.Minute},
}

// DefaultSettings are the product defaults: the agent reminder and the close
// on customer silence are on; comfort, transfer and prompts are off because
// each sends the customer a message from the same WeChat send budget the
// agent needs, so turning them on is the operator's choice.
func DefaultSettings() Settings {
	return Settings{
		AgentComfort:  Rule{false, time.Minute, "客服正在为您处理，请稍候~"},
		AgentReminder: Rule{true, 30 * time.Second, "客户正在等待回复，请尽快处理"},
		AgentTransfer: TransferRule{Rule: Rule{false, time.Minute, "正在为您转接其他客服，请稍候~"}},
		CustomerPromptBot: Rule{false, time.Minute,
			"您好，请问还有其他问题吗？如需人工服务请回复“人工”"},
		CustomerPromptHuman: Rule{false, time.Minute, "您好，请问还有什么可以帮您？"},
		CustomerClose: CloseRule{
			Rule:      Rule{true, 5 * time.Minute, "由于您长时间未回复，本次会话已结束。如需帮助，请随时给我们发消息。"},
			AgentText: "客户长时间未回复，会话已自动结束",
		},
	}
}

// Range returns the allowed span of the kind's After, for the settings form.
func (k Kind) Range() Range {
	if k < numKinds {
		return ranges[k]
	}
	return Range{}
}

// Rule returns the common part of the rule for k.
func (s Settings) Rule(k Kind) Rule {
	switch k {
	case AgentComfort:
		return s.AgentComfort
	case AgentReminder:
		return s.AgentReminder
	case AgentTransfer:
		return s.AgentTransfer.Rule
	case CustomerPromptBot:
		return s.CustomerPromptBot
	case CustomerPromptHuman:
		return s.CustomerPromptHuman
	case CustomerClose:
		return s.CustomerClose.Rule
	}
	return Rule{}
}
