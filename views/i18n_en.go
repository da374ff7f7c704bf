package views

// en is the inbox in English.
var en = Text{
	Lang: "en", HTMLLang: "en", OtherLang: "zh", OtherLangName: "中文",

	AppName: "WeDesk", Inbox: "Inbox", Login: "Sign in", Logout: "Sign out", Email: "Email", Password: "Password",
	LoginFailed: "Wrong email or password.", LoginTitle: "Agent sign-in",
	CSRFFailed: "The page has expired; reload it and try again.", Forbidden: "You may not see this conversation.",
	NotFound: "Not found.",

	TabMine: "Mine", TabQueue: "Queue", TabAll: "All", TabClosed: "Closed",
	NoConversations: "No conversations", SelectConversation: "Pick a conversation on the left",
	Search: "Search", SearchPlaceholder: "Remark, nickname, part of the OpenID, tag or message text", DateFrom: "From", DateTo: "To",
	Waiting: "waiting", Unread: "unread", VIP: "VIP",

	StatusOnline: "Online", StatusSuspended: "On a break", StatusOffline: "Offline", MyStatus: "My status",

	Claim: "Claim", End: "End conversation", EndMessage: "End message",
	EndMessageDefault: "Thank you for contacting us. Have a nice day!",
	EndConfirm:        "End this conversation?", Retry: "Retry",
	Pending: "Sending", Sent: "Sent", Failed: "Failed", Received: "Received", InternalNote: "Internal note", Note: "Note",
	LoadOlder: "Load older messages", NoOlder: "No older messages", Download: "Download", OpenMap: "Open in map",
	OpenLink: "Open link", MiniProgram: "Mini program",
	VoiceNoPlayer: "Your browser cannot play this voice message; download it instead.",
	ClosedBanner:  "This conversation has ended. A new one opens when the customer writes again.",
	QueuedBanner:  "This conversation is queued; claim it to reply.",
	OthersBanner:  "Another agent is serving this conversation.",

	ReplyPlaceholder: "Type a reply — Enter sends, Shift+Enter adds a line",
	NotePlaceholder:  "Internal note — agents only, never sent to the customer",
	Send:             "Send", Emoji: "Emoji", Attach: "Image / file", QuickReplies: "Quick replies",
	UploadFailed: "Upload failed", SendFailed: "Sending failed",

	BudgetOpen:     "%d more messages · %d hours left",
	LockNoCustomer: "The customer has not written yet; WeChat only allows replies to customer messages.",
	LockExpired:    "More than 48 hours have passed since the customer's last message.",
	LockQuota:      "%d messages have been sent since the customer's last message, the most WeChat allows.",
	LockReopens:    "Sending reopens as soon as the customer writes again.",

	Customer: "Customer", Nickname: "Nickname", UnionID: "UnionID", OpenID: "OpenID", Owner: "Owner", NoOwner: "none",
	Tags: "Tags", TagsHelp: "separated by commas", Scene: "Entry scene", PastConversations: "Past conversations",
	Notes: "Internal notes", NotesHelp: "agents only, never sent to the customer", Save: "Save", Channel: "Channel",
	Saved: "Saved",

	JustNow: "under a minute", Minutes: "%d min", Hours: "%d h", Days: "%d d",

	Mute: "Mute", Unmute: "Unmute", NotifyNewConversation: "New conversation", NotifyNewMessage: "New message",
	Reconnecting: "Connection lost, reconnecting…",

	Preview: map[string]string{
		"image": "[Image]", "voice": "[Voice]", "video": "[Video]", "shortvideo": "[Short video]",
		"location": "[Location]", "link": "[Link]", "file": "[File]", "miniprogrampage": "[Mini program]",
		"event": "[Event]", "news": "[Article]", "msgmenu": "[Menu]",
	},
	Events: map[string]string{
		"subscribe": "The customer followed the account", "unsubscribe": "The customer unfollowed the account",
		"SCAN": "The customer scanned a QR code", "CLICK": "The customer tapped a menu",
		"VIEW": "The customer opened a menu link", "LOCATION": "The customer shared their location",
		"other": "Event",
	},
	QRScene: "QR code",
	Scenes: map[string]string{
		"ADD_SCENE_SEARCH": "Account search", "ADD_SCENE_ACCOUNT_MIGRATION": "Account migration",
		"ADD_SCENE_PROFILE_CARD": "Shared profile card", "ADD_SCENE_QR_CODE": "QR code scan",
		"ADD_SCENE_PROFILE_LINK": "Article name link", "ADD_SCENE_PROFILE_ITEM": "Article menu",
		"ADD_SCENE_PAID": "After payment", "ADD_SCENE_WECHAT_ADVERTISEMENT": "WeChat ads", "ADD_SCENE_REPRINT": "Reprint",
		"ADD_SCENE_LIVESTREAM": "Channels live", "ADD_SCENE_CHANNELS": "Channels", "ADD_SCENE_WXA": "Mini program",
		"ADD_SCENE_OTHERS": "Other",
	},
	States:  map[string]string{"bot": "Bot", "queued": "Queued", "active": "Active", "closed": "Closed"},
	KF:      kfEN,
	Routing: routingEn,
	Polish:  polishEN,
}
