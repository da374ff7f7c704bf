package views

// PolishText holds the texts of the first-run, customer-face and
// quick-reply features (issue 10), kept apart from Text so that parallel
// work on the inbox merges cleanly. Text.Polish holds it.
type PolishText struct {
	// SuperuserLogin answers a dashboard admin who signs in at /inbox.
	SuperuserLogin string
	// AdminHint and AdminLink tell on the login page where agents come from.
	AdminHint, AdminLink string

	Remark, RemarkPlaceholder, RemarkHelp, NoCustomer, NoCustomerHelp string

	QuickReplyTitle, QuickReplySearch, QuickReplyNone, QuickReplyManage string
	QuickReplyKeyword, QuickReplyText, QuickReplyScope, QuickReplyAdd   string
	QuickReplyDelete, ScopeTeam, ScopePersonal, ScopeChannel, Close     string

	Back, ShowCustomer, FailedHelp string
}

var polishZH = PolishText{
	SuperuserLogin: "这是 WeDesk 的管理员（superuser）账号，不能登录客服收件箱：管理员在 /_/ 管理 WeDesk，" +
		"客服是单独的账号列表。请打开 /_/ → agents → New record，填写邮箱、密码和姓名添加客服，再用客服账号登录这里。",
	AdminHint: "还没有客服账号？管理员在后台添加：", AdminLink: "/_/ → agents → New record",
	Remark: "备注名", RemarkPlaceholder: "例如：王女士（批发）", RemarkHelp: "只有客服能看到，列表和搜索都会用到。",
	NoCustomer: "未选择客户", NoCustomerHelp: "打开左侧的会话，这里会显示客户资料、标签和备注。",
	QuickReplyTitle: "快捷回复", QuickReplySearch: "搜索关键词或内容", QuickReplyNone: "没有匹配的快捷回复",
	QuickReplyManage: "管理", QuickReplyKeyword: "关键词", QuickReplyText: "回复内容", QuickReplyScope: "范围",
	QuickReplyAdd: "添加", QuickReplyDelete: "删除", ScopeTeam: "全团队", ScopePersonal: "仅自己",
	ScopeChannel: "仅当前渠道", Close: "关闭",
	Back: "返回", ShowCustomer: "客户资料", FailedHelp: "发送失败",
}

var polishEN = PolishText{
	SuperuserLogin: "This is a WeDesk admin (superuser) account, which cannot sign in to the agent inbox: admins manage " +
		"WeDesk at /_/, and agents are a separate list. Open /_/ → agents → New record, enter an email, password and " +
		"name to add an agent, then sign in here as that agent.",
	AdminHint: "No agent account yet? An admin adds one in the dashboard:", AdminLink: "/_/ → agents → New record",
	Remark: "Remark name", RemarkPlaceholder: "e.g. Ms Wang (wholesale)", RemarkHelp: "Seen by agents only; used in the list and in search.",
	NoCustomer: "No customer selected", NoCustomerHelp: "Open a conversation on the left to see the customer's profile, tags and notes.",
	QuickReplyTitle: "Quick replies", QuickReplySearch: "Search keyword or text", QuickReplyNone: "No matching quick reply",
	QuickReplyManage: "Manage", QuickReplyKeyword: "Keyword", QuickReplyText: "Reply text", QuickReplyScope: "Scope",
	QuickReplyAdd: "Add", QuickReplyDelete: "Delete", ScopeTeam: "Whole team", ScopePersonal: "Only me",
	ScopeChannel: "This channel only", Close: "Close",
	Back: "Back", ShowCustomer: "Customer", FailedHelp: "Not sent",
}
