package desk

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/sendlimit"
	"github.com/wedesk/wedesk/internal/store"
)

// Budget computes a conversation's current send budget from what is stored:
// the interaction that opened the allowance (a message, or on an Official
// Account a menu tap, follow or scan), every outbound message since —
// automatic ones included —, WeChat's last window/quota refusal and the
// customer's block. Remaining is what may still be sent.
func (a *Actions) Budget(app core.App, conv *store.Conversation) (sendlimit.Budget, error) {
	s, err := store.LoadSendState(app, conv)
	if err != nil {
		return sendlimit.Budget{}, err
	}
	return s.Budget(a.now()), nil
}

// checkBudget enforces WeChat's sending rules before WeChat would.
func (a *Actions) checkBudget(tx core.App, conv *store.Conversation) error {
	b, err := a.Budget(tx, conv)
	if err != nil {
		return err
	}
	return b.Check()
}
