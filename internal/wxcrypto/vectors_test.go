package wxcrypto

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"testing"
)

// vectorFile mirrors testdata/wxcrypto.json (copied from
// /work/shared/vectors); null fields of the source are nil pointers.
type vectorFile struct {
	Signatures []struct {
		Name              string `json:"name"`
		Kind              string `json:"kind"`
		Token             string `json:"token"`
		Timestamp         string `json:"timestamp"`
		Nonce             string `json:"nonce"`
		Encrypt           string `json:"encrypt"`
		ExpectedSignature string `json:"expected_signature"`
	} `json:"signatures"`
	Decrypt []struct {
		callbackVector
		Encrypt           string `json:"encrypt"`
		ExpectedMessage   string `json:"expected_message"`
		ExpectedReceiveID string `json:"expected_receive_id"`
		RandomHex         string `json:"random_hex"`
	} `json:"decrypt"`
	Echostr []struct {
		callbackVector
		EchostrWire       *string `json:"echostr_wire"`
		Echostr           string  `json:"echostr"`
		ExpectedPlaintext string  `json:"expected_plaintext"`
		RandomHex         string  `json:"random_hex"`
	} `json:"echostr"`
	Encrypt  []encryptVector `json:"encrypt"`
	Negative []struct {
		callbackVector
		Kind            string `json:"kind"`
		Encrypt         string `json:"encrypt"`
		ErrorClass      string `json:"error_class"`
		OfficialCode    int    `json:"official_code"`
		MustFailBecause string `json:"must_fail_because"`
	} `json:"negative"`
}

// callbackVector holds the fields shared by inbound vectors.
type callbackVector struct {
	Name           string `json:"name"`
	Token          string `json:"token"`
	EncodingAESKey string `json:"encoding_aes_key"`
	ReceiveID      string `json:"receive_id"`
	Timestamp      string `json:"timestamp"`
	Nonce          string `json:"nonce"`
	MsgSignature   string `json:"msg_signature"`
}

type encryptVector struct {
	Name                 string  `json:"name"`
	Token                *string `json:"token"`
	EncodingAESKey       string  `json:"encoding_aes_key"`
	ReceiveID            string  `json:"receive_id"`
	RandomHex            string  `json:"random_hex"`
	Timestamp            *string `json:"timestamp"`
	Nonce                *string `json:"nonce"`
	Message              string  `json:"message"`
	ExpectedEncrypt      string  `json:"expected_encrypt"`
	ExpectedMsgSignature *string `json:"expected_msg_signature"`
}

// errorClasses maps the vector file's error_class to the sentinel.
var errorClasses = map[string]error{
	"signature":   ErrSignature,
	"parse":       ErrParse,
	"aes_key":     ErrAESKey,
	"receive_id":  ErrReceiveID,
	"aes_decrypt": ErrDecrypt,
	"buffer":      ErrBuffer,
	"base64":      ErrBase64,
}

func loadVectors(tb testing.TB) vectorFile {
	tb.Helper()
	raw, err := os.ReadFile("testdata/wxcrypto.json")
	if err != nil {
		tb.Fatal(err)
	}
	var v vectorFile
	if err := json.Unmarshal(raw, &v); err != nil {
		tb.Fatal(err)
	}
	if len(v.Signatures) == 0 || len(v.Decrypt) == 0 || len(v.Echostr) == 0 || len(v.Encrypt) == 0 || len(v.Negative) == 0 {
		tb.Fatal("vector file has an empty section")
	}
	return v
}

func mustCrypter(tb testing.TB, token, key, receiveID string) *Crypter {
	tb.Helper()
	c, err := NewCrypter(token, key, receiveID)
	if err != nil {
		tb.Fatalf("NewCrypter: %v", err)
	}
	return c
}

func mustHex(tb testing.TB, s string) []byte {
	tb.Helper()
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != randomLen {
		tb.Fatalf("random_hex %q: %v", s, err)
	}
	return b
}

func TestVectorSignatures(t *testing.T) {
	for _, v := range loadVectors(t).Signatures {
		t.Run(v.Name, func(t *testing.T) {
			var extra []string
			switch v.Kind {
			case "mp_plain":
			case "msg":
				extra = []string{v.Encrypt}
			default:
				t.Fatalf("unknown kind %q", v.Kind)
			}
			if got := Signature(v.Token, v.Timestamp, v.Nonce, extra...); got != v.ExpectedSignature {
				t.Errorf("Signature = %s, want %s", got, v.ExpectedSignature)
			}
			if !VerifySignature(v.ExpectedSignature, v.Token, v.Timestamp, v.Nonce, extra...) {
				t.Error("VerifySignature rejected the expected signature")
			}
			if err := CheckSignature(v.ExpectedSignature, v.Token, v.Timestamp, v.Nonce, extra...); err != nil {
				t.Errorf("CheckSignature: %v", err)
			}
			flipped := []byte(v.ExpectedSignature)
			flipped[0] ^= 1
			if VerifySignature(string(flipped), v.Token, v.Timestamp, v.Nonce, extra...) {
				t.Error("VerifySignature accepted a changed signature")
			}
		})
	}
}

