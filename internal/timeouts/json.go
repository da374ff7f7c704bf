package timeouts

import (
	"encoding/json"
	"time"
)

// ruleJSON is a rule as stored: durations in whole seconds so the JSON reads
// like the console ("after_seconds": 60) and survives any language's parser.
type ruleJSON struct {
	Enabled      bool   `json:"enabled"`
	AfterSeconds int64  `json:"after_seconds"`
	Text         string `json:"text"`
	TargetQueue  string `json:"target_queue,omitempty"`
	AgentText    string `json:"agent_text,omitempty"`
}

type settingsJSON struct {
	AgentComfort        ruleJSON `json:"agent_comfort"`
	AgentReminder       ruleJSON `json:"agent_reminder"`
	AgentTransfer       ruleJSON `json:"agent_transfer"`
	CustomerPromptBot   ruleJSON `json:"customer_prompt_bot"`
	CustomerPromptHuman ruleJSON `json:"customer_prompt_human"`
	CustomerClose       ruleJSON `json:"customer_close"`
}

func toJSON(r Rule) ruleJSON {
	return ruleJSON{Enabled: r.Enabled, AfterSeconds: int64(r.After / time.Second), Text: r.Text}
}

func fromJSON(j ruleJSON) Rule {
	return Rule{Enabled: j.Enabled, After: time.Duration(j.AfterSeconds) * time.Second, Text: j.Text}
}

func wire(s Settings) settingsJSON {
	j := settingsJSON{
		AgentComfort:        toJSON(s.AgentComfort),
		AgentReminder:       toJSON(s.AgentReminder),
		AgentTransfer:       toJSON(s.AgentTransfer.Rule),
		CustomerPromptBot:   toJSON(s.CustomerPromptBot),
		CustomerPromptHuman: toJSON(s.CustomerPromptHuman),
		CustomerClose:       toJSON(s.CustomerClose.Rule),
	}
	j.AgentTransfer.TargetQueue = s.AgentTransfer.TargetQueue
	j.CustomerClose.AgentText = s.CustomerClose.AgentText
	return j
}

// MarshalJSON writes the settings with durations as seconds.
func (s Settings) MarshalJSON() ([]byte, error) { return json.Marshal(wire(s)) }

// UnmarshalJSON reads settings written by MarshalJSON. Rules and fields
// missing from the JSON keep their product defaults, so settings stored
// before a rule existed load valid instead of zero. Run Validate after.
func (s *Settings) UnmarshalJSON(b []byte) error {
	j := wire(DefaultSettings())
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*s = Settings{
		AgentComfort:        fromJSON(j.AgentComfort),
		AgentReminder:       fromJSON(j.AgentReminder),
		AgentTransfer:       TransferRule{Rule: fromJSON(j.AgentTransfer), TargetQueue: j.AgentTransfer.TargetQueue},
		CustomerPromptBot:   fromJSON(j.CustomerPromptBot),
		CustomerPromptHuman: fromJSON(j.CustomerPromptHuman),
		CustomerClose:       CloseRule{Rule: fromJSON(j.CustomerClose), AgentText: j.CustomerClose.AgentText},
	}
	return nil
}
