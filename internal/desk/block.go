package desk

import (
	"errors"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
)

// BlockFor is how long a block (拒收) lasts.
const BlockFor = 30 * 24 * time.Hour

// ErrSupervisorOnly: only supervisors may lift a block.
var ErrSupervisorOnly = errors.New("desk: only supervisors can do this")

// Block blocks the conversation's customer for BlockFor: their messages are
// still stored (flagged), never routed or notified, and nothing may be sent
// to them. The block, its author and time are on the customer and in the
// customer_blocks log; the customer's open conversations lock at once. It
// returns when the block ends.
func (a *Actions) Block(app core.App, agent *store.Agent, convID string) (time.Time, error) {
	now := a.now()
	until := now.Add(BlockFor)
	err := app.RunInTransaction(func(tx core.App) error {
		cust, err := a.customerOf(tx, agent, convID)
		if err != nil {
			return err
		}
		cust.Set("blocked_until", until)
		cust.Set("blocked_by", agent.Id)
		cust.Set("blocked_at", now)
		if err := store.SaveChanges(tx, cust.Record); err != nil {
			return err
		}
		if err := store.LogBlock(tx, cust.Id, agent.Id, store.BlockActionBlock, now, until); err != nil {
			return err
		}
		return a.refreshCustomer(tx, cust.Id)
	})
	return until, err
}

// Unblock lifts the block of the conversation's customer (supervisors
// only); the lift is logged, and the conversations reopen as far as
// WeChat's rules allow.
func (a *Actions) Unblock(app core.App, agent *store.Agent, convID string) error {
	if !agent.IsSupervisor() {
		return ErrSupervisorOnly
	}
	return app.RunInTransaction(func(tx core.App) error {
		cust, err := a.customerOf(tx, agent, convID)
		if err != nil {
			return err
		}
		cust.Set("blocked_until", "")
		cust.Set("blocked_by", "")
		cust.Set("blocked_at", "")
		if err := store.SaveChanges(tx, cust.Record); err != nil {
			return err
		}
		if err := store.LogBlock(tx, cust.Id, agent.Id, store.BlockActionUnblock, a.now(), time.Time{}); err != nil {
			return err
		}
		return a.refreshCustomer(tx, cust.Id)
	})
}

// customerOf loads the customer of a conversation the agent may act on.
func (a *Actions) customerOf(tx core.App, agent *store.Agent, convID string) (*store.Customer, error) {
	conv, err := store.FindConversation(tx, convID)
	if err != nil {
		return nil, err
	}
	if !conv.CanBeSeenBy(agent) {
		return nil, ErrNotYours
	}
	return store.FindCustomer(tx, conv.CustomerID())
}

// refreshCustomer rewrites the budget of the customer's open conversations.
func (a *Actions) refreshCustomer(tx core.App, customerID string) error {
	ids, err := store.FindOpenConversationIDs(tx, customerID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := store.RefreshBudget(tx, id, a.now()); err != nil {
			return err
		}
	}
	return nil
}

// LockExpiredWindows keeps the persisted budgets current as time passes
// (run every minute by the scheduler): conversations whose window passed
// lock, and those locked by a block that has ended are recomputed.
func (a *Actions) LockExpiredWindows() {
	now := a.now()
	if _, err := store.LockExpiredWindows(a.app, now); err != nil {
		a.app.Logger().Error("desk: lock expired windows", "error", err)
	}
	ids, err := store.FindEndedBlockLocks(a.app, now)
	if err != nil {
		a.app.Logger().Error("desk: ended blocks", "error", err)
		return
	}
	for _, id := range ids {
		if _, err := store.RefreshBudget(a.app, id, now); err != nil {
			a.app.Logger().Error("desk: refresh after a block ended", "conversation", id, "error", err)
		}
	}
}
