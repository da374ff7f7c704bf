package views

import (
	"fmt"
	"strings"
	"time"
)

// Text is every piece of inbox text in one language. Handlers and templates
// read it through a page's T field; nothing user-facing is spelt elsewhere.
type Text struct {
	Lang, HTMLLang, OtherLang, OtherLangName string

	AppName, Inbox, Login, Logout, Email, Password, LoginFailed, LoginTitle string
	CSRFFailed, Forbidden, NotFound                                         string

	TabMine, TabQueue, TabAll, TabClosed string
	NoConversations, SelectConversation  string
	Search, SearchPlaceholder, DateFrom  string
	DateTo, Waiting, Unread, VIP         string

	StatusOnline, StatusSuspended, StatusOffline, MyStatus string

	Claim, End, EndMessage, EndMessageDefault, EndConfirm, Retry string
	Pending, Sent, Failed, Received, InternalNote, Note          string
	LoadOlder, NoOlder, Download, OpenMap, OpenLink, MiniProgram string
	VoiceNoPlayer, ClosedBanner, QueuedBanner, OthersBanner      string

	ReplyPlaceholder, NotePlaceholder, Send, Emoji, Attach, QuickReplies string
	UploadFailed, SendFailed                                             string

	BudgetOpen, LockNoCustomer, LockExpired, LockQuota, LockReopens string

	Customer, Nickname, UnionID, OpenID, Owner, NoOwner, Tags  string
	TagsHelp, Scene, PastConversations, Notes, NotesHelp, Save string
	Channel, Saved                                             string

	JustNow, Minutes, Hours, Days string

	Mute, Unmute, NotifyNewConversation, NotifyNewMessage, Reconnecting string

	// Preview is the conversation-list line for a non-text message, by type.
	Preview map[string]string
	// Events names WeChat events shown as system lines.
	Events map[string]string
	// Scenes names WeChat's subscribe scenes (ADD_SCENE_*).
	Scenes map[string]string
	// QRScene prefixes a parametric QR code's scene value.
	QRScene string
	// States names the conversation states.
	States map[string]string
	// KF is the 微信客服 and license text (i18n_kf.go).
	KF KFText

	// Rules is the text of the sending, blocking and media rules (issue 9).
	Rules RulesText
	// Routing is the text of queues, loads, transfer and take-over.
	Routing RoutingText
	// Harden holds the texts of the hardening work (issue 14).
	Harden HardenText
	// Polish holds the first-run, customer-face and quick-reply texts.
	Polish PolishText
	// Auto is the text of service automation (i18n_auto.go).
	Auto AutoText
}

// Budget formats the always-visible send budget.
func (t *Text) Budget(remaining int, hoursLeft int) string {
	return fmt.Sprintf(t.BudgetOpen, remaining, hoursLeft)
}

// Duration formats a waiting time in whole minutes, hours or days.
func (t *Text) Duration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return t.JustNow
	case d < time.Hour:
		return fmt.Sprintf(t.Minutes, int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf(t.Hours, int(d.Hours()))
	}
	return fmt.Sprintf(t.Days, int(d.Hours()/24))
}

// PreviewOf translates a stored preview ("[image]" for non-text messages).
func (t *Text) PreviewOf(p string) string {
	if len(p) > 2 && p[0] == '[' && p[len(p)-1] == ']' {
		if s, ok := t.Preview[p[1:len(p)-1]]; ok {
			return s
		}
	}
	return p
}

// SceneOf names an entry scene: WeChat's ADD_SCENE_* constants are
// translated, a QR code's "qrscene_x" shows its parameter.
func (t *Text) SceneOf(scene string) string {
	if s, ok := t.Scenes[scene]; ok {
		return s
	}
	if s, ok := t.KF.SceneOf(scene); ok {
		return s
	}
	if rest, ok := strings.CutPrefix(scene, "qrscene_"); ok {
		return t.QRScene + " " + rest
	}
	return scene
}

// EventOf names an event for its system line.
func (t *Text) EventOf(event string) string {
	if s, ok := t.Events[event]; ok {
		return s
	}
	return t.Events["other"] + " " + event
}

// Language returns the text of a language code; anything but "en" is Chinese.
func Language(code string) *Text {
	if code == "en" {
		return &en
	}
	return &zh
}
