package licensing

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/pocketbase/dbx"

	"github.com/wedesk/wedesk/internal/voucher"
)

func TestRedeem(t *testing.T) {
	app := newTestApp(t)
	pub := demoPub(t)
	_, otherKey, _ := ed25519.GenerateKey(rand.Reader)
	good := issue(t, 8)
	small, err := voucher.Sign(demoKey(t), voucher.Voucher{ID: strings.Repeat("0f", 16), Credits: 3, IssuedAt: first})
	if err != nil {
		t.Fatal(err)
	}
	foreign, _, _ := voucher.Issue(otherKey, 40, "Mallory", first)
	cases := []struct {
		name    string
		token   string
		wantErr error
		balance int
	}{
		{"valid", good, nil, 8},
		{"reused", good, ErrVoucherUsed, 8},
		{"signed by another key", foreign, voucher.ErrInvalid, 8},
		{"fewer than 4 credits", small, voucher.ErrTooSmall, 8},
		{"garbage", "WDV1.abc.def", voucher.ErrInvalid, 8},
		{"another valid one", issue(t, 4), nil, 12},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := Redeem(app, c.token, pub, day(1))
			if !errors.Is(err, c.wantErr) {
				t.Fatalf("err = %v, want %v", err, c.wantErr)
			}
			if err == nil && r.Balance != c.balance {
				t.Fatalf("balance %d, want %d", r.Balance, c.balance)
			}
			if got := balance(t, app); got != c.balance {
				t.Fatalf("stored balance %d, want %d", got, c.balance)
			}
		})
	}
}

func TestRedeemConcurrentlyCreditsOnce(t *testing.T) {
	app := newTestApp(t)
	tok, pub := issue(t, 8), demoPub(t)
	const n = 20
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, errs[i] = Redeem(app, tok, pub, day(1))
		}()
	}
	close(start)
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, ErrVoucherUsed):
			t.Errorf("unexpected error: %v", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d of %d redemptions succeeded, want 1", ok, n)
	}
	if got := balance(t, app); got != 8 {
		t.Fatalf("balance %d, want 8", got)
	}
	if got := count(t, app, CollectionCreditLedger, dbx.HashExp{"kind": KindVoucher}); got != 1 {
		t.Fatalf("%d voucher entries, want 1", got)
	}
}

// The unique index alone refuses a second entry for a voucher id, in case a
// future writer skips Redeem's check.
func TestLedgerVoucherIDUnique(t *testing.T) {
	app := newTestApp(t)
	cases := []struct {
		name    string
		id      string
		wantErr bool
	}{
		{"first", "abc", false},
		{"same id", "abc", true},
		{"empty ids may repeat", "", false},
		{"empty again", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := appendEntry(app, entry{kind: KindVoucher, credits: 4, voucherID: c.id})
			if (err != nil) != c.wantErr {
				t.Fatalf("err = %v, want error %v", err, c.wantErr)
			}
		})
	}
}
