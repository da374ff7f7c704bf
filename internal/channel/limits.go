package channel

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Field limits of an inbound message, as the messages and customers
// collections declare them.
const (
	MaxExternalID = 128
	MaxMsgID      = 64
	MaxDedupKey   = 200
	MaxType       = 32
	MaxAccount    = 64
	MaxText       = 20000
	MaxPreview    = 200
	MaxScene      = 128
)

var typePattern = regexp.MustCompile(`^[a-z_]+$`)

// CheckInbound makes m fit the stored fields. Identifiers and the type,
// which cannot be shortened without changing what they name, are refused
// with a *CallbackError (400) saying which field breaks which limit; free
// text (text, preview, scene) is cut to its limit and stored.
func CheckInbound(m *Inbound) error {
	ids := []struct {
		name, value string
		max         int
		required    bool
	}{
		{"sender (openid / external_userid)", m.ExternalID, MaxExternalID, true},
		{"MsgId", m.MsgID, MaxMsgID, false},
		{"dedup key", m.DedupKey, MaxDedupKey, false},
		{"account", m.Account, MaxAccount, false},
		{"original id", m.OriginalID, MaxAccount, false},
	}
	for _, f := range ids {
		n := utf8.RuneCountInString(f.value)
		switch {
		case f.required && n == 0:
			return BadRequest(fmt.Sprintf("The %s is missing.", f.name))
		case n > f.max:
			return BadRequest(fmt.Sprintf("The %s has %d characters; at most %d are allowed.", f.name, n, f.max))
		case strings.ContainsAny(f.value, "\x00\r\n"):
			return BadRequest(fmt.Sprintf("The %s contains control characters.", f.name))
		}
	}
	if len(m.Type) > MaxType || !typePattern.MatchString(m.Type) {
		return BadRequest(fmt.Sprintf("The message type must be 1 to %d lower-case letters or underscores.", MaxType))
	}
	m.Text = cut(m.Text, MaxText)
	m.Preview = cut(m.Preview, MaxPreview)
	m.Scene = cut(m.Scene, MaxScene)
	return nil
}

// cut shortens s to at most max characters (runes), marking the cut.
func cut(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}
