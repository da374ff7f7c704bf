package wechatsim

import (
	"encoding/json"
	"time"
)

// KFCorp is a WeCom corp whose 微信客服 accounts the simulator serves: the
// self-built app's secret (gettoken) and the callback settings of
// 「微信客服 → API → 回调配置」 (wecom-kf.md §2).
type KFCorp struct {
	CorpID, Secret, Token, EncodingAESKey string
	// CallbackURL receives the kf_msg_or_event callbacks and the URL check.
	CallbackURL string
	// AgentID is put in the callback envelope; empty by default because
	// WeCom may leave it empty and servers must not depend on it.
	AgentID string
}

// Message origins of sync_msg (§4).
const (
	KFOriginCustomer = 3 // the WeChat customer
	KFOriginSystem   = 4 // a system event or message
	KFOriginServicer = 5 // a servicer typing in the WeCom client
)

// Session states of service_state (§7).
const (
	KFStateNew    = 0 // 未处理
	KFStateBot    = 1 // 由智能助手接待 (the API)
	KFStateQueued = 2 // 待接入池排队中
	KFStateHuman  = 3 // 由人工接待
	KFStateEnded  = 4 // 已结束/未开始
)

// KFProfile is what customer/batchget reports about a customer.
type KFProfile struct {
	Nickname string
	Avatar   string
	Gender   int // 0 unknown, 1 male, 2 female
	UnionID  string
}

// KFWeChatChannels is enter_session's wechat_channels object (§4).
type KFWeChatChannels struct {
	Nickname     string `json:"nickname,omitempty"`
	ShopNickname string `json:"shop_nickname,omitempty"`
	Scene        int    `json:"scene"`
}

// KFEnter describes how a customer entered the session (enter_session).
type KFEnter struct {
	Scene, SceneParam string
	Channels          *KFWeChatChannels
}

// KFMenuItem is one msgmenu list item: Type is click, view, miniprogram
// or text and the matching object holds its fields.
type KFMenuItem struct {
	Type        string       `json:"type"`
	Click       *KFMenuField `json:"click,omitempty"`
	View        *KFMenuField `json:"view,omitempty"`
	MiniProgram *KFMenuField `json:"miniprogram,omitempty"`
	Text        *KFMenuField `json:"text,omitempty"`
}

// KFMenuField holds the fields of every msgmenu item type (§5).
type KFMenuField struct {
	ID       string `json:"id,omitempty"`
	URL      string `json:"url,omitempty"`
	AppID    string `json:"appid,omitempty"`
	PagePath string `json:"pagepath,omitempty"`
	Content  string `json:"content"`
}

// KFMsgMenu is the msgmenu payload, inbound and outbound.
type KFMsgMenu struct {
	HeadContent string       `json:"head_content,omitempty"`
	List        []KFMenuItem `json:"list"`
	TailContent string       `json:"tail_content,omitempty"`
}

// KFLocation is the location payload.
type KFLocation struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
	Name      string  `json:"name"`
	Address   string  `json:"address"`
}

// KFLink is the inbound link payload.
type KFLink struct {
	Title  string `json:"title"`
	Desc   string `json:"desc"`
	URL    string `json:"url"`
	PicURL string `json:"pic_url"`
}

// KFMiniProgram is the inbound miniprogram payload.
type KFMiniProgram struct {
	AppID        string `json:"appid"`
	Title        string `json:"title"`
	PagePath     string `json:"pagepath"`
	ThumbMediaID string `json:"thumb_media_id"`
}

// KFShopProduct is the channels_shop_product payload.
type KFShopProduct struct {
	ProductID     string `json:"product_id"`
	HeadImage     string `json:"head_image"`
	Title         string `json:"title"`
	SalesPrice    string `json:"sales_price"` // fen, as a string
	ShopNickname  string `json:"shop_nickname"`
	ShopHeadImage string `json:"shop_head_image"`
}

// KFShopOrder is the channels_shop_order payload.
type KFShopOrder struct {
	OrderID       string `json:"order_id"`
	ProductTitles string `json:"product_titles"`
	PriceWording  string `json:"price_wording"`
	State         string `json:"state"`
	ImageURL      string `json:"image_url"`
	ShopNickname  string `json:"shop_nickname"`
}

// KFMergedItem is one forwarded message of a merged_msg; MsgContent is a
// JSON string in the payload schema of MsgType.
type KFMergedItem struct {
	SendTime   int64  `json:"send_time"`
	MsgType    string `json:"msgtype"`
	SenderName string `json:"sender_name"`
	MsgContent string `json:"msg_content"`
}

// KFMergedMsg is the merged_msg (chat history) payload.
type KFMergedMsg struct {
	Title string         `json:"title"`
	Item  []KFMergedItem `json:"item"`
}

// KFChannels is the channels payload: SubType 1 feed, 2 live, 3 card.
type KFChannels struct {
	SubType  int    `json:"sub_type"`
	Nickname string `json:"nickname"`
	Title    string `json:"title,omitempty"`
}

// KFSentMessage is one message WeCom accepted from send_msg or
// send_msg_on_event.
type KFSentMessage struct {
	OpenKfID, ToUser, MsgID, MsgType string
	// Code is the send_msg_on_event code; empty for send_msg.
	Code string
	// Body is the request body exactly as the client posted it.
	Body json.RawMessage
	At   time.Time
}
