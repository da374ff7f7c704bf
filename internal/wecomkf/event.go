package wecomkf

// Event types of sync_msg messages with msgtype "event" (wecom-kf.md §4).
const (
	EventEnterSession            = "enter_session"
	EventMsgSendFail             = "msg_send_fail"
	EventServicerStatusChange    = "servicer_status_change"
	EventSessionStatusChange     = "session_status_change"
	EventUserRecallMsg           = "user_recall_msg"
	EventServicerRecallMsg       = "servicer_recall_msg"
	EventRejectCustomerMsgSwitch = "reject_customer_msg_switch_change"
)

// Event fail_type values of msg_send_fail that the desk acts on.
const (
	FailUnknown         = 0
	FailAccountDeleted  = 1
	FailAppClosed       = 2
	FailSessionExpired  = 4 // more than 48 h
	FailSessionClosed   = 5
	FailOverQuota       = 6 // more than 5 messages
	FailCorpUnverified  = 8
	FailCustomerRejects = 10 // a servicer set 拒收 for this customer
	FailNoMemberLogin   = 11
	FailMsgTypeBanned   = 12
)

// Event change_type values of session_status_change; all are triggered by
// servicers in the WeCom client.
const (
	ChangeFromQueue   = 1 // a servicer took the session from the queue
	ChangeTransferred = 2
	ChangeEnded       = 3
	ChangeReentered   = 4 // a servicer re-entered an ended/transferred session
)

// Event is the payload of a sync_msg event message; which fields are set
// depends on EventType (see the comments).
type Event struct {
	EventType      string `json:"event_type"`
	OpenKfID       string `json:"open_kfid"`
	ExternalUserID string `json:"external_userid,omitempty"`
	// ServicerUserID: servicer_status_change, servicer_recall_msg,
	// reject_customer_msg_switch_change.
	ServicerUserID string `json:"servicer_userid,omitempty"`

	// enter_session. WelcomeCode is set only when a welcome may be sent
	// (valid 20 s, with SendMsgOnEvent).
	Scene          string          `json:"scene,omitempty"`
	SceneParam     string          `json:"scene_param,omitempty"`
	WelcomeCode    string          `json:"welcome_code,omitempty"`
	WechatChannels *WechatChannels `json:"wechat_channels,omitempty"`

	// msg_send_fail: the msgid we sent and why it failed (Fail… constants).
	FailMsgID string `json:"fail_msgid,omitempty"`
	FailType  int    `json:"fail_type,omitempty"`

	// servicer_status_change: Status 1 receiving, 2 stopped (servicer/list
	// uses 0/1 instead); StopType 0 stopped, 1 temporarily suspended.
	Status   int `json:"status,omitempty"`
	StopType int `json:"stop_type,omitempty"`

	// session_status_change (Change… constants). MsgCode comes with change
	// types 1 and 3, for SendMsgOnEvent.
	ChangeType        int    `json:"change_type,omitempty"`
	OldServicerUserID string `json:"old_servicer_userid,omitempty"`
	NewServicerUserID string `json:"new_servicer_userid,omitempty"`
	MsgCode           string `json:"msg_code,omitempty"`

	// user_recall_msg, servicer_recall_msg.
	RecallMsgID string `json:"recall_msgid,omitempty"`

	// reject_customer_msg_switch_change: 1 rejects, 0 cancelled.
	RejectSwitch int `json:"reject_switch,omitempty"`
}

// WechatChannels tells from which WeChat Channels surface a customer came.
// Scene: 1 channel home, 2 live-room product list, 3 showcase, 4 shop
// product page, 5 shop order page.
type WechatChannels struct {
	Nickname     string `json:"nickname,omitempty"`
	ShopNickname string `json:"shop_nickname,omitempty"`
	Scene        int    `json:"scene,omitempty"`
}

// WindowClosed reports whether a msg_send_fail event means the customer's
// session window is gone (expired, closed or quota used up), the
// asynchronous counterpart of IsWindowClosed.
func (e *Event) WindowClosed() bool {
	if e == nil || e.EventType != EventMsgSendFail {
		return false
	}
	switch e.FailType {
	case FailSessionExpired, FailSessionClosed, FailOverQuota:
		return true
	}
	return false
}
