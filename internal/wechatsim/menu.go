package wechatsim

import (
	"encoding/json"
	"net/http"
	"time"
)

// Custom menu limits of §8.
const (
	maxTopButtons   = 3
	maxSubButtons   = 5
	maxTopNameBytes = 16
	maxSubNameBytes = 60
	maxKeyBytes     = 128
	maxURLBytes     = 1024
)

// menuButton is one button of menu/create.
type menuButton struct {
	Type      string       `json:"type"`
	Name      string       `json:"name"`
	Key       string       `json:"key"`
	URL       string       `json:"url"`
	MediaID   string       `json:"media_id"`
	AppID     string       `json:"appid"`
	PagePath  string       `json:"pagepath"`
	ArticleID string       `json:"article_id"`
	SubButton []menuButton `json:"sub_button"`
}

// menuRequest is the body of menu/create.
type menuRequest struct {
	Button []menuButton `json:"button"`
}

// buttonCodes are the errcodes for a top-level or a sub-menu button.
type buttonCodes struct{ typ, key, url int }

var (
	topCodes = buttonCodes{ErrcodeInvalidButtonType, ErrcodeInvalidButtonKey, ErrcodeInvalidButtonURL}
	subCodes = buttonCodes{ErrcodeInvalidSubType, ErrcodeInvalidSubKey, ErrcodeInvalidSubURL}
)

// serveMenuCreate is POST menu/create.
func (s *Server) serveMenuCreate(w http.ResponseWriter, _ *http.Request, body []byte, acct *account, _ time.Time) {
	var req menuRequest
	if code := decodeJSON(body, &req); code != ErrcodeOK {
		writeErr(w, code)
		return
	}
	if code := validateMenu(req.Button); code != ErrcodeOK {
		writeErr(w, code)
		return
	}
	acct.menu = append(json.RawMessage(nil), body...)
	s.notify()
	writeOK(w)
}

// validateMenu checks 1–3 top-level buttons, each either a typed button or
// a holder of 1–5 typed sub-buttons.
func validateMenu(top []menuButton) int {
	if len(top) == 0 || len(top) > maxTopButtons {
		return ErrcodeInvalidButtonSize
	}
	for _, b := range top {
		if b.Name == "" || len(b.Name) > maxTopNameBytes {
			return ErrcodeInvalidButtonName
		}
		if len(b.SubButton) == 0 {
			if code := checkButton(b, topCodes); code != ErrcodeOK {
				return code
			}
			continue
		}
		if len(b.SubButton) > maxSubButtons {
			return ErrcodeInvalidSubSize
		}
		for _, sub := range b.SubButton {
			if len(sub.SubButton) > 0 {
				return ErrcodeInvalidSubLevel
			}
			if sub.Name == "" || len(sub.Name) > maxSubNameBytes {
				return ErrcodeInvalidSubName
			}
			if code := checkButton(sub, subCodes); code != ErrcodeOK {
				return code
			}
		}
	}
	return ErrcodeOK
}

// checkButton validates a button's type and the fields that type needs.
func checkButton(b menuButton, c buttonCodes) int {
	switch b.Type {
	case "click", "scancode_push", "scancode_waitmsg", "pic_sysphoto", "pic_photo_or_album", "pic_weixin", "location_select":
		return byteLimit(b.Key, maxKeyBytes, c.key)
	case "view":
		return byteLimit(b.URL, maxURLBytes, c.url)
	case "miniprogram":
		return firstError(byteLimit(b.URL, maxURLBytes, c.url), nonEmpty(ErrcodeDataFormat, b.AppID, b.PagePath))
	case "media_id", "view_limited":
		return nonEmpty(ErrcodeDataFormat, b.MediaID)
	case "article_id", "article_view_limited":
		return nonEmpty(ErrcodeDataFormat, b.ArticleID)
	}
	return c.typ
}

// byteLimit answers code unless 1 ≤ len(v) ≤ max bytes.
func byteLimit(v string, max, code int) int {
	if v == "" || len(v) > max {
		return code
	}
	return ErrcodeOK
}

// menuAnswer is the body of menu/get.
type menuAnswer struct {
	Menu json.RawMessage `json:"menu"`
}

// serveMenuGet is GET menu/get; 46003 when no menu exists.
func (s *Server) serveMenuGet(w http.ResponseWriter, _ *http.Request, _ []byte, acct *account, _ time.Time) {
	if acct.menu == nil {
		writeErr(w, ErrcodeMenuNotExist)
		return
	}
	writeJSON(w, menuAnswer{Menu: acct.menu})
}

// serveMenuDelete is GET menu/delete.
func (s *Server) serveMenuDelete(w http.ResponseWriter, _ *http.Request, _ []byte, acct *account, _ time.Time) {
	acct.menu = nil
	s.notify()
	writeOK(w)
}
