package licensing

import (
	"errors"
	"fmt"

	"github.com/pocketbase/pocketbase/core"
)

// ErrCreditsInsufficient is returned when the balance cannot pay for a year.
var ErrCreditsInsufficient = errors.New("licensing: not enough credits")

// entry is one ledger line to append.
type entry struct {
	kind      string
	credits   int
	voucherID string
	orgID     string
	note      string
}

// appendEntry writes e with the balance it leaves and returns that balance.
// Call it inside a transaction: the balance read and the insert must not
// interleave with another writer's. A debit that would go below zero is
// refused with ErrCreditsInsufficient.
func appendEntry(txApp core.App, e entry) (int, error) {
	bal, err := Balance(txApp)
	if err != nil {
		return 0, err
	}
	after := bal + e.credits
	if after < 0 {
		return bal, fmt.Errorf("%w: balance %d, need %d", ErrCreditsInsufficient, bal, -e.credits)
	}
	col, err := txApp.FindCachedCollectionByNameOrId(CollectionCreditLedger)
	if err != nil {
		return 0, fmt.Errorf("licensing: ledger collection: %w", err)
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{
		fieldKind: e.kind, fieldCredits: e.credits, fieldBalanceAfter: after,
		fieldVoucherID: e.voucherID, fieldOrganization: e.orgID, fieldNote: e.note,
	})
	if err := txApp.Save(r); err != nil {
		return 0, fmt.Errorf("licensing: write ledger: %w", err)
	}
	return after, nil
}
