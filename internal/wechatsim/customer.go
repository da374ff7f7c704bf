package wechatsim

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
)

// defaultScene is the subscribe_scene of followers made by Customer.
const defaultScene = "ADD_SCENE_SEARCH"

// Customer is a simulated WeChat user writing to one Official Account.
// Every Send method builds the push WeChat would build and delivers it with
// Push.
type Customer struct {
	s             *Server
	appID, openID string
	mode          atomic.Int32
}

// Customer returns the user openID of account appID, making them a follower
// if the account has never seen them. An existing follower keeps their
// state, so an unsubscribed user stays unsubscribed.
func (s *Server) Customer(appID, openID string) *Customer {
	s.mu.Lock()
	defer s.mu.Unlock()
	acct, ok := s.accounts[appID]
	if !ok {
		return &Customer{s: s, appID: appID, openID: openID}
	}
	f, ok := acct.followers[openID]
	if !ok {
		f = &follower{openID: openID, subscribed: true, subscribeTime: s.opts.Now(), scene: defaultScene}
		acct.followers[openID] = f
	}
	return s.customerLocked(acct, f)
}

// customerLocked returns f's Customer handle. Caller holds s.mu.
func (s *Server) customerLocked(acct *account, f *follower) *Customer {
	if f.customer == nil {
		f.customer = &Customer{s: s, appID: acct.AppID, openID: f.openID}
	}
	return f.customer
}

// OpenID is the user's OpenID for this account.
func (c *Customer) OpenID() string { return c.openID }

// PushMode sets the console's encryption mode used for this user's pushes
// (ModeSafe by default) and returns c.
func (c *Customer) PushMode(m Mode) *Customer {
	c.mode.Store(int32(m))
	return c
}

// BlockTemplates makes later template receipts to this user report
// "failed:user block" instead of "success".
func (c *Customer) BlockTemplates(block bool) {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	if acct, ok := c.s.accounts[c.appID]; ok {
		if f, ok := acct.followers[c.openID]; ok {
			f.blockTemplates = block
		}
	}
}

// header is the common head of every push (§3).
func (c *Customer) header(msgType string) []xmlField {
	c.s.mu.Lock()
	gh := ""
	if acct, ok := c.s.accounts[c.appID]; ok {
		gh = acct.OriginalID
	}
	c.s.mu.Unlock()
	return []xmlField{
		text("ToUserName", gh), text("FromUserName", c.openID),
		number("CreateTime", c.s.opts.Now().Unix()), text("MsgType", msgType),
	}
}

// sendMessage pushes an ordinary message: header, fields, then a new MsgId.
func (c *Customer) sendMessage(ctx context.Context, msgType string, fields ...xmlField) (*Delivery, error) {
	all := append(c.header(msgType), fields...)
	all = append(all, xmlField{name: "MsgId", value: c.s.nextMsgID(), bare: true})
	return c.Push(ctx, buildXML(all))
}

// nextMsgID returns a unique, increasing 64-bit MsgId.
func (s *Server) nextMsgID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.msgIDs++
	return strconv.FormatUint(s.msgIDs, 10)
}

// SendText sends a text message.
func (c *Customer) SendText(ctx context.Context, content string) (*Delivery, error) {
	return c.sendMessage(ctx, "text", text("Content", content))
}

// SendMenuTap sends the text WeChat pushes when the user taps item id of a
// msgmenu message; it opens only the 3-per-minute window (§4.2).
func (c *Customer) SendMenuTap(ctx context.Context, id, content string) (*Delivery, error) {
	return c.sendMessage(ctx, "text", text("Content", content), xmlField{name: "bizmsgmenuid", value: id, bare: true})
}

// SendImage sends a picture; the file is kept so that media/get and PicUrl
// serve it.
func (c *Customer) SendImage(ctx context.Context, data []byte, filename string) (*Delivery, error) {
	_ = filename // WeChat does not pass the user's file name on
	item, base, err := c.store("image", data)
	if err != nil {
		return nil, err
	}
	return c.sendMessage(ctx, "image", text("PicUrl", base+mediaFilePrefix+item.id), text("MediaId", item.id))
}

// SendVoice sends an AMR voice message.
func (c *Customer) SendVoice(ctx context.Context, amr []byte) (*Delivery, error) {
	item, _, err := c.store("voice", amr)
	if err != nil {
		return nil, err
	}
	return c.sendMessage(ctx, "voice", text("MediaId", item.id), text("Format", "amr"))
}

