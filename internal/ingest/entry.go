package ingest

import (
	"time"

	"github.com/wedesk/wedesk/internal/store"
)

// entryWindow is how long an entry (a 微信客服 enter_session, an Official
// Account follow) names the scene of the conversation the customer's next
// message opens: WeChat's own 48 h session window.
const entryWindow = 48 * time.Hour

// entryScene is the scene of the entry a customer made just before writing.
// Events never open a conversation, so an entry's scene is kept on the
// closed record that holds the event; the conversation the first message
// opens takes it from there. A failed lookup only loses the label.
func (w *writer) entryScene(cust batchCustomer) string {
	if cc := w.latest[cust.id]; cc != nil && cc.Record != nil {
		return cc.Record.GetString("scene")
	}
	if cust.created {
		return ""
	}
	conv, err := store.FindLatestConversation(w.tx, cust.id)
	if err != nil || !conv.IsClosed() || w.now.Sub(conv.GetDateTime("opened_at").Time()) > entryWindow {
		return ""
	}
	return conv.GetString("scene")
}
