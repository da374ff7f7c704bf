package wecomkf

// WeCom errcodes the rest of WeDesk reacts to (wecom-kf.md §1, §5.1, §9).
const (
	CodeSystemBusy           = -1    // retry with backoff
	CodeInvalidSecret        = 40001 // wrong corpid/secret pair
	CodeInvalidMediaID       = 40007 // media_id invalid or expired (3 days)
	CodeInvalidCorpID        = 40013
	CodeInvalidToken         = 40014 // access_token invalid: refetch, retry once
	CodeMissingToken         = 41001
	CodeTokenExpired         = 42001 // access_token expired: refetch, retry once
	CodeInvalidParam         = 40058 // invalid parameter; send_msg: also a msgid the account already used
	CodeRateLimited          = 45009 // API call frequency exceeded
	CodeConcurrencyLimit     = 45033 // too many concurrent calls (e.g. media/get)
	CodeAPINotAllowed        = 48002 // the app may not call this API
	CodeAccountNotAuthorized = 48007 // kf account not granted to this app
	CodeUntrustedIP          = 60020 // server IP missing from 企业可信IP
	CodeInvalidOpenKfID      = 95000
	CodeSendCountLimit       = 95001 // 5 messages per customer message used up
	CodeSendTimeLimit        = 95002 // more than 48 h since the customer wrote
	CodeOpenKfIDNotFound     = 95004
	CodeInvalidSyncToken     = 95007 // callback Token invalid/expired (10 min)
	CodeTooManyMenuItems     = 95008
	CodeSessionEnded         = 95013
	CodeNotServicer          = 95014
	CodeStateTransition      = 95016 // service_state/trans move not allowed
	CodeAPIDisabled          = 95017
	CodeSessionStateInvalid  = 95018 // state forbids API sends (human/queued)
	CodeServicerStopped      = 95019
	CodeNoCustomerMessage    = 95024 // [third-party SDK only]
	CodeBusinessCardLimit    = 95025 // [third-party SDK only]
	CodeMsgTypeBanned        = 95030
	CodeNoRecentConsultation = 95031
	CodeMediaNeedsRange      = 830002 // large media must be fetched in Range chunks
)

// errText is the agent-facing explanation of one errcode.
type errText struct{ zh, en string }

