package outbox

import (
	"errors"

	"github.com/wedesk/wedesk/internal/channel"
)

// Decision is what the outbox does with the outcome of one attempt.
type Decision int

// The decisions Classify makes.
const (
	// Sent: WeChat accepted the message.
	Sent Decision = iota
	// Retry: send again after a backoff (the same record id, so an
	// idempotent channel cannot deliver twice).
	Retry
	// Unknown: WeChat may or may not have delivered the message and
	// resending could deliver it twice: the agent decides.
	Unknown
	// Failed: no retry can fix it; the reason is shown to the agent.
	Failed
)

// Classify decides what an attempt's error means. attempts counts the
// attempts made, this one included; idempotent says whether the channel
// takes the record id as an idempotency key. It is the one place where
// send errors are classified: rules about WeChat's refusals (window,
// quota) belong here.
func Classify(err error, attempts int, idempotent bool) Decision {
	var pe *channel.PermanentError
	switch {
	case err == nil:
		return Sent
	case errors.Is(err, channel.ErrOutcomeUnknown):
		// Without an idempotency key a resend may deliver twice: never
		// automatic. With one, repeat until the attempts are used up,
		// then say honestly that the outcome is unknown.
		if idempotent && attempts < maxSendAttempts {
			return Retry
		}
		return Unknown
	case errors.As(err, &pe):
		return Failed
	case errors.Is(err, channel.ErrTokenExpired):
		// The token was refused even after a refresh: another refresh
		// later can still succeed, so this never fails the message.
		return Retry
	case channel.IsRetryable(err) && attempts < maxSendAttempts:
		return Retry
	}
	return Failed
}
