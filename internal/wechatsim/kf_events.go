package wechatsim

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrBadChangeType: session_status_change change_type is 1–4 (§4).
var ErrBadChangeType = errors.New("wechatsim: change_type must be 1-4")

// kfEvent is the event object of a msgtype=event item; fields unused by an
// event_type stay out of the JSON, zero-valued ints that matter are pointers.
type kfEvent struct {
	EventType         string            `json:"event_type"`
	OpenKfID          string            `json:"open_kfid"`
	ExternalUserID    string            `json:"external_userid,omitempty"`
	Scene             string            `json:"scene,omitempty"`
	SceneParam        string            `json:"scene_param,omitempty"`
	WelcomeCode       string            `json:"welcome_code,omitempty"`
	WeChatChannels    *KFWeChatChannels `json:"wechat_channels,omitempty"`
	FailMsgID         string            `json:"fail_msgid,omitempty"`
	FailType          *int              `json:"fail_type,omitempty"`
	ServicerUserID    string            `json:"servicer_userid,omitempty"`
	Status            int               `json:"status,omitempty"`
	StopType          *int              `json:"stop_type,omitempty"`
	ChangeType        int               `json:"change_type,omitempty"`
	OldServicerUserID string            `json:"old_servicer_userid,omitempty"`
	NewServicerUserID string            `json:"new_servicer_userid,omitempty"`
	MsgCode           string            `json:"msg_code,omitempty"`
	RecallMsgID       string            `json:"recall_msgid,omitempty"`
	RejectSwitch      *int              `json:"reject_switch,omitempty"`
}

// event logs *ev as a system event of the customer's account and fires.
// apply, if set, runs under the lock first and may fill in ev (codes); its
// session is nil for account-level events.
func (c *KFCustomer) event(ctx context.Context, ev *kfEvent, apply func(*kfCorp, *kfSession, time.Time)) (*Delivery, error) {
	ev.OpenKfID = c.openKfID
	now := c.s.opts.Now()
	c.s.mu.Lock()
	corp, err := c.s.kfCorpAccountLocked(c.corpID, c.openKfID)
	if err == nil && apply != nil {
		var sess *kfSession
		if c.userID != "" {
			sess = corp.session(kfKey{c.openKfID, c.userID})
		}
		apply(corp, sess, now)
	}
	var id string
	if err == nil {
		id, err = c.s.kfAppend(corp, kfEntry{openKfID: c.openKfID, origin: KFOriginSystem, msgType: "event", payload: *ev}, now)
	}
	c.s.mu.Unlock()
	if err != nil {
		return nil, err
	}
	d, err := c.Fire(ctx)
	if d != nil {
		d.MsgID = id
	}
	return d, err
}

// kfCorpAccountLocked finds the corp of an existing account. Caller holds s.mu.
func (s *Server) kfCorpAccountLocked(corpID, openKfID string) (*kfCorp, error) {
	if _, err := s.kfAccountLocked(corpID, openKfID); err != nil {
		return nil, err
	}
	return s.kfCorps[corpID], nil
}

// EnterSession sends enter_session: the customer opened the chat through a
// contact link. welcome_code is issued (valid 20 s, one use) only when the
// customer got no welcome and sent no message in the last 48 h (§4); the
// code is returned, "" when none was issued.
func (c *KFCustomer) EnterSession(ctx context.Context, e KFEnter) (string, *Delivery, error) {
	ev := kfEvent{EventType: "enter_session", ExternalUserID: c.userID, Scene: e.Scene, SceneParam: e.SceneParam, WeChatChannels: e.Channels}
	d, err := c.event(ctx, &ev, func(corp *kfCorp, sess *kfSession, now time.Time) {
		enter := e
		sess.enter, sess.enterAt = &enter, now
		window := c.s.opts.Window
		if within(sess.lastWelcome, now, window) || within(sess.lastMessage, now, window) {
			return
		}
		ev.WelcomeCode = corp.newCode(kfKey{c.openKfID, c.userID}, codeWelcome, now)
	})
	return ev.WelcomeCode, d, err
}

// within reports whether t is set and less than d before now.
func within(t, now time.Time, d time.Duration) bool {
	return !t.IsZero() && now.Before(t.Add(d))
}

