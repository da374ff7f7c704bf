package wechatsim

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// kfMsgIDAnswer is the success body of both send APIs.
type kfMsgIDAnswer struct {
	MsgID string `json:"msgid"`
}

// serveKFSendMsg is POST kf/send_msg (§5): account, customer, msgid and
// payload checks, then the session rules — state 0 or 1 only (95018),
// within 48 h of the customer's last message (95002), at most 5 sends per
// customer message (95001). A msgid already used by the account is refused
// with 40058 and nothing is sent again.
func (s *Server) serveKFSendMsg(r *http.Request, body []byte, corp *kfCorp, now time.Time) (any, int) {
	var m kfOutbound
	if code := decodeKFJSON(body, &m); code != ErrcodeOK {
		return nil, code
	}
	acct, code := corp.lookupAccount(m.OpenKfID)
	if code != ErrcodeOK {
		return nil, code
	}
	if m.ToUser == "" {
		return nil, ErrcodeKFInvalidParam
	}
	sess, ok := corp.sessions[kfKey{m.OpenKfID, m.ToUser}]
	if !ok {
		return nil, ErrcodeKFNoRecentConsult
	}
	if code := firstError(checkKFMsgID(m.MsgID), acct.checkUnused(m.MsgID), s.validateKFOutbound(&m, corp.CorpID, now)); code != ErrcodeOK {
		return nil, code
	}
	switch {
	case sess.state != KFStateNew && sess.state != KFStateBot:
		return nil, ErrcodeKFSessionStatus
	case !within(sess.lastMessage, now, s.opts.Window):
		return nil, ErrcodeKFSendTimeLimit
	case sess.sendsLeft <= 0:
		return nil, ErrcodeKFSendCountLimit
	}
	sess.sendsLeft--
	sess.state = KFStateBot
	id := s.recordKFSent(corp, acct, sess, &m, body, now)
	return kfMsgIDAnswer{MsgID: id}, ErrcodeOK
}

// lookupAccount resolves open_kfid: missing 60251, not a wk… id 95000
// (typically the kfc… link id), not this corp's 95004.
func (c *kfCorp) lookupAccount(openKfID string) (*kfAccount, int) {
	switch {
	case openKfID == "":
		return nil, ErrcodeKFOpenKfIDMissing
	case !strings.HasPrefix(openKfID, "wk"):
		return nil, ErrcodeKFInvalidOpenKfID
	}
	acct, ok := c.accounts[openKfID]
	if !ok {
		return nil, ErrcodeKFNoSuchOpenKfID
	}
	return acct, ErrcodeOK
}

// checkUnused refuses a msgid the account has already used (§5: unique
// within the account). WeCom documents no code; the simulator says 40058.
func (a *kfAccount) checkUnused(msgID string) int {
	if msgID != "" && a.msgIDs[msgID] {
		return ErrcodeKFInvalidParam
	}
	return ErrcodeOK
}

// recordKFSent keeps an accepted send and returns its msgid. A customer
// under 拒收 gets msg_send_fail fail_type 10 shortly after. Caller holds s.mu.
func (s *Server) recordKFSent(corp *kfCorp, acct *kfAccount, sess *kfSession, m *kfOutbound, body []byte, now time.Time) string {
	id := m.MsgID
	if id == "" {
		id = randomString(kfMaxMsgID)
	}
	acct.msgIDs[id] = true
	corp.sent = append(corp.sent, KFSentMessage{
		OpenKfID: acct.openKfID, ToUser: m.ToUser, MsgID: id, MsgType: m.MsgType, Code: m.Code,
		Body: append(json.RawMessage(nil), body...), At: now,
	})
	s.notify()
	if sess.rejected {
		c := &KFCustomer{s: s, corpID: corp.CorpID, openKfID: acct.openKfID, userID: m.ToUser}
		s.bgWait.Add(1)
		go func() {
			defer s.bgWait.Done()
			_, _ = c.MsgSendFail(s.bg, id, 10)
		}()
	}
	return id
}
