package wxcrypto

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"strconv"
)

const (
	// encodingAESKeyLen is the length of an EncodingAESKey as configured in
	// the WeChat/WeCom console.
	encodingAESKeyLen = 43
	// blockSize is the PKCS#7 block size of WXBizMsgCrypt: 32, not the AES
	// block size, so every ciphertext is a multiple of 32 bytes.
	blockSize = 32
	// randomLen and headerLen describe the plaintext prefix:
	// random(16) ‖ msg_len(4).
	randomLen = 16
	headerLen = randomLen + 4
)

// aesKey is one decoded EncodingAESKey with its expanded AES schedule, built
// once so decrypting a callback does no key setup.
type aesKey struct {
	block cipher.Block
	iv    [aes.BlockSize]byte // WXBizMsgCrypt uses key[0:16] as IV
}

// Crypter encrypts, decrypts and signs callbacks for one Official Account or
// WeCom receiver. It is immutable and safe for concurrent use.
type Crypter struct {
	token     string
	receiveID string
	key       aesKey
	// previous, when set, is a Crypter on the key being rotated out; decrypt
	// falls back to it and replies to such messages must use it.
	previous *Crypter
}

// NewCrypter returns a Crypter for token, encodingAESKey and receiveID (the
// AppID for Official Accounts, the CorpID for WeCom; empty only for
// receivers whose plaintext carries an empty id). The key must be exactly
// 43 characters [A-Za-z0-9] decoding to 32 bytes, else ErrAESKey (-40004).
//
// Decoding ignores the two unused trailing bits of the 43rd character, as
// the official samples do: many real keys have them set.
func NewCrypter(token, encodingAESKey, receiveID string) (*Crypter, error) {
	key, err := parseAESKey(encodingAESKey)
	if err != nil {
		return nil, err
	}
	return &Crypter{token: token, receiveID: receiveID, key: key}, nil
}

// WithPreviousKey returns a copy of c that, when the current key cannot
// decrypt a message, retries with the previous EncodingAESKey. This follows
// the official rotation advice: keep the current and the previous key (one
// previous key only; it replaces any c already had). c is not modified.
// Use VerifyAndOpen to learn which key to encrypt the reply with.
func (c *Crypter) WithPreviousKey(encodingAESKey string) (*Crypter, error) {
	key, err := parseAESKey(encodingAESKey)
	if err != nil {
		return nil, err
	}
	prev := &Crypter{token: c.token, receiveID: c.receiveID, key: key}
	return &Crypter{token: c.token, receiveID: c.receiveID, key: c.key, previous: prev}, nil
}

// Token returns the callback token the Crypter signs with.
func (c *Crypter) Token() string { return c.token }

// ReceiveID returns the AppID/CorpID that decrypted messages must carry.
func (c *Crypter) ReceiveID() string { return c.receiveID }

// parseAESKey validates and decodes an EncodingAESKey.
func parseAESKey(encodingAESKey string) (aesKey, error) {
	if len(encodingAESKey) != encodingAESKeyLen {
		return aesKey{}, fail(ErrAESKey, "EncodingAESKey must be 43 characters, got "+strconv.Itoa(len(encodingAESKey)))
	}
	for i := 0; i < len(encodingAESKey); i++ {
		if !isAlnum(encodingAESKey[i]) {
			return aesKey{}, fail(ErrAESKey, "EncodingAESKey has a character outside [A-Za-z0-9] at position "+strconv.Itoa(i))
		}
	}
	// Non-strict StdEncoding: tolerant of the unused trailing bits.
	raw, err := base64.StdEncoding.DecodeString(encodingAESKey + "=")
	if err != nil || len(raw) != 32 {
		return aesKey{}, fail(ErrAESKey, "EncodingAESKey does not decode to 32 bytes")
	}
	block, err := aes.NewCipher(raw)
	if err != nil {
		return aesKey{}, fail(ErrAESKey, "AES key setup failed")
	}
	k := aesKey{block: block}
	copy(k.iv[:], raw[:aes.BlockSize])
	return k, nil
}

func isAlnum(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z'
}
