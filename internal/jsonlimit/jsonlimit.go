// Package jsonlimit bounds the nesting of JSON before it is decoded: Go's
// decoder recurses once per level, so a small body nested thousands of
// levels deep costs megabytes of stack and heap per request. The check is
// one pass over the bytes, without allocation.
package jsonlimit

import "fmt"

// ErrTooDeep is returned by Check for JSON nested deeper than allowed.
type ErrTooDeep struct{ Max int }

// Error says how deep is allowed.
func (e ErrTooDeep) Error() string {
	return fmt.Sprintf("jsonlimit: nested deeper than %d levels", e.Max)
}

// Check returns ErrTooDeep when data nests objects or arrays more than max
// levels deep. Brackets inside strings do not count. It does not validate
// the JSON otherwise: the decoder that follows does.
func Check(data []byte, max int) error {
	depth := 0
	inString, escaped := false, false
	for _, c := range data {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			if depth > max {
				return ErrTooDeep{Max: max}
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return nil
}
