package mpapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
)

// Sentinel errors for failures detected before or after talking to WeChat.
var (
	// ErrInvalidRequest marks a request rejected locally (missing field,
	// unknown msgtype, menu limits) before anything is sent.
	ErrInvalidRequest = errors.New("mpapi: invalid request")
	// ErrMediaTooLarge marks an upload or download over Client.MaxMediaBytes.
	ErrMediaTooLarge = errors.New("mpapi: media too large")
	// ErrUnexpectedResponse marks a WeChat answer whose shape we do not
	// recognise (e.g. a token answer without access_token).
	ErrUnexpectedResponse = errors.New("mpapi: unexpected response")
	// ErrTokenRejected: WeChat refused the access token and, asked for
	// another, returned the same one; a later attempt may get a fresh one.
	ErrTokenRejected = errors.New("mpapi: access token rejected and not yet replaced")
)

// WeChat errcodes the rest of WeDesk reacts to (wechat-mp.md §4.3, §7).
const (
	CodeSystemBusy        = -1
	CodeInvalidCredential = 40001
	CodeInvalidOpenID     = 40003
	CodeInvalidMediaID    = 40007
	CodeInvalidToken      = 40014
	CodeTokenExpired      = 42001
	CodeRequireSubscribe  = 43004
	CodeDailyQuota        = 45009
	CodeMinuteQuota       = 45011
	CodeWindowClosed      = 45015
	CodeReplyQuota        = 45047
	CodeUnauthorized      = 48001
)

// Error is a non-zero errcode returned by the WeChat API. Op names the call
// ("custom/send", "media/get", ...); Msg is WeChat's errmsg verbatim.
type Error struct {
	Op   string
	Code int
	Msg  string
}

// Error formats as "mpapi: custom/send: errcode 45047: out of response count limit".
func (e *Error) Error() string {
	s := "mpapi: " + e.Op + ": errcode " + strconv.Itoa(e.Code)
	if e.Msg != "" {
		s += ": " + e.Msg
	}
	return s
}

// ErrCode returns WeChat's errcode (channel.WeChatCode reads it).
func (e *Error) ErrCode() int { return e.Code }

// Retryable reports whether the same call may succeed later unchanged:
// WeChat's transient "system error" and the API rate limits.
func (e *Error) Retryable() bool {
	switch e.Code {
	case CodeSystemBusy, CodeDailyQuota, CodeMinuteQuota:
		return true
	}
	return false
}

// tokenRejected reports whether WeChat refused the access token itself, the
// only case in which a call is retried with a freshly forced token.
func (e *Error) tokenRejected() bool {
	switch e.Code {
	case CodeInvalidCredential, CodeInvalidToken, CodeTokenExpired:
		return true
	}
	return false
}

// descriptions explains errcodes to agents in Chinese; codes missing here
// fall back to WeChat's own errmsg.
var descriptions = map[int]string{
	-1:    "微信系统繁忙，请稍后重试",
	40001: "access_token 无效或已被刷新",
	40002: "grant_type 不合法",
	40003: "openid 无效（可能不是本公众号的用户）",
	40007: "media_id 无效或已过期（临时素材仅保留 3 天）",
	40013: "AppID 无效",
	40014: "access_token 不合法",
	40018: "菜单按钮名称长度不合法",
	40037: "模板 ID 无效",
	40125: "AppSecret 无效",
	40164: "服务器 IP 不在公众号的 IP 白名单中",
	40200: "公众号类型不支持该接口",
	41001: "缺少 access_token",
	42001: "access_token 已过期",
	43004: "用户未关注公众号",
	43116: "该模板因滥用已被限制",
	43117: "向该用户发送模板消息过于频繁",
	45002: "消息内容超出长度限制",
	45008: "图文消息超过 1 篇",
	45009: "接口调用已达今日上限",
	45011: "接口调用过于频繁，请下一分钟再试",
	45015: "48 小时窗口已过或用户已取消关注",
	45047: "本窗口内的客服消息条数已用完，需等待用户再次互动",
	48001: "接口未授权（公众号未认证或缺少该权限）",
	70000: "消息因未成年人保护被拦截",
}

// Description explains the error for an agent, e.g.
// "48 小时窗口已过或用户已取消关注 (45015)"; unknown codes show WeChat's errmsg.
func (e *Error) Description() string {
	text, ok := descriptions[e.Code]
	switch {
	case ok:
	case e.Msg != "":
		text = e.Msg
	default:
		text = "未知错误"
	}
	return text + " (" + strconv.Itoa(e.Code) + ")"
}

// HTTPError is a non-2xx HTTP status from WeChat (or the video host).
type HTTPError struct {
	Op         string
	StatusCode int
}

// Error formats as "mpapi: media/get: http status 502".
func (e *HTTPError) Error() string {
	return "mpapi: " + e.Op + ": http status " + strconv.Itoa(e.StatusCode)
}

// Retryable reports whether the status is a server-side or throttling
// failure worth retrying.
func (e *HTTPError) Retryable() bool {
	return e.StatusCode >= 500 || e.StatusCode == 429
}

// IsRetryable reports whether err is worth retrying later with the same
// request: a retryable *Error, a 5xx/429 *HTTPError, or a transport failure
// (timeout, connection reset, truncated body). Caller cancellation is not.
func IsRetryable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	var apiErr *Error
	if errors.As(err, &apiErr) {
		return apiErr.Retryable()
	}
	var httpErr *HTTPError
	if errors.As(err, &httpErr) {
		return httpErr.Retryable()
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		// *url.Error wraps every client failure, including permanent ones
		// (bad scheme, certificate, redirect loop); only network trouble counts.
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

// invalidError is a request rejected locally; it unwraps to ErrInvalidRequest.
type invalidError struct {
	op     string
	reason string
}

// Error formats as "mpapi: custom/send: invalid request: touser is empty".
func (e *invalidError) Error() string {
	s := "mpapi: "
	if e.op != "" {
		s += e.op + ": "
	}
	return s + "invalid request: " + e.reason
}

func (e *invalidError) Unwrap() error { return ErrInvalidRequest }

// invalid returns an ErrInvalidRequest with a reason.
func invalid(format string, args ...any) error {
	return &invalidError{reason: fmt.Sprintf(format, args...)}
}

// within prefixes the reason of a local validation error with where it was
// found, e.g. "button[1]".
func within(where string, err error) error {
	var ie *invalidError
	if errors.As(err, &ie) {
		ie.reason = where + ": " + ie.reason
	}
	return err
}

// withOp names the API call a local validation error belongs to.
func withOp(op string, err error) error {
	var ie *invalidError
	if errors.As(err, &ie) {
		ie.op = op
	}
	return err
}
