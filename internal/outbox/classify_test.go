package outbox

import (
	"errors"
	"fmt"
	"testing"

	"github.com/wedesk/wedesk/internal/channel"
)

func TestClassify(t *testing.T) {
	timeout := errors.New("Client.Timeout exceeded while awaiting headers")
	unknown := fmt.Errorf("%w: %w: %w", channel.ErrOutcomeUnknown, channel.ErrRetryLater, timeout)
	token := fmt.Errorf("%w: access_token 不合法 (40014)", channel.ErrTokenExpired)
	cases := []struct {
		name       string
		err        error
		attempts   int
		idempotent bool
		want       Decision
	}{
		{"sent", nil, 1, false, Sent},
		{"unknown without idempotency key is left to the agent", unknown, 1, false, Unknown},
		{"unknown with idempotency key is resent", unknown, 1, true, Retry},
		{"unknown with idempotency key, attempts used up", unknown, maxSendAttempts, true, Unknown},
		{"token refused is never final", token, maxSendAttempts * 3, false, Retry},
		{"temporary", fmt.Errorf("%w: busy", channel.ErrRetryLater), 2, false, Retry},
		{"temporary, attempts used up", fmt.Errorf("%w: busy", channel.ErrRetryLater), maxSendAttempts, false, Failed},
		{"window closed", channel.ErrWindowClosed, 1, false, Failed},
		{"permanent", channel.Permanent("bad"), 1, true, Failed},
	}
	for _, c := range cases {
		if got := Classify(c.err, c.attempts, c.idempotent); got != c.want {
			t.Errorf("%s: got %d, want %d", c.name, got, c.want)
		}
	}
}

func TestMaybeDelivered(t *testing.T) {
	if channel.MaybeDelivered(nil) {
		t.Error("nil error")
	}
	if !channel.MaybeDelivered(errors.New("read: connection reset by peer")) {
		t.Error("a reset after the request was written may have delivered")
	}
}
