package views

// zh is the inbox in Simplified Chinese, the default.
var zh = Text{
	Lang: "zh", HTMLLang: "zh-CN", OtherLang: "en", OtherLangName: "English",

	AppName: "WeDesk 客服台", Inbox: "收件箱", Login: "登录", Logout: "退出", Email: "邮箱", Password: "密码",
	LoginFailed: "邮箱或密码不正确。", LoginTitle: "客服登录",
	CSRFFailed: "页面已过期，请刷新后重试。", Forbidden: "你无权查看这个会话。", NotFound: "未找到。",

	TabMine: "我的", TabQueue: "排队", TabAll: "全部", TabClosed: "已结束",
	NoConversations: "暂无会话", SelectConversation: "从左侧选择一个会话",
	Search: "搜索", SearchPlaceholder: "备注名、昵称、OpenID 片段、标签或消息内容", DateFrom: "从", DateTo: "至",
	Waiting: "已等待", Unread: "未读", VIP: "VIP",

	StatusOnline: "在线", StatusSuspended: "小休", StatusOffline: "离线", MyStatus: "我的状态",

	Claim: "接入", End: "结束会话", EndMessage: "结束语", EndMessageDefault: "感谢您的咨询，祝您生活愉快！",
	EndConfirm: "确定结束这个会话？", Retry: "重试",
	Pending: "发送中", Sent: "已发送", Failed: "发送失败", Received: "已收到", InternalNote: "内部备注", Note: "备注",
	LoadOlder: "加载更早的消息", NoOlder: "没有更早的消息了", Download: "下载", OpenMap: "在地图中打开",
	OpenLink: "打开链接", MiniProgram: "小程序",
	VoiceNoPlayer: "浏览器无法播放此语音，请下载收听。",
	ClosedBanner:  "会话已结束。客户再次发消息时会开启新会话。", QueuedBanner: "该会话正在排队，接入后即可回复。",
	OthersBanner: "该会话由其他客服接待。",

	ReplyPlaceholder: "输入回复，Enter 发送，Shift+Enter 换行", NotePlaceholder: "内部备注，仅客服可见，不会发给客户",
	Send: "发送", Emoji: "表情", Attach: "图片/文件", QuickReplies: "快捷回复",
	UploadFailed: "上传失败", SendFailed: "发送失败",

	BudgetOpen:     "还可发送 %d 条 · 剩余 %d 小时",
	LockNoCustomer: "客户尚未发来消息，微信只允许回复客户的消息。",
	LockExpired:    "距客户最后一条消息已超过 48 小时，无法再发送。",
	LockQuota:      "自客户最后一条消息以来已发送 %d 条，已达上限。",
	LockReopens:    "客户再次发来消息后即可恢复发送。",

	Customer: "客户", Nickname: "昵称", UnionID: "UnionID", OpenID: "OpenID", Owner: "专属客服", NoOwner: "无",
	Tags: "标签", TagsHelp: "用逗号分隔", Scene: "来源场景", PastConversations: "历史会话",
	Notes: "内部备注", NotesHelp: "仅客服可见，不会发给客户", Save: "保存", Channel: "渠道", Saved: "已保存",

	JustNow: "不到 1 分钟", Minutes: "%d 分钟", Hours: "%d 小时", Days: "%d 天",

	Mute: "静音", Unmute: "取消静音", NotifyNewConversation: "新会话", NotifyNewMessage: "新消息",
	Reconnecting: "连接已断开，正在重连…",

	Preview: map[string]string{
		"image": "[图片]", "voice": "[语音]", "video": "[视频]", "shortvideo": "[小视频]", "location": "[位置]",
		"link": "[链接]", "file": "[文件]", "miniprogrampage": "[小程序]", "event": "[事件]", "news": "[图文]",
		"msgmenu": "[菜单]",
	},
	Events: map[string]string{
		"subscribe": "客户关注了公众号", "unsubscribe": "客户取消了关注", "SCAN": "客户扫描了二维码",
		"CLICK": "客户点击了菜单", "VIEW": "客户打开了菜单链接", "LOCATION": "客户上报了位置",
		"other": "事件",
	},
	QRScene: "二维码",
	Scenes: map[string]string{
		"ADD_SCENE_SEARCH": "公众号搜索", "ADD_SCENE_ACCOUNT_MIGRATION": "公众号迁移", "ADD_SCENE_PROFILE_CARD": "名片分享",
		"ADD_SCENE_QR_CODE": "扫描二维码", "ADD_SCENE_PROFILE_LINK": "图文页内名称", "ADD_SCENE_PROFILE_ITEM": "图文页右上角菜单",
		"ADD_SCENE_PAID": "支付后关注", "ADD_SCENE_WECHAT_ADVERTISEMENT": "微信广告", "ADD_SCENE_REPRINT": "他人转载",
		"ADD_SCENE_LIVESTREAM": "视频号直播", "ADD_SCENE_CHANNELS": "视频号", "ADD_SCENE_WXA": "小程序关注",
		"ADD_SCENE_OTHERS": "其他",
	},
	States:  map[string]string{"bot": "机器人", "queued": "排队中", "active": "进行中", "closed": "已结束"},
	KF:      kfZH,
	Routing: routingZh,
	Polish:  polishZH,
}
