package assign

import (
	"strconv"
	"strings"

	"github.com/wedesk/wedesk/internal/store"
)

// Default customer-facing texts, used when a queue leaves one empty and for
// the default queue.
const (
	DefaultNotice      = "您当前排在第 {position} 位，请稍候~"
	DefaultFixedNotice = "排队中，请稍候~"
	DefaultComfort     = "客服正在赶来，您当前排在第 {position} 位，请耐心等待~"
	DefaultAbandonText = "您已退出排队，欢迎随时再来咨询~"
	DefaultGreeting    = "您好，请回复数字选择服务："
)

// queueTexts are the editable texts of a queue, defaults filled in.
type queueTexts struct {
	// Silent: no queue notice or comfort message (the implicit default
	// queue, which has no record whose texts an admin could have edited).
	Silent  bool
	Live    bool
	Notice  string
	Fixed   string
	Comfort string
	Keyword string
	Abandon string
}

// textsOf reads q's texts. nil is the implicit default queue of a fresh
// install: it routes, but sends no queue notice or comfort message, since
// automatic messages spend the customer's WeChat budget and nobody chose
// their wording yet; the abandon keyword still works there. Creating a
// queue (and naming it the channel's default) turns notices on with the
// default texts below.
func textsOf(q *store.Queue) queueTexts {
	t := queueTexts{Live: true, Notice: DefaultNotice, Fixed: DefaultFixedNotice, Comfort: DefaultComfort,
		Abandon: DefaultAbandonText}
	if q == nil {
		t.Silent = true
		return t
	}
	t.Live = q.GetBool("live_position")
	pick := func(field, def string) string {
		if s := strings.TrimSpace(q.GetString(field)); s != "" {
			return s
		}
		return def
	}
	t.Notice, t.Fixed = pick("notice_text", DefaultNotice), pick("fixed_notice_text", DefaultFixedNotice)
	t.Comfort, t.Abandon = pick("comfort_text", DefaultComfort), pick("abandon_text", DefaultAbandonText)
	t.Keyword = q.GetString("abandon_keyword")
	return t
}

// notice is the queue notice for a customer at position pos.
func (t queueTexts) notice(pos int) string {
	if !t.Live || pos <= 0 {
		return t.Fixed
	}
	return withPosition(t.Notice, pos)
}

// comfort is the comfort message; with live position off, a text that
// would show the position gives way to the fixed notice.
func (t queueTexts) comfort(pos int) string {
	if (!t.Live || pos <= 0) && strings.Contains(t.Comfort, "{position}") {
		return t.Fixed
	}
	return withPosition(t.Comfort, pos)
}

func withPosition(s string, pos int) string {
	return strings.ReplaceAll(s, "{position}", strconv.Itoa(pos))
}
