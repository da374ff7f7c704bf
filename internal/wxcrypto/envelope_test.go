package wxcrypto

import (
	"os"
	"strings"
	"testing"
)

func TestParseEnvelope(t *testing.T) {
	tests := []struct {
		name string
		body string
		want Envelope
	}{
		{"WeCom official POST",
			"<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[" + sampleEncrypt + "]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>",
			Envelope{ToUserName: "wx5823bf96d3bd56c7", Encrypt: sampleEncrypt, AgentID: "218"}},
		{"MP safe mode with line breaks and declaration",
			"<?xml version=\"1.0\"?>\n<xml>\n    <ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>\n    <Encrypt><![CDATA[abc+/=]]></Encrypt>\n</xml>\n",
			Envelope{ToUserName: "gh_97417a04a28d", Encrypt: "abc+/="}},
		{"compatible mode: plaintext copies ignored, DOCTYPE text inside CDATA is data",
			"<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName><Content><![CDATA[<!DOCTYPE html> <!ENTITY x>]]></Content><Encrypt><![CDATA[e1]]></Encrypt></xml>",
			Envelope{ToUserName: "gh_1", Encrypt: "e1"}},
		{"plain text without CDATA, comment inside",
			"<xml><Encrypt>ab<!-- c -->cd</Encrypt></xml>",
			Envelope{Encrypt: "abcd"}},
		{"empty AgentID",
			"<xml><ToUserName><![CDATA[ww1]]></ToUserName><Encrypt><![CDATA[e]]></Encrypt><AgentID><![CDATA[]]></AgentID></xml>",
			Envelope{ToUserName: "ww1", Encrypt: "e"}},
		{"MP JSON format",
			`{"ToUserName":"gh_97417a04a28d","Encrypt":"abc+/="}`,
			Envelope{ToUserName: "gh_97417a04a28d", Encrypt: "abc+/="}},
		{"WeCom JSON lower-case keys, numeric agentid, unknown keys",
			"\n {\"tousername\":\"ww1\",\"encrypt\":\"e\\u002b\",\"agentid\":1000002,\"extra\":{\"a\":[1,2]}}\n",
			Envelope{ToUserName: "ww1", Encrypt: "e+", AgentID: "1000002"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseEnvelope([]byte(tt.body))
			if err != nil {
				t.Fatalf("ParseEnvelope: %v", err)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParseEnvelopeRejects(t *testing.T) {
	tests := []struct{ name, body string }{
		{"empty", ""},
		{"whitespace", " \n"},
		{"XXE DOCTYPE", `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><Encrypt>&x;</Encrypt></xml>`},
		{"lower-case doctype", `<!doctype xml><xml><Encrypt>e</Encrypt></xml>`},
		{"ENTITY inside root", `<xml><!ENTITY x "y"><Encrypt>e</Encrypt></xml>`},
		{"undefined entity", `<xml><Encrypt>&x;</Encrypt></xml>`},
		{"missing Encrypt", `<xml><ToUserName>gh</ToUserName></xml>`},
		{"empty Encrypt", `<xml><Encrypt><![CDATA[]]></Encrypt></xml>`},
		{"duplicate Encrypt", `<xml><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>`},
		{"duplicate ToUserName", `<xml><ToUserName>a</ToUserName><ToUserName>b</ToUserName><Encrypt>e</Encrypt></xml>`},
		{"markup inside Encrypt", `<xml><Encrypt>a<b>c</b></Encrypt></xml>`},
		{"wrong root", `<root><Encrypt>e</Encrypt></root>`},
		{"second root", `<xml><Encrypt>e</Encrypt></xml><xml></xml>`},
		{"text before root", `junk<xml><Encrypt>e</Encrypt></xml>`},
		{"text after root", `<xml><Encrypt>e</Encrypt></xml>junk`},
		{"unclosed root", `<xml><Encrypt>e</Encrypt>`},
		{"mismatched tag", `<xml><Encrypt>e</Encrypt></xm>`},
		{"GBK declaration", `<?xml version="1.0" encoding="GBK"?><xml><Encrypt>e</Encrypt></xml>`},
		{"JSON array", `[{"Encrypt":"e"}]`},
		{"JSON Encrypt number", `{"Encrypt":12}`},
		{"JSON Encrypt null", `{"Encrypt":null}`},
		{"JSON AgentID object", `{"Encrypt":"e","AgentID":{}}`},
		{"JSON duplicate key in other case", `{"Encrypt":"a","encrypt":"b"}`},
		{"JSON trailing data", `{"Encrypt":"e"} {}`},
		{"JSON trailing garbage", `{"Encrypt":"e"}x`},
		{"JSON truncated", `{"Encrypt":"e"`},
		{"JSON missing Encrypt", `{"ToUserName":"gh"}`},
		{"JSON bad syntax", `{"Encrypt" "e"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, err := ParseEnvelope([]byte(tt.body))
			if env != (Envelope{}) {
				t.Errorf("non-zero envelope on error: %+v", env)
			}
			assertClass(t, err, ErrParse, CodeParse)
			t.Log(err)
			if strings.Contains(err.Error(), "passwd") {
				t.Errorf("error leaks body content: %v", err)
			}
		})
	}
}

// TestReplyEnvelopeGolden compares EncryptReply with the complete reply
// envelopes printed by the official doc (E3) and expected by wechatpy
// (E6); whitespace between elements differs, so parsed fields are compared.
func TestReplyEnvelopeGolden(t *testing.T) {
	golden := map[string]string{
		"mp_E3_official_third_party_reply_xml": "testdata/reply_E3.xml",
		"wecom_E6_wechatpy_reply":              "testdata/reply_E6.xml",
	}
	found := 0
	for _, v := range loadVectors(t).Encrypt {
		path, ok := golden[v.Name]
		if !ok {
			continue
		}
		found++
		t.Run(v.Name, func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want, err := ParseReply(raw)
			if err != nil {
				t.Fatalf("ParseReply(golden): %v", err)
			}
			c := mustCrypter(t, *v.Token, v.EncodingAESKey, v.ReceiveID)
			body, err := c.encryptReply([]byte(v.Message), mustHex(t, v.RandomHex), *v.Timestamp, *v.Nonce)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ParseReply(body)
			if err != nil || got != want {
				t.Fatalf("reply = %+v, %v; want %+v", got, err, want)
			}
			if msg, err := c.DecryptReply(raw); err != nil || string(msg) != v.Message {
				t.Errorf("DecryptReply(golden) = %q, %v", msg, err)
			}
		})
	}
	if found != len(golden) {
		t.Fatalf("found %d of %d golden vectors", found, len(golden))
	}
}

func TestEncryptReplyShape(t *testing.T) {
	c := mustCrypter(t, sampleToken, sampleKey, sampleCorp)
	body, err := c.EncryptReply([]byte("<xml><Content><![CDATA[你好]]></Content></xml>"), "1713424427", "415670741")
	if err != nil {
		t.Fatal(err)
	}
	s := string(body)
	for _, part := range []string{"<xml><Encrypt><![CDATA[", "]]></Encrypt><MsgSignature><![CDATA[", "]]></MsgSignature><TimeStamp>1713424427</TimeStamp><Nonce><![CDATA[415670741]]></Nonce></xml>"} {
		if !strings.Contains(s, part) {
			t.Errorf("reply lacks %q", part)
		}
	}
	r, err := ParseReply(body)
	if err != nil || !VerifySignature(r.MsgSignature, sampleToken, r.TimeStamp, r.Nonce, r.Encrypt) {
		t.Fatalf("reply signature does not verify: %+v %v", r, err)
	}
}

func TestEncryptReplyRejectsUnsafeFields(t *testing.T) {
	c := mustCrypter(t, sampleToken, sampleKey, sampleCorp)
	tests := []struct{ name, timestamp, nonce string }{
		{"empty timestamp", "", "n"},
		{"timestamp with letters", "12a", "n"},
		{"timestamp with markup", "1</TimeStamp>", "n"},
		{"empty nonce", "1", ""},
		{"nonce closing CDATA", "1", "a]]>b"},
		{"nonce with space", "1", "a b"},
		{"nonce with control byte", "1", "a\x00"},
		{"nonce non-ASCII", "1", "é"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, err := c.EncryptReply([]byte("x"), tt.timestamp, tt.nonce)
			if body != nil {
				t.Error("body returned with error")
			}
			assertClass(t, err, ErrReplyXML, CodeReplyXML)
		})
	}
}

func TestParseReplyJSON(t *testing.T) {
	// E4: JSON-format Official Account reply keys.
	body := `{"Encrypt":"ELGd","MsgSignature":"1b93","TimeStamp":1713424427,"Nonce":"415670741"}`
	got, err := ParseReply([]byte(body))
	want := Reply{Encrypt: "ELGd", MsgSignature: "1b93", TimeStamp: "1713424427", Nonce: "415670741"}
	if err != nil || got != want {
		t.Fatalf("ParseReply = %+v, %v", got, err)
	}
	_, err = ParseReply([]byte(`<xml><Encrypt>e</Encrypt></xml>`))
	assertClass(t, err, ErrParse, CodeParse)
}
