// Package voucher issues and verifies credit vouchers: the signed tokens a
// vendor sells and an admin pastes into the license page to add IM credits.
// A voucher is "WDV1." + base64url(payload JSON) + "." + base64url(Ed25519
// signature of the payload bytes). Desks hold only the vendor's public key, so
// nobody but the vendor can mint credits, and a desk needs no network to check
// one; redeeming each id once is the database's job (package licensing).
package voucher

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Prefix starts every voucher and names the format version.
const Prefix = "WDV1."

// Limits on what a voucher may carry.
const (
	MinCredits = 4         // one year of license; smaller vouchers are refused
	MaxCredits = 1_000_000 // keeps balances far from integer overflow
	MaxBuyer   = 100       // characters of the buyer's name
	maxToken   = 2048      // longer input is not a voucher and is not decoded
)

// Errors returned by Parse and Issue.
var (
	ErrInvalid  = errors.New("voucher: invalid")
	ErrTooSmall = fmt.Errorf("voucher: fewer than %d credits", MinCredits)
)

// Voucher is the signed content of a token.
type Voucher struct {
	ID       string    // random, 128 bits in hex; redeemed once
	Credits  int       // IM credits added to the balance
	IssuedAt time.Time // when the vendor issued it (seconds)
	Buyer    string    // who paid, for the ledger
}

// payload is the signed JSON; short keys keep the token pasteable.
type payload struct {
	ID       string `json:"id"`
	Credits  int    `json:"credits"`
	IssuedAt int64  `json:"iat"`
	Buyer    string `json:"buyer"`
}

var b64 = base64.RawURLEncoding

// Issue mints a voucher for credits (at least MinCredits) with a fresh random id.
func Issue(key ed25519.PrivateKey, credits int, buyer string, now time.Time) (string, Voucher, error) {
	if credits < MinCredits {
		return "", Voucher{}, ErrTooSmall
	}
	id := make([]byte, 16)
	if _, err := rand.Read(id); err != nil {
		return "", Voucher{}, fmt.Errorf("voucher: random id: %w", err)
	}
	v := Voucher{ID: hex.EncodeToString(id), Credits: credits, IssuedAt: now.Truncate(time.Second).UTC(), Buyer: buyer}
	tok, err := Sign(key, v)
	return tok, v, err
}

// Sign encodes and signs v as given. It enforces the format's limits but not
// MinCredits, so tests can make the small vouchers that redemption refuses.
func Sign(key ed25519.PrivateKey, v Voucher) (string, error) {
	if len(key) != ed25519.PrivateKeySize {
		return "", fmt.Errorf("voucher: sign: private key has %d bytes", len(key))
	}
	if err := checkLimits(v); err != nil {
		return "", err
	}
	body, err := json.Marshal(payload{ID: v.ID, Credits: v.Credits, IssuedAt: v.IssuedAt.Unix(), Buyer: v.Buyer})
	if err != nil {
		return "", fmt.Errorf("voucher: encode: %w", err)
	}
	sig := ed25519.Sign(key, body)
	return Prefix + b64.EncodeToString(body) + "." + b64.EncodeToString(sig), nil
}

// Parse checks token's signature with pub and decodes it. A token that is
// malformed, forged, altered or signed by another key gives ErrInvalid; a
// genuine one for fewer than MinCredits gives the voucher and ErrTooSmall.
func Parse(token string, pub ed25519.PublicKey) (Voucher, error) {
	token = strings.TrimSpace(token)
	if len(pub) != ed25519.PublicKeySize {
		return Voucher{}, fmt.Errorf("%w: no valid public key", ErrInvalid)
	}
	if len(token) > maxToken || !strings.HasPrefix(token, Prefix) {
		return Voucher{}, fmt.Errorf("%w: not a %s token", ErrInvalid, strings.TrimSuffix(Prefix, "."))
	}
	bodyPart, sigPart, ok := strings.Cut(strings.TrimPrefix(token, Prefix), ".")
	if !ok {
		return Voucher{}, fmt.Errorf("%w: missing signature", ErrInvalid)
	}
	body, err1 := b64.DecodeString(bodyPart)
	sig, err2 := b64.DecodeString(sigPart)
	if err1 != nil || err2 != nil {
		return Voucher{}, fmt.Errorf("%w: bad base64", ErrInvalid)
	}
	if !ed25519.Verify(pub, body, sig) {
		return Voucher{}, fmt.Errorf("%w: bad signature", ErrInvalid)
	}
	var p payload
	if err := json.Unmarshal(body, &p); err != nil {
		return Voucher{}, fmt.Errorf("%w: payload: %v", ErrInvalid, err)
	}
	v := Voucher{ID: p.ID, Credits: p.Credits, IssuedAt: time.Unix(p.IssuedAt, 0).UTC(), Buyer: p.Buyer}
	if err := checkLimits(v); err != nil {
		return Voucher{}, err
	}
	if v.Credits < MinCredits {
		return v, ErrTooSmall
	}
	return v, nil
}

// checkLimits refuses content no honest vendor signs: an id that is not 32
// hex digits, credits out of range, an overlong buyer.
func checkLimits(v Voucher) error {
	if _, err := hex.DecodeString(v.ID); err != nil || len(v.ID) != 32 {
		return fmt.Errorf("%w: id must be 32 hex digits", ErrInvalid)
	}
	if v.Credits < 1 || v.Credits > MaxCredits {
		return fmt.Errorf("%w: credits out of range", ErrInvalid)
	}
	if len([]rune(v.Buyer)) > MaxBuyer {
		return fmt.Errorf("%w: buyer longer than %d characters", ErrInvalid, MaxBuyer)
	}
	return nil
}
