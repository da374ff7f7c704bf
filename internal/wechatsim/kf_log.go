package wechatsim

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// ErrBadKFMsgType: the msgtype is not one sync_msg delivers (§4).
var ErrBadKFMsgType = errors.New("wechatsim: not a kf inbound msgtype")

// kfInboundTypes are the msgtypes of §4 other than event.
var kfInboundTypes = set("text", "image", "voice", "video", "file", "location", "link", "business_card",
	"miniprogram", "msgmenu", "channels_shop_product", "channels_shop_order", "merged_msg", "channels", "note")

// kfEntry is a message or event about to enter a corp's log.
type kfEntry struct {
	openKfID, userID string
	origin           int
	servicer         string
	msgType          string
	payload          any
	silk             any // voice only: the payload with the SILK media id
}

// kfItemHead is the common head of a msg_list item (§4).
type kfItemHead struct {
	MsgID          string `json:"msgid"`
	OpenKfID       string `json:"open_kfid,omitempty"`
	ExternalUserID string `json:"external_userid,omitempty"`
	SendTime       int64  `json:"send_time"`
	Origin         int    `json:"origin"`
	ServicerUserID string `json:"servicer_userid,omitempty"`
	MsgType        string `json:"msgtype"`
}

// kfAppend renders e and adds it to corp's log with the next msgid and
// send_time now. Caller holds s.mu.
func (s *Server) kfAppend(corp *kfCorp, e kfEntry, now time.Time) (string, error) {
	s.msgIDs++
	head := kfItemHead{MsgID: kfMsgID(e.origin, s.msgIDs), SendTime: now.Unix(), Origin: e.origin, MsgType: e.msgType}
	if e.msgType != "event" {
		head.OpenKfID, head.ExternalUserID = e.openKfID, e.userID
	}
	if e.origin == KFOriginServicer {
		head.ServicerUserID = e.servicer
	}
	item, err := renderKFItem(head, e.payload)
	if err != nil {
		return "", err
	}
	m := &kfMsg{seq: s.msgIDs, openKfID: e.openKfID, sendTime: now, item: item}
	if e.silk != nil {
		if m.silk, err = renderKFItem(head, e.silk); err != nil {
			return "", err
		}
	}
	corp.log = append(corp.log, m)
	return head.MsgID, nil
}

// kfMsgID imitates WeCom's msgids: customer messages look like
// "from_msgid_4622416642169452483".
func kfMsgID(origin int, n uint64) string {
	if origin == KFOriginCustomer {
		return "from_msgid_" + strconv.FormatUint(n, 10)
	}
	return "msgid_" + strconv.FormatUint(n, 10)
}

// renderKFItem puts the payload under the key named by msgtype.
func renderKFItem(head kfItemHead, payload any) (json.RawMessage, error) {
	h, err := json.Marshal(head)
	if err != nil {
		return nil, fmt.Errorf("wechatsim: render kf message: %w", err)
	}
	p, err := json.Marshal(payload)
	if err != nil {
		return nil, fmt.Errorf("wechatsim: render kf %s payload: %w", head.MsgType, err)
	}
	key, _ := json.Marshal(head.MsgType)
	out := append(h[:len(h)-1:len(h)-1], ',')
	out = append(append(append(out, key...), ':'), p...)
	return append(out, '}'), nil
}

// kfLogEnqueue is the locked entry point of every Go-side enqueue: it
// applies the customer's effect on the session, then logs the message.
func (s *Server) kfLogEnqueue(corpID string, e kfEntry) (string, error) {
	now := s.opts.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	corp, ok := s.kfCorps[corpID]
	if !ok {
		return "", fmt.Errorf("%w: %s", ErrUnknownKFCorp, corpID)
	}
	if _, ok := corp.accounts[e.openKfID]; !ok {
		return "", fmt.Errorf("%w: %s", ErrUnknownKFAccount, e.openKfID)
	}
	if e.msgType != "event" && !kfInboundTypes[e.msgType] {
		return "", fmt.Errorf("%w: %q", ErrBadKFMsgType, e.msgType)
	}
	key := kfKey{e.openKfID, e.userID}
	switch e.origin {
	case KFOriginCustomer:
		corp.customerWrote(key, now, !isMenuClick(e), s.opts.Quota)
	case KFOriginServicer:
		s.servicerWrote(corp, key, e.servicer, now)
	}
	return s.kfAppend(corp, e, now)
}

// isMenuClick: a click on a msgmenu item comes back as text with menu_id;
// it does not reopen the send quota (strict reading, spec §5.1 95024).
func isMenuClick(e kfEntry) bool {
	t, ok := e.payload.(kfText)
	return ok && t.MenuID != ""
}

// servicerWrote applies a servicer's client message: an ended session is
// re-entered (state 3, session_status_change change_type 4, §7).
// Caller holds s.mu.
func (s *Server) servicerWrote(corp *kfCorp, key kfKey, servicer string, now time.Time) {
	sess := corp.session(key)
	if sess.state != KFStateEnded {
		return
	}
	sess.state, sess.servicer = KFStateHuman, servicer
	ev := kfEvent{EventType: "session_status_change", OpenKfID: key.openKfID, ExternalUserID: key.externalUserID,
		ChangeType: 4, NewServicerUserID: servicer}
	_, _ = s.kfAppend(corp, kfEntry{openKfID: key.openKfID, userID: key.externalUserID, origin: KFOriginSystem,
		msgType: "event", payload: ev}, now)
}

// kfText is the text payload; menu_id marks a msgmenu click.
type kfText struct {
	Content string `json:"content"`
	MenuID  string `json:"menu_id,omitempty"`
}

// kfMediaPayload is the image/voice/video/file payload.
type kfMediaPayload struct {
	MediaID string `json:"media_id"`
}

// kfBusinessCard is the business_card payload.
type kfBusinessCard struct {
	UserID string `json:"userid"`
}
