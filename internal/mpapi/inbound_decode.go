package mpapi

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"

	"github.com/wedesk/wedesk/internal/jsonlimit"
)

// maxInboundDepth bounds element nesting; WeChat's deepest shape is
// xml > SendPicsInfo > PicList > item > PicMd5Sum.
const maxInboundDepth = 8

// decodeFields turns a decrypted callback body, XML or JSON, into a tree of
// map[string]any (elements with children), string (XML leaves) and []any
// (repeated elements).
func decodeFields(plaintext []byte) (map[string]any, error) {
	trimmed := bytes.TrimSpace(plaintext)
	switch {
	case len(trimmed) == 0:
		return nil, malformed("empty body")
	case trimmed[0] == '{':
		return decodeJSONFields(trimmed)
	case trimmed[0] == '<':
		return decodeXMLFields(trimmed)
	}
	return nil, malformed("neither XML nor JSON")
}

func decodeJSONFields(data []byte) (map[string]any, error) {
	// The same bound as for XML, checked before the decoder recurses.
	if err := jsonlimit.Check(data, maxInboundDepth); err != nil {
		return nil, malformed("json: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // keeps 64-bit MsgId exact
	var fields map[string]any
	if err := dec.Decode(&fields); err != nil {
		return nil, malformed("json: %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, malformed("json: trailing data after the object")
	}
	if fields == nil {
		return nil, malformed("json: null instead of an object")
	}
	return fields, nil
}

// decodeXMLFields expects exactly one <xml> root. DOCTYPE and other
// directives are refused outright: WeChat never sends them and they are the
// doorway to entity tricks.
func decodeXMLFields(data []byte) (map[string]any, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var fields map[string]any
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, malformed("xml: %v", err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return nil, malformed("xml: DOCTYPE or other directive")
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return nil, malformed("xml: text outside the root element")
			}
		case xml.StartElement:
			if fields != nil || t.Name.Local != "xml" {
				return nil, malformed("xml: want a single <xml> root, got <%s>", t.Name.Local)
			}
			if fields, err = decodeRoot(d); err != nil {
				return nil, err
			}
		}
	}
	if fields == nil {
		return nil, malformed("xml: no root element")
	}
	return fields, nil
}

func decodeRoot(d *xml.Decoder) (map[string]any, error) {
	v, err := decodeElement(d, 1)
	if err != nil {
		return nil, err
	}
	if fields, ok := v.(map[string]any); ok {
		return fields, nil
	}
	return map[string]any{}, nil // <xml>text</xml>: no elements at all
}

// decodeElement reads up to the end of the element whose start was just
// consumed: a string for a leaf, a map when it has child elements.
func decodeElement(d *xml.Decoder, depth int) (any, error) {
	if depth > maxInboundDepth {
		return nil, malformed("xml: nested deeper than %d", maxInboundDepth)
	}
	var text []byte
	var children map[string]any
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, malformed("xml: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			child, err := decodeElement(d, depth+1)
			if err != nil {
				return nil, err
			}
			if children == nil {
				children = map[string]any{}
			}
			addField(children, t.Name.Local, child)
		case xml.CharData:
			text = append(text, t...)
		case xml.Directive:
			return nil, malformed("xml: DOCTYPE or other directive")
		case xml.EndElement:
			if children != nil {
				return children, nil
			}
			return string(text), nil
		}
	}
}

// addField stores a child element; a repeated name (PicList>item) turns
// into a list in document order.
func addField(fields map[string]any, name string, value any) {
	prev, seen := fields[name]
	if !seen {
		fields[name] = value
		return
	}
	if list, ok := prev.([]any); ok {
		fields[name] = append(list, value)
		return
	}
	fields[name] = []any{prev, value}
}

// malformed wraps ErrMalformed with a reason that never quotes the body.
func malformed(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrMalformed}, args...)...)
}
