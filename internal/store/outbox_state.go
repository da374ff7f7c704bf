package store

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Delivery states added by the outbox hardening (issue 14).
const (
	// StatusSending: the outbox committed that it is handing the message
	// to WeChat. Found after a crash, the outcome of that call is unknown.
	StatusSending = "sending"
	// StatusUnknown: WeChat may or may not have delivered the message (a
	// crash or a timeout during a send that has no idempotency key). The
	// inbox shows it as 可能未送达 and the agent chooses to resend.
	StatusUnknown = "unknown"
)

// FindSending returns the outbound messages left in the sending state,
// oldest first: after a restart, sends whose outcome nobody saw.
func FindSending(app core.App, limit int) ([]*Message, error) {
	recs, err := app.FindRecordsByFilter(CollectionMessages,
		"status = 'sending' && direction = 'out'", "seq", limit, 0)
	if err != nil {
		return nil, fmt.Errorf("store: sending outbound: %w", err)
	}
	out := make([]*Message, len(recs))
	for i, r := range recs {
		out[i] = NewMessage(r)
	}
	return out, nil
}

// BlockedConversations returns, of the given conversations, those with an
// outbound message still waiting (pending or sending) earlier than seq
// before[conversation]: their head message must wait for it.
func BlockedConversations(app core.App, before map[string]int64) (map[string]bool, error) {
	out := map[string]bool{}
	for conv, seq := range before {
		var n int
		err := app.DB().Select("count(*)").From(CollectionMessages).
			Where(dbx.HashExp{"conversation": conv, "direction": DirectionOut}).
			AndWhere(dbx.In("status", StatusPending, StatusSending)).
			AndWhere(dbx.NewExp("seq < {:seq}", dbx.Params{"seq": seq})).Row(&n)
		if err != nil {
			return nil, fmt.Errorf("store: earlier outbound of %s: %w", conv, err)
		}
		if n > 0 {
			out[conv] = true
		}
	}
	return out, nil
}
