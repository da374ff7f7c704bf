package views

import (
	"hash/fnv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// AvatarHues is the number of generated avatar colours (CSS classes
// .av-0 … .av-11 in inbox.css; inline styles are barred by the CSP).
const AvatarHues = 12

// idTailLen is how much of the end of an openid the list shows: WeChat's
// ids share their start per account, the end is what differs.
const idTailLen = 6

// Face is how agents tell a customer apart at a glance: a label (remark
// name, nickname or the end of the id), a second line, and an avatar —
// WeChat's picture, or initials on a colour chosen by the id.
type Face struct {
	Label, Secondary, IDTail string
	AvatarURL, Initials      string
	Hue                      int
	// LabelIsID marks a customer known only by their id: the label is
	// already the id's end.
	LabelIsID bool
}

// HueClass is the CSS class of the generated avatar's colour.
func (f Face) HueClass() string { return "av-" + string(rune('a'+f.Hue)) }

// CustomerFace builds a customer's face from their remark name, nickname,
// external id and avatar URL.
func CustomerFace(remark, nickname, externalID, avatarURL string) Face {
	f := Face{AvatarURL: avatarURL, IDTail: IDTail(externalID), Hue: hue(externalID)}
	switch {
	case remark != "":
		f.Label, f.Secondary = remark, nickname
	case nickname != "":
		f.Label = nickname
	default:
		f.Label, f.LabelIsID = "…"+f.IDTail, true
	}
	f.Initials = initials(firstNonEmptyString(remark, nickname), f.IDTail)
	return f
}

// IDTail is the distinguishing end of an openid / external_userid.
func IDTail(id string) string {
	if utf8.RuneCountInString(id) <= idTailLen {
		return id
	}
	r := []rune(id)
	return string(r[len(r)-idTailLen:])
}

func hue(id string) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(id))
	return int(h.Sum32() % AvatarHues)
}

// initials are the first character of a CJK name, the first letters of
// up to two words otherwise, or the last two characters of the id.
func initials(name, idTail string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		r := []rune(idTail)
		if len(r) > 2 {
			r = r[len(r)-2:]
		}
		return strings.ToUpper(string(r))
	}
	first, _ := utf8.DecodeRuneInString(name)
	if unicode.Is(unicode.Han, first) || !unicode.IsLetter(first) && !unicode.IsDigit(first) {
		return string(first)
	}
	out := []rune{unicode.ToUpper(first)}
	if words := strings.Fields(name); len(words) > 1 {
		second, _ := utf8.DecodeRuneInString(words[1])
		if unicode.IsLetter(second) || unicode.IsDigit(second) {
			out = append(out, unicode.ToUpper(second))
		}
	}
	return string(out)
}

func firstNonEmptyString(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
