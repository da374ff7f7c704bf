package pb_migrations

import "github.com/pocketbase/pocketbase/core"

// applyHelp sets the dashboard's help text of each named field that has
// none yet, so that every WeDesk field says what it is for.
func applyHelp(c *core.Collection, help map[string]string) {
	for name, text := range help {
		f := c.Fields.GetByName(name)
		if f == nil {
			continue
		}
		switch tf := f.(type) {
		case *core.TextField:
			setHelp(&tf.Help, text)
		case *core.SelectField:
			setHelp(&tf.Help, text)
		case *core.NumberField:
			setHelp(&tf.Help, text)
		case *core.BoolField:
			setHelp(&tf.Help, text)
		case *core.DateField:
			setHelp(&tf.Help, text)
		case *core.RelationField:
			setHelp(&tf.Help, text)
		case *core.JSONField:
			setHelp(&tf.Help, text)
		case *core.URLField:
			setHelp(&tf.Help, text)
		case *core.FileField:
			setHelp(&tf.Help, text)
		case *core.EmailField:
			setHelp(&tf.Help, text)
		}
	}
}

func setHelp(dst *string, text string) {
	if *dst == "" {
		*dst = text
	}
}

var agentHelp = map[string]string{
	"name":  "Shown to other agents and in the transfer list.",
	"lang":  "Inbox language: zh (default) or en. Agents switch it themselves.",
	"email": "The agent signs in to /inbox with this email and the password.",
}

var channelHelp = map[string]string{
	"name":        "Your name for this account, shown to agents (e.g. 门店公众号).",
	"kind":        "wechat_mp: an Official Account (公众号). wecom_kf: WeCom's 微信客服.",
	"app_id":      "wechat_mp: 开发者ID(AppID), \"wx\" + 16 letters/digits. wecom_kf: 企业ID(CorpID), \"ww\" (or old \"wx\") + 16 letters/digits.",
	"secret":      "wechat_mp: 开发者密码(AppSecret). wecom_kf: the Secret of 微信客服. Only superusers can read it back.",
	"token":       "令牌(Token): 3–32 letters and digits, the same as in WeChat's console.",
	"aes_key":     "消息加解密密钥(EncodingAESKey): exactly 43 characters (letters, digits, + or /), as generated in WeChat's console. Safe mode (安全模式) only.",
	"enabled":     "Accept callbacks and send replies. Needs secret, token and aes_key.",
	"api_base":    "Empty means WeChat's real hosts. Point at the simulator for tests and demos.",
	"original_id": "The account's original id (gh_...), filled from the first callback.",
	"send_quota":  "Messages allowed per customer message (WeChat: 5). 0 means the default.",
}

var customerHelp = map[string]string{
	"channel":        "The account the customer writes to.",
	"external_id":    "WeChat's id of the customer in this account: openid (公众号) or external_userid (微信客服).",
	"unionid":        "The same person across your accounts, when WeChat gives it.",
	"nickname":       "WeChat nickname, where WeChat still gives it (微信客服 does; Official Accounts mostly do not).",
	"avatar":         "Avatar URL from WeChat; empty means the inbox draws initials.",
	"vip":            "VIP customers jump the queue.",
	"owner":          "The agent who usually serves this customer; routing prefers them.",
	"tags":           "A JSON list of tags, e.g. [\"wholesale\",\"返单\"]; searchable in the inbox.",
	"blocked_until":  "Blocked (拒收) until this time: messages are stored but not routed.",
	"scene":          "Where the customer came from (QR code scene, 视频号, 小程序 …).",
	"notes":          "Agents' notes, never shown to the customer.",
	"info_synced_at": "When WeDesk last asked WeChat for the profile.",
}

var conversationHelp = map[string]string{
	"customer":         "The customer of this conversation.",
	"state":            "bot → queued → active → closed.",
	"agent":            "The agent serving it; empty while queued.",
	"last_preview":     "The last message, shortened for the inbox list.",
	"unread":           "Customer messages the agent has not read yet.",
	"close_reason":     "Why it ended: agent, timeout, customer, transfer …",
	"channel":          "The account the conversation happens on.",
	"opened_at":        "When the customer's first message of this conversation arrived.",
	"closed_at":        "When it ended; empty while open.",
	"last_customer_at": "When the customer last wrote: WeChat's 48 h reply window counts from here.",
	"last_message_at":  "When the last message came or went; the inbox lists sort by it.",
	"scene":            "Where this conversation started (menu, QR code, 视频号 …).",
}

var messageHelp = map[string]string{
	"conversation":    "The conversation this message belongs to.",
	"direction":       "in: from the customer; out: to the customer.",
	"sender":          "customer, agent, bot or system.",
	"type":            "text, image, voice, video, file, location, link, event …",
	"text":            "The text, or a description of other types.",
	"status":          "received, pending (in the outbox), sent or failed.",
	"error":           "Why sending failed, in WeChat's words.",
	"media":           "The stored image, voice, video or file.",
	"payload":         "The type's details (location, link, mini program …) as JSON.",
	"agent":           "The agent who wrote an outgoing message.",
	"wechat_msgid":    "WeChat's id of the message, for deduplication and recalls.",
	"dedup_key":       "WeDesk's key that stores each callback exactly once. Do not edit.",
	"seq":             "Order within the conversation, increasing in commit order. Do not edit.",
	"attempts":        "How often the outbox tried to send it.",
	"next_attempt_at": "When the outbox tries again.",
	"sent_at":         "When WeChat accepted it.",
	"media_state":     "none, pending (being downloaded from WeChat), stored or failed.",
}

var kfAccountHelp = map[string]string{
	"name":    "The 微信客服 account's name as set in WeCom.",
	"avatar":  "The account's avatar URL from WeCom.",
	"channel": "The 微信客服 channel this account belongs to.",
}
