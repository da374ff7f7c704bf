package desk

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
)

// TakeOver is a supervisor taking another agent's open conversation: a
// distinct, confirmed action (never a side effect of Claim). The history
// keeps a system line naming both, which the previous agent is shown. It
// returns the conversation and the previous agent's id.
func (a *Actions) TakeOver(app core.App, supervisor *store.Agent, convID string) (*store.Conversation, string, error) {
	if !supervisor.IsSupervisor() {
		return nil, "", ErrNotSupervisor
	}
	var out *store.Conversation
	prev := ""
	err := app.RunInTransaction(func(tx core.App) error {
		conv, err := store.FindConversation(tx, convID)
		if err != nil {
			return err
		}
		if conv.IsClosed() {
			return ErrClosed
		}
		prev = conv.AgentID()
		if prev == "" || prev == supervisor.Id {
			return ErrNotTaken
		}
		prevName := prev
		if p, err := store.FindAgent(tx, prev); err == nil {
			prevName = p.Name()
		}
		conv.Set("agent", supervisor.Id)
		conv.Set("state", store.StateActive)
		if err := store.SaveChanges(tx, conv.Record); err != nil {
			return err
		}
		out = conv
		return a.AddSystemNote(tx, conv, supervisor.Name()+" 接管了会话（原客服 "+prevName+"）",
			map[string]any{"kind": "takeover", "from": prev, "to": supervisor.Id})
	})
	return out, prev, err
}
