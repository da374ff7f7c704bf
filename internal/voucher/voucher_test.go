package voucher

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

var issuedAt = time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)

// demoKey loads the committed demo vendor key.
func demoKey(t *testing.T) ed25519.PrivateKey {
	t.Helper()
	k, err := LoadPrivateKey("testdata/demo_voucher.key")
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestDemoKeyMatchesBuiltinKey(t *testing.T) {
	t.Setenv(EnvPublicKey, "")
	pub, err := PublicKey()
	if err != nil {
		t.Fatal(err)
	}
	if !pub.Equal(demoKey(t).Public()) {
		t.Fatal("the built-in public key is not the demo key's public half")
	}
}

// alterCredits rewrites the payload's credits and keeps the old signature.
func alterCredits(t *testing.T, tok string, credits int) string {
	t.Helper()
	body, sig, _ := strings.Cut(strings.TrimPrefix(tok, Prefix), ".")
	raw, err := b64.DecodeString(body)
	if err != nil {
		t.Fatal(err)
	}
	var p payload
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatal(err)
	}
	p.Credits = credits
	raw, _ = json.Marshal(p)
	return Prefix + b64.EncodeToString(raw) + "." + sig
}

func TestParse(t *testing.T) {
	key := demoKey(t)
	pub := key.Public().(ed25519.PublicKey)
	otherPub, otherKey, _ := ed25519.GenerateKey(rand.Reader)
	good, v, err := Issue(key, 8, "上海某某贸易有限公司", issuedAt)
	if err != nil {
		t.Fatal(err)
	}
	small, err := Sign(key, Voucher{ID: strings.Repeat("ab", 16), Credits: 3, IssuedAt: issuedAt, Buyer: "x"})
	if err != nil {
		t.Fatal(err)
	}
	byOther, _, _ := Issue(otherKey, 8, "x", issuedAt)
	junk := make([]byte, ed25519.SignatureSize)
	rand.Read(junk)
	forged := good[:strings.LastIndex(good, ".")+1] + b64.EncodeToString(junk)
	cases := []struct {
		name    string
		token   string
		pub     ed25519.PublicKey
		wantErr error
	}{
		{"valid", good, pub, nil},
		{"valid with surrounding whitespace", "  " + good + "\n", pub, nil},
		{"forged signature", forged, pub, ErrInvalid},
		{"altered credits", alterCredits(t, good, 400), pub, ErrInvalid},
		{"wrong verifying key", good, otherPub, ErrInvalid},
		{"signed by another vendor", byOther, pub, ErrInvalid},
		{"fewer than 4 credits", small, pub, ErrTooSmall},
		{"not a voucher", "hello", pub, ErrInvalid},
		{"missing signature", strings.SplitN(good, ".", 3)[0] + "." + strings.SplitN(good, ".", 3)[1], pub, ErrInvalid},
		{"bad base64", Prefix + "!!!." + "???", pub, ErrInvalid},
		{"overlong", Prefix + strings.Repeat("A", 5000), pub, ErrInvalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Parse(c.token, c.pub)
			if !errors.Is(err, c.wantErr) {
				t.Fatalf("err = %v, want %v", err, c.wantErr)
			}
			if c.wantErr == nil && got != v {
				t.Fatalf("got %+v, want %+v", got, v)
			}
		})
	}
}

func TestIssue(t *testing.T) {
	key := demoKey(t)
	cases := []struct {
		name    string
		credits int
		buyer   string
		wantErr error
	}{
		{"one year", 4, "ACME", nil},
		{"ten years", 40, "ACME", nil},
		{"too small", 3, "ACME", ErrTooSmall},
		{"too large", MaxCredits + 1, "ACME", ErrInvalid},
		{"buyer too long", 4, strings.Repeat("名", MaxBuyer+1), ErrInvalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tok, v, err := Issue(key, c.credits, c.buyer, issuedAt)
			if !errors.Is(err, c.wantErr) {
				t.Fatalf("err = %v, want %v", err, c.wantErr)
			}
			if err != nil {
				return
			}
			if strings.ContainsAny(tok, " \n") || !strings.HasPrefix(tok, Prefix) {
				t.Fatalf("token %q is not one pasteable word", tok)
			}
			if v.Credits != c.credits || len(v.ID) != 32 || !v.IssuedAt.Equal(issuedAt) {
				t.Fatalf("voucher %+v", v)
			}
		})
	}
	a, _, _ := Issue(key, 4, "x", issuedAt)
	b, _, _ := Issue(key, 4, "x", issuedAt)
	if a == b {
		t.Fatal("two vouchers issued alike share an id")
	}
}

func TestPublicKeyFromEnv(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	cases := []struct {
		name    string
		env     string
		want    ed25519.PublicKey
		wantErr bool
	}{
		{"set", EncodePublicKey(pub), pub, false},
		{"set with newline", EncodePublicKey(pub) + "\n", pub, false},
		{"malformed", "not base64!", nil, true},
		{"wrong length", "AAAA", nil, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(EnvPublicKey, c.env)
			got, err := PublicKey()
			if (err != nil) != c.wantErr {
				t.Fatalf("err = %v", err)
			}
			if !c.wantErr && !got.Equal(c.want) {
				t.Fatal("env key not used")
			}
		})
	}
}
