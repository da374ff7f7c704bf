package wxcrypto

import (
	"bytes"
	"crypto/cipher"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// Credentials of Tencent's official WeCom sample (vector wecom_A).
const (
	sampleToken = "QDG6eK"
	sampleKey   = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
	sampleCorp  = "wx5823bf96d3bd56c7"
	otherKey    = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
	thirdKey    = "AdiqDDDvUNCeE1ZW5XJmjf9fqNBJpGBs4vL4cHKmHBS"
	// sampleEncrypt is the official sample POST Encrypt; it contains both
	// '+' and '/'.
	sampleEncrypt = "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q=="
)

func TestNewCrypterKeyValidation(t *testing.T) {
	tests := []struct {
		name string
		key  string
		ok   bool
	}{
		{"official sample key, trailing bits set", sampleKey, true},
		{"all A", strings.Repeat("A", 43), true},
		{"empty", "", false},
		{"42 chars", sampleKey[:42], false},
		{"44 chars", sampleKey + "A", false},
		{"trailing equals", sampleKey[:42] + "=", false},
		{"plus sign", sampleKey[:42] + "+", false},
		{"slash", "/" + sampleKey[1:], false},
		{"dollar", sampleKey[:10] + "$" + sampleKey[11:], false},
		{"non-ASCII", sampleKey[:41] + "é", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewCrypter(sampleToken, tt.key, sampleCorp)
			if tt.ok {
				if err != nil || c == nil {
					t.Fatalf("NewCrypter = %v, %v", c, err)
				}
				return
			}
			if c != nil {
				t.Error("got a Crypter for an invalid key")
			}
			assertClass(t, err, ErrAESKey, CodeAESKey)
			_, err = mustCrypter(t, sampleToken, otherKey, sampleCorp).WithPreviousKey(tt.key)
			assertClass(t, err, ErrAESKey, CodeAESKey)
		})
	}
}

func TestSampleKeyNeedsLenientBase64(t *testing.T) {
	// The field note says the official key has its unused trailing bits
	// set; if Strict accepted it, the leniency test above proves nothing.
	if _, err := base64.StdEncoding.Strict().DecodeString(sampleKey + "="); err == nil {
		t.Fatal("sample key decodes strictly; pick a key with trailing bits set")
	}
}

func TestAccessors(t *testing.T) {
	c := mustCrypter(t, sampleToken, sampleKey, sampleCorp)
	if c.Token() != sampleToken || c.ReceiveID() != sampleCorp {
		t.Errorf("Token/ReceiveID = %q/%q", c.Token(), c.ReceiveID())
	}
}

func TestRoundTripLengthsAndPadding(t *testing.T) {
	for _, rid := range []string{sampleCorp, ""} {
		c := mustCrypter(t, sampleToken, sampleKey, rid)
		for n := 0; n <= 100; n++ {
			msg := bytes.Repeat([]byte{'\n', 'x', 0, ' '}, 26)[:n]
			enc, err := c.Encrypt(msg, nil)
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.Decrypt(enc)
			if err != nil || !bytes.Equal(got, msg) || cap(got) != len(got) {
				t.Fatalf("rid %q len %d: Decrypt = %q (cap %d), %v", rid, n, got, cap(got), err)
			}
			plain := rawPlaintext(t, c, enc)
			wantPad := 32 - (headerLen+n+len(rid))%32
			if len(plain)%32 != 0 || int(plain[len(plain)-1]) != wantPad {
				t.Fatalf("rid %q len %d: plaintext %d bytes, pad %d, want pad %d", rid, n, len(plain), plain[len(plain)-1], wantPad)
			}
		}
	}
}

// rawPlaintext undoes only base64 and AES-CBC, exposing padding.
func rawPlaintext(t testing.TB, c *Crypter, enc string) []byte {
	t.Helper()
	ct, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		t.Fatal(err)
	}
	cipher.NewCBCDecrypter(c.key.block, c.key.iv[:]).CryptBlocks(ct, ct)
	return ct
}

