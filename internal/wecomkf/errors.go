package wecomkf

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
)

// Sentinel errors for failures detected on our side of the wire.
var (
	// ErrInvalidRequest marks a request refused locally (missing field,
	// limit exceeded, several message bodies) before anything is sent.
	ErrInvalidRequest = errors.New("wecomkf: invalid request")
	// ErrMediaTooLarge marks an upload or download over its size cap.
	ErrMediaTooLarge = errors.New("wecomkf: media too large")
	// ErrUnexpectedResponse marks an answer whose shape we do not recognise
	// (a token answer without access_token, an oversized body, a bad Range).
	ErrUnexpectedResponse = errors.New("wecomkf: unexpected response")
	// ErrBadCallback marks a callback body that is not a well-formed,
	// safe kf_msg_or_event XML document.
	ErrBadCallback = errors.New("wecomkf: bad callback")
)

// Error is a non-zero errcode returned by WeCom. Path is the API path below
// /cgi-bin/ ("kf/send_msg"); Msg is WeCom's errmsg, diagnostic only.
type Error struct {
	Code int
	Msg  string
	Path string
}

// Error formats as "wecomkf: kf/send_msg: errcode 95018: send msg session status invalid".
func (e *Error) Error() string {
	s := "wecomkf: " + e.Path + ": errcode " + strconv.Itoa(e.Code)
	if e.Msg != "" {
		s += ": " + e.Msg
	}
	return s
}

// ErrCode returns WeCom's errcode (channel.WeChatCode reads it).
func (e *Error) ErrCode() int { return e.Code }

// Description explains the code for an agent in Chinese and English, e.g.
// "会话已结束 — the session has already ended (95013)". Unknown codes
// fall back to WeCom's errmsg.
func (e *Error) Description() string {
	text, ok := descriptions[e.Code]
	switch {
	case ok:
		return text.zh + " — " + text.en + " (" + strconv.Itoa(e.Code) + ")"
	case e.Msg != "":
		return "企业微信返回错误 — WeCom error: " + e.Msg + " (" + strconv.Itoa(e.Code) + ")"
	default:
		return "未知错误 — unknown error (" + strconv.Itoa(e.Code) + ")"
	}
}

// HTTPError is a non-2xx HTTP status from WeCom (or a proxy in front).
type HTTPError struct {
	Path       string
	StatusCode int
}

// Error formats as "wecomkf: media/get: http status 502".
func (e *HTTPError) Error() string {
	return "wecomkf: " + e.Path + ": http status " + strconv.Itoa(e.StatusCode)
}

// IsTokenError reports whether WeCom refused the access token itself
// (40001, 40014, 42001): the only case a call is replayed with a freshly
// fetched token. Surfacing after that replay, 40001 means a wrong
// corpid/secret pair.
func IsTokenError(err error) bool {
	var apiErr *Error
	if !errors.As(err, &apiErr) {
		return false
	}
	switch apiErr.Code {
	case CodeInvalidSecret, CodeInvalidToken, CodeTokenExpired:
		return true
	}
	return false
}

// IsRetryable reports whether the same request may succeed later unchanged:
// transport failures (timeouts, resets, truncated answers), HTTP 5xx/429,
// WeCom's "system busy" (-1), the rate and concurrency limits
// (45009, 45033) and expired tokens (40014, 42001; the next attempt fetches
// a new one). Caller cancellation is not retryable.
func IsRetryable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	var apiErr *Error
	if errors.As(err, &apiErr) {
		switch apiErr.Code {
		case CodeSystemBusy, CodeRateLimited, CodeConcurrencyLimit, CodeInvalidToken, CodeTokenExpired:
			return true
		}
		return false
	}
	var httpErr *HTTPError
	if errors.As(err, &httpErr) {
		return httpErr.StatusCode >= 500 || httpErr.StatusCode == 429
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		// *url.Error also wraps permanent failures (bad scheme, TLS
		// certificate, redirect loop); only network trouble counts.
		return urlErr.Timeout() || isTransient(urlErr.Err)
	}
	return isTransient(err)
}

// isTransient: timeouts, connection resets and truncated answers.
func isTransient(err error) bool {
	var netErr net.Error
	return errors.As(err, &netErr) || errors.Is(err, io.EOF) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, context.DeadlineExceeded)
}

// IsPermanent reports whether retrying the same request cannot help: every
// non-nil error that is neither retryable nor a caller cancellation —
// local validation, configuration and permission errors (40001, 48002,
// 60020, 95017 …) and every IsWindowClosed error. Unknown errcodes count
// as permanent so the outbox never loops on them.
func IsPermanent(err error) bool {
	return err != nil && !errors.Is(err, context.Canceled) && !IsRetryable(err)
}

// IsWindowClosed reports whether WeCom refused a send because this
// customer cannot be messaged in the current session any more; it stays so
// until the customer writes again (or, for 95018, until the session is
// moved back to state 0/1). The codes, from wecom-kf.md §5/§5.1:
//
//   - 95001 the 5-message quota per customer message is used up
//   - 95002 more than 48 h since the customer's last message
//   - 95013 the session has already ended (state 4)
//   - 95018 the session state forbids API sends (queued, human-handled
//     state 2/3, or past 48 h)
//   - 95024 no customer-initiated message within 48 h (menu clicks do not
//     count) [third-party SDK only]
//   - 95031 the customer has not consulted within 48 h
//
// Deliberately excluded: 95025 (one business card per 48 h) still allows
// other message types, and 95030 (type banned) is about the message, not
// the window; both are IsPermanent.
func IsWindowClosed(err error) bool {
	var apiErr *Error
	if !errors.As(err, &apiErr) {
		return false
	}
	switch apiErr.Code {
	case CodeSendCountLimit, CodeSendTimeLimit, CodeSessionEnded,
		CodeSessionStateInvalid, CodeNoCustomerMessage, CodeNoRecentConsultation:
		return true
	}
	return false
}

// invalid returns an ErrInvalidRequest naming the API path and the reason,
// e.g. "wecomkf: invalid request: kf/send_msg: touser is empty".
func invalid(path, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrInvalidRequest, path, fmt.Sprintf(format, args...))
}
