package inbox

import (
	"math"
	"net/url"
	"strconv"
	"time"

	"github.com/wedesk/wedesk/internal/sendlimit"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/views"
)

// deskZone is China Standard Time (no daylight saving), the agents' clock.
var deskZone = time.FixedZone("CST", 8*3600)

// clock formats a moment for lists and bubbles: the time today, else the date.
func clock(t, now time.Time) string {
	if t.IsZero() {
		return ""
	}
	t, now = t.In(deskZone), now.In(deskZone)
	switch {
	case t.YearDay() == now.YearDay() && t.Year() == now.Year():
		return t.Format("15:04")
	case t.Year() == now.Year():
		return t.Format("01-02 15:04")
	}
	return t.Format("2006-01-02")
}

// rowView maps a list row.
func rowView(t *views.Text, r store.InboxRow, tab, selected string, now time.Time) views.ConversationRow {
	face := views.CustomerFace(r.Remark, r.Nickname, r.ExternalID, r.Avatar)
	v := views.ConversationRow{
		ID: r.ID, URL: "/inbox/conversations/" + r.ID + "?tab=" + tab, Face: face,
		Name: face.Label, Avatar: r.Avatar, Preview: views.WeChatEmoji(t.PreviewOf(r.Preview)),
		Channel: r.ChannelName, Scene: t.SceneOf(r.Scene), VIP: r.VIP, Unread: r.Unread,
		When: clock(r.LastMessageAt(), now), Selected: r.ID == selected,
	}
	switch tab {
	case views.TabQueue:
		// The wait counts from entering the queue: a customer writing again
		// does not restart it.
		since := r.QueuedAt()
		if since.IsZero() {
			since = r.OpenedAt()
		}
		if !since.IsZero() {
			v.Waiting = t.Duration(now.Sub(since))
		}
		v.Queue, v.Position = r.QueueName, r.Position
	case views.TabAll:
		v.Agent = r.AgentName
		v.StateLabel = t.States[r.State]
		v.NeedsReassign = r.AgentStatus == store.StatusOffline && r.State != store.StateClosed
	case views.TabClosed:
		v.Agent = r.AgentName
		v.When = clock(r.ClosedAt(), now)
	}
	return v
}

// budgetView maps a send budget to the line or the lock banner. The
// reasons come from sendlimit in the agent's language, so the inbox, the
// API and the refusal of a send say the same thing.
func budgetView(t *views.Text, convID string, b sendlimit.Budget) views.BudgetView {
	v := views.BudgetView{ConversationID: convID, Open: b.Open()}
	switch {
	case v.Open && b.Opener == sendlimit.InteractionMessage:
		v.Line = t.Budget(b.Remaining, int(math.Ceil(b.Left.Hours())))
	case v.Open:
		// A menu tap, follow or scan: WeChat's 3 sends within a minute.
		v.Line = b.Message(t.Lang)
	default:
		v.LockReason = b.Message(t.Lang)
	}
	return v
}

// mediaURLs are the cookie-authenticated routes that serve a message's file.
func mediaURLs(id string) (full, thumb, download string) {
	base := "/inbox/media/" + url.PathEscape(id)
	return base, base + "?thumb=1", base + "?download=1"
}

// amapURL links a location to AMap (高德), which every Chinese phone opens.
func amapURL(lat, lon float64, label string) string {
	q := url.Values{}
	q.Set("position", strconv.FormatFloat(lon, 'f', 6, 64)+","+strconv.FormatFloat(lat, 'f', 6, 64))
	if label != "" {
		q.Set("name", label)
	}
	return "https://uri.amap.com/marker?" + q.Encode()
}
