package wecomkf

import (
	"context"
	"fmt"
	"net/url"
)

// Outbound limits in bytes (wecom-kf.md §5).
const (
	maxTextBytes  = 2048
	maxMsgIDBytes = 32
	maxURLBytes   = 2048
)

// OutMessage is a message to a customer. Set exactly one body; its field
// decides the msgtype. BusinessCard is listed by wecom-kf.md §5 as
// receive-only, so WeCom may refuse it; it is passed through unchanged.
type OutMessage struct {
	// Touser is the customer's external_userid (send_msg only).
	Touser string
	// OpenKfID is the sending kf account (send_msg only).
	OpenKfID string
	// MsgID is an optional caller-chosen id (≤32 bytes, [0-9a-zA-Z_-]),
	// unique per account, which makes retries idempotent.
	MsgID string

	Text         *Text
	Image        *MediaRef
	Voice        *MediaRef
	Video        *MediaRef
	File         *MediaRef
	Link         *Link
	MiniProgram  *MiniProgram
	MsgMenu      *Menu
	Location     *Location
	BusinessCard *BusinessCard
	CALink       *CALink
}

// sendWire is the body of send_msg and send_msg_on_event.
type sendWire struct {
	Touser       string        `json:"touser,omitempty"`
	OpenKfID     string        `json:"open_kfid,omitempty"`
	Code         string        `json:"code,omitempty"`
	MsgID        string        `json:"msgid,omitempty"`
	MsgType      string        `json:"msgtype"`
	Text         *Text         `json:"text,omitempty"`
	Image        *MediaRef     `json:"image,omitempty"`
	Voice        *MediaRef     `json:"voice,omitempty"`
	Video        *MediaRef     `json:"video,omitempty"`
	File         *MediaRef     `json:"file,omitempty"`
	Link         *Link         `json:"link,omitempty"`
	MiniProgram  *MiniProgram  `json:"miniprogram,omitempty"`
	MsgMenu      *Menu         `json:"msgmenu,omitempty"`
	Location     *Location     `json:"location,omitempty"`
	BusinessCard *BusinessCard `json:"business_card,omitempty"`
	CALink       *CALink       `json:"ca_link,omitempty"`
}

// sendAnswer carries the msgid WeCom assigned (or echoed).
type sendAnswer struct {
	MsgID string `json:"msgid"`
}

// SendMsg sends msg (POST kf/send_msg) and returns its msgid. Success means
// accepted, not delivered: a later msg_send_fail event reports failures.
// Allowed only in session state 0/1, within 48 h and 5 messages of the
// customer's last message (see IsWindowClosed).
func (c *Client) SendMsg(ctx context.Context, msg OutMessage) (string, error) {
	const path = "kf/send_msg"
	if msg.Touser == "" || msg.OpenKfID == "" {
		return "", invalid(path, "touser and open_kfid are required")
	}
	wire, err := msg.wire(path)
	if err != nil {
		return "", err
	}
	wire.Touser, wire.OpenKfID = msg.Touser, msg.OpenKfID
	return c.send(ctx, path, wire)
}

// SendMsgOnEvent answers an event with its single-use code (POST
// kf/send_msg_on_event): a welcome_code or a msg_code. WeCom accepts only
// text and msgmenu here; Touser and OpenKfID are ignored.
func (c *Client) SendMsgOnEvent(ctx context.Context, code string, msg OutMessage) (string, error) {
	const path = "kf/send_msg_on_event"
	if code == "" {
		return "", invalid(path, "code is empty")
	}
	wire, err := msg.wire(path)
	if err != nil {
		return "", err
	}
	if wire.MsgType != MsgTypeText && wire.MsgType != MsgTypeMsgMenu {
		return "", invalid(path, "msgtype %s not allowed, only text or msgmenu", wire.MsgType)
	}
	wire.Code = code
	return c.send(ctx, path, wire)
}

func (c *Client) send(ctx context.Context, path string, wire *sendWire) (string, error) {
	r, err := jsonRequest(path, wire)
	if err != nil {
		return "", err
	}
	var ans sendAnswer
	if err := c.call(ctx, r, &ans); err != nil {
		return "", err
	}
	if ans.MsgID == "" {
		return "", fmt.Errorf("%w: %s: no msgid", ErrUnexpectedResponse, path)
	}
	return ans.MsgID, nil
}

