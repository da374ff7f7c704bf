package views

import (
	"fmt"
	"strings"
)

// KFText is the inbox text of the 微信客服 channel and of the channel
// license: badges, entry scenes, kf message types and events, the license
// notice on conversations and the supervisors' expiry bar.
type KFText struct {
	// Account labels the kf account badge ("客服账号").
	Account string
	// Scenes names the contact-link scenes WeDesk asks add_contact_way for.
	Scenes map[string]string
	// SceneParam prefixes the scene_param appended to a contact link.
	SceneParam string
	// Labels names kf message types shown as cards.
	Labels map[string]string
	// MenuClick marks a text that is a click on a menu item (with its menu_id).
	MenuClick string
	// Events words kf events shown as system lines; "other" is the fallback.
	Events map[string]string
	// ChannelsSub names the channels message sub_type (1 feed, 2 live, 3 card).
	ChannelsSub map[string]string
	// FailTypes words msg_send_fail's fail_type.
	FailTypes map[string]string
	// SessionChanges words session_status_change's change_type.
	SessionChanges map[string]string
	// RejectOn and RejectOff word the reject switch being turned on or off.
	RejectOn, RejectOff string

	// LicenseExpiring: days left, last day (the conversation's notice).
	LicenseExpiring string
	// LicenseExpired: the day the cover ended.
	LicenseExpired string
	// AlertExpiring: channels, days left, last day (the supervisors' bar).
	AlertExpiring string
	// AlertExpired: channels, the day the cover ended.
	AlertExpired string
	// AlertManage links to the admin license page; AlertDismiss hides the bar.
	AlertManage, AlertDismiss string
	// BadgeExpiring and BadgeExpired are the short license badges of list rows.
	BadgeExpiring, BadgeExpired string
}

// kfZH is the Chinese KFText.
var kfZH = KFText{
	Account: "客服账号",
	Scenes: map[string]string{
		"channels": "视频号", "mp": "公众号", "miniapp": "小程序", "web": "网页", "app": "App",
		"search": "搜一搜", "pay": "支付凭证",
	},
	SceneParam: "参数",
	Labels: map[string]string{
		"business_card": "名片", "miniprogram": "小程序", "msgmenu": "菜单消息",
		"channels_shop_product": "视频号商品", "channels_shop_order": "视频号订单", "merged_msg": "聊天记录",
		"channels": "视频号", "note": "笔记",
	},
	MenuClick:   "点击菜单",
	ChannelsSub: map[string]string{"1": "动态", "2": "直播", "3": "名片"},
	FailTypes: map[string]string{
		"0": "未知原因", "1": "客服账号已删除", "2": "应用已关闭", "4": "会话已过期（超过 48 小时）", "5": "会话已关闭",
		"6": "超过 5 条限制", "8": "主体未验证", "10": "客户已拒收", "11": "企业无成员登录企业微信", "12": "消息类型被禁止",
	},
	SessionChanges: map[string]string{"1": "接待人员从排队中接入", "2": "会话被转接", "3": "接待人员结束了会话", "4": "接待人员重新接入"},
	RejectOn:       "接待人员拒收该客户的消息", RejectOff: "接待人员取消拒收",
	Events: map[string]string{
		"enter_session": "客户进入会话", "msg_send_fail": "消息发送失败", "user_recall_msg": "客户撤回了一条消息",
		"servicer_recall_msg": "接待人员撤回了一条消息", "servicer_status_change": "接待人员状态变更",
		"session_status_change": "会话状态变更", "reject_customer_msg_switch_change": "拒收客户消息设置变更",
		"other": "事件",
	},
	LicenseExpiring: "许可即将到期：还剩 %d 天（最后一天 %s）。请尽快续订，到期后将无法回复客户。",
	LicenseExpired:  "许可已于 %s 过期：在许可生效前，回复将被拒绝（客户的消息仍会照常接收）。",
	AlertExpiring:   "%s 的许可还剩 %d 天到期（最后一天 %s）。",
	AlertExpired:    "%s 的许可已于 %s 过期，回复已停用。",
	AlertManage:     "管理许可", AlertDismiss: "关闭",
	BadgeExpiring: "许可即将到期", BadgeExpired: "许可已过期",
}

// kfEN is the English KFText.
var kfEN = KFText{
	Account: "kf account",
	Scenes: map[string]string{
		"channels": "Channels", "mp": "Official Account", "miniapp": "Mini Program", "web": "Website", "app": "App",
		"search": "WeChat Search", "pay": "Payment receipt",
	},
	SceneParam: "param",
	Labels: map[string]string{
		"business_card": "Contact card", "miniprogram": "Mini Program", "msgmenu": "Menu",
		"channels_shop_product": "Channels shop product", "channels_shop_order": "Channels shop order",
		"merged_msg": "Chat history", "channels": "Channels", "note": "Note",
	},
	MenuClick:   "menu click",
	ChannelsSub: map[string]string{"1": "post", "2": "live", "3": "profile"},
	FailTypes: map[string]string{
		"0": "unknown reason", "1": "the kf account was deleted", "2": "the app was closed",
		"4": "the session expired (over 48 h)", "5": "the session was closed", "6": "over the 5-message limit",
		"8": "the corp is not verified", "10": "the customer refuses messages",
		"11": "no member has signed in to the WeCom app", "12": "this message type is not allowed",
	},
	SessionChanges: map[string]string{"1": "a servicer took it from the queue", "2": "it was transferred",
		"3": "a servicer ended it", "4": "a servicer re-entered it"},
	RejectOn: "a servicer rejects this customer's messages", RejectOff: "a servicer stopped rejecting this customer",
	Events: map[string]string{
		"enter_session": "The customer entered the session", "msg_send_fail": "A message could not be delivered",
		"user_recall_msg": "The customer recalled a message", "servicer_recall_msg": "A servicer recalled a message",
		"servicer_status_change": "A servicer's status changed", "session_status_change": "The session's state changed",
		"reject_customer_msg_switch_change": "Rejecting this customer's messages was switched",
		"other":                             "Event",
	},
	LicenseExpiring: "License expiring: %d days left (last day %s). Renew soon: replies stop when it expires.",
	LicenseExpired:  "License expired on %s: replies are refused until a license is active (customers' messages are still received).",
	AlertExpiring:   "The license of %s expires in %d days (last day %s).",
	AlertExpired:    "The license of %s expired on %s; replies are disabled.",
	AlertManage:     "Manage licenses", AlertDismiss: "Dismiss",
	BadgeExpiring: "License expiring", BadgeExpired: "License expired",
}

// SceneOf names a contact-link entry scene ("scene" or "scene#param"), and
// reports whether it is one.
func (k KFText) SceneOf(s string) (string, bool) {
	scene, param, _ := strings.Cut(s, "#")
	name, ok := k.Scenes[scene]
	if !ok {
		return "", false
	}
	if param != "" {
		name += " · " + k.SceneParam + " " + param
	}
	return name, true
}

// EventOf words a kf event for its system line.
func (k KFText) EventOf(eventType string) string {
	if s, ok := k.Events[eventType]; ok {
		return s
	}
	return k.Events["other"] + " " + eventType
}

// Expiring words the conversation notice for a cover ending soon.
func (k KFText) Expiring(daysLeft int, lastDay string) string {
	return fmt.Sprintf(k.LicenseExpiring, daysLeft, lastDay)
}

// Expired words the conversation notice for a lapsed cover.
func (k KFText) Expired(since string) string { return fmt.Sprintf(k.LicenseExpired, since) }
