package channel

import (
	"errors"
	"fmt"
	"net/http"
)

// Classes of send and fetch failures; drivers wrap WeChat's errors in one
// of them (fmt.Errorf("%w: %w", channel.ErrRetryLater, apiErr)) so that the
// core acts on the class without knowing the kind.
var (
	// ErrRetryLater: the failure may go away by itself (WeChat busy or
	// down, network, rate limit): retry with backoff.
	ErrRetryLater = errors.New("channel: temporary failure")
	// ErrWindowClosed: WeChat refuses because the 48 h window or the
	// message quota is used up; only a new customer message reopens it.
	ErrWindowClosed = errors.New("channel: send window closed")
	// ErrTokenExpired: the access token was refused even after a refresh;
	// retry later with a fresh one.
	ErrTokenExpired = errors.New("channel: access token refused")
	// ErrUnsupported: the kind cannot do this (e.g. a message type).
	ErrUnsupported = errors.New("channel: not supported by this channel kind")
)

// PermanentError is a failure no retry can fix; Reason says why in words.
type PermanentError struct {
	Reason string
	Err    error
}

// Error returns the reason.
func (e *PermanentError) Error() string { return e.Reason }

// Unwrap returns the underlying error.
func (e *PermanentError) Unwrap() error { return e.Err }

// Permanent returns a *PermanentError with a formatted reason.
func Permanent(format string, args ...any) error {
	return &PermanentError{Reason: fmt.Sprintf(format, args...)}
}

// IsRetryable reports whether a failure may go away by itself.
func IsRetryable(err error) bool {
	var pe *PermanentError
	if errors.As(err, &pe) || errors.Is(err, ErrWindowClosed) || errors.Is(err, ErrUnsupported) {
		return false
	}
	return errors.Is(err, ErrRetryLater) || errors.Is(err, ErrTokenExpired)
}

// coder is implemented by API errors that carry WeChat's errcode.
type coder interface{ ErrCode() int }

// WeChatCode returns the errcode WeChat answered with, found anywhere in
// err's chain; 0 when err carries none.
func WeChatCode(err error) int {
	var c coder
	if errors.As(err, &c) {
		return c.ErrCode()
	}
	return 0
}

// describer is implemented by API errors that can word themselves for agents.
type describer interface{ Description() string }

// Describe words a failure for the agent: WeChat's reason where the error
// carries one.
func Describe(err error) string {
	var d describer
	if errors.As(err, &d) {
		return d.Description()
	}
	var pe *PermanentError
	if errors.As(err, &pe) {
		return pe.Reason
	}
	if errors.Is(err, ErrRetryLater) {
		return "WeChat could not be reached: " + err.Error()
	}
	return err.Error()
}

// CallbackError is a refused callback: Status is the HTTP status to answer
// and Message says why, without echoing the input.
type CallbackError struct {
	Status  int
	Message string
}

// Error returns the message.
func (e *CallbackError) Error() string { return e.Message }

// Forbidden is a 403 callback refusal (forged or foreign).
func Forbidden(msg string) error { return &CallbackError{Status: http.StatusForbidden, Message: msg} }

// BadRequest is a 400 callback refusal (malformed).
func BadRequest(msg string) error { return &CallbackError{Status: http.StatusBadRequest, Message: msg} }
