package wxcrypto

import (
	"bytes"
	"testing"
)

func benchMessage() []byte {
	return bytes.Repeat([]byte("<xml>hello 你好</xml>\n"), 64)[:1024]
}

// BenchmarkDecrypt1KB measures the whole inbound pipeline for a 1 KB
// message: signature check, base64, AES-CBC, structure and receive id.
func BenchmarkDecrypt1KB(b *testing.B) {
	c := mustCrypter(b, sampleToken, sampleKey, sampleCorp)
	msg := benchMessage()
	enc, err := c.Encrypt(msg, nil)
	if err != nil {
		b.Fatal(err)
	}
	sig := Signature(sampleToken, "1409659813", "1372623149", enc)
	b.ReportAllocs()
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		if _, err := c.VerifyAndDecrypt(sig, "1409659813", "1372623149", enc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncrypt1KB measures Encrypt with fresh randomness.
func BenchmarkEncrypt1KB(b *testing.B) {
	c := mustCrypter(b, sampleToken, sampleKey, sampleCorp)
	msg := benchMessage()
	b.ReportAllocs()
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		if _, err := c.Encrypt(msg, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignature signs the official sample POST (a 472-char Encrypt).
func BenchmarkSignature(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if Signature(sampleToken, "1409659813", "1372623149", sampleEncrypt) == "" {
			b.Fatal("empty signature")
		}
	}
}

// BenchmarkParseEnvelope parses the official sample POST body.
func BenchmarkParseEnvelope(b *testing.B) {
	body := []byte("<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[" + sampleEncrypt + "]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseEnvelope(body); err != nil {
			b.Fatal(err)
		}
	}
}
