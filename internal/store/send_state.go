package store

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/wedesk/wedesk/internal/sendlimit"
)

// A conversation's send budget is kept as state on its row (sends_left,
// window_until, locked, lock_reason) so that lists, routing and the inbox
// read it without counting, but it is always computed by sendlimit from what
// is stored — the governing interaction, the outbound messages since, the
// channel's quota, WeChat's last refusal and the customer's block — and
// written with targeted statements, never a whole-record save.

// SendKind is the sendlimit rule set of a channel kind.
func SendKind(kind string) sendlimit.ChannelKind {
	if kind == KindWechatMP {
		return sendlimit.ChannelMP
	}
	return sendlimit.ChannelKF
}

// SendsLeft is the persisted number of messages that may still be sent.
func (c *Conversation) SendsLeft() int { return c.GetInt("sends_left") }

// WindowUntil is when the current allowance's window closes.
func (c *Conversation) WindowUntil() time.Time { return c.GetDateTime("window_until").Time() }

// Locked reports whether sending was closed when the budget was last written.
func (c *Conversation) Locked() bool { return c.GetBool("locked") }

// LockReason is the sendlimit reason code of the lock, "" when open.
func (c *Conversation) LockReason() string { return c.GetString("lock_reason") }

// Opener is the interaction that governs the allowance: the customer's last
// message, unless a later menu tap, follow or scan took over.
func (c *Conversation) Opener() sendlimit.Interaction {
	last := sendlimit.Interaction{At: c.LastCustomerAt(), Kind: sendlimit.InteractionMessage}
	at := c.GetDateTime("window_opened_at").Time()
	kind := sendlimit.InteractionKind(c.GetString("window_opener"))
	if kind != "" && kind != sendlimit.InteractionMessage && at.After(last.At) {
		return sendlimit.Interaction{At: at, Kind: kind}
	}
	if last.At.IsZero() {
		last.Kind = ""
	}
	return last
}

// LoadSendState reads everything sendlimit needs about a conversation:
// its channel's kind and quota, the governing interaction, the sends since,
// WeChat's last refusal and the customer's block.
func LoadSendState(app core.App, conv *Conversation) (sendlimit.State, error) {
	ch, err := FindChannel(app, conv.ChannelID())
	if err != nil {
		return sendlimit.State{}, err
	}
	s := sendlimit.State{
		Channel:     SendKind(ch.Kind()),
		Last:        conv.Opener(),
		Quota:       ch.SendQuota(),
		RefusedAt:   conv.GetDateTime("refused_at").Time(),
		RefusedCode: conv.GetInt("refused_code"),
	}
	if !s.Last.At.IsZero() {
		if s.Sent, err = CountOutboundSince(app, conv.Id, s.Last.At); err != nil {
			return sendlimit.State{}, err
		}
	}
	var until types.DateTime
	err = app.DB().Select("blocked_until").From(CollectionCustomers).
		Where(dbx.HashExp{"id": conv.CustomerID()}).Row(&until)
	if err != nil {
		return sendlimit.State{}, fmt.Errorf("store: block of customer %s: %w", conv.CustomerID(), err)
	}
	s.BlockedUntil = until.Time()
	return s, nil
}

// BudgetColumns is a budget as the conversation row keeps it.
type BudgetColumns struct {
	SendsLeft   int
	WindowUntil time.Time
	Locked      bool
	LockReason  string
}

// ColumnsOf maps a computed budget to the persisted columns. A block keeps
// the allowance's own window end out of the row: the block's end is what
// matters, and it is on the customer.
func ColumnsOf(b sendlimit.Budget) BudgetColumns {
	return BudgetColumns{SendsLeft: b.Remaining, WindowUntil: b.Closes, Locked: !b.Open(), LockReason: b.Code()}
}

// Apply sets the columns on a conversation record not yet written (one a
// batch creates).
func (bc BudgetColumns) Apply(r *core.Record) {
	r.Set("sends_left", bc.SendsLeft)
	r.Set("window_until", bc.WindowUntil)
	r.Set("locked", bc.Locked)
	r.Set("lock_reason", bc.LockReason)
}

// SaveBudget writes a conversation's budget columns with one targeted
// UPDATE inside tx.
func SaveBudget(tx core.App, convID string, bc BudgetColumns) error {
	_, err := tx.NonconcurrentDB().NewQuery("UPDATE {{" + CollectionConversations + "}} SET " +
		"[[sends_left]] = {:left}, [[window_until]] = {:until}, [[locked]] = {:locked}, " +
		"[[lock_reason]] = {:reason}, [[updated]] = {:updated} WHERE [[id]] = {:id}").
		Bind(dbx.Params{"left": bc.SendsLeft, "until": DateString(bc.WindowUntil), "locked": bc.Locked,
			"reason": bc.LockReason, "updated": types.NowDateTime().String(), "id": convID}).Execute()
	if err != nil {
		return fmt.Errorf("store: save budget of %s: %w", convID, err)
	}
	return nil
}

// SetWindowOpener records that an interaction other than a message (a menu
// tap, follow or scan) now governs the conversation's allowance.
func SetWindowOpener(tx core.App, convID string, in sendlimit.Interaction) error {
	_, err := tx.NonconcurrentDB().NewQuery("UPDATE {{" + CollectionConversations + "}} SET " +
		"[[window_opened_at]] = {:at}, [[window_opener]] = {:kind} WHERE [[id]] = {:id}").
		Bind(dbx.Params{"at": DateString(in.At), "kind": string(in.Kind), "id": convID}).Execute()
	if err != nil {
		return fmt.Errorf("store: window opener of %s: %w", convID, err)
	}
	return nil
}

// SetRefusal records WeChat's refusal of a send for window or quota reasons.
func SetRefusal(tx core.App, convID string, at time.Time, code int) error {
	_, err := tx.NonconcurrentDB().NewQuery("UPDATE {{" + CollectionConversations + "}} SET " +
		"[[refused_at]] = {:at}, [[refused_code]] = {:code} WHERE [[id]] = {:id}").
		Bind(dbx.Params{"at": DateString(at), "code": code, "id": convID}).Execute()
	if err != nil {
		return fmt.Errorf("store: refusal of %s: %w", convID, err)
	}
	return nil
}

// RefreshBudget recomputes a conversation's budget at now from what is
// stored and writes it; it returns the budget.
func RefreshBudget(tx core.App, convID string, now time.Time) (sendlimit.Budget, error) {
	conv, err := FindConversation(tx, convID)
	if err != nil {
		return sendlimit.Budget{}, err
	}
	s, err := LoadSendState(tx, conv)
	if err != nil {
		return sendlimit.Budget{}, err
	}
	b := s.Budget(now)
	return b, SaveBudget(tx, convID, ColumnsOf(b))
}
