package wechatsim

import (
	"net/http"
	"time"
)

// Kinds of send_msg_on_event codes (§6).
const (
	codeWelcome = iota // enter_session welcome_code
	codeQueue          // trans to 2
	codeHuman          // trans to 3, or session_status_change 1
	codeEnd            // trans to 4, or session_status_change 3
)

// kfCodeRule is one row of §6's table: validity, the session state the
// code needs when used (-1: any) and the msgtypes it may send.
type kfCodeRule struct {
	ttl   time.Duration
	state int
	types map[string]bool
}

var kfCodeRules = map[int]kfCodeRule{
	codeWelcome: {20 * time.Second, -1, set("text", "msgmenu")},
	codeQueue:   {48 * time.Hour, KFStateQueued, set("text")},
	codeHuman:   {48 * time.Hour, KFStateHuman, set("text")},
	codeEnd:     {20 * time.Second, KFStateEnded, set("text", "msgmenu")},
}

// kfEventCode is one issued code; each sends one message.
type kfEventCode struct {
	key     kfKey
	kind    int
	expires time.Time
	used    bool
}

// newCode issues a code of kind for the session key. Caller holds s.mu.
func (c *kfCorp) newCode(key kfKey, kind int, now time.Time) string {
	code := randomString(43)
	c.codes[code] = &kfEventCode{key: key, kind: kind, expires: now.Add(kfCodeRules[kind].ttl)}
	return code
}

// serveKFSendOnEvent is POST kf/send_msg_on_event (§6). The code must be
// live and unused (the simulator answers 95007, the msg-token code, since
// WeCom documents none), the msgtype allowed for its scenario (40008), and
// except for welcome codes the session still in the state that produced it
// (95018). Only an accepted message uses the code up; it does not count
// against send_msg's 5-message quota.
func (s *Server) serveKFSendOnEvent(r *http.Request, body []byte, corp *kfCorp, now time.Time) (any, int) {
	var m kfOutbound
	if code := decodeKFJSON(body, &m); code != ErrcodeOK {
		return nil, code
	}
	if m.Code == "" {
		return nil, ErrcodeKFInvalidParam
	}
	ec, ok := corp.codes[m.Code]
	if !ok || ec.used || !now.Before(ec.expires) {
		return nil, ErrcodeKFInvalidMsgToken
	}
	rule := kfCodeRules[ec.kind]
	acct := corp.accounts[ec.key.openKfID]
	sess := corp.session(ec.key)
	m.OpenKfID, m.ToUser = ec.key.openKfID, ec.key.externalUserID
	if !rule.types[m.MsgType] {
		return nil, ErrcodeKFInvalidMessageType
	}
	if code := firstError(checkKFMsgID(m.MsgID), acct.checkUnused(m.MsgID), s.validateKFOutbound(&m, corp.CorpID, now)); code != ErrcodeOK {
		return nil, code
	}
	if rule.state >= 0 && sess.state != rule.state {
		return nil, ErrcodeKFSessionStatus
	}
	ec.used = true
	if ec.kind == codeWelcome {
		sess.lastWelcome = now
	}
	return kfMsgIDAnswer{MsgID: s.recordKFSent(corp, acct, sess, &m, body, now)}, ErrcodeOK
}
