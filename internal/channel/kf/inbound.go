package kf

import (
	"encoding/json"
	"time"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/channel/mp"
	"github.com/wedesk/wedesk/internal/wecomkf"
)

// Inbound turns a pulled message or event into the desk's channel-neutral
// message. messages.type is WeCom's msgtype; the payload keeps the whole
// message as WeCom sent it.
func Inbound(m *wecomkf.Message) channel.Inbound {
	var payload map[string]any
	_ = json.Unmarshal(m.Raw, &payload)
	in := channel.Inbound{
		ExternalID:   m.ExternalUserID,
		MsgID:        m.MsgID,
		DedupKey:     "kf:" + m.MsgID,
		Type:         m.MsgType,
		Text:         m.Text(),
		Event:        m.MsgType == "event" || m.Origin == wecomkf.OriginSystem,
		MediaID:      m.MediaID(),
		Payload:      payload,
		Account:      m.OpenKfID,
		FromServicer: m.Origin == wecomkf.OriginServicer,
	}
	if m.SendTime > 0 {
		in.SentAt = time.Unix(m.SendTime, 0)
	}
	in.Preview = "[" + m.MsgType + "]"
	if m.MsgType == "text" {
		in.Preview = mp.TruncateRunes(in.Text, 80)
	}
	if ev := m.Event; ev != nil {
		applyEvent(&in, ev)
	}
	return in
}

// applyEvent records what an event means for the desk.
func applyEvent(in *channel.Inbound, ev *wecomkf.Event) {
	in.Preview = "[" + ev.EventType + "]"
	switch ev.EventType {
	case wecomkf.EventEnterSession:
		in.Scene = entryScene(ev.Scene, ev.SceneParam)
		in.WelcomeCode = ev.WelcomeCode
	case wecomkf.EventMsgSendFail:
		in.FailedMsgID = ev.FailMsgID
		in.FailReason = failReason(ev.FailType)
		in.FailWindowClosed = ev.WindowClosed()
	case wecomkf.EventUserRecallMsg:
		in.RecalledMsgID = ev.RecallMsgID
	}
}

// failReasons words msg_send_fail's fail_type for agents (wecom-kf.md §4).
var failReasons = map[int]string{
	0:  "未知原因 / unknown reason",
	1:  "客服账号已删除 / the kf account was deleted",
	2:  "应用已关闭 / the app was closed",
	4:  "会话已过期，超过48小时 / the session expired (over 48 h)",
	5:  "会话已关闭 / the session was closed",
	6:  "超过5条限制 / over the 5-message limit",
	8:  "主体未验证 / the corp is not verified",
	10: "用户拒收 / the customer refuses messages",
	11: "企业未有成员登录企业微信App（排查方法：企业至少一个成员通过手机号验证/微信授权登录企业微信App即可）/ no member of the corp has signed in to the WeCom app",
	12: "发送的消息为客服组件禁发的消息类型 / this message type is not allowed",
}

func failReason(t int) string {
	if r, ok := failReasons[t]; ok {
		return "微信客服未能送达：" + r
	}
	return "微信客服未能送达 / WeCom could not deliver the message"
}

// maxSceneField is the size of conversations.scene.
const maxSceneField = 128

// entryScene is what a conversation keeps of its entry: the contact link's
// scene, and "#" and the scene_param appended to the link when there was
// one, cut to the field's size on a rune boundary.
func entryScene(scene, param string) string {
	if param == "" {
		return scene
	}
	s := scene + "#" + param
	for len(s) > maxSceneField {
		r := []rune(s)
		s = string(r[:len(r)-1])
	}
	return s
}
