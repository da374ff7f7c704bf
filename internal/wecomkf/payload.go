package wecomkf

// Message payloads. The same struct serves kf/sync_msg (inbound) and
// kf/send_msg (outbound) wherever WeCom uses one shape for both; fields
// that exist in one direction only are omitempty.

// Message types of sync_msg and send_msg (wecom-kf.md §4, §5).
const (
	MsgTypeText                = "text"
	MsgTypeImage               = "image"
	MsgTypeVoice               = "voice"
	MsgTypeVideo               = "video"
	MsgTypeFile                = "file"
	MsgTypeLocation            = "location"
	MsgTypeLink                = "link"
	MsgTypeBusinessCard        = "business_card"
	MsgTypeMiniProgram         = "miniprogram"
	MsgTypeMsgMenu             = "msgmenu"
	MsgTypeChannelsShopProduct = "channels_shop_product"
	MsgTypeChannelsShopOrder   = "channels_shop_order"
	MsgTypeMergedMsg           = "merged_msg"
	MsgTypeChannels            = "channels"
	MsgTypeNote                = "note"
	MsgTypeEvent               = "event"
	MsgTypeCALink              = "ca_link"
)

// Text is a text message. MenuID is set (inbound only) when the text is the
// customer's click on a msgmenu click item.
type Text struct {
	Content string `json:"content"`
	MenuID  string `json:"menu_id,omitempty"`
}

// MediaRef points at temporary media (image, voice, video, file); a
// media_id lives 3 days.
type MediaRef struct {
	MediaID string `json:"media_id"`
}

// Location is a map pin; latitude −90..90, longitude −180..180.
type Location struct {
	Name      string  `json:"name,omitempty"`
	Address   string  `json:"address,omitempty"`
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

// Link is a link card. Inbound cards carry PicURL; outbound cards carry
// ThumbMediaID instead.
type Link struct {
	Title        string `json:"title"`
	Desc         string `json:"desc,omitempty"`
	URL          string `json:"url"`
	PicURL       string `json:"pic_url,omitempty"`
	ThumbMediaID string `json:"thumb_media_id,omitempty"`
}

// BusinessCard is a WeCom member's contact card.
type BusinessCard struct {
	UserID string `json:"userid"`
}

// MiniProgram is a mini-program card.
type MiniProgram struct {
	AppID        string `json:"appid"`
	Title        string `json:"title,omitempty"`
	PagePath     string `json:"pagepath"`
	ThumbMediaID string `json:"thumb_media_id"`
}

// Menu is a msgmenu message: at most 10 tappable or plain lines between an
// optional head and tail.
type Menu struct {
	HeadContent string     `json:"head_content,omitempty"`
	List        []MenuItem `json:"list"`
	TailContent string     `json:"tail_content,omitempty"`
}

// Menu item types.
const (
	MenuItemClick       = "click"
	MenuItemView        = "view"
	MenuItemMiniProgram = "miniprogram"
	MenuItemText        = "text"
)

// MenuItem is one line of a Menu: Type plus the body of the same name.
type MenuItem struct {
	Type        string           `json:"type"`
	Click       *MenuClick       `json:"click,omitempty"`
	View        *MenuView        `json:"view,omitempty"`
	MiniProgram *MenuMiniProgram `json:"miniprogram,omitempty"`
	Text        *MenuText        `json:"text,omitempty"`
}

// MenuClick comes back as a text message whose menu_id is ID (used for
// satisfaction surveys).
type MenuClick struct {
	ID      string `json:"id"`
	Content string `json:"content"`
}

// MenuView opens URL.
type MenuView struct {
	URL     string `json:"url"`
	Content string `json:"content"`
}

// MenuMiniProgram opens a mini-program page.
type MenuMiniProgram struct {
	AppID    string `json:"appid"`
	PagePath string `json:"pagepath"`
	Content  string `json:"content"`
}

// MenuText is a plain, untappable line.
type MenuText struct {
	Content string `json:"content"`
}

// CALink is a customer-acquisition link (获客链接), outbound only.
type CALink struct {
	LinkURL string `json:"link_url"`
}

// ChannelsShopProduct is a WeChat Channels shop product card (inbound).
type ChannelsShopProduct struct {
	ProductID     string `json:"product_id"`
	HeadImage     string `json:"head_image"`
	Title         string `json:"title"`
	SalesPrice    string `json:"sales_price"` // in fen, as a string
	ShopNickname  string `json:"shop_nickname"`
	ShopHeadImage string `json:"shop_head_image"`
}

// ChannelsShopOrder is a WeChat Channels shop order card (inbound).
type ChannelsShopOrder struct {
	OrderID       string `json:"order_id"`
	ProductTitles string `json:"product_titles"`
	PriceWording  string `json:"price_wording"`
	State         string `json:"state"`
	ImageURL      string `json:"image_url"`
	ShopNickname  string `json:"shop_nickname"`
}

// Channels sub-types.
const (
	ChannelsFeed = 1 // 动态
	ChannelsLive = 2 // 直播
	ChannelsCard = 3 // 名片
)

// Channels is a shared WeChat Channels feed, live room or channel card.
type Channels struct {
	SubType  int    `json:"sub_type"`
	Nickname string `json:"nickname"`
	Title    string `json:"title,omitempty"`
}

// MergedMsg is a forwarded chat record (聊天记录).
type MergedMsg struct {
	Title string       `json:"title"`
	Item  []MergedItem `json:"item"`
}

// MergedItem is one message inside a MergedMsg; MsgContent is a JSON string
// using the same payload schemas as sync_msg (decode it with Message).
type MergedItem struct {
	SendTime   int64  `json:"send_time"`
	MsgType    string `json:"msgtype"`
	SenderName string `json:"sender_name"`
	MsgContent string `json:"msg_content"`
}
