package ingest

import (
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/sendlimit"
	"github.com/wedesk/wedesk/internal/store"
)

// The send budget is conversation state written in the transaction that
// stores the interaction: a customer message opens a fresh allowance, which
// the batch's bulk UPDATE writes with the other conversation columns (no
// count is needed: nothing has been sent since). An Official Account menu
// tap, follow or scan may open WeChat's smaller allowance; those are rare
// and are applied one by one after the bulk writes, because whether they
// take over depends on the current allowance (sendlimit.State.Governing).

// interactionOf is what an inbound message means for the send allowance.
func interactionOf(in channel.Inbound) sendlimit.InteractionKind {
	if in.Interaction != "" {
		return sendlimit.InteractionKind(in.Interaction)
	}
	if customerWrote(in) {
		return sendlimit.InteractionMessage
	}
	return ""
}

// messageWindow is the budget a customer message opens at the batch's time:
// the channel's quota and WeChat's window, or a lock if the customer is
// blocked.
func (w *writer) messageWindow(ch *store.Channel, cust batchCustomer) store.BudgetColumns {
	s := sendlimit.State{
		Channel:      store.SendKind(ch.Kind()),
		Last:         sendlimit.Interaction{At: w.now, Kind: sendlimit.InteractionMessage},
		Quota:        ch.SendQuota(),
		BlockedUntil: cust.blockedUntil,
	}
	return store.ColumnsOf(s.Budget(w.now))
}

// closedWindow is the budget of a conversation nobody wrote in yet.
func closedWindow(ch *store.Channel, now time.Time) store.BudgetColumns {
	s := sendlimit.State{Channel: store.SendKind(ch.Kind()), Quota: ch.SendQuota()}
	return store.ColumnsOf(s.Budget(now))
}

// eventWindow is a menu tap, follow or scan to apply after the bulk writes.
type eventWindow struct {
	convID string
	in     sendlimit.Interaction
}

// applyEventWindows lets each event interaction take over the allowance
// where WeChat's rules say it does, and rewrites that conversation's budget.
func applyEventWindows(tx core.App, events []eventWindow, now time.Time) error {
	for _, ev := range events {
		conv, err := store.FindConversation(tx, ev.convID)
		if err != nil {
			return err
		}
		s, err := store.LoadSendState(tx, conv)
		if err != nil {
			return err
		}
		if g := s.Governing(ev.in); g == s.Last {
			continue
		}
		if err := store.SetWindowOpener(tx, ev.convID, ev.in); err != nil {
			return err
		}
		if _, err := store.RefreshBudget(tx, ev.convID, now); err != nil {
			return err
		}
	}
	return nil
}
