package wxcrypto

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
)

// Envelope is the outer part of an encrypted callback body: the only
// fields WeDesk reads before the signature has been checked.
type Envelope struct {
	// ToUserName is the Official Account's original id (gh_…) or the CorpID.
	ToUserName string
	// Encrypt is the base64 ciphertext exactly as received; msg_signature
	// covers this string.
	Encrypt string
	// AgentID is the WeCom application id when present; may be empty.
	AgentID string
}

// Reply is a parsed passive-reply envelope, as produced by EncryptReply.
type Reply struct {
	Encrypt      string
	MsgSignature string
	TimeStamp    string
	Nonce        string
}

// field names one element (XML) or key (JSON) to extract; number allows a
// JSON number, whose literal text becomes the value.
type field struct {
	name   string
	number bool
}

var (
	envelopeFields = []field{{"ToUserName", false}, {"Encrypt", false}, {"AgentID", true}}
	replyFields    = []field{{"Encrypt", false}, {"MsgSignature", false}, {"TimeStamp", true}, {"Nonce", false}}
)

// ParseEnvelope reads a callback body: JSON when its first non-space byte is
// '{' (keys matched case-insensitively, so WeCom's lower-case "encrypt"
// works), XML with root <xml> otherwise. Other elements, such as the
// plaintext copies a compatible-mode body carries, are ignored. Encrypt must
// be present and non-empty; duplicated fields, DOCTYPE/ENTITY declarations
// and any other malformation are ErrParse (-40002).
func ParseEnvelope(body []byte) (Envelope, error) {
	v, err := decodeFields(body, envelopeFields)
	if err != nil {
		return Envelope{}, err
	}
	if v[1] == "" {
		return Envelope{}, fail(ErrParse, "Encrypt is missing or empty")
	}
	return Envelope{ToUserName: v[0], Encrypt: v[1], AgentID: v[2]}, nil
}

// ParseReply reads a passive-reply envelope (XML, or JSON as used by
// JSON-format Official Accounts). Encrypt and MsgSignature are required.
func ParseReply(body []byte) (Reply, error) {
	v, err := decodeFields(body, replyFields)
	if err != nil {
		return Reply{}, err
	}
	if v[0] == "" || v[1] == "" {
		return Reply{}, fail(ErrParse, "Encrypt or MsgSignature is missing")
	}
	return Reply{Encrypt: v[0], MsgSignature: v[1], TimeStamp: v[2], Nonce: v[3]}, nil
}

// DecryptReply parses a passive-reply envelope, checks its MsgSignature and
// decrypts it: the receiving side of EncryptReply, used by the simulator
// and by tests.
func (c *Crypter) DecryptReply(body []byte) ([]byte, error) {
	r, err := ParseReply(body)
	if err != nil {
		return nil, err
	}
	return c.VerifyAndDecrypt(r.MsgSignature, r.TimeStamp, r.Nonce, r.Encrypt)
}

// decodeFields dispatches on the body's first non-space byte.
func decodeFields(body []byte, fields []field) ([]string, error) {
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) == 0 {
		return nil, fail(ErrParse, "empty body")
	}
	if trimmed[0] == '{' || trimmed[0] == '[' { // '[' only for a clearer error
		return decodeJSONFields(trimmed, fields)
	}
	return decodeXMLFields(body, fields)
}

// xmlWalk tracks where the XML token stream is relative to the <xml> root.
type xmlWalk struct {
	fields  []field
	values  []string
	seen    []bool
	depth   int
	current int // index of the field being read at depth 2, or -1
	text    []byte
	closed  bool // the root element has ended
}

// decodeXMLFields extracts the text of the root's direct children named in
// fields. It walks tokens itself instead of using xml.Unmarshal so that
// markup declarations anywhere (never inside CDATA text), duplicate
// fields, nested markup inside a field and content outside the root are
// all rejected.
func decodeXMLFields(body []byte, fields []field) ([]string, error) {
	w := &xmlWalk{fields: fields, values: make([]string, len(fields)), seen: make([]bool, len(fields)), current: -1}
	d := xml.NewDecoder(bytes.NewReader(body))
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fail(ErrParse, xmlErrorDetail(err))
		}
		if err := w.step(tok); err != nil {
			return nil, err
		}
	}
	if !w.closed {
		return nil, fail(ErrParse, "no <xml> root element")
	}
	return w.values, nil
}

// step consumes one token.
func (w *xmlWalk) step(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.Directive:
		return fail(ErrParse, "DOCTYPE/ENTITY declarations are not allowed")
	case xml.StartElement:
		return w.start(t)
	case xml.EndElement:
		if w.depth == 2 && w.current >= 0 {
			w.values[w.current] = string(w.text)
			w.current = -1
		}
		w.depth--
		w.closed = w.depth == 0
	case xml.CharData:
		if w.depth == 0 && len(bytes.TrimSpace(t)) != 0 {
			return fail(ErrParse, "text outside the root element")
		}
		if w.depth == 2 && w.current >= 0 {
			w.text = append(w.text, t...)
		}
	}
	return nil
}

// start handles a start tag: the root must be <xml> and come once; wanted
// fields must hold text only and appear once.
func (w *xmlWalk) start(t xml.StartElement) error {
	w.depth++
	switch {
	case w.depth == 1 && (w.closed || t.Name.Local != "xml"):
		return fail(ErrParse, "the document must have a single <xml> root")
	case w.depth == 2:
		w.current = -1
		for i, f := range w.fields {
			if t.Name.Local == f.name {
				if w.seen[i] {
					return fail(ErrParse, "duplicate <"+f.name+"> element")
				}
				w.seen[i], w.current, w.text = true, i, w.text[:0]
			}
		}
	case w.depth > 2 && w.current >= 0:
		return fail(ErrParse, "<"+w.fields[w.current].name+"> must contain text only")
	}
	return nil
}

// xmlErrorDetail describes a decoder error by position only, so body
// content never reaches logs.
func xmlErrorDetail(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return "XML syntax error on line " + strconv.Itoa(se.Line)
	}
	return "XML decoding failed"
}
