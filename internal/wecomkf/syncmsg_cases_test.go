package wecomkf

// syncCases is what each message of testdata/sync_msg.json must decode to.
// pick selects the typed body (nil: no body expected).
var syncCases = []struct {
	msgid   string
	msgType string
	origin  int
	pick    func(*Message) any
	want    any
	text    string
	mediaID string
}{
	{"from_msgid_4622416642169452483", "text", 3, func(m *Message) any { return m.TextBody },
		&Text{Content: "你好，我想咨询订单"}, "你好，我想咨询订单", ""},
	{"from_msgid_menu_click", "text", 3, func(m *Message) any { return m.TextBody },
		&Text{Content: "满意", MenuID: "101"}, "满意", ""},
	{"from_msgid_image", "image", 3, func(m *Message) any { return m.Image },
		&MediaRef{MediaID: "2iSLeVyqzk4eX0IB5kTi9Ljfa2rt9dwfq5WKRQ4Nvvgw"}, "[图片]", "2iSLeVyqzk4eX0IB5kTi9Ljfa2rt9dwfq5WKRQ4Nvvgw"},
	{"from_msgid_voice", "voice", 3, func(m *Message) any { return m.Voice },
		&MediaRef{MediaID: "voice_media_id"}, "[语音]", "voice_media_id"},
	{"from_msgid_video", "video", 3, func(m *Message) any { return m.Video },
		&MediaRef{MediaID: "video_media_id"}, "[视频]", "video_media_id"},
	{"from_msgid_file", "file", 3, func(m *Message) any { return m.File },
		&MediaRef{MediaID: "file_media_id"}, "[文件]", "file_media_id"},
	{"from_msgid_location", "location", 3, func(m *Message) any { return m.Location },
		&Location{Latitude: 23.106021881103501, Longitude: 113.320503234863, Name: "广州国际媒体港(广州市海珠区)", Address: "广东省广州市海珠区滨江东路"},
		"[位置] 广州国际媒体港(广州市海珠区) 广东省广州市海珠区滨江东路", ""},
	{"from_msgid_link", "link", 3, func(m *Message) any { return m.Link },
		&Link{Title: "如何使用微信客服", Desc: "微信客服使用指南", URL: "https://work.weixin.qq.com/kf/guide", PicURL: "https://wework.qpic.cn/wwpic/cover.png"},
		"[链接] 如何使用微信客服 微信客服使用指南 https://work.weixin.qq.com/kf/guide", ""},
	{"from_msgid_card", "business_card", 3, func(m *Message) any { return m.BusinessCard },
		&BusinessCard{UserID: "zhangsan"}, "[名片] zhangsan", ""},
	{"from_msgid_miniprogram", "miniprogram", 3, func(m *Message) any { return m.MiniProgram },
		&MiniProgram{AppID: "wx8bd80126147dfAAA", Title: "欢迎报名夏令营", PagePath: "pages/index/index", ThumbMediaID: "MEDIA_ID"},
		"[小程序] 欢迎报名夏令营", ""},
	{"servicer_msgid_menu", "msgmenu", 5, func(m *Message) any { return m.MsgMenu },
		&Menu{HeadContent: "您对本次服务是否满意呢? ", TailContent: "欢迎再次光临", List: []MenuItem{
			{Type: "click", Click: &MenuClick{ID: "101", Content: "满意"}},
			{Type: "view", View: &MenuView{URL: "https://work.weixin.qq.com", Content: "查看详情"}},
			{Type: "miniprogram", MiniProgram: &MenuMiniProgram{AppID: "wx123123123123123", PagePath: "pages/index?userid=zhangsan&orderid=123123123", Content: "打开小程序"}},
			{Type: "text", Text: &MenuText{Content: "纯文本行"}},
		}},
		"您对本次服务是否满意呢?\n满意\n查看详情\n打开小程序\n纯文本行\n欢迎再次光临", ""},
	{"from_msgid_product", "channels_shop_product", 3, func(m *Message) any { return m.ChannelsShopProduct },
		&ChannelsShopProduct{ProductID: "10000001", HeadImage: "https://example.com/p.jpg", Title: "保温杯", SalesPrice: "9900", ShopNickname: "杯子小店", ShopHeadImage: "https://example.com/s.jpg"},
		"[视频号商品] 保温杯 杯子小店", ""},
	{"from_msgid_order", "channels_shop_order", 3, func(m *Message) any { return m.ChannelsShopOrder },
		&ChannelsShopOrder{OrderID: "3705115058471208928", ProductTitles: "保温杯,杯套", PriceWording: "¥109.00", State: "待发货", ImageURL: "https://example.com/o.jpg", ShopNickname: "杯子小店"},
		"[视频号订单] 保温杯,杯套 ¥109.00", ""},
	{"from_msgid_merged", "merged_msg", 3, func(m *Message) any { return m.MergedMsg },
		&MergedMsg{Title: "群聊的聊天记录", Item: []MergedItem{
			{SendTime: 1615478500, MsgType: "text", SenderName: "张三", MsgContent: `{"text":{"content":"订单号 123"}}`},
			{SendTime: 1615478501, MsgType: "image", SenderName: "李四", MsgContent: `{"image":{"media_id":"merged_image_media"}}`},
		}},
		"[聊天记录] 群聊的聊天记录\n张三: 订单号 123\n李四: [图片]", ""},
	{"from_msgid_channels", "channels", 3, func(m *Message) any { return m.Channels },
		&Channels{SubType: ChannelsFeed, Nickname: "视频号作者", Title: "视频号动态标题"}, "[视频号] 视频号作者 视频号动态标题", ""},
	{"from_msgid_note", "note", 3, nil, nil, "[笔记]", ""},
	{"event_enter_session", "event", 4, func(m *Message) any { return m.Event },
		&Event{EventType: EventEnterSession, OpenKfID: testOpenKfID, ExternalUserID: testUser, Scene: "123", SceneParam: "abc",
			WelcomeCode: "aaaaaa", WechatChannels: &WechatChannels{Nickname: "进入视频号", Scene: 1}}, "", ""},
	{"event_send_fail", "event", 4, func(m *Message) any { return m.Event },
		&Event{EventType: EventMsgSendFail, OpenKfID: testOpenKfID, ExternalUserID: testUser, FailMsgID: "wedesk_out_42", FailType: FailSessionExpired}, "", ""},
	{"event_servicer_status", "event", 4, func(m *Message) any { return m.Event },
		&Event{EventType: EventServicerStatusChange, OpenKfID: testOpenKfID, ServicerUserID: "zhangsan", Status: 2, StopType: 1}, "", ""},
	{"event_session_status", "event", 4, func(m *Message) any { return m.Event },
		&Event{EventType: EventSessionStatusChange, OpenKfID: testOpenKfID, ExternalUserID: testUser, ChangeType: ChangeFromQueue,
			NewServicerUserID: "zhangsan", MsgCode: "MSG_CODE_1"}, "", ""},
	{"event_user_recall", "event", 4, func(m *Message) any { return m.Event },
		&Event{EventType: EventUserRecallMsg, OpenKfID: testOpenKfID, ExternalUserID: testUser, RecallMsgID: "from_msgid_4622416642169452483"}, "", ""},
	{"event_servicer_recall", "event", 4, func(m *Message) any { return m.Event },
		&Event{EventType: EventServicerRecallMsg, OpenKfID: testOpenKfID, ExternalUserID: testUser, RecallMsgID: "servicer_msgid_menu", ServicerUserID: "lisi"}, "", ""},
	{"event_reject_switch", "event", 4, func(m *Message) any { return m.Event },
		&Event{EventType: EventRejectCustomerMsgSwitch, OpenKfID: testOpenKfID, ExternalUserID: testUser, ServicerUserID: "lisi", RejectSwitch: 1}, "", ""},
	{"from_msgid_future", "sticker", 3, nil, nil, "[sticker]", ""},
}
