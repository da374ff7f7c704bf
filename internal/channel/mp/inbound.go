package mp

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/mpapi"
)

// Inbound turns a parsed push into the desk's channel-neutral message.
func Inbound(m *mpapi.InboundMessage) channel.Inbound {
	in := channel.Inbound{
		ExternalID: m.FromUserName,
		MsgID:      m.MsgID,
		DedupKey:   m.DedupKey(),
		Type:       strings.ToLower(m.MsgType),
		Text:       text(m),
		Preview:    preview(m),
		Event:      m.IsEvent(),
		MediaID:    m.MediaID,
		Payload:    m.Fields,
		OriginalID: m.ToUserName,
		Scene:      m.QRScene(),
	}
	if m.CreateTime > 0 {
		in.SentAt = time.Unix(m.CreateTime, 0)
	}
	return in
}

// text is the human-readable text of a message, for search and previews.
func text(m *mpapi.InboundMessage) string {
	switch m.MsgType {
	case "text":
		return m.Content
	case "voice":
		return m.Recognition
	case "location":
		return m.Label
	case "link":
		return m.Title
	case "event":
		return strings.TrimSpace(m.Event + " " + m.EventKey)
	}
	return ""
}

// preview is the conversation-list line: the text, or "[type]" which the
// inbox translates.
func preview(m *mpapi.InboundMessage) string {
	if m.MsgType == "text" {
		return TruncateRunes(m.Content, 80)
	}
	return "[" + m.MsgType + "]"
}

// TruncateRunes cuts s to n runes, marking the cut with an ellipsis.
func TruncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