func TestEncryptRandom(t *testing.T) {
	c := mustCrypter(t, sampleToken, sampleKey, sampleCorp)
	a, errA := c.Encrypt([]byte("hello"), nil)
	b, errB := c.Encrypt([]byte("hello"), nil)
	if errA != nil || errB != nil || a == b {
		t.Fatalf("two fresh encryptions: %q %v / %q %v", a, errA, b, errB)
	}
	for _, n := range []int{0, 15, 17, 32} {
		t.Run(fmt.Sprintf("random of %d bytes", n), func(t *testing.T) {
			_, err := c.Encrypt([]byte("hello"), make([]byte, n))
			assertClass(t, err, ErrEncrypt, CodeEncrypt)
		})
	}
}

func TestDecryptErrorsWithoutSignature(t *testing.T) {
	c := mustCrypter(t, sampleToken, sampleKey, sampleCorp)
	valid, _ := c.Encrypt([]byte("hi"), nil)
	tests := []struct {
		name    string
		encrypt string
		want    error
	}{
		{"line break", valid[:8] + "\n" + valid[8:], ErrBase64},
		{"missing padding", strings.TrimRight(valid, "="), ErrBase64},
		{"url-safe alphabet", strings.NewReplacer("+", "-", "/", "_").Replace(sampleEncrypt), ErrBase64},
		{"non-canonical trailing bits", valid[:len(valid)-3] + "R==", ErrBase64},
		{"16 bytes", base64.StdEncoding.EncodeToString(make([]byte, 16)), ErrDecrypt},
		{"48 bytes", base64.StdEncoding.EncodeToString(make([]byte, 48)), ErrDecrypt},
		{"wrong receive id", mustEncrypt(t, sampleCorp+"x", "hi"), ErrReceiveID},
		{"empty receive id", mustEncrypt(t, "", "hi"), ErrReceiveID},
	}
	if _, err := c.Decrypt(sampleEncrypt); err != nil || !strings.ContainsAny(sampleEncrypt, "+/") {
		t.Fatalf("sampleEncrypt must decrypt and contain '+' or '/': %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Decrypt(tt.encrypt)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Decrypt error = %v, want %v", err, tt.want)
			}
		})
	}
}

func mustEncrypt(t *testing.T, receiveID, msg string) string {
	t.Helper()
	enc, err := mustCrypter(t, sampleToken, sampleKey, receiveID).Encrypt([]byte(msg), nil)
	if err != nil {
		t.Fatal(err)
	}
	return enc
}

func TestKeyRotation(t *testing.T) {
	oldC := mustCrypter(t, sampleToken, otherKey, sampleCorp)
	newC := mustCrypter(t, sampleToken, sampleKey, sampleCorp)
	rotated, err := newC.WithPreviousKey(otherKey)
	if err != nil {
		t.Fatal(err)
	}
	sealed := func(c *Crypter, rid string) (sig, enc string) {
		enc, err := (&Crypter{token: c.token, receiveID: rid, key: c.key}).Encrypt([]byte("rotating"), nil)
		if err != nil {
			t.Fatal(err)
		}
		return Signature(sampleToken, "1", "n", enc), enc
	}

	sig, enc := sealed(oldC, sampleCorp)
	if _, err := newC.VerifyAndDecrypt(sig, "1", "n", enc); !errors.Is(err, ErrBuffer) {
		t.Fatalf("new key alone: %v, want ErrBuffer", err)
	}
	msg, reply, err := rotated.VerifyAndOpen(sig, "1", "n", enc)
	if err != nil || string(msg) != "rotating" || reply != rotated.previous {
		t.Fatalf("old-key message: %q, %v; reply on previous key: %v", msg, err, reply == rotated.previous)
	}
	// The reply crypter must produce what the old-key peer can read.
	if body, err := reply.EncryptReply([]byte("ok"), "2", "n"); err != nil {
		t.Fatal(err)
	} else if got, err := oldC.DecryptReply(body); err != nil || string(got) != "ok" {
		t.Fatalf("old peer reads reply: %q, %v", got, err)
	}
	if raw, rid, err := rotated.DecryptRaw(enc); err != nil || string(raw) != "rotating" || rid != sampleCorp {
		t.Fatalf("DecryptRaw with fallback: %q %q %v", raw, rid, err)
	}

	sig, enc = sealed(newC, sampleCorp)
	if _, reply, err := rotated.VerifyAndOpen(sig, "1", "n", enc); err != nil || reply != rotated {
		t.Fatalf("new-key message: %v; reply is rotated itself: %v", err, reply == rotated)
	}

	sig, enc = sealed(mustCrypter(t, sampleToken, thirdKey, sampleCorp), sampleCorp)
	if _, err := rotated.VerifyAndDecrypt(sig, "1", "n", enc); !errors.Is(err, ErrBuffer) {
		t.Fatalf("unknown key: %v, want ErrBuffer", err)
	}
	sig, enc = sealed(oldC, "wxother")
	if _, err := rotated.VerifyAndDecrypt(sig, "1", "n", enc); !errors.Is(err, ErrReceiveID) {
		t.Fatalf("old key, foreign receive id: %v, want ErrReceiveID", err)
	}
}

