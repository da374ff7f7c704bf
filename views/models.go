// Package views renders WeDesk's agent inbox with templ. Pages take the
// view-model structs declared here, built by the hooks package from
// records; templates never see a request or a record, and every piece of
// text comes from a Text (i18n_zh.go, i18n_en.go).
package views

//go:generate go tool templ generate -path .

// Assets are the content-hashed URLs of the static files a page loads.
type Assets struct {
	CSS, Script, Reply, HTMX, PocketBase string
	// Rules is the sending/media rules script; AMR the vendored decoder.
	Rules, AMR string
	// Polish and PolishJS are the polish stylesheet and script; Favicon the icon.
	Polish, PolishJS, Favicon string
	// Assist is the smart-assist panel's script (static/js/assist.js).
	Assist string
}

// Me is the signed-in agent as the page shows them.
type Me struct {
	ID, Name, Status string
	Supervisor       bool
}

// Frame is what every signed-in page carries: language, agent, CSRF token
// for forms and the API token the page's script uses for realtime and sending.
type Frame struct {
	T      *Text
	Title  string
	Me     Me
	CSRF   string
	Token  string
	Assets Assets
	// LicenseAlerts is the supervisors' license bar (empty for agents).
	LicenseAlerts []LicenseAlert
}

// LoginPage is the sign-in form.
type LoginPage struct {
	T      *Text
	CSRF   string
	Email  string
	Error  string
	Assets Assets
}

// Tab names a conversation list.
const (
	TabMine   = "mine"
	TabQueue  = "queue"
	TabAll    = "all"
	TabClosed = "closed"
)

// TabCounts are the badges on the list tabs.
type TabCounts struct {
	Mine, MineUnread, Queue, All int
}

// ClosedSearch is the closed list's search form.
type ClosedSearch struct {
	Query, From, To string
}

// ConversationRow is one line of a conversation list.
type ConversationRow struct {
	ID, URL                     string
	Name, Avatar, Preview       string
	Channel, Scene              string
	Account                     string // the 微信客服 account that received it
	When                        string // clock time or date of the last message
	Waiting                     string // queue: how long the customer has waited
	VIP, Selected               bool
	Unread                      int
	LicenseNotice               string // shown as a badge when a channel's license has lapsed
	StateLabel, ClosedAt, Agent string
	Queue                       string // queue list: the queue's name
	Position                    int    // queue list: 1-based place in its queue
	NeedsReassign               bool   // all list: its agent is offline
	Face                        Face   // label, id tail and avatar
}

// ConversationList is a tab of the inbox with its rows.
type ConversationList struct {
	Tab        string
	Supervisor bool
	Counts     TabCounts
	Rows       []ConversationRow
	Search     ClosedSearch
	// MoreURL fetches the next page of rows; empty on the last page.
	MoreURL string
	// SelectedID is the open conversation, highlighted in the list.
	SelectedID string
	// Routing is the load and team panel, refreshed with the list.
	Routing RoutingPanel
}

// InboxPage is the whole inbox: lists on the left, a conversation (or a
// placeholder) in the middle, the customer on the right.
type InboxPage struct {
	Frame
	List         ConversationList
	Conversation *ConversationView
}

// ConversationView is one open conversation.
type ConversationView struct {
	ID, State, StateLabel string
	Title, Channel, Scene string
	Account               string // the 微信客服 account that received it
	VIP                   bool
	CanClaim, CanEnd      bool
	// CanTakeOver: a supervisor on another agent's conversation.
	CanTakeOver bool
	// Transfer is the transfer dialog; nil when the agent may not transfer.
	Transfer          *TransferView
	CanReply          bool
	Banner            string // why the reply box is not there (closed, queued, someone else's)
	LicenseNotice     string
	Messages          MessagePage
	Budget            BudgetView
	Customer          CustomerView
	EndMessageDefault string
	Rules             ConversationRules
}

// MessagePage is a run of messages, oldest first, with the link to the
// run before it.
type MessagePage struct {
	ConversationID string
	Items          []MessageView
	// OlderURL loads the previous page; empty when the history starts here.
	OlderURL string
}

// MessageView is one message as the conversation shows it.
type MessageView struct {
	ID           string
	Seq          int64
	Kind         string // text, image, voice, video, file, location, link, miniprogram, card, event
	Out          bool   // sent by the desk
	Internal     bool
	Author       string
	Time         string
	Text         string
	Status       string // pending, sent, failed (outbound only)
	StatusLabel  string
	Error        string
	RetryURL     string // set on failed outbound messages the agent may retry
	MediaURL     string
	ThumbURL     string
	DownloadURL  string
	MediaMissing bool // the media has not arrived (yet) or failed to download
	Playable     bool // voice the browser can play (converted on the server when needed)
	FileName     string
	FileSize     string
	Title        string
	Description  string
	LinkURL      string
	MapURL       string
	Lat, Lon     string
	Rules        MessageRules
}

// BudgetView is the send budget line and, when closed, the lock banner.
type BudgetView struct {
	ConversationID string
	Open           bool
	Line           string // "还可发送 3 条 · 剩余 41 小时"
	LockReason     string
	LockReopens    string
}

// CustomerView is the customer panel.
type CustomerView struct {
	ID, Nickname, Avatar, OpenID, UnionID string
	Channel, Scene, Owner, Notes          string
	VIP                                   bool
	Tags                                  []string
	TagsText                              string
	Past                                  []PastConversation
	Saved                                 bool
	CSRF                                  string
	T                                     *Text
	Remark                                string
	Face                                  Face
}

// PastConversation is a line of the customer's history.
type PastConversation struct {
	URL, Opened, State, Preview string
}
