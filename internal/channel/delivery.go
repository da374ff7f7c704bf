package channel

import (
	"errors"
	"fmt"
	"net"
)

// ErrOutcomeUnknown: the send request may have reached WeChat but no
// answer came back (a timeout, a reset connection, a cancelled call). The
// message may or may not have been delivered.
var ErrOutcomeUnknown = errors.New("channel: delivery outcome unknown")

// Idempotent is implemented by drivers whose Send takes Outbound.ID as an
// idempotency key (微信客服's msgid): repeating a send whose outcome is
// unknown cannot deliver twice.
type Idempotent interface {
	// IdempotentSend reports whether a resend of the same message id is
	// harmless.
	IdempotentSend() bool
}

// IsIdempotent reports whether d's sends may be repeated safely.
func IsIdempotent(d Driver) bool {
	i, ok := d.(Idempotent)
	return ok && i.IdempotentSend()
}

// MaybeDelivered reports whether a send call that failed without an answer
// from WeChat may still have delivered: true unless the request provably
// never left (the connection could not be opened, the name not resolved,
// or the context ended before the call).
func MaybeDelivered(err error) bool {
	if err == nil {
		return false
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return false
	}
	var dns *net.DNSError
	return !errors.As(err, &dns)
}

// Uncertain wraps a send failure that came without WeChat's answer (the
// caller checked it is not an API error) in ErrOutcomeUnknown when it may
// have delivered; otherwise it returns classified unchanged.
func Uncertain(raw, classified error) error {
	if !MaybeDelivered(raw) {
		return classified
	}
	return fmt.Errorf("%w: %w", ErrOutcomeUnknown, classified)
}
