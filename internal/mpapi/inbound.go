package mpapi

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
)

// ErrMalformed marks an inbound body that is not a WeChat message: bad XML
// or JSON, a DOCTYPE, no MsgType, or a non-numeric numeric field.
var ErrMalformed = errors.New("mpapi: malformed inbound message")

// Inbound MsgType values besides the ones shared with CustomMessage
// (wechat-mp.md §3.1).
const (
	MsgTypeShortVideo = "shortvideo"
	MsgTypeLocation   = "location"
	MsgTypeLink       = "link"
	MsgTypeEvent      = "event"
)

// Event values of MsgType "event" (wechat-mp.md §3.2).
const (
	EventSubscribe             = "subscribe"
	EventUnsubscribe           = "unsubscribe"
	EventScan                  = "SCAN"
	EventLocation              = "LOCATION"
	EventClick                 = "CLICK"
	EventView                  = "VIEW"
	EventViewMiniProgram       = "view_miniprogram"
	EventScanCodePush          = "scancode_push"
	EventScanCodeWaitMsg       = "scancode_waitmsg"
	EventPicSysPhoto           = "pic_sysphoto"
	EventPicPhotoOrAlbum       = "pic_photo_or_album"
	EventPicWeixin             = "pic_weixin"
	EventLocationSelect        = "location_select"
	EventTemplateSendJobFinish = "TEMPLATESENDJOBFINISH"
)

// qrScenePrefix marks the EventKey of a subscribe that came from a
// parametric QR code.
const qrScenePrefix = "qrscene_"

// InboundMessage is one decrypted callback: an ordinary message or an
// event. Typed fields cover what WeDesk acts on; Fields keeps every element
// WeChat sent (nested elements as maps, repeated ones as lists) so the raw
// message can be stored as JSON.
type InboundMessage struct {
	ToUserName   string
	FromUserName string
	CreateTime   int64
	MsgType      string
	// MsgID is MsgId (or MsgID, as in TEMPLATESENDJOBFINISH) as a decimal string.
	MsgID string

	Content      string
	BizMsgMenuID string // bizmsgmenuid: the tapped msgmenu item's id
	PicURL       string
	MediaID      string
	Format       string
	Recognition  string
	ThumbMediaID string
	LocationX    float64 // Location_X, latitude
	LocationY    float64 // Location_Y, longitude
	Scale        int
	Label        string
	Title        string
	Description  string
	URL          string

	Event     string
	EventKey  string
	Ticket    string
	Latitude  float64
	Longitude float64
	Precision float64
	MenuID    string
	Status    string

	Fields map[string]any
}

// ParseInbound parses a decrypted callback body, XML (DOCTYPE refused) or a
// JSON object. Errors wrap ErrMalformed; MsgType is required.
func ParseInbound(plaintext []byte) (*InboundMessage, error) {
	fields, err := decodeFields(plaintext)
	if err != nil {
		return nil, err
	}
	r := fieldReader{fields: fields}
	m := &InboundMessage{
		ToUserName:   r.str("ToUserName"),
		FromUserName: r.str("FromUserName"),
		CreateTime:   r.int64("CreateTime"),
		MsgType:      r.str("MsgType"),
		MsgID:        r.str("MsgId", "MsgID"),
		Content:      r.str("Content"),
		BizMsgMenuID: r.str("bizmsgmenuid"),
		PicURL:       r.str("PicUrl"),
		MediaID:      r.str("MediaId"),
		Format:       r.str("Format"),
		Recognition:  r.str("Recognition"),
		ThumbMediaID: r.str("ThumbMediaId"),
		LocationX:    r.float("Location_X"),
		LocationY:    r.float("Location_Y"),
		Scale:        int(r.int64("Scale")),
		Label:        r.str("Label"),
		Title:        r.str("Title"),
		Description:  r.str("Description"),
		URL:          r.str("Url"),
		Event:        r.str("Event"),
		EventKey:     r.str("EventKey"),
		Ticket:       r.str("Ticket"),
		Latitude:     r.float("Latitude"),
		Longitude:    r.float("Longitude"),
		Precision:    r.float("Precision"),
		MenuID:       r.str("MenuId", "MenuID"),
		Status:       r.str("Status"),
		Fields:       fields,
	}
	if r.err != nil {
		return nil, r.err
	}
	if m.MsgType == "" {
		return nil, malformed("MsgType is missing")
	}
	return m, nil
}

// IsEvent reports whether the message is an event rather than something
// the user sent.
func (m *InboundMessage) IsEvent() bool { return m.MsgType == MsgTypeEvent }

// DedupKey identifies the message across WeChat's retries: "msg:<MsgId>"
// for ordinary messages and "evt:<FromUserName>:<CreateTime>:<Event>:<EventKey>"
// for events. Events that carry a MsgID (TEMPLATESENDJOBFINISH) append
// ":<MsgID>" so two receipts in the same second stay distinct; a message
// without MsgId falls back to "msg:<FromUserName>:<CreateTime>:<MsgType>".
func (m *InboundMessage) DedupKey() string {
	created := strconv.FormatInt(m.CreateTime, 10)
	if !m.IsEvent() {
		if m.MsgID != "" {
			return "msg:" + m.MsgID
		}
		return "msg:" + m.FromUserName + ":" + created + ":" + m.MsgType
	}
	key := "evt:" + m.FromUserName + ":" + created + ":" + m.Event + ":" + m.EventKey
	if m.MsgID != "" {
		key += ":" + m.MsgID
	}
	return key
}

// QRScene returns the parametric QR scene behind a subscribe ("qrscene_"
// stripped) or SCAN event, or "" when there is none.
func (m *InboundMessage) QRScene() string {
	switch {
	case m.Event == EventSubscribe && strings.HasPrefix(m.EventKey, qrScenePrefix):
		return strings.TrimPrefix(m.EventKey, qrScenePrefix)
	case m.Event == EventScan:
		return m.EventKey
	}
	return ""
}

// fieldReader reads scalar fields from the decoded tree, remembering the
// first numeric field that does not parse.
type fieldReader struct {
	fields map[string]any
	err    error
}

// str returns the first of names that is present, as a string.
func (r *fieldReader) str(names ...string) string {
	for _, name := range names {
		switch v := r.fields[name].(type) {
		case string:
			return v
		case json.Number:
			return v.String()
		case bool:
			return strconv.FormatBool(v)
		}
	}
	return ""
}

func (r *fieldReader) int64(name string) int64 {
	s := strings.TrimSpace(r.str(name))
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil && r.err == nil {
		r.err = malformed("%s is not an integer", name)
	}
	return n
}

func (r *fieldReader) float(name string) float64 {
	s := strings.TrimSpace(r.str(name))
	if s == "" {
		return 0
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && r.err == nil {
		r.err = malformed("%s is not a number", name)
	}
	return f
}
