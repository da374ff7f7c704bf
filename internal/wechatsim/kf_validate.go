package wechatsim

import (
	"strings"
	"time"
)

// kfOutbound is the body of send_msg and send_msg_on_event (§5, §6).
type kfOutbound struct {
	Code     string          `json:"code"` // send_msg_on_event only
	ToUser   string          `json:"touser"`
	OpenKfID string          `json:"open_kfid"`
	MsgID    string          `json:"msgid"`
	MsgType  string          `json:"msgtype"`
	Text     *kfText         `json:"text"`
	Image    *kfMediaPayload `json:"image"`
	Voice    *kfMediaPayload `json:"voice"`
	Video    *kfMediaPayload `json:"video"`
	File     *kfMediaPayload `json:"file"`
	Link     *struct {
		Title        string `json:"title"`
		Desc         string `json:"desc"`
		URL          string `json:"url"`
		ThumbMediaID string `json:"thumb_media_id"`
	} `json:"link"`
	MiniProgram *struct {
		AppID        string `json:"appid"`
		Title        string `json:"title"`
		ThumbMediaID string `json:"thumb_media_id"`
		PagePath     string `json:"pagepath"`
	} `json:"miniprogram"`
	MsgMenu  *KFMsgMenu `json:"msgmenu"`
	Location *struct {
		Name      string   `json:"name"`
		Address   string   `json:"address"`
		Latitude  *float64 `json:"latitude"`
		Longitude *float64 `json:"longitude"`
	} `json:"location"`
	CALink *struct {
		LinkURL string `json:"link_url"`
	} `json:"ca_link"`
}

// Byte limits of §5. Titles and descriptions over their limits are
// truncated by WeCom, so only the hard limits are checked.
const (
	kfMaxText        = 2048
	kfMaxURL         = 2048
	kfMaxMenuItems   = 10
	kfMaxMenuHeadEnd = 1024
	kfMaxMsgID       = 32
)

// validateKFOutbound checks msgtype and its payload. Caller holds s.mu.
func (s *Server) validateKFOutbound(m *kfOutbound, corpID string, now time.Time) int {
	media := func(p *kfMediaPayload, kind string) int {
		if p == nil {
			return ErrcodeDataFormat
		}
		return s.checkMediaRef(corpID, p.MediaID, now, kind)
	}
	switch m.MsgType {
	case "text":
		return checkKFText(m.Text)
	case "image", "voice", "video", "file":
		return media(map[string]*kfMediaPayload{"image": m.Image, "voice": m.Voice, "video": m.Video, "file": m.File}[m.MsgType], m.MsgType)
	case "link":
		l := m.Link
		if l == nil || l.Title == "" || !isWebURL(l.URL) {
			return ErrcodeKFInvalidParam
		}
		return s.checkMediaRef(corpID, l.ThumbMediaID, now, "image")
	case "miniprogram":
		p := m.MiniProgram
		if p == nil || p.AppID == "" || p.PagePath == "" {
			return ErrcodeKFInvalidParam
		}
		return s.checkMediaRef(corpID, p.ThumbMediaID, now, "image")
	case "msgmenu":
		return checkKFMenu(m.MsgMenu)
	case "location":
		return checkKFLocation(m)
	case "ca_link":
		if m.CALink == nil || !isWebURL(m.CALink.LinkURL) {
			return ErrcodeKFInvalidParam
		}
		return ErrcodeOK
	}
	return ErrcodeKFInvalidMessageType
}

func checkKFText(t *kfText) int {
	switch {
	case t == nil:
		return ErrcodeDataFormat
	case t.Content == "":
		return ErrcodeEmptyContent
	case len(t.Content) > kfMaxText:
		return ErrcodeContentTooLong
	}
	return ErrcodeOK
}

func checkKFLocation(m *kfOutbound) int {
	l := m.Location
	if l == nil || l.Latitude == nil || l.Longitude == nil {
		return ErrcodeKFInvalidParam
	}
	if *l.Latitude < -90 || *l.Latitude > 90 || *l.Longitude < -180 || *l.Longitude > 180 {
		return ErrcodeKFInvalidParam
	}
	return ErrcodeOK
}

// isWebURL: §5 wants the scheme included and at most 2048 bytes.
func isWebURL(u string) bool {
	return len(u) <= kfMaxURL && (strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://"))
}

// checkKFMenu enforces §5's msgmenu rules: at most 10 items (95008), each a
// known type (95009) with its fields in their byte ranges (40058).
func checkKFMenu(m *KFMsgMenu) int {
	switch {
	case m == nil || len(m.List) == 0:
		return ErrcodeKFInvalidParam
	case len(m.List) > kfMaxMenuItems:
		return ErrcodeKFMenuTooMany
	case len(m.HeadContent) > kfMaxMenuHeadEnd || len(m.TailContent) > kfMaxMenuHeadEnd:
		return ErrcodeKFInvalidParam
	}
	for _, it := range m.List {
		if code := checkKFMenuItem(it); code != ErrcodeOK {
			return code
		}
	}
	return ErrcodeOK
}

// between reports whether 1 ≤ len(v) ≤ max.
func between(v string, max int) bool { return v != "" && len(v) <= max }

func checkKFMenuItem(it KFMenuItem) int {
	var ok bool
	switch it.Type {
	case "click":
		f := it.Click
		ok = f != nil && between(f.ID, 64) && between(f.Content, 128)
	case "view":
		f := it.View
		ok = f != nil && between(f.URL, 2048) && between(f.Content, 1024)
	case "miniprogram":
		f := it.MiniProgram
		ok = f != nil && between(f.AppID, 32) && between(f.PagePath, 1024) && between(f.Content, 1024)
	case "text":
		f := it.Text
		ok = f != nil && between(f.Content, 256)
	default:
		return ErrcodeKFInvalidMenuType
	}
	if !ok {
		return ErrcodeKFInvalidParam
	}
	return ErrcodeOK
}

// checkKFMsgID: optional, ≤32 bytes of [0-9a-zA-Z_-] (§5).
func checkKFMsgID(id string) int {
	if len(id) > kfMaxMsgID {
		return ErrcodeKFInvalidParam
	}
	for i := 0; i < len(id); i++ {
		if !strings.ContainsRune(idAlphabet, rune(id[i])) {
			return ErrcodeKFInvalidParam
		}
	}
	return ErrcodeOK
}
