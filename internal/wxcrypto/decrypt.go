package wxcrypto

import (
	"crypto/cipher"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"strconv"
	"strings"
)

// strictBase64 rejects non-canonical ciphertext encodings: WeChat servers
// only produce canonical standard base64, and accepting variants would let
// two different signed strings decrypt to the same message.
var strictBase64 = base64.StdEncoding.Strict()

// DecryptRaw decrypts an Encrypt (or WeCom echostr) value and returns the
// message and the receive id found in the plaintext, without checking that
// id and without checking any signature. The returned slice is not shared
// with anything else and may be kept.
func (c *Crypter) DecryptRaw(encrypt string) (msg []byte, receiveID string, err error) {
	msg, rid, _, err := c.open(encrypt, false)
	if err != nil {
		return nil, "", err
	}
	return msg, string(rid), nil
}

// Decrypt is DecryptRaw plus the receive id check: the id in the plaintext
// must equal c.ReceiveID() exactly, else ErrReceiveID (-40005).
func (c *Crypter) Decrypt(encrypt string) ([]byte, error) {
	msg, _, _, err := c.open(encrypt, true)
	return msg, err
}

// VerifyAndDecrypt checks msgSignature over (token, timestamp, nonce,
// encrypt) first (ErrSignature) and only then decrypts with Decrypt. It is
// the whole inbound pipeline for a safe-mode POST or a WeCom URL check
// (where encrypt is the once-URL-decoded echostr).
func (c *Crypter) VerifyAndDecrypt(msgSignature, timestamp, nonce, encrypt string) ([]byte, error) {
	msg, _, err := c.VerifyAndOpen(msgSignature, timestamp, nonce, encrypt)
	return msg, err
}

// VerifyAndOpen is VerifyAndDecrypt that also returns the Crypter to encrypt
// the passive reply with: c itself, or, when only the previous key (see
// WithPreviousKey) could decrypt the message, a Crypter on that key, since
// the sender still expects it.
func (c *Crypter) VerifyAndOpen(msgSignature, timestamp, nonce, encrypt string) (msg []byte, reply *Crypter, err error) {
	if err := CheckSignature(msgSignature, c.token, timestamp, nonce, encrypt); err != nil {
		return nil, nil, err
	}
	msg, _, reply, err = c.open(encrypt, true)
	return msg, reply, err
}

// open decodes and decrypts encrypt with the current key and, when that
// yields an invalid or foreign plaintext, with the previous key.
func (c *Crypter) open(encrypt string, checkRID bool) (msg, rid []byte, used *Crypter, err error) {
	ct, err := decodeCiphertext(encrypt)
	if err != nil {
		return nil, nil, nil, err
	}
	dst := ct // decrypt in place unless the ciphertext is needed for a retry
	if c.previous != nil {
		dst = make([]byte, len(ct))
	}
	for k := c; k != nil; k = k.previous {
		m, r, kerr := k.key.decrypt(dst, ct)
		if kerr == nil && checkRID && string(r) != c.receiveID {
			kerr = fail(ErrReceiveID, "message is for "+quoteID(r)+", configured "+quoteID([]byte(c.receiveID)))
		}
		if kerr == nil {
			return m, r, k, nil
		}
		// Report the current key's error, unless it only saw garbage and
		// the previous key got as far as the receive id check.
		if err == nil || errors.Is(err, ErrBuffer) && errors.Is(kerr, ErrReceiveID) {
			err = kerr
		}
	}
	return nil, nil, nil, err
}

// decodeCiphertext turns the base64 transport form into ciphertext and
// checks its length against the 32-byte padding block.
func decodeCiphertext(encrypt string) ([]byte, error) {
	// The base64 decoder silently skips CR/LF; the signed string must not
	// contain them either.
	if strings.IndexByte(encrypt, '\n') >= 0 || strings.IndexByte(encrypt, '\r') >= 0 {
		return nil, fail(ErrBase64, "ciphertext contains a line break")
	}
	ct, err := strictBase64.DecodeString(encrypt)
	if err != nil {
		return nil, fail(ErrBase64, "ciphertext is not standard base64: "+err.Error())
	}
	if len(ct) == 0 || len(ct)%blockSize != 0 {
		return nil, fail(ErrDecrypt, "ciphertext length "+strconv.Itoa(len(ct))+" is not a positive multiple of 32")
	}
	return ct, nil
}

// decrypt runs AES-256-CBC from ct into dst (which may be ct itself) and
// splits the plaintext. len(ct) is a positive multiple of 32.
func (k *aesKey) decrypt(dst, ct []byte) (msg, rid []byte, err error) {
	cipher.NewCBCDecrypter(k.block, k.iv[:]).CryptBlocks(dst, ct)
	return splitPlaintext(dst)
}

// splitPlaintext validates random(16) ‖ msg_len ‖ msg ‖ receive id ‖ pad and
// returns msg and receive id as sub-slices of p. Nothing is trimmed: the
// message is exactly msg_len bytes, line breaks included.
func splitPlaintext(p []byte) (msg, rid []byte, err error) {
	pad := int(p[len(p)-1])
	if pad < 1 || pad > blockSize {
		return nil, nil, fail(ErrBuffer, "padding byte "+strconv.Itoa(pad)+" out of range 1..32")
	}
	for _, b := range p[len(p)-pad:] {
		if int(b) != pad {
			return nil, nil, fail(ErrBuffer, "padding bytes are not all equal")
		}
	}
	p = p[:len(p)-pad]
	if len(p) < headerLen {
		return nil, nil, fail(ErrBuffer, "plaintext of "+strconv.Itoa(len(p))+" bytes is shorter than the 20-byte header")
	}
	// uint64 so that msg_len = 0xFFFFFFFF cannot wrap on any platform.
	n := uint64(binary.BigEndian.Uint32(p[randomLen:headerLen]))
	body := p[headerLen:]
	if n > uint64(len(body)) {
		return nil, nil, fail(ErrBuffer, "msg_len "+strconv.FormatUint(n, 10)+" exceeds the "+strconv.Itoa(len(body))+" bytes available")
	}
	// The full slice expression stops appends to msg from overwriting rid.
	return body[:n:n], body[n:], nil
}

// quoteID renders a receive id for an error detail, bounded so garbage
// plaintext cannot bloat logs.
func quoteID(id []byte) string {
	const maxLen = 64
	if len(id) > maxLen {
		return strconv.Quote(string(id[:maxLen])) + "…"
	}
	return strconv.Quote(string(id))
}
