package licensing

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/license"
	"github.com/wedesk/wedesk/internal/voucher"
)

// ErrVoucherUsed is returned when a voucher's id was already redeemed.
var ErrVoucherUsed = errors.New("licensing: voucher already redeemed")

// Redemption is the outcome of a redeemed voucher.
type Redemption struct {
	VoucherID string
	Credits   int
	Balance   int
}

// Redeem verifies token with pub and adds its credits to the balance. Errors:
// voucher.ErrInvalid, voucher.ErrTooSmall, ErrVoucherUsed (each wrapped).
// Each voucher id is credited once even under concurrent redemptions: the
// check and the insert share a transaction (SQLite has one writer), and the
// unique index on voucher_id backs it up.
func Redeem(app core.App, token string, pub ed25519.PublicKey, now time.Time) (Redemption, error) {
	v, err := voucher.Parse(token, pub)
	if err != nil {
		return Redemption{}, fmt.Errorf("licensing: redeem: %w", err)
	}
	out := Redemption{VoucherID: v.ID, Credits: v.Credits}
	err = app.RunInTransaction(func(txApp core.App) error {
		used, err := voucherRedeemed(txApp, v.ID)
		if err != nil {
			return err
		}
		if used {
			return ErrVoucherUsed
		}
		out.Balance, err = appendEntry(txApp, entry{
			kind: KindVoucher, credits: v.Credits, voucherID: v.ID,
			note: fmt.Sprintf("%s · %s", v.Buyer, v.IssuedAt.In(license.Zone).Format("2006-01-02")),
		})
		return err
	})
	if err != nil && !errors.Is(err, ErrVoucherUsed) {
		// A unique-index failure means another redemption won the race.
		if used, lookErr := voucherRedeemed(app, v.ID); lookErr == nil && used {
			err = ErrVoucherUsed
		}
	}
	if err != nil {
		return Redemption{VoucherID: v.ID}, fmt.Errorf("licensing: redeem %s: %w", v.ID, err)
	}
	return out, nil
}
