package wxcrypto

import (
	"bytes"
	"crypto/cipher"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"testing"
)

// FuzzDecrypt feeds arbitrary Encrypt strings, and arbitrary plaintexts
// encrypted under the sample key (so the inner-structure checks are reached
// rather than only AES garbage), through the decrypt pipeline. It must
// never panic; it must only fail with this package's errors; whatever it
// accepts must be exactly what Encrypt would produce, and must agree with
// a straightforward reference parser.
func FuzzDecrypt(f *testing.F) {
	c := mustCrypter(f, sampleToken, sampleKey, sampleCorp)
	v := loadVectors(f)
	for _, d := range v.Decrypt {
		f.Add(d.Encrypt, rawPlaintext(f, mustCrypter(f, d.Token, d.EncodingAESKey, d.ReceiveID), d.Encrypt))
	}
	for _, e := range v.Echostr {
		f.Add(e.Echostr, []byte(e.ExpectedPlaintext))
	}
	for _, n := range v.Negative {
		f.Add(n.Encrypt, rawPlaintext(f, c, sampleEncrypt)[:32])
	}
	f.Fuzz(func(t *testing.T, encrypt string, plain []byte) {
		checkDecrypt(t, c, encrypt)
		if len(plain) == 0 || len(plain)%blockSize != 0 {
			return
		}
		ct := make([]byte, len(plain))
		cipher.NewCBCEncrypter(c.key.block, c.key.iv[:]).CryptBlocks(ct, plain)
		enc := base64.StdEncoding.EncodeToString(ct)
		msg, rid, err := c.DecryptRaw(enc)
		refMsg, refRID, ok := referenceSplit(plain)
		if ok != (err == nil) || ok && (!bytes.Equal(msg, refMsg) || rid != string(refRID)) {
			t.Fatalf("DecryptRaw = %q %q %v; reference = %q %q %v", msg, rid, err, refMsg, refRID, ok)
		}
		checkDecrypt(t, c, enc)
	})
}

// checkDecrypt runs the full inbound pipeline on encrypt and checks the
// invariants described on FuzzDecrypt.
func checkDecrypt(t *testing.T, c *Crypter, encrypt string) {
	sig := Signature(c.token, "1409659813", "1372623149", encrypt)
	msg, err := c.VerifyAndDecrypt(sig, "1409659813", "1372623149", encrypt)
	if err != nil {
		var e *Error
		if !errors.As(err, &e) || codes[e.Err] != e.Code || e.Code == 0 {
			t.Fatalf("foreign error %T %v", err, err)
		}
		return
	}
	plain := rawPlaintext(t, c, encrypt)
	again, err := c.Encrypt(msg, plain[:randomLen])
	if err != nil || again != encrypt {
		t.Fatalf("accepted a non-canonical ciphertext: %q re-encrypts to %q (%v)", encrypt, again, err)
	}
}

// referenceSplit is an independent, allocation-happy restatement of the
// plaintext rules used as a differential oracle.
func referenceSplit(p []byte) (msg, rid []byte, ok bool) {
	pad := int(p[len(p)-1])
	if pad == 0 || pad > 32 || !bytes.Equal(p[len(p)-pad:], bytes.Repeat([]byte{byte(pad)}, pad)) {
		return nil, nil, false
	}
	content := p[:len(p)-pad]
	if len(content) < 20 {
		return nil, nil, false
	}
	n := int64(binary.BigEndian.Uint32(content[16:20]))
	if n > int64(len(content)-20) {
		return nil, nil, false
	}
	return content[20 : 20+n], content[20+n:], true
}

// FuzzParseEnvelope checks that no body makes the envelope or reply
// parsers panic, and that they fail only with ErrParse.
func FuzzParseEnvelope(f *testing.F) {
	v := loadVectors(f)
	for _, d := range v.Decrypt {
		f.Add([]byte("<xml><ToUserName><![CDATA[" + d.ReceiveID + "]]></ToUserName><Encrypt><![CDATA[" + d.Encrypt + "]]></Encrypt><AgentID>1</AgentID></xml>"))
		f.Add([]byte(`{"ToUserName":"` + d.ReceiveID + `","Encrypt":"` + d.Encrypt + `","AgentID":1}`))
	}
	f.Add([]byte("<xml>\n<Encrypt><![CDATA[a]]></Encrypt>\n<MsgSignature><![CDATA[b]]></MsgSignature>\n<TimeStamp>1</TimeStamp>\n<Nonce><![CDATA[n]]></Nonce>\n</xml>"))
	f.Add([]byte(`<!DOCTYPE xml [<!ENTITY x "y">]><xml><Encrypt>&x;</Encrypt></xml>`))
	f.Add([]byte(`{"encrypt":"e","encrypt":"f"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		env, err := ParseEnvelope(body)
		if err == nil && env.Encrypt == "" {
			t.Fatal("accepted an envelope without Encrypt")
		}
		if err != nil && (!errors.Is(err, ErrParse) || ErrorCode(err) != CodeParse) {
			t.Fatalf("foreign error %v", err)
		}
		if _, err := ParseReply(body); err != nil && !errors.Is(err, ErrParse) {
			t.Fatalf("foreign error %v", err)
		}
	})
}
