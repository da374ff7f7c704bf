package wechatsim

import (
	"encoding/json"
	"time"

	"github.com/wedesk/wedesk/internal/wxcrypto"
)

// account is the simulator's state for one Official Account.
type account struct {
	Account
	callbackURL string
	crypter     *wxcrypto.Crypter // built lazily from Account

	followers map[string]*follower

	plainToken     *accessToken // current /cgi-bin/token token
	stableToken    *accessToken // current /cgi-bin/stable_token token
	tokenIssues    []time.Time  // /cgi-bin/token issues, for the daily quota
	forceRefreshes []time.Time  // stable_token force_refresh uses, 20 a day
	tokenFetches   int

	sent      []SentMessage
	templates []TemplateSend
	replies   []PassiveReply
	menu      json.RawMessage
}

func newAccount(a Account) *account {
	return &account{Account: a, followers: map[string]*follower{}}
}

// crypt returns the account's message crypter. Caller holds s.mu.
func (a *account) crypt() (*wxcrypto.Crypter, error) {
	if a.crypter != nil {
		return a.crypter, nil
	}
	c, err := wxcrypto.NewCrypter(a.Token, a.EncodingAESKey, a.AppID)
	if err != nil {
		return nil, err
	}
	a.crypter = c
	return c, nil
}

// follower is one WeChat user as the account sees them.
type follower struct {
	openID        string
	subscribed    bool
	subscribeTime time.Time
	scene         string // subscribe_scene
	qrScene       int
	qrSceneStr    string
	// message is the window a user message opens (Quota sends in Window).
	message grant
	// short is the window a follow, scan or menu tap opens (3 sends a minute).
	short          grant
	blockTemplates bool
	customer       *Customer
	// remark is the account's 备注名 for the follower (user/info "remark").
	remark string
}

// grant is one open send window: how many sends remain until when.
type grant struct {
	expires   time.Time
	remaining int
}

func (g grant) open(now time.Time) bool { return now.Before(g.expires) }

// Window sizes for the interactions of §4.2 other than a user message.
const (
	shortWindow = time.Minute
	shortQuota  = 3
)

// consumeSend spends one customer-service send to f and returns the errcode
// WeChat would answer. The short window is spent first so that a menu tap
// does not eat into the 48 h quota of the user's last message.
func (f *follower) consumeSend(now time.Time) int {
	if !f.subscribed {
		return ErrcodeOutOfWindow
	}
	windows := []*grant{&f.short, &f.message}
	if f.message.expires.Before(f.short.expires) {
		windows[0], windows[1] = windows[1], windows[0]
	}
	anyOpen := false
	for _, g := range windows {
		if !g.open(now) {
			continue
		}
		anyOpen = true
		if g.remaining > 0 {
			g.remaining--
			return ErrcodeOK
		}
	}
	if anyOpen {
		return ErrcodeOutOfQuota
	}
	return ErrcodeOutOfWindow
}

// interaction is what a push tells the simulator about the user's action.
type interaction int

const (
	interactNone interaction = iota
	interactMessage
	interactShort
	interactSubscribe
	interactUnsubscribe
)

// apply records the effect of a user action on the send windows.
func (f *follower) apply(kind interaction, now time.Time, quota int, window time.Duration) {
	switch kind {
	case interactMessage:
		f.message = grant{expires: now.Add(window), remaining: quota}
	case interactShort:
		f.short = grant{expires: now.Add(shortWindow), remaining: shortQuota}
	case interactSubscribe:
		f.subscribed = true
		f.subscribeTime = now
		f.short = grant{expires: now.Add(shortWindow), remaining: shortQuota}
	case interactUnsubscribe:
		f.subscribed = false
		f.message, f.short = grant{}, grant{}
	}
}

// classify maps a push's MsgType/Event to its effect on the send windows
// (§4.2): user messages open the 48 h window; follow, scan and click-like
// menu taps (including msgmenu taps, which arrive as text with
// bizmsgmenuid) open the 3-per-minute window.
func classify(msgType, event, bizMsgMenuID string) interaction {
	switch msgType {
	case "text":
		if bizMsgMenuID != "" {
			return interactShort
		}
		return interactMessage
	case "image", "voice", "video", "shortvideo", "location", "link":
		return interactMessage
	case "event":
	default:
		return interactNone
	}
	switch event {
	case "subscribe":
		return interactSubscribe
	case "unsubscribe":
		return interactUnsubscribe
	case "SCAN", "CLICK", "scancode_push", "scancode_waitmsg":
		return interactShort
	}
	return interactNone
}
