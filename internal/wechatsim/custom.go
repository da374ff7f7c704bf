package wechatsim

import (
	"encoding/json"
	"net/http"
	"time"
)

// maxTextBytes is the simulator's text limit for customer-service messages
// (45002). WeChat does not document it; 2048 bytes is the limit commonly
// cited for text replies, so code that fits here fits there.
const maxTextBytes = 2048

// SentMessage is one customer-service message WeChat accepted.
type SentMessage struct {
	ToUser  string
	MsgType string
	// Body is the request body exactly as the client posted it.
	Body json.RawMessage
	At   time.Time
}

// mediaRef is the {media_id} payload of image, voice and mpnews.
type mediaRef struct {
	MediaID string `json:"media_id"`
}

// articleRef is the mpnewsarticle payload.
type articleRef struct {
	ArticleID string `json:"article_id"`
}

// cardRef is the wxcard payload.
type cardRef struct {
	CardID string `json:"card_id"`
}

// customMessage is the body of message/custom/send (§4.1).
type customMessage struct {
	ToUser  string `json:"touser"`
	MsgType string `json:"msgtype"`
	Text    *struct {
		Content string `json:"content"`
	} `json:"text"`
	Image *mediaRef `json:"image"`
	Voice *mediaRef `json:"voice"`
	Video *struct {
		MediaID      string `json:"media_id"`
		ThumbMediaID string `json:"thumb_media_id"`
	} `json:"video"`
	Music *struct {
		MusicURL     string `json:"musicurl"`
		ThumbMediaID string `json:"thumb_media_id"`
	} `json:"music"`
	News *struct {
		Articles []json.RawMessage `json:"articles"`
	} `json:"news"`
	MPNews        *mediaRef   `json:"mpnews"`
	MPNewsArticle *articleRef `json:"mpnewsarticle"`
	MsgMenu       *struct {
		List []struct {
			ID      json.RawMessage `json:"id"`
			Content string          `json:"content"`
		} `json:"list"`
	} `json:"msgmenu"`
	WXCard          *cardRef `json:"wxcard"`
	MiniProgramPage *struct {
		Title        string `json:"title"`
		AppID        string `json:"appid"`
		PagePath     string `json:"pagepath"`
		ThumbMediaID string `json:"thumb_media_id"`
	} `json:"miniprogrampage"`
}

// serveCustomSend is POST message/custom/send: validate, check the user and
// the §4.2 window/quota, then record the message.
func (s *Server) serveCustomSend(w http.ResponseWriter, _ *http.Request, body []byte, acct *account, now time.Time) {
	var m customMessage
	if code := decodeJSON(body, &m); code != ErrcodeOK {
		writeErr(w, code)
		return
	}
	f, ok := acct.followers[m.ToUser]
	if m.ToUser == "" || !ok {
		writeErr(w, ErrcodeInvalidOpenID)
		return
	}
	if code := s.validateCustom(&m, acct.AppID, now); code != ErrcodeOK {
		writeErr(w, code)
		return
	}
	if code := f.consumeSend(now); code != ErrcodeOK {
		writeErr(w, code)
		return
	}
	acct.sent = append(acct.sent, SentMessage{ToUser: m.ToUser, MsgType: m.MsgType, Body: append(json.RawMessage(nil), body...), At: now})
	s.notify()
	writeOK(w)
}

// validateCustom checks the msgtype and its payload. Caller holds s.mu.
func (s *Server) validateCustom(m *customMessage, appID string, now time.Time) int {
	media := func(id string, types ...string) int { return s.checkMediaRef(appID, id, now, types...) }
	switch m.MsgType {
	case "text":
		return checkText(m)
	case "image":
		return checkRef(m.Image, func(r *mediaRef) int { return media(r.MediaID, "image") })
	case "voice":
		return checkRef(m.Voice, func(r *mediaRef) int { return media(r.MediaID, "voice") })
	case "video":
		if m.Video == nil {
			return ErrcodeDataFormat
		}
		return firstError(media(m.Video.MediaID, "video"), media(m.Video.ThumbMediaID, "thumb", "image"))
	case "music":
		if m.Music == nil || m.Music.MusicURL == "" {
			return ErrcodeDataFormat
		}
		return media(m.Music.ThumbMediaID, "thumb", "image")
	case "news":
		return checkNews(m)
	case "mpnews":
		return checkRef(m.MPNews, func(r *mediaRef) int { return nonEmpty(ErrcodeInvalidMediaID, r.MediaID) })
	case "mpnewsarticle":
		return checkRef(m.MPNewsArticle, func(r *articleRef) int { return nonEmpty(ErrcodeDataFormat, r.ArticleID) })
	case "msgmenu":
		return checkMsgMenu(m)
	case "wxcard":
		return checkRef(m.WXCard, func(r *cardRef) int { return nonEmpty(ErrcodeDataFormat, r.CardID) })
	case "miniprogrampage":
		p := m.MiniProgramPage
		if p == nil || nonEmpty(ErrcodeDataFormat, p.Title, p.AppID, p.PagePath) != ErrcodeOK {
			return ErrcodeDataFormat
		}
		return media(p.ThumbMediaID, "thumb", "image")
	}
	return ErrcodeInvalidMessageType
}

// checkRef answers 47001 when the msgtype's payload object is missing.
func checkRef[T any](payload *T, check func(*T) int) int {
	if payload == nil {
		return ErrcodeDataFormat
	}
	return check(payload)
}

func checkText(m *customMessage) int {
	switch {
	case m.Text == nil:
		return ErrcodeDataFormat
	case m.Text.Content == "":
		return ErrcodeEmptyContent
	case len(m.Text.Content) > maxTextBytes:
		return ErrcodeContentTooLong
	}
	return ErrcodeOK
}

// checkNews enforces the one-article rule of §4.1.
func checkNews(m *customMessage) int {
	switch {
	case m.News == nil:
		return ErrcodeDataFormat
	case len(m.News.Articles) == 0:
		return ErrcodeEmptyNews
	case len(m.News.Articles) > 1:
		return ErrcodeArticleTooMany
	}
	return ErrcodeOK
}

func checkMsgMenu(m *customMessage) int {
	if m.MsgMenu == nil || len(m.MsgMenu.List) == 0 {
		return ErrcodeDataFormat
	}
	for _, item := range m.MsgMenu.List {
		if len(item.ID) == 0 || string(item.ID) == `""` || item.Content == "" {
			return ErrcodeDataFormat
		}
	}
	return ErrcodeOK
}

// nonEmpty answers code if any value is empty.
func nonEmpty(code int, values ...string) int {
	for _, v := range values {
		if v == "" {
			return code
		}
	}
	return ErrcodeOK
}

// firstError returns the first non-zero errcode.
func firstError(codes ...int) int {
	for _, c := range codes {
		if c != ErrcodeOK {
			return c
		}
	}
	return ErrcodeOK
}
