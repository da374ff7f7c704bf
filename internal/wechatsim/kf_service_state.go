package wechatsim

import (
	"net/http"
	"time"
)

// kfTransitions is §7's state machine as the official prose states it,
// the strictest of the sources: 0 → 1/2/3, 1 → 2/3, 2 → 3, 3 → 3
// (transfer) or 4; nothing leaves 4 through the API.
var kfTransitions = map[int][]int{
	KFStateNew:    {KFStateBot, KFStateQueued, KFStateHuman},
	KFStateBot:    {KFStateQueued, KFStateHuman},
	KFStateQueued: {KFStateHuman},
	KFStateHuman:  {KFStateHuman, KFStateEnded},
}

// kfStateRequest is the body of both service_state APIs.
type kfStateRequest struct {
	OpenKfID       string `json:"open_kfid"`
	ExternalUserID string `json:"external_userid"`
	ServiceState   *int   `json:"service_state"`
	ServicerUserID string `json:"servicer_userid"`
}

// kfStateAnswer is service_state/get's answer.
type kfStateAnswer struct {
	ServiceState   int    `json:"service_state"`
	ServicerUserID string `json:"servicer_userid"`
}

// kfTransAnswer is service_state/trans's answer; msg_code only when issued.
type kfTransAnswer struct {
	MsgCode string `json:"msg_code,omitempty"`
}

// sessionFor resolves the account and customer of a state call. A customer
// the account never saw answers 95031 (they have not consulted).
func (c *kfCorp) sessionFor(req kfStateRequest) (*kfAccount, *kfSession, int) {
	acct, code := c.lookupAccount(req.OpenKfID)
	if code != ErrcodeOK {
		return nil, nil, code
	}
	if req.ExternalUserID == "" {
		return nil, nil, ErrcodeKFInvalidParam
	}
	sess, ok := c.sessions[kfKey{req.OpenKfID, req.ExternalUserID}]
	if !ok {
		return nil, nil, ErrcodeKFNoRecentConsult
	}
	return acct, sess, ErrcodeOK
}

// serveKFStateGet is POST kf/service_state/get.
func (s *Server) serveKFStateGet(_ *http.Request, body []byte, corp *kfCorp, _ time.Time) (any, int) {
	var req kfStateRequest
	if code := decodeKFJSON(body, &req); code != ErrcodeOK {
		return nil, code
	}
	_, sess, code := corp.sessionFor(req)
	if code != ErrcodeOK {
		return nil, code
	}
	return kfStateAnswer{ServiceState: sess.state, ServicerUserID: sess.servicer}, ErrcodeOK
}

// serveKFStateTrans is POST kf/service_state/trans (§7): a move the state
// machine does not allow answers 95016; target 3 needs a receiving servicer
// of the account (95014). msg_code comes the first time a session reaches
// 2 or 3, and on every move to 4.
func (s *Server) serveKFStateTrans(_ *http.Request, body []byte, corp *kfCorp, now time.Time) (any, int) {
	var req kfStateRequest
	if code := decodeKFJSON(body, &req); code != ErrcodeOK {
		return nil, code
	}
	acct, sess, code := corp.sessionFor(req)
	if code != ErrcodeOK {
		return nil, code
	}
	if req.ServiceState == nil {
		return nil, ErrcodeKFInvalidParam
	}
	to := *req.ServiceState
	if !allowedMove(sess.state, to) {
		return nil, ErrcodeKFBadTransition
	}
	if to == KFStateHuman && acct.servicers[req.ServicerUserID] != 1 {
		return nil, ErrcodeKFNotServicer
	}
	key := kfKey{req.OpenKfID, req.ExternalUserID}
	var ans kfTransAnswer
	switch {
	case to == KFStateQueued && !sess.gotQueueCode:
		sess.gotQueueCode, ans.MsgCode = true, corp.newCode(key, codeQueue, now)
	case to == KFStateHuman && !sess.gotHumanCode:
		sess.gotHumanCode, ans.MsgCode = true, corp.newCode(key, codeHuman, now)
	case to == KFStateEnded:
		ans.MsgCode = corp.newCode(key, codeEnd, now)
	}
	sess.state, sess.servicer = to, ""
	if to == KFStateHuman {
		sess.servicer = req.ServicerUserID
	}
	return ans, ErrcodeOK
}

func allowedMove(from, to int) bool {
	for _, t := range kfTransitions[from] {
		if t == to {
			return true
		}
	}
	return false
}
