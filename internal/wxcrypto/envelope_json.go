package wxcrypto

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
)

// decodeJSONFields extracts fields from a single top-level JSON object,
// matching keys case-insensitively. Unknown keys are skipped; a field given
// twice (in any letter case), a wrong value type or trailing data is
// ErrParse.
func decodeJSONFields(body []byte, fields []field) ([]string, error) {
	values := make([]string, len(fields))
	seen := make([]bool, len(fields))
	d := json.NewDecoder(bytes.NewReader(body))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return nil, jsonFail(err, "body is not a JSON object")
	}
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			return nil, jsonFail(err, "")
		}
		key, _ := tok.(string) // object keys are always strings
		var raw json.RawMessage
		if err := d.Decode(&raw); err != nil {
			return nil, jsonFail(err, "")
		}
		i := fieldIndex(fields, key)
		if i < 0 {
			continue
		}
		if seen[i] {
			return nil, fail(ErrParse, "duplicate JSON key "+strconv.Quote(fields[i].name))
		}
		seen[i] = true
		if values[i], err = jsonFieldValue(raw, fields[i]); err != nil {
			return nil, err
		}
	}
	if tok, err := d.Token(); err != nil || tok != json.Delim('}') {
		return nil, jsonFail(err, "unterminated JSON object")
	}
	if _, err := d.Token(); !errors.Is(err, io.EOF) {
		return nil, fail(ErrParse, "data after the JSON object")
	}
	return values, nil
}

// fieldIndex finds key among fields, ignoring letter case.
func fieldIndex(fields []field, key string) int {
	for i, f := range fields {
		if strings.EqualFold(f.name, key) {
			return i
		}
	}
	return -1
}

// jsonFieldValue accepts a JSON string, or for numeric-capable fields a
// JSON number whose literal is kept verbatim.
func jsonFieldValue(raw json.RawMessage, f field) (string, error) {
	switch {
	case len(raw) > 0 && raw[0] == '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", fail(ErrParse, "invalid JSON string for "+f.name)
		}
		return s, nil
	case f.number && len(raw) > 0 && (raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9'):
		return string(raw), nil
	default:
		return "", fail(ErrParse, f.name+" must be a JSON string")
	}
}

// jsonFail turns a decoder error into ErrParse, reporting only the byte
// offset so body content never reaches logs; detail is used otherwise.
func jsonFail(err error, detail string) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fail(ErrParse, "JSON syntax error at offset "+strconv.FormatInt(se.Offset, 10))
	}
	if detail == "" {
		detail = "JSON decoding failed"
	}
	return fail(ErrParse, detail)
}
