package mpapi

import "context"

// Customer-service message types SendCustom can send.
const (
	MsgTypeText            = "text"
	MsgTypeImage           = "image"
	MsgTypeVoice           = "voice"
	MsgTypeVideo           = "video"
	MsgTypeNews            = "news"
	MsgTypeMsgMenu         = "msgmenu"
	MsgTypeMiniProgramPage = "miniprogrampage"
)

// CustomMessage is a customer-service (客服) message, the asynchronous
// reply channel inside the 48-hour window. Set MsgType and exactly the
// payload field that matches it.
type CustomMessage struct {
	ToUser          string           `json:"touser"`
	MsgType         string           `json:"msgtype"`
	Text            *Text            `json:"text,omitempty"`
	Image           *MediaRef        `json:"image,omitempty"`
	Voice           *MediaRef        `json:"voice,omitempty"`
	Video           *Video           `json:"video,omitempty"`
	News            *News            `json:"news,omitempty"`
	MsgMenu         *MsgMenu         `json:"msgmenu,omitempty"`
	MiniProgramPage *MiniProgramPage `json:"miniprogrampage,omitempty"`
}

// Text is a text payload; it may contain <a href> links.
type Text struct {
	Content string `json:"content"`
}

// MediaRef points at uploaded media (image or voice).
type MediaRef struct {
	MediaID string `json:"media_id"`
}

// Video is a video payload; the thumbnail is required by WeChat.
type Video struct {
	MediaID      string `json:"media_id"`
	ThumbMediaID string `json:"thumb_media_id"`
	Title        string `json:"title,omitempty"`
	Description  string `json:"description,omitempty"`
}

// News is a link card; WeChat accepts exactly one article.
type News struct {
	Articles []Article `json:"articles"`
}

// Article is one link card of a News payload.
type Article struct {
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	URL         string `json:"url,omitempty"`
	PicURL      string `json:"picurl,omitempty"`
}

// MsgMenu is a tappable menu message; a tap comes back as an inbound text
// whose bizmsgmenuid is the tapped item's ID (used for satisfaction surveys).
type MsgMenu struct {
	HeadContent string     `json:"head_content,omitempty"`
	List        []MenuItem `json:"list"`
	TailContent string     `json:"tail_content,omitempty"`
}

// MenuItem is one tappable line of a MsgMenu.
type MenuItem struct {
	ID      string `json:"id"`
	Content string `json:"content"`
}

// MiniProgramPage is a mini-program card.
type MiniProgramPage struct {
	Title        string `json:"title"`
	AppID        string `json:"appid"`
	PagePath     string `json:"pagepath"`
	ThumbMediaID string `json:"thumb_media_id"`
}

// SendCustom sends a customer-service message (POST
// /cgi-bin/message/custom/send). 45015 (window closed) and 45047 (quota
// used up) come back as *Error.
func (c *Client) SendCustom(ctx context.Context, m CustomMessage) error {
	const op = "custom/send"
	if err := m.Validate(); err != nil {
		return withOp(op, err)
	}
	r, err := jsonRequest(op, "/cgi-bin/message/custom/send", m)
	if err != nil {
		return err
	}
	return c.call(ctx, r, nil)
}

// Validate checks what WeChat would reject anyway: recipient, a known
// msgtype with its payload, required media ids, and the 1-article news limit.
func (m CustomMessage) Validate() error {
	if m.ToUser == "" {
		return invalid("touser is empty")
	}
	validate, known := customValidators[m.MsgType]
	if !known {
		return invalid("unknown msgtype %q", m.MsgType)
	}
	if n := m.payloadCount(); n != 1 {
		return invalid("exactly one payload must be set, got %d", n)
	}
	return validate(m)
}

// customValidators maps every msgtype SendCustom supports to its check.
var customValidators = map[string]func(CustomMessage) error{
	MsgTypeText:            CustomMessage.validateText,
	MsgTypeImage:           CustomMessage.validateMediaRef,
	MsgTypeVoice:           CustomMessage.validateMediaRef,
	MsgTypeVideo:           CustomMessage.validateVideo,
	MsgTypeNews:            CustomMessage.validateNews,
	MsgTypeMsgMenu:         CustomMessage.validateMsgMenu,
	MsgTypeMiniProgramPage: CustomMessage.validateMiniProgramPage,
}

func (m CustomMessage) payloadCount() int {
	n := 0
	for _, set := range []bool{m.Text != nil, m.Image != nil, m.Voice != nil, m.Video != nil,
		m.News != nil, m.MsgMenu != nil, m.MiniProgramPage != nil} {
		if set {
			n++
		}
	}
	return n
}

func (m CustomMessage) validateText() error {
	if m.Text == nil || m.Text.Content == "" {
		return invalid("text.content is empty")
	}
	return nil
}

func (m CustomMessage) validateMediaRef() error {
	ref := m.Image
	if m.MsgType == MsgTypeVoice {
		ref = m.Voice
	}
	if ref == nil || ref.MediaID == "" {
		return invalid("%s.media_id is empty", m.MsgType)
	}
	return nil
}

func (m CustomMessage) validateVideo() error {
	if m.Video == nil || m.Video.MediaID == "" || m.Video.ThumbMediaID == "" {
		return invalid("video needs media_id and thumb_media_id")
	}
	return nil
}

func (m CustomMessage) validateNews() error {
	if m.News == nil || len(m.News.Articles) != 1 {
		return invalid("news needs exactly 1 article")
	}
	if a := m.News.Articles[0]; a.Title == "" || a.URL == "" {
		return invalid("news article needs title and url")
	}
	return nil
}

func (m CustomMessage) validateMsgMenu() error {
	if m.MsgMenu == nil || len(m.MsgMenu.List) == 0 {
		return invalid("msgmenu.list is empty")
	}
	for i, item := range m.MsgMenu.List {
		if item.ID == "" || item.Content == "" {
			return invalid("msgmenu.list[%d] needs id and content", i)
		}
	}
	return nil
}

func (m CustomMessage) validateMiniProgramPage() error {
	p := m.MiniProgramPage
	if p == nil || p.AppID == "" || p.PagePath == "" || p.ThumbMediaID == "" {
		return invalid("miniprogrampage needs appid, pagepath and thumb_media_id")
	}
	return nil
}