// SendVideo sends a video with its thumbnail.
func (c *Customer) SendVideo(ctx context.Context, mp4, thumb []byte) (*Delivery, error) {
	return c.sendVideo(ctx, "video", mp4, thumb)
}

// SendShortVideo sends a short (in-app recorded) video with its thumbnail.
func (c *Customer) SendShortVideo(ctx context.Context, mp4, thumb []byte) (*Delivery, error) {
	return c.sendVideo(ctx, "shortvideo", mp4, thumb)
}

func (c *Customer) sendVideo(ctx context.Context, msgType string, mp4, thumb []byte) (*Delivery, error) {
	video, _, err := c.store("video", mp4)
	if err != nil {
		return nil, err
	}
	th, _, err := c.store("thumb", thumb)
	if err != nil {
		return nil, err
	}
	return c.sendMessage(ctx, msgType, text("MediaId", video.id), text("ThumbMediaId", th.id))
}

// SendLocation sends a location pin (Location_X is the latitude).
func (c *Customer) SendLocation(ctx context.Context, lat, lng float64, scale int, label string) (*Delivery, error) {
	return c.sendMessage(ctx, "location", decimal("Location_X", lat), decimal("Location_Y", lng),
		number("Scale", int64(scale)), text("Label", label))
}

// SendLink sends a shared link.
func (c *Customer) SendLink(ctx context.Context, title, desc, url string) (*Delivery, error) {
	return c.sendMessage(ctx, "link", text("Title", title), text("Description", desc), text("Url", url))
}

// store keeps user media in the simulator and returns the base URL for it.
func (c *Customer) store(kind string, data []byte) (*mediaItem, string, error) {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	if _, ok := c.s.accounts[c.appID]; !ok {
		return nil, "", ErrUnknownAccount
	}
	base := c.s.baseURL
	if base == "" {
		base = "http://wechatsim.invalid"
	}
	return c.s.storeMedia(c.appID, kind, data, c.s.opts.Now()), base, nil
}

// eventsWithoutKey carry no EventKey element when none is given.
var eventsWithoutKey = map[string]bool{"LOCATION": true, "TEMPLATESENDJOBFINISH": true, "MASSSENDJOBFINISH": true}

// SendEvent pushes an event (subscribe, unsubscribe, SCAN, CLICK, VIEW,
// LOCATION, TEMPLATESENDJOBFINISH, …). extra adds flat elements in name
// order (e.g. Ticket, Latitude, MsgID, Status); numeric values are written
// bare. Nested elements such as ScanCodeInfo need Push.
func (c *Customer) SendEvent(ctx context.Context, event, eventKey string, extra map[string]string) (*Delivery, error) {
	fields := append(c.header("event"), text("Event", event))
	if eventKey != "" || !eventsWithoutKey[event] {
		fields = append(fields, text("EventKey", eventKey))
	}
	names := make([]string, 0, len(extra))
	for name := range extra {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		_, err := strconv.ParseFloat(extra[name], 64)
		fields = append(fields, xmlField{name: name, value: extra[name], bare: err == nil})
	}
	return c.Push(ctx, buildXML(fields))
}

// recordInteraction applies a push's effect on the user's send windows and
// follow state before it is delivered: WeChat knows what the user did
// whether or not the account's server answers.
func (s *Server) recordInteraction(appID, openID string, info pushInfo) {
	kind := classify(info.MsgType, info.Event, info.BizMsgMenuID)
	if kind == interactNone {
		return
	}
	now := s.opts.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	acct, ok := s.accounts[appID]
	if !ok {
		return
	}
	f, ok := acct.followers[openID]
	if !ok {
		f = &follower{openID: openID, scene: defaultScene}
		acct.followers[openID] = f
	}
	f.apply(kind, now, s.opts.Quota, s.opts.Window)
	if kind == interactSubscribe {
		f.setScene(info.EventKey)
	}
}

// setScene records how the user followed: a parametric QR code sends
// EventKey "qrscene_<scene>".
func (f *follower) setScene(eventKey string) {
	scene, ok := strings.CutPrefix(eventKey, "qrscene_")
	if !ok {
		f.scene, f.qrScene, f.qrSceneStr = defaultScene, 0, ""
		return
	}
	f.scene = "ADD_SCENE_QR_CODE"
	if n, err := strconv.Atoi(scene); err == nil {
		f.qrScene, f.qrSceneStr = n, ""
		return
	}
	f.qrScene, f.qrSceneStr = 0, scene
}