// SessionStatusChange sends session_status_change as a servicer acting in
// the WeCom client does (§4, §7): 1 took from the queue and 2 transferred
// (state 3, newServicer), 3 ended (state 4), 4 re-entered (state 3). Types
// 1 and 3 carry a msg_code for send_msg_on_event, which is returned.
func (c *KFCustomer) SessionStatusChange(ctx context.Context, changeType int, oldServicer, newServicer string) (string, *Delivery, error) {
	if changeType < 1 || changeType > 4 {
		return "", nil, fmt.Errorf("%w: %d", ErrBadChangeType, changeType)
	}
	ev := kfEvent{EventType: "session_status_change", ExternalUserID: c.userID, ChangeType: changeType}
	if changeType != 1 {
		ev.OldServicerUserID = oldServicer
	}
	if changeType != 3 {
		ev.NewServicerUserID = newServicer
	}
	d, err := c.event(ctx, &ev, func(corp *kfCorp, sess *kfSession, now time.Time) {
		key := kfKey{c.openKfID, c.userID}
		switch changeType {
		case 3:
			sess.state, sess.servicer = KFStateEnded, ""
			ev.MsgCode = corp.newCode(key, codeEnd, now)
		default:
			sess.state, sess.servicer = KFStateHuman, newServicer
			if changeType == 1 {
				ev.MsgCode = corp.newCode(key, codeHuman, now)
			}
		}
	})
	return ev.MsgCode, d, err
}

// RecallMsg sends user_recall_msg: the customer withdrew msgID.
func (c *KFCustomer) RecallMsg(ctx context.Context, msgID string) (*Delivery, error) {
	ev := kfEvent{EventType: "user_recall_msg", ExternalUserID: c.userID, RecallMsgID: msgID}
	return c.event(ctx, &ev, nil)
}

// ServicerRecallMsg sends servicer_recall_msg.
func (c *KFCustomer) ServicerRecallMsg(ctx context.Context, servicerUserID, msgID string) (*Delivery, error) {
	ev := kfEvent{EventType: "servicer_recall_msg", ExternalUserID: c.userID, RecallMsgID: msgID, ServicerUserID: servicerUserID}
	return c.event(ctx, &ev, nil)
}

// MsgSendFail sends msg_send_fail for a message sent to this customer
// (failType as in §4: 4 session expired, 6 over the limit, 10 rejected …).
func (c *KFCustomer) MsgSendFail(ctx context.Context, failMsgID string, failType int) (*Delivery, error) {
	ev := kfEvent{EventType: "msg_send_fail", ExternalUserID: c.userID, FailMsgID: failMsgID, FailType: &failType}
	return c.event(ctx, &ev, nil)
}

// RejectMessages sends reject_customer_msg_switch_change: servicer stops
// (on) or resumes receiving this customer. While on, every accepted send to
// the customer is followed by msg_send_fail with fail_type 10 (§10).
func (c *KFCustomer) RejectMessages(ctx context.Context, servicerUserID string, on bool) (*Delivery, error) {
	v := 0
	if on {
		v = 1
	}
	ev := kfEvent{EventType: "reject_customer_msg_switch_change", ExternalUserID: c.userID, ServicerUserID: servicerUserID, RejectSwitch: &v}
	d, err := c.event(ctx, &ev, func(_ *kfCorp, sess *kfSession, _ time.Time) {
		sess.rejected = on
	})
	return d, err
}

// KFServicerStatusChange sends servicer_status_change for an account's
// servicer: status 1 receiving, 2 stopped; stopType 0 stopped, 1 suspended.
// A stopped servicer cannot be given sessions by service_state/trans.
func (s *Server) KFServicerStatusChange(ctx context.Context, corpID, openKfID, servicerUserID string, status, stopType int) (*Delivery, error) {
	c := &KFCustomer{s: s, corpID: corpID, openKfID: openKfID}
	ev := kfEvent{EventType: "servicer_status_change", ServicerUserID: servicerUserID, Status: status}
	if status == 2 {
		ev.StopType = &stopType
	}
	d, err := c.event(ctx, &ev, func(corp *kfCorp, _ *kfSession, _ time.Time) {
		corp.accounts[openKfID].servicers[servicerUserID] = status
	})
	return d, err
}
