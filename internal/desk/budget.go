package desk

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/sendlimit"
	"github.com/wedesk/wedesk/internal/store"
)

// Budget computes a conversation's current send budget.
func (a *Actions) Budget(app core.App, conv *store.Conversation) (sendlimit.Budget, error) {
	ch, err := store.FindChannel(app, conv.ChannelID())
	if err != nil {
		return sendlimit.Budget{}, err
	}
	last := conv.LastCustomerAt()
	sent := 0
	if !last.IsZero() {
		if sent, err = store.CountOutboundSince(app, conv.Id, last); err != nil {
			return sendlimit.Budget{}, err
		}
	}
	return sendlimit.Compute(last, sent, ch.SendQuota(), a.now()), nil
}

// checkBudget enforces WeChat's 48 h / N-message window before WeChat would.
func (a *Actions) checkBudget(tx core.App, conv *store.Conversation) error {
	b, err := a.Budget(tx, conv)
	if err != nil {
		return err
	}
	return b.Check()
}
