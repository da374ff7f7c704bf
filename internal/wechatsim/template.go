package wechatsim

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// clientMsgIDLifetime is how long client_msg_id deduplicates (§7).
const clientMsgIDLifetime = 10 * time.Minute

// Template receipt statuses of TEMPLATESENDJOBFINISH (§3.2).
const (
	TemplateStatusSuccess   = "success"
	TemplateStatusUserBlock = "failed:user block"
)

// TemplateSend is one template message WeChat accepted.
type TemplateSend struct {
	ToUser, TemplateID, ClientMsgID string
	MsgID                           int64
	// Body is the request body exactly as the client posted it.
	Body json.RawMessage
	At   time.Time
}

// templateRequest is the body of message/template/send.
type templateRequest struct {
	ToUser      string                     `json:"touser"`
	TemplateID  string                     `json:"template_id"`
	ClientMsgID string                     `json:"client_msg_id"`
	Data        map[string]json.RawMessage `json:"data"`
}

// templateAnswer is the success body of message/template/send.
type templateAnswer struct {
	ErrCode int    `json:"errcode"`
	ErrMsg  string `json:"errmsg"`
	MsgID   int64  `json:"msgid"`
}

// serveTemplateSend is POST message/template/send. Any non-empty
// template_id is accepted because the account's template list is not
// modelled. A repeated client_msg_id within 10 minutes answers the first
// msgid and sends nothing.
func (s *Server) serveTemplateSend(w http.ResponseWriter, _ *http.Request, body []byte, acct *account, now time.Time) {
	var req templateRequest
	if code := decodeJSON(body, &req); code != ErrcodeOK {
		writeErr(w, code)
		return
	}
	f, ok := acct.followers[req.ToUser]
	switch {
	case req.TemplateID == "":
		writeErr(w, ErrcodeInvalidTemplateID)
		return
	case !ok:
		writeErr(w, ErrcodeInvalidOpenID)
		return
	case !f.subscribed:
		writeErr(w, ErrcodeRequireSubscribe)
		return
	case req.Data == nil:
		writeErr(w, ErrcodeDataFormat)
		return
	}
	if prev, ok := acct.recentTemplate(req.ToUser, req.ClientMsgID, now); ok {
		writeJSON(w, templateAnswer{ErrMsg: "ok", MsgID: prev.MsgID})
		return
	}
	s.templates++
	sent := TemplateSend{
		ToUser: req.ToUser, TemplateID: req.TemplateID, ClientMsgID: req.ClientMsgID,
		MsgID: s.templates, Body: append(json.RawMessage(nil), body...), At: now,
	}
	acct.templates = append(acct.templates, sent)
	s.notify()
	if acct.callbackURL != "" {
		s.pushTemplateReceipt(s.customerLocked(acct, f), sent.MsgID, f.blockTemplates)
	}
	writeJSON(w, templateAnswer{ErrMsg: "ok", MsgID: sent.MsgID})
}

// recentTemplate finds a send with the same openid and client_msg_id in the
// last 10 minutes.
func (a *account) recentTemplate(openID, clientMsgID string, now time.Time) (TemplateSend, bool) {
	if clientMsgID == "" {
		return TemplateSend{}, false
	}
	for i := len(a.templates) - 1; i >= 0; i-- {
		t := a.templates[i]
		if now.Sub(t.At) >= clientMsgIDLifetime {
			break
		}
		if t.ToUser == openID && t.ClientMsgID == clientMsgID {
			return t, true
		}
	}
	return TemplateSend{}, false
}

// pushTemplateReceipt delivers TEMPLATESENDJOBFINISH in the background, as
// WeChat does some time after accepting the send. Caller holds s.mu.
func (s *Server) pushTemplateReceipt(c *Customer, msgID int64, blocked bool) {
	status := TemplateStatusSuccess
	if blocked {
		status = TemplateStatusUserBlock
	}
	s.bgWait.Add(1)
	go func() {
		defer s.bgWait.Done()
		_, _ = c.SendEvent(s.bg, "TEMPLATESENDJOBFINISH", "", map[string]string{
			"MsgID": strconv.FormatInt(msgID, 10), "Status": status,
		})
	}()
}