// descriptions explains errcodes to agents. Codes missing here fall back
// to WeCom's own errmsg. Marked [sdk] entries come from a third-party SDK
// only (wecom-kf.md §5.1).
var descriptions = map[int]errText{
	-1:     {"企业微信系统繁忙，请稍后重试", "WeCom is busy, retry later"},
	40001:  {"Secret 无效（CorpID 与 Secret 不匹配、Secret 已重置或应用已停用）", "invalid secret: wrong corpid/secret pair, reset secret or disabled app"},
	40004:  {"媒体文件类型不合法", "invalid media file type"},
	40005:  {"上传素材的 type 不合法", "invalid media upload type"},
	40006:  {"媒体文件大小不合法", "invalid media file size"},
	40007:  {"media_id 无效或已过期（临时素材仅保留 3 天）", "media_id invalid or expired (temporary media live 3 days)"},
	40009:  {"图片大小不合法", "invalid image size"},
	40011:  {"视频大小不合法", "invalid video size"},
	40013:  {"CorpID 无效", "invalid CorpID"},
	40014:  {"access_token 不合法", "invalid access_token"},
	41001:  {"缺少 access_token 参数", "access_token missing"},
	42001:  {"access_token 已过期", "access_token expired"},
	44001:  {"上传的媒体文件为空", "empty media file in upload"},
	45001:  {"媒体文件超过大小限制", "media file over the size limit"},
	45007:  {"语音时长超过 60 秒", "voice longer than 60 s"},
	45009:  {"接口调用超过频率限制，请稍后再试", "API call frequency limit exceeded, back off"},
	45033:  {"接口并发调用超过限制，请降低并发", "API concurrency limit exceeded, lower concurrency"},
	48002:  {"应用无权调用此接口", "this app may not call this API"},
	48007:  {"该客服账号未授权给本应用（微信客服 → API 管理）", "kf account not granted to this app (微信客服 → API)"},
	60020:  {"服务器 IP 不在应用的企业可信 IP 中", "server IP is not in the app's trusted IP list"},
	60251:  {"缺少 open_kfid", "open_kfid missing"},
	60252:  {"open_kfid 不合法", "invalid open_kfid"},
	95000:  {"open_kfid 不合法（应使用 wk 开头的 ID，而非 kfc 链接 ID）", "invalid open_kfid (use the wk… id, not the kfc… link id)"},
	95001:  {"发送条数已达上限：客户每发一条消息，最多可回复 5 条", "send quota used up: at most 5 replies per customer message"},
	95002:  {"超过发送时限：只能在客户发消息后 48 小时内回复", "send window closed: replies only within 48 h of the customer's message"},
	95003:  {"可咨询客户数已达上限（企业未认证）", "consultable-customer quota reached (corp not verified)"},
	95004:  {"open_kfid 不存在（已删除或属于其他企业）", "open_kfid does not exist (deleted or another corp's)"},
	95005:  {"客服账号数量超过上限（至少保留 1 个）", "kf account count over limit (keep at least one)"},
	95006:  {"客服账号名称不合法", "invalid kf account name"},
	95007:  {"消息 token 无效或已过期（10 分钟有效）", "sync token invalid or expired (valid 10 minutes)"},
	95008:  {"菜单消息的菜单项超过 10 个", "msgmenu has more than 10 items"},
	95009:  {"菜单消息的菜单项类型不合法", "invalid msgmenu item type"},
	95011:  {"已在企业微信使用微信客服，不能用独立版 Secret 调用", "kf runs inside WeCom; the standalone-kf secret cannot be used"},
	95012:  {"未在企业微信使用微信客服，不能用企业微信 Secret 调用", "kf runs standalone; a WeCom secret cannot be used"},
	95013:  {"会话已结束", "the session has already ended"},
	95014:  {"该成员不是接待人员或未在企业微信激活", "user is not a servicer or not activated in WeCom"},
	95015:  {"管理后台已配置专属服务", "dedicated service already configured in the admin console"},
	95016:  {"不允许这种会话状态变更", "this session state change is not allowed"},
	95017:  {"API 开关已关闭（需在微信客服中授权本应用）", "API switch is off (grant this app under 微信客服)"},
	95018:  {"当前会话状态不允许通过 API 发送（人工接待中、排队中或已超 48 小时）", "session state forbids API sends (human-handled, queued or past 48 h)"},
	95019:  {"接待人员已停止或暂停接待", "servicer has stopped or paused receiving"},
	95021:  {"升级服务的专员或客户群未配置", "upgrade-service member or group chat not configured"},
	95022:  {"location_type 不合法", "invalid location_type"},
	95023:  {"API 权限已授予代开发应用", "API switch already granted to a 代开发 app"},
	95024:  {"客户 48 小时内未主动发消息（点击菜单不算）", "no customer-initiated message within 48 h (menu clicks do not count)"},
	95025:  {"48 小时内最多发送 1 条名片消息", "at most one business card per 48 h"},
	95026:  {"客服账号使用率过低，不能再创建", "kf accounts too little used to create more"},
	95027:  {"未认证企业最多创建 10 个客服账号", "an unverified corp may create only 10 kf accounts"},
	95028:  {"要撤回的消息不存在", "message to recall not found"},
	95029:  {"已超过 2 分钟撤回时限", "recall window (2 minutes) has passed"},
	95030:  {"该消息类型已被客服组件禁止发送", "message type banned by the kf component"},
	95031:  {"客户 48 小时内没有咨询", "customer has not consulted within 48 h"},
	95032:  {"客服组件已失去聊天记录权限", "kf component lost chat-record permission"},
	830002: {"文件过大，需分段（Range）下载", "file too large for one request; download it in Range chunks"},
}
