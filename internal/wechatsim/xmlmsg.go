package wechatsim

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
)

// xmlField is one element of a push. Numbers are written bare, strings in
// CDATA, as WeChat does.
type xmlField struct {
	name, value string
	bare        bool
}

func text(name, value string) xmlField { return xmlField{name: name, value: value} }
func number(name string, v int64) xmlField {
	return xmlField{name: name, value: strconv.FormatInt(v, 10), bare: true}
}
func decimal(name string, v float64) xmlField {
	return xmlField{name: name, value: strconv.FormatFloat(v, 'f', 6, 64), bare: true}
}

// cdata wraps v in CDATA, splitting any "]]>" inside it.
func cdata(v string) string {
	return "<![CDATA[" + strings.ReplaceAll(v, "]]>", "]]]]><![CDATA[>") + "]]>"
}

// buildXML renders fields the way WeChat lays out a push: one element per
// line inside <xml>.
func buildXML(fields []xmlField) []byte {
	var b bytes.Buffer
	b.WriteString("<xml>")
	for i, f := range fields {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("<" + f.name + ">")
		if f.bare {
			b.WriteString(f.value)
		} else {
			b.WriteString(cdata(f.value))
		}
		b.WriteString("</" + f.name + ">")
	}
	b.WriteString("\n</xml>")
	return b.Bytes()
}

// pushInfo is what the simulator reads back from a push it is about to send.
type pushInfo struct {
	MsgType      string `xml:"MsgType"`
	Event        string `xml:"Event"`
	EventKey     string `xml:"EventKey"`
	MsgID        string `xml:"MsgId"`
	MsgIDCapital string `xml:"MsgID"`
	BizMsgMenuID string `xml:"bizmsgmenuid"`
}

// parsePushInfo reads a plaintext push; malformed XML (for negative tests)
// yields an empty info that changes no state.
func parsePushInfo(plain []byte) pushInfo {
	var info pushInfo
	_ = xml.Unmarshal(plain, &info)
	return info
}

// msgID is the push's dedupe id: MsgId for messages, MsgID for template
// receipts, empty for other events.
func (p pushInfo) msgID() string {
	if p.MsgID != "" {
		return p.MsgID
	}
	return p.MsgIDCapital
}

// compatibleBody adds the Encrypt element to a plaintext push, giving the
// one-<xml> body of compatible mode (§2.1).
func compatibleBody(plain []byte, encrypt string) []byte {
	elem := "<Encrypt>" + cdata(encrypt) + "</Encrypt>\n"
	i := bytes.LastIndex(plain, []byte("</xml>"))
	if i < 0 {
		return append(append([]byte(nil), plain...), elem...)
	}
	out := make([]byte, 0, len(plain)+len(elem))
	out = append(out, plain[:i]...)
	out = append(out, elem...)
	return append(out, plain[i:]...)
}

// safeBody is the safe-mode envelope (§2.1).
func safeBody(originalID, encrypt string) []byte {
	return []byte("<xml><ToUserName>" + cdata(originalID) + "</ToUserName><Encrypt>" + cdata(encrypt) + "</Encrypt></xml>")
}
