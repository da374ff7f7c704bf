package routing

import (
	"strconv"
	"strings"
	"unicode"
)

// DefaultAbandonKeyword is what a queued customer sends to leave the queue.
const DefaultAbandonKeyword = "放弃排队"

// MenuOption is one line of a navigation menu that routes to a queue.
type MenuOption struct {
	Label   string // shown to the customer, e.g. "售前咨询"
	QueueID string
}

// RenderMenu renders options as a numbered text menu, one per line, numbered
// from 1 in the order given; ParseMenuChoice reads the same numbering. The
// greeting around it is user-facing text and belongs to the caller.
func RenderMenu(options []MenuOption) string {
	var b strings.Builder
	for i, o := range options {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(strconv.Itoa(i + 1))
		b.WriteString(". ")
		b.WriteString(o.Label)
	}
	return b.String()
}

// ParseMenuChoice reads a customer's reply to a numbered menu. It accepts the
// number in half- or full-width digits, with surrounding spaces and one
// trailing mark ("1", "１", " 1 ", "1.", "1、"), or an option's exact label.
// Anything else is not a choice: guessing would route customers to the wrong
// team, while a miss just shows the menu again.
func ParseMenuChoice(text string, options []MenuOption) (queueID string, ok bool) {
	s := normalize(text)
	s = strings.TrimSpace(strings.TrimRight(s, ".。、)"))
	if !isDigits(s) {
		return matchLabel(s, options)
	}
	if n, err := strconv.Atoi(s); err == nil {
		if n >= 1 && n <= len(options) {
			return options[n-1].QueueID, true
		}
	}
	return "", false
}

// matchLabel finds the option whose label the customer typed out.
func matchLabel(s string, options []MenuOption) (string, bool) {
	for _, o := range options {
		if s != "" && strings.EqualFold(s, normalize(o.Label)) {
			return o.QueueID, true
		}
	}
	return "", false
}

// IsAbandon reports whether text is the abandon-queue keyword (empty keyword
// means DefaultAbandonKeyword). The whole message must be the keyword, so a
// sentence that merely mentions it does not drop the customer's place.
func IsAbandon(text, keyword string) bool {
	if keyword == "" {
		keyword = DefaultAbandonKeyword
	}
	return strings.EqualFold(trimMarks(normalize(text)), trimMarks(normalize(keyword)))
}

// normalize folds full-width ASCII (ＡＢＣ, １２３, the ideographic space) to
// half-width, as Chinese input methods often produce it, and trims spaces.
func normalize(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\u3000':
			return ' '
		case r >= '\uff01' && r <= '\uff5e':
			return r - 0xfee0
		}
		return r
	}, s)
	return strings.TrimFunc(s, unicode.IsSpace)
}

// trimMarks drops trailing sentence punctuation such as "。" or "!", which
// customers add without meaning anything by it.
func trimMarks(s string) string {
	return strings.TrimRight(s, "。.!！~～ ")
}

// isDigits rejects signs and other forms strconv.Atoi would accept.
func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