func TestErrorFormatting(t *testing.T) {
	err := fail(ErrBuffer, "padding byte 0 out of range 1..32")
	want := "wxcrypto: illegal decrypted buffer (-40008): padding byte 0 out of range 1..32"
	if err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
	if got := fail(ErrParse, "").Error(); got != "wxcrypto: malformed envelope (-40002)" {
		t.Errorf("Error() without detail = %q", got)
	}
	wrapped := fmt.Errorf("callback: %w", err)
	if !errors.Is(wrapped, ErrBuffer) || errors.Is(wrapped, ErrDecrypt) || ErrorCode(wrapped) != CodeBuffer {
		t.Errorf("wrapped error lost its class or code: %v", wrapped)
	}
	if ErrorCode(nil) != 0 || ErrorCode(errors.New("other")) != 0 {
		t.Error("ErrorCode of foreign errors must be 0")
	}
	for class, code := range codes {
		if e := fail(class, ""); e.Code != code || !strings.HasPrefix(e.Error(), "wxcrypto: ") {
			t.Errorf("%v: %v", class, e)
		}
	}
}

func TestVerifySignatureStrictness(t *testing.T) {
	good := Signature("t", "1", "n", "e")
	tests := []struct {
		name string
		sig  string
	}{
		{"empty", ""},
		{"upper-case hex", strings.ToUpper(good)},
		{"truncated", good[:39]},
		{"extra char", good + "0"},
		{"plain signature used as msg_signature", Signature("t", "1", "n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if VerifySignature(tt.sig, "t", "1", "n", "e") {
				t.Errorf("accepted %q", tt.sig)
			}
			assertClass(t, CheckSignature(tt.sig, "t", "1", "n", "e"), ErrSignature, CodeSignature)
		})
	}
	long := strings.Repeat("x", 1000) // beyond the stack buffer
	if !VerifySignature(Signature("t", "1", "n", long), "t", "1", "n", long) {
		t.Error("long encrypt value not verified")
	}
}

func TestSignatureSortsByteWise(t *testing.T) {
	// Upper-case sorts before lower-case byte-wise; order of arguments
	// must not matter.
	a := Signature("b", "B", "a", "A")
	b := Signature("A", "a", "B", "b")
	if a != b || a != Signature("ABab", "", "") {
		t.Errorf("signatures differ: %s %s", a, b)
	}
}

func TestConcurrentUse(t *testing.T) {
	c, err := mustCrypter(t, sampleToken, sampleKey, sampleCorp).WithPreviousKey(otherKey)
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for g := range 8 {
		go func() {
			var err error
			for i := 0; i < 50 && err == nil; i++ {
				msg := fmt.Sprintf("goroutine %d message %d", g, i)
				var body, got []byte
				if body, err = c.EncryptReply([]byte(msg), "1", "n"); err == nil {
					if got, err = c.DecryptReply(body); err == nil && string(got) != msg {
						err = fmt.Errorf("got %q, want %q", got, msg)
					}
				}
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