// wire validates msg and builds the request body without touser/open_kfid.
func (msg OutMessage) wire(path string) (*sendWire, error) {
	if !validIdent(msg.MsgID, maxMsgIDBytes) {
		return nil, invalid(path, "msgid must be ≤%d bytes of [0-9a-zA-Z_-]", maxMsgIDBytes)
	}
	w := &sendWire{MsgID: msg.MsgID}
	set := 0
	add := func(ok bool, typ string) {
		if ok {
			set++
			w.MsgType = typ
		}
	}
	add(msg.Text != nil, MsgTypeText)
	add(msg.Image != nil, MsgTypeImage)
	add(msg.Voice != nil, MsgTypeVoice)
	add(msg.Video != nil, MsgTypeVideo)
	add(msg.File != nil, MsgTypeFile)
	add(msg.Link != nil, MsgTypeLink)
	add(msg.MiniProgram != nil, MsgTypeMiniProgram)
	add(msg.MsgMenu != nil, MsgTypeMsgMenu)
	add(msg.Location != nil, MsgTypeLocation)
	add(msg.BusinessCard != nil, MsgTypeBusinessCard)
	add(msg.CALink != nil, MsgTypeCALink)
	if set != 1 {
		return nil, invalid(path, "exactly one message body must be set, got %d", set)
	}
	if err := msg.fill(path, w); err != nil {
		return nil, err
	}
	return w, nil
}

// fill checks the body of w.MsgType and copies it into w, dropping
// inbound-only fields (Text.MenuID, Link.PicURL).
func (msg OutMessage) fill(path string, w *sendWire) error {
	switch w.MsgType {
	case MsgTypeText:
		if n := len(msg.Text.Content); n == 0 || n > maxTextBytes {
			return invalid(path, "text content must be 1..%d bytes", maxTextBytes)
		}
		w.Text = &Text{Content: msg.Text.Content}
	case MsgTypeImage, MsgTypeVoice, MsgTypeVideo, MsgTypeFile:
		return msg.fillMedia(path, w)
	case MsgTypeLink:
		l := msg.Link
		if l.Title == "" || !validURL(l.URL) || l.ThumbMediaID == "" {
			return invalid(path, "link needs title, an http(s) url ≤%d bytes and thumb_media_id", maxURLBytes)
		}
		w.Link = &Link{Title: l.Title, Desc: l.Desc, URL: l.URL, ThumbMediaID: l.ThumbMediaID}
	case MsgTypeMiniProgram:
		mp := msg.MiniProgram
		if mp.AppID == "" || mp.PagePath == "" || mp.ThumbMediaID == "" {
			return invalid(path, "miniprogram needs appid, pagepath and thumb_media_id")
		}
		w.MiniProgram = mp
	case MsgTypeMsgMenu:
		menu, err := checkMenu(path, msg.MsgMenu)
		if err != nil {
			return err
		}
		w.MsgMenu = menu
	case MsgTypeLocation:
		loc := msg.Location
		if loc.Latitude < -90 || loc.Latitude > 90 || loc.Longitude < -180 || loc.Longitude > 180 {
			return invalid(path, "location latitude/longitude out of range")
		}
		w.Location = loc
	case MsgTypeBusinessCard:
		if msg.BusinessCard.UserID == "" {
			return invalid(path, "business_card userid is empty")
		}
		w.BusinessCard = msg.BusinessCard
	case MsgTypeCALink:
		if !validURL(msg.CALink.LinkURL) {
			return invalid(path, "ca_link link_url must be an http(s) url")
		}
		w.CALink = msg.CALink
	}
	return nil
}

// fillMedia copies the one media body after checking its media_id.
func (msg OutMessage) fillMedia(path string, w *sendWire) error {
	ref := msg.Image
	for _, r := range []*MediaRef{msg.Voice, msg.Video, msg.File} {
		if r != nil {
			ref = r
		}
	}
	if ref.MediaID == "" {
		return invalid(path, "%s media_id is empty", w.MsgType)
	}
	w.Image, w.Voice, w.Video, w.File = msg.Image, msg.Voice, msg.Video, msg.File
	return nil
}

// validIdent: at most max bytes of [0-9a-zA-Z_-], the alphabet WeCom
// allows in msgid and contact-way scene; empty is valid (both are optional).
func validIdent(id string, max int) bool {
	if len(id) > max {
		return false
	}
	for _, r := range id {
		ok := r == '_' || r == '-' || ('0' <= r && r <= '9') || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
		if !ok {
			return false
		}
	}
	return true
}

// validURL: WeCom wants absolute http(s) links of at most 2048 bytes.
func validURL(raw string) bool {
	if raw == "" || len(raw) > maxURLBytes {
		return false
	}
	u, err := url.Parse(raw)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