func TestVectorDecrypt(t *testing.T) {
	for _, v := range loadVectors(t).Decrypt {
		t.Run(v.Name, func(t *testing.T) {
			c := mustCrypter(t, v.Token, v.EncodingAESKey, v.ReceiveID)
			msg, err := c.VerifyAndDecrypt(v.MsgSignature, v.Timestamp, v.Nonce, v.Encrypt)
			if err != nil {
				t.Fatalf("VerifyAndDecrypt: %v", err)
			}
			if string(msg) != v.ExpectedMessage {
				t.Errorf("message = %q, want %q", msg, v.ExpectedMessage)
			}
			raw, rid, err := c.DecryptRaw(v.Encrypt)
			if err != nil || rid != v.ExpectedReceiveID || !bytes.Equal(raw, msg) {
				t.Errorf("DecryptRaw = %q, %q, %v; want receive id %q", raw, rid, err, v.ExpectedReceiveID)
			}
			// The recovered random must reproduce the ciphertext exactly.
			enc, err := c.Encrypt([]byte(v.ExpectedMessage), mustHex(t, v.RandomHex))
			if err != nil || enc != v.Encrypt {
				t.Errorf("re-Encrypt = %q, %v; want %q", enc, err, v.Encrypt)
			}
		})
	}
}

func TestVectorEchostr(t *testing.T) {
	for _, v := range loadVectors(t).Echostr {
		t.Run(v.Name, func(t *testing.T) {
			if v.EchostrWire != nil {
				decoded, err := url.QueryUnescape(*v.EchostrWire)
				if err != nil || decoded != v.Echostr {
					t.Fatalf("QueryUnescape(echostr_wire) = %q, %v; want %q", decoded, err, v.Echostr)
				}
			}
			c := mustCrypter(t, v.Token, v.EncodingAESKey, v.ReceiveID)
			msg, err := c.VerifyAndDecrypt(v.MsgSignature, v.Timestamp, v.Nonce, v.Echostr)
			if err != nil {
				t.Fatalf("VerifyAndDecrypt: %v", err)
			}
			if string(msg) != v.ExpectedPlaintext {
				t.Errorf("plaintext = %q, want %q", msg, v.ExpectedPlaintext)
			}
			enc, err := c.Encrypt(msg, mustHex(t, v.RandomHex))
			if err != nil || enc != v.Echostr {
				t.Errorf("re-Encrypt = %q, %v; want %q", enc, err, v.Echostr)
			}
		})
	}
}

func TestVectorEncrypt(t *testing.T) {
	for _, v := range loadVectors(t).Encrypt {
		t.Run(v.Name, func(t *testing.T) {
			token := ""
			if v.Token != nil {
				token = *v.Token
			}
			c := mustCrypter(t, token, v.EncodingAESKey, v.ReceiveID)
			random := mustHex(t, v.RandomHex)
			enc, err := c.Encrypt([]byte(v.Message), random)
			if err != nil || enc != v.ExpectedEncrypt {
				t.Fatalf("Encrypt = %q, %v; want %q", enc, err, v.ExpectedEncrypt)
			}
			if msg, err := c.Decrypt(enc); err != nil || string(msg) != v.Message {
				t.Errorf("Decrypt = %q, %v", msg, err)
			}
			if v.Token == nil || v.Timestamp == nil || v.Nonce == nil || v.ExpectedMsgSignature == nil {
				return
			}
			checkReplyVector(t, c, v, random)
		})
	}
}

// checkReplyVector builds the reply envelope for a vector that carries
// token, timestamp and nonce and checks every field of it.
func checkReplyVector(t *testing.T, c *Crypter, v encryptVector, random []byte) {
	t.Helper()
	body, err := c.encryptReply([]byte(v.Message), random, *v.Timestamp, *v.Nonce)
	if err != nil {
		t.Fatalf("encryptReply: %v", err)
	}
	got, err := ParseReply(body)
	if err != nil {
		t.Fatalf("ParseReply(own reply): %v", err)
	}
	want := Reply{Encrypt: v.ExpectedEncrypt, MsgSignature: *v.ExpectedMsgSignature, TimeStamp: *v.Timestamp, Nonce: *v.Nonce}
	if got != want {
		t.Errorf("reply = %+v, want %+v", got, want)
	}
	if msg, err := c.DecryptReply(body); err != nil || string(msg) != v.Message {
		t.Errorf("DecryptReply = %q, %v", msg, err)
	}
}

func TestVectorNegative(t *testing.T) {
	for _, v := range loadVectors(t).Negative {
		t.Run(v.Name, func(t *testing.T) {
			want, ok := errorClasses[v.ErrorClass]
			if !ok {
				t.Fatalf("unknown error_class %q", v.ErrorClass)
			}
			t.Log(v.MustFailBecause)
			if v.Kind == "mp_plain" {
				assertClass(t, CheckSignature(v.MsgSignature, v.Token, v.Timestamp, v.Nonce), want, v.OfficialCode)
				return
			}
			c, err := NewCrypter(v.Token, v.EncodingAESKey, v.ReceiveID)
			if err == nil {
				_, err = c.VerifyAndDecrypt(v.MsgSignature, v.Timestamp, v.Nonce, v.Encrypt)
			}
			assertClass(t, err, want, v.OfficialCode)
			if c == nil || want == ErrSignature {
				return
			}
			// Constructed cases carry a valid signature, so the same check
			// must fire without it.
			_, err = c.Decrypt(v.Encrypt)
			assertClass(t, err, want, v.OfficialCode)
		})
	}
}

// assertClass checks that err is an *Error of the sentinel class want
// carrying the official code.
func assertClass(t *testing.T, err, want error, code int) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("error = %v, want class %v", err, want)
	}
	var e *Error
	if !errors.As(err, &e) || e.Code != code || ErrorCode(err) != code {
		t.Errorf("error %v: code %d, want %d", err, ErrorCode(err), code)
	}
}
