package wxcrypto

import (
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"math"
	"strconv"
	"strings"
)

// Encrypt builds random ‖ msg_len ‖ msg ‖ receive id, pads it to 32-byte
// blocks, encrypts it with AES-256-CBC and returns the standard base64
// Encrypt value. random must be nil (16 fresh bytes from crypto/rand, the
// normal case) or exactly 16 bytes (reproducible test vectors); anything
// else is ErrEncrypt (-40006).
func (c *Crypter) Encrypt(msg []byte, random []byte) (string, error) {
	var r [randomLen]byte
	switch {
	case random == nil:
		if _, err := rand.Read(r[:]); err != nil {
			return "", fail(ErrEncrypt, "reading random bytes failed")
		}
	case len(random) != randomLen:
		return "", fail(ErrEncrypt, "random must be 16 bytes, got "+strconv.Itoa(len(random)))
	default:
		copy(r[:], random)
	}
	if uint64(len(msg)) > math.MaxUint32 {
		return "", fail(ErrEncrypt, "message longer than msg_len can express")
	}

	plainLen := headerLen + len(msg) + len(c.receiveID)
	pad := blockSize - plainLen%blockSize // 1..32: a full block when aligned
	total := plainLen + pad
	// One allocation holds the plaintext (encrypted in place) followed by
	// its base64 form.
	buf := make([]byte, total+base64.StdEncoding.EncodedLen(total))
	copy(buf, r[:])
	binary.BigEndian.PutUint32(buf[randomLen:headerLen], uint32(len(msg)))
	n := headerLen + copy(buf[headerLen:], msg)
	n += copy(buf[n:], c.receiveID)
	for i := n; i < total; i++ {
		buf[i] = byte(pad)
	}
	ct, b64 := buf[:total], buf[total:]
	cipher.NewCBCEncrypter(c.key.block, c.key.iv[:]).CryptBlocks(ct, ct)
	base64.StdEncoding.Encode(b64, ct)
	return string(b64), nil
}

// EncryptReply encrypts msg with fresh randomness and returns the passive
// reply envelope
//
//	<xml><Encrypt><![CDATA[…]]></Encrypt><MsgSignature><![CDATA[…]]></MsgSignature><TimeStamp>…</TimeStamp><Nonce><![CDATA[…]]></Nonce></xml>
//
// signed over (token, timestamp, nonce, Encrypt). timestamp is normally the
// current Unix time and nonce the request's nonce. A timestamp that is not
// all digits or a nonce that could break the XML is ErrReplyXML (-40011).
func (c *Crypter) EncryptReply(msg []byte, timestamp, nonce string) ([]byte, error) {
	return c.encryptReply(msg, nil, timestamp, nonce)
}

// encryptReply is EncryptReply with injectable randomness for vectors.
func (c *Crypter) encryptReply(msg, random []byte, timestamp, nonce string) ([]byte, error) {
	if err := checkReplyFields(timestamp, nonce); err != nil {
		return nil, err
	}
	enc, err := c.Encrypt(msg, random)
	if err != nil {
		return nil, err
	}
	sig := Signature(c.token, timestamp, nonce, enc)

	b := make([]byte, 0, len(enc)+len(sig)+len(timestamp)+len(nonce)+160)
	b = append(b, "<xml><Encrypt><![CDATA["...)
	b = append(b, enc...)
	b = append(b, "]]></Encrypt><MsgSignature><![CDATA["...)
	b = append(b, sig...)
	b = append(b, "]]></MsgSignature><TimeStamp>"...)
	b = append(b, timestamp...)
	b = append(b, "</TimeStamp><Nonce><![CDATA["...)
	b = append(b, nonce...)
	b = append(b, "]]></Nonce></xml>"...)
	return b, nil
}

// checkReplyFields makes sure timestamp and nonce can be embedded verbatim,
// since the signature covers them byte for byte and escaping would change
// what the receiver reads back.
func checkReplyFields(timestamp, nonce string) error {
	if timestamp == "" || strings.TrimLeft(timestamp, "0123456789") != "" {
		return fail(ErrReplyXML, "timestamp must be decimal digits")
	}
	if nonce == "" || strings.Contains(nonce, "]]>") {
		return fail(ErrReplyXML, "nonce must be non-empty and must not contain \"]]>\"")
	}
	for i := 0; i < len(nonce); i++ {
		if nonce[i] < 0x21 || nonce[i] > 0x7e {
			return fail(ErrReplyXML, "nonce must be printable ASCII without spaces")
		}
	}
	return nil
}
