package store

import (
	"fmt"

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
