package wxcrypto

import (
	"crypto/sha1"
	"crypto/subtle"
	"encoding/hex"
	"slices"
)

// Signature returns the WeChat callback signature: the lower-case hex SHA-1
// of token, timestamp, nonce and any encrypt strings, sorted byte-wise and
// concatenated without separators.
//
// With no encrypt argument it is the Official Account plain `signature`
// (URL check, plaintext mode); with the Encrypt/echostr value it is
// `msg_signature`.
func Signature(token, timestamp, nonce string, encrypt ...string) string {
	sum := signatureSum(token, timestamp, nonce, encrypt)
	var out [2 * sha1.Size]byte
	hex.Encode(out[:], sum[:])
	return string(out[:])
}

// VerifySignature reports whether sig equals Signature(token, timestamp,
// nonce, encrypt...). The comparison runs in constant time so a forger
// learns nothing from response timing.
func VerifySignature(sig, token, timestamp, nonce string, encrypt ...string) bool {
	sum := signatureSum(token, timestamp, nonce, encrypt)
	var want [2 * sha1.Size]byte
	hex.Encode(want[:], sum[:])
	return subtle.ConstantTimeCompare(want[:], []byte(sig)) == 1
}

// CheckSignature is VerifySignature returning an *Error of class
// ErrSignature (-40001) on mismatch, for handlers that propagate errors.
// It needs no AES key, so it also serves Official Account plaintext mode.
func CheckSignature(sig, token, timestamp, nonce string, encrypt ...string) error {
	if !VerifySignature(sig, token, timestamp, nonce, encrypt...) {
		return fail(ErrSignature, "signature does not match the request")
	}
	return nil
}

// signatureSum hashes the sorted concatenation, streaming the parts
// through a stack buffer. sha1.New is inlined and devirtualized, so no
// allocation happens even for a large safe-mode Encrypt value.
func signatureSum(token, timestamp, nonce string, encrypt []string) [sha1.Size]byte {
	var partsBuf [4]string
	parts := append(partsBuf[:0], token, timestamp, nonce)
	parts = append(parts, encrypt...)
	slices.Sort(parts)

	h := sha1.New()
	var chunk [512]byte
	for _, p := range parts {
		for len(p) > 0 {
			n := copy(chunk[:], p)
			h.Write(chunk[:n])
			p = p[n:]
		}
	}
	var sum [sha1.Size]byte
	h.Sum(sum[:0])
	return sum
}
