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
		// A follow, scan or menu tap opens WeChat's smaller allowance.
		Interaction: interaction(m),
	}
	if m.CreateTime > 0 {
		in.SentAt = time.Unix(m.CreateTime, 0)
	}
	return in
}

// interaction names what a push means for the send allowance
// (wechat-mp.md §4.2): a subscribe is a follow (a scan when it carries a
// QR scene), SCAN a scan, only click/scancode_push/scancode_waitmsg menu
// taps count, and a tapped msgmenu item (a text carrying bizmsgmenuid) is
// a menu tap, not a customer message. Empty for ordinary messages and for
// events that open nothing.
func interaction(m *mpapi.InboundMessage) string {
	if m.MsgType == "text" && m.BizMsgMenuID != "" {
		return "menu_click"
	}
	if m.MsgType != "event" {
		return ""
	}
	switch strings.ToLower(m.Event) {
	case "subscribe":
		if m.QRScene() != "" {
			return "scan"
		}
		return "follow"
	case "scan":
		return "scan"
	case "click", "scancode_push", "scancode_waitmsg":
		return "menu_click"
	}
	return ""
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
