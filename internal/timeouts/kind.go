// Package timeouts decides which silence timeouts are due in a conversation:
// comforting the customer, reminding or replacing a silent agent, prompting
// a silent customer and finally closing the session. It holds the settings
// (ranges and defaults from the Tinet-style console the product copies) and
// a pure Due function of the conversation and the clock; the cron job in the
// domain code loads open conversations, acts on Due and records MarkFired,
// so a timeout fires once per silence period even across restarts.
package timeouts

import (
	"encoding/json"
	"fmt"
)

// Kind names one timeout rule.
type Kind uint8

// The timeouts, in the order they are reported when due at the same instant.
const (
	AgentComfort        Kind = iota // agent silent → comfort message to the customer
	AgentReminder                   // agent silent → reminder in the agent's inbox
	AgentTransfer                   // agent silent → transfer to another agent
	CustomerPromptBot               // customer silent while the bot answers → prompt
	CustomerPromptHuman             // customer silent while an agent answers → prompt
	CustomerClose                   // customer silent → close with texts to both sides
	numKinds
)

var kindNames = [numKinds]string{
	"agent_comfort", "agent_reminder", "agent_transfer",
	"customer_prompt_bot", "customer_prompt_human", "customer_close",
}

// String is the kind's stable name, used in JSON and logs.
func (k Kind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// MarshalText writes the stable name so stored JSON survives reordering.
func (k Kind) MarshalText() ([]byte, error) {
	if k >= numKinds {
		return nil, fmt.Errorf("timeouts: unknown kind %d", uint8(k))
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText reads a stable name.
func (k *Kind) UnmarshalText(b []byte) error {
	for i, n := range kindNames {
		if n == string(b) {
			*k = Kind(i)
			return nil
		}
	}
	return fmt.Errorf("timeouts: unknown kind %q", b)
}

// KindSet is a set of kinds; a bit mask so scanning thousands of
// conversations allocates nothing.
type KindSet uint8

// Has reports whether k is in the set.
func (s KindSet) Has(k Kind) bool { return s&(1<<k) != 0 }

// With returns the set plus k.
func (s KindSet) With(k Kind) KindSet { return s | 1<<k }

// Kinds lists the members in Kind order.
func (s KindSet) Kinds() []Kind {
	var ks []Kind
	for k := range numKinds {
		if s.Has(k) {
			ks = append(ks, k)
		}
	}
	return ks
}

// MarshalJSON writes the set as a list of names, e.g. ["agent_reminder"].
func (s KindSet) MarshalJSON() ([]byte, error) {
	ks := s.Kinds()
	if ks == nil {
		ks = []Kind{}
	}
	return json.Marshal(ks)
}

// UnmarshalJSON reads a list of names; unknown names are an error rather
// than silently dropped, so a typo cannot make a timeout fire twice.
func (s *KindSet) UnmarshalJSON(b []byte) error {
	var ks []Kind
	if err := json.Unmarshal(b, &ks); err != nil {
		return err
	}
	*s = 0
	for _, k := range ks {
		*s = s.With(k)
	}
	return nil
}
