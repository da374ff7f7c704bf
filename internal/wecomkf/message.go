package wecomkf

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Message origins (sync_msg "origin").
const (
	OriginCustomer = 3 // the WeChat customer
	OriginSystem   = 4 // a system event
	OriginServicer = 5 // a servicer typing in the WeCom client
)

// Message is one entry of a sync_msg page. Raw keeps the message exactly as
// WeCom sent it, so fields this package does not model yet are never lost;
// the typed body matching MsgType is set, the others are nil.
type Message struct {
	MsgID          string `json:"msgid"`
	OpenKfID       string `json:"open_kfid"`
	ExternalUserID string `json:"external_userid"`
	SendTime       int64  `json:"send_time"`
	Origin         int    `json:"origin"`
	ServicerUserID string `json:"servicer_userid"` // origin 5 only
	MsgType        string `json:"msgtype"`

	// TextBody is the text payload; named so the Text method can render
	// any message type.
	TextBody            *Text                `json:"text"`
	Image               *MediaRef            `json:"image"`
	Voice               *MediaRef            `json:"voice"`
	Video               *MediaRef            `json:"video"`
	File                *MediaRef            `json:"file"`
	Location            *Location            `json:"location"`
	Link                *Link                `json:"link"`
	BusinessCard        *BusinessCard        `json:"business_card"`
	MiniProgram         *MiniProgram         `json:"miniprogram"`
	MsgMenu             *Menu                `json:"msgmenu"`
	ChannelsShopProduct *ChannelsShopProduct `json:"channels_shop_product"`
	ChannelsShopOrder   *ChannelsShopOrder   `json:"channels_shop_order"`
	MergedMsg           *MergedMsg           `json:"merged_msg"`
	Channels            *Channels            `json:"channels"`
	Event               *Event               `json:"event"`

	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the typed fields and keeps a copy of the raw JSON.
// Events carry open_kfid and external_userid inside the event object; they
// are copied up so every message can be routed the same way.
func (m *Message) UnmarshalJSON(data []byte) error {
	type plain Message // no methods, so no recursion
	if err := json.Unmarshal(data, (*plain)(m)); err != nil {
		return err
	}
	m.Raw = append(json.RawMessage(nil), data...)
	if m.Event != nil {
		if m.OpenKfID == "" {
			m.OpenKfID = m.Event.OpenKfID
		}
		if m.ExternalUserID == "" {
			m.ExternalUserID = m.Event.ExternalUserID
		}
	}
	return nil
}

// MediaID returns the media_id of an image, voice, video or file message,
// or "" for every other type.
func (m *Message) MediaID() string {
	for _, ref := range []*MediaRef{m.Image, m.Voice, m.Video, m.File} {
		if ref != nil && ref.MediaID != "" {
			return ref.MediaID
		}
	}
	return ""
}

// previewLabels name non-text messages in previews and search text; the
// desk shows them to agents in Chinese.
var previewLabels = map[string]string{
	MsgTypeImage:               "[图片]",
	MsgTypeVoice:               "[语音]",
	MsgTypeVideo:               "[视频]",
	MsgTypeFile:                "[文件]",
	MsgTypeLocation:            "[位置]",
	MsgTypeLink:                "[链接]",
	MsgTypeBusinessCard:        "[名片]",
	MsgTypeMiniProgram:         "[小程序]",
	MsgTypeChannelsShopProduct: "[视频号商品]",
	MsgTypeChannelsShopOrder:   "[视频号订单]",
	MsgTypeMergedMsg:           "[聊天记录]",
	MsgTypeChannels:            "[视频号]",
	MsgTypeNote:                "[笔记]",
}

// Text returns a human-readable rendering of the message for previews and
// full-text search: the text itself, or a label plus the card's visible
// words. Events render as "".
func (m *Message) Text() string {
	label := previewLabels[m.MsgType]
	switch {
	case m.TextBody != nil:
		return m.TextBody.Content
	case m.Location != nil:
		return join(label, m.Location.Name, m.Location.Address)
	case m.Link != nil:
		return join(label, m.Link.Title, m.Link.Desc, m.Link.URL)
	case m.BusinessCard != nil:
		return join(label, m.BusinessCard.UserID)
	case m.MiniProgram != nil:
		return join(label, m.MiniProgram.Title)
	case m.MsgMenu != nil:
		return m.MsgMenu.text()
	case m.ChannelsShopProduct != nil:
		return join(label, m.ChannelsShopProduct.Title, m.ChannelsShopProduct.ShopNickname)
	case m.ChannelsShopOrder != nil:
		return join(label, m.ChannelsShopOrder.ProductTitles, m.ChannelsShopOrder.PriceWording)
	case m.MergedMsg != nil:
		return m.MergedMsg.text()
	case m.Channels != nil:
		return join(label, m.Channels.Nickname, m.Channels.Title)
	case m.MsgType == MsgTypeEvent:
		return ""
	case label != "":
		return label
	default:
		return "[" + m.MsgType + "]"
	}
}

// text lists the menu's lines as the customer sees them.
func (mm *Menu) text() string {
	lines := []string{mm.HeadContent}
	for _, item := range mm.List {
		lines = append(lines, item.content())
	}
	lines = append(lines, mm.TailContent)
	return joinWith("\n", lines...)
}

// content is the visible text of a menu line.
func (it MenuItem) content() string {
	switch {
	case it.Click != nil:
		return it.Click.Content
	case it.View != nil:
		return it.View.Content
	case it.MiniProgram != nil:
		return it.MiniProgram.Content
	case it.Text != nil:
		return it.Text.Content
	}
	return ""
}

// text renders the record's title and one "sender: text" line per item.
func (mm *MergedMsg) text() string {
	lines := []string{join(previewLabels[MsgTypeMergedMsg], mm.Title)}
	for _, item := range mm.Item {
		inner, err := item.Message()
		if err != nil {
			continue // one unreadable item should not hide the others
		}
		lines = append(lines, item.SenderName+": "+inner.Text())
	}
	return joinWith("\n", lines...)
}

// Message decodes MsgContent into a Message whose MsgType and SendTime are
// the item's.
func (it MergedItem) Message() (*Message, error) {
	m := &Message{}
	if it.MsgContent != "" {
		if err := json.Unmarshal([]byte(it.MsgContent), m); err != nil {
			return nil, fmt.Errorf("wecomkf: merged_msg item: %w", err)
		}
	}
	m.MsgType, m.SendTime = it.MsgType, it.SendTime
	return m, nil
}

// join concatenates the non-empty parts with spaces.
func join(parts ...string) string { return joinWith(" ", parts...) }

func joinWith(sep string, parts ...string) string {
	kept := parts[:0:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}
