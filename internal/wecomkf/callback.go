package wecomkf

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// EventKfMsgOrEvent is the only Event a kf callback carries.
const EventKfMsgOrEvent = "kf_msg_or_event"

// Callback parsing bounds: the real event is ~300 bytes and two levels
// deep, so anything much bigger or deeper is hostile.
const (
	maxCallbackBytes = 64 << 10
	maxCallbackDepth = 4
)

// CallbackEvent is the decrypted kf callback (wecom-kf.md §2.2). It carries
// no message content: it only says "pull OpenKfID with Token".
type CallbackEvent struct {
	ToUserName string // the CorpID
	CreateTime int64  // unix seconds
	MsgType    string // always "event"
	Event      string // always EventKfMsgOrEvent
	Token      string // for SyncRequest.Token; valid 10 minutes
	OpenKfID   string // the account with news (older callbacks omit it)
}

// ParseCallbackEvent parses the decrypted XML of a kf callback POST. It
// rejects DOCTYPE and other directives (so no entity can be declared),
// bodies over 64 KB, nesting deeper than 4 and anything but a
// kf_msg_or_event with a Token; errors wrap ErrBadCallback.
func ParseCallbackEvent(plainXML []byte) (*CallbackEvent, error) {
	if len(plainXML) > maxCallbackBytes {
		return nil, badCallback("body over %d bytes", maxCallbackBytes)
	}
	fields, err := callbackFields(plainXML)
	if err != nil {
		return nil, err
	}
	ev := &CallbackEvent{
		ToUserName: fields["ToUserName"],
		MsgType:    fields["MsgType"],
		Event:      fields["Event"],
		Token:      fields["Token"],
		OpenKfID:   fields["OpenKfId"],
	}
	if raw := fields["CreateTime"]; raw != "" {
		if ev.CreateTime, err = strconv.ParseInt(raw, 10, 64); err != nil {
			return nil, badCallback("CreateTime %q is not a number", raw)
		}
	}
	if ev.MsgType != "event" || ev.Event != EventKfMsgOrEvent {
		return nil, badCallback("not a kf event: MsgType %q Event %q", ev.MsgType, ev.Event)
	}
	if ev.Token == "" {
		return nil, badCallback("Token is empty")
	}
	return ev, nil
}

// callbackFields walks the token stream of <xml>…</xml> and returns the
// text of each direct child. Walking tokens rather than xml.Unmarshal lets
// us refuse directives and deep nesting as they appear.
func callbackFields(data []byte) (map[string]string, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	w := &callbackWalker{fields: map[string]string{}}
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, badCallback("broken XML: %v", err)
		}
		if err := w.step(tok); err != nil {
			return nil, err
		}
	}
	if !w.seenRoot {
		return nil, badCallback("no <xml> element")
	}
	return w.fields, nil
}

// callbackWalker is the state of callbackFields' token walk.
type callbackWalker struct {
	fields   map[string]string
	depth    int
	seenRoot bool
	current  string // the depth-2 element being read
	text     strings.Builder
}

// step consumes one token, refusing anything a kf event never contains.
func (w *callbackWalker) step(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.Directive:
		return badCallback("DOCTYPE or other directive not allowed")
	case xml.ProcInst:
		if t.Target != "xml" || w.depth > 0 || w.seenRoot {
			return badCallback("processing instruction %q not allowed", t.Target)
		}
	case xml.StartElement:
		w.depth++
		if w.depth > maxCallbackDepth {
			return badCallback("nesting deeper than %d", maxCallbackDepth)
		}
		if w.depth == 1 && (t.Name.Local != "xml" || w.seenRoot) {
			return badCallback("root element must be a single <xml>")
		}
		w.seenRoot = true
		if w.depth == 2 {
			w.current = t.Name.Local
			w.text.Reset()
		}
	case xml.CharData:
		if w.depth == 2 {
			w.text.Write(t)
		}
	case xml.EndElement:
		if w.depth == 2 {
			w.fields[w.current] = strings.TrimSpace(w.text.String())
		}
		w.depth--
	}
	return nil
}

// badCallback returns an ErrBadCallback with a reason.
func badCallback(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrBadCallback, fmt.Sprintf(format, args...))
}
