package wecomkf

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"testing"
)

func TestErrorClassification(t *testing.T) {
	tests := []struct {
		code                           int
		retryable, token, window, perm bool
		descContains                   string
	}{
		{-1, true, false, false, false, "系统繁忙"},
		{40001, false, true, false, true, "Secret 无效"},
		{40014, true, true, false, false, "invalid access_token"},
		{42001, true, true, false, false, "已过期"},
		{45009, true, false, false, false, "频率"},
		{45033, true, false, false, false, "并发"},
		{48002, false, false, false, true, "无权"},
		{60020, false, false, false, true, "可信 IP"},
		{95000, false, false, false, true, "kfc"},
		{95001, false, false, true, true, "5 条"},
		{95002, false, false, true, true, "48 小时"},
		{95007, false, false, false, true, "10 分钟"},
		{95013, false, false, true, true, "会话已结束"},
		{95016, false, false, false, true, "状态变更"},
		{95017, false, false, false, true, "API 开关"},
		{95018, false, false, true, true, "会话状态不允许"},
		{95024, false, false, true, true, "主动发消息"},
		{95025, false, false, false, true, "名片"},
		{95030, false, false, false, true, "禁止"},
		{95031, false, false, true, true, "没有咨询"},
		{95032, false, false, false, true, "聊天记录"},
		{123456, false, false, false, true, "WeCom error: boom"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.code), func(t *testing.T) {
			err := fmt.Errorf("outbox: %w", &Error{Code: tt.code, Msg: "boom", Path: "kf/send_msg"})
			got := []bool{IsRetryable(err), IsTokenError(err), IsWindowClosed(err), IsPermanent(err)}
			want := []bool{tt.retryable, tt.token, tt.window, tt.perm}
			for i, name := range []string{"IsRetryable", "IsTokenError", "IsWindowClosed", "IsPermanent"} {
				if got[i] != want[i] {
					t.Errorf("%s = %v, want %v", name, got[i], want[i])
				}
			}
			var apiErr *Error
			errors.As(err, &apiErr)
			desc := apiErr.Description()
			if !strings.Contains(desc, tt.descContains) || !strings.HasSuffix(desc, fmt.Sprintf("(%d)", tt.code)) {
				t.Errorf("Description = %q, want it to contain %q and end with the code", desc, tt.descContains)
			}
		})
	}
}

func TestEveryDescriptionIsBilingual(t *testing.T) {
	for code, text := range descriptions {
		if text.zh == "" || text.en == "" || text.zh == text.en {
			t.Errorf("errcode %d: description %+v is not bilingual", code, text)
		}
	}
}

func TestNonAPIErrorClassification(t *testing.T) {
	tests := []struct {
		name            string
		err             error
		retryable, perm bool
	}{
		{"nil", nil, false, false},
		{"cancelled", fmt.Errorf("wecomkf: x: %w", context.Canceled), false, false},
		{"deadline", fmt.Errorf("wecomkf: x: %w", context.DeadlineExceeded), true, false},
		{"truncated body", fmt.Errorf("wecomkf: read: %w", io.ErrUnexpectedEOF), true, false},
		{"connection refused", &url.Error{Op: "Post", URL: "u", Err: &net.OpError{Op: "dial", Err: errors.New("refused")}}, true, false},
		{"bad scheme", &url.Error{Op: "Post", URL: "u", Err: errors.New("unsupported protocol scheme")}, false, true},
		{"http 502", &HTTPError{Path: "kf/sync_msg", StatusCode: 502}, true, false},
		{"http 429", &HTTPError{Path: "kf/sync_msg", StatusCode: 429}, true, false},
		{"http 404", &HTTPError{Path: "kf/sync_msg", StatusCode: 404}, false, true},
		{"invalid request", invalid("kf/send_msg", "touser is empty"), false, true},
		{"too large", fmt.Errorf("x: %w", ErrMediaTooLarge), false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsRetryable(tt.err); got != tt.retryable {
				t.Errorf("IsRetryable = %v, want %v", got, tt.retryable)
			}
			if got := IsPermanent(tt.err); got != tt.perm {
				t.Errorf("IsPermanent = %v, want %v", got, tt.perm)
			}
			if IsWindowClosed(tt.err) || IsTokenError(tt.err) {
				t.Error("non-API error classified as window/token error")
			}
		})
	}
}

func TestErrorStrings(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&Error{Code: 95018, Msg: "send msg session status invalid", Path: "kf/send_msg"},
			"wecomkf: kf/send_msg: errcode 95018: send msg session status invalid"},
		{&Error{Code: 95018, Path: "kf/send_msg"}, "wecomkf: kf/send_msg: errcode 95018"},
		{&HTTPError{Path: "media/get", StatusCode: 502}, "wecomkf: media/get: http status 502"},
		{invalid("kf/send_msg", "touser is empty"), "wecomkf: invalid request: kf/send_msg: touser is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q", got)
			}
		})
	}
}

func TestSendFailEventWindowClosed(t *testing.T) {
	tests := []struct {
		failType int
		want     bool
	}{
		{FailUnknown, false}, {FailSessionExpired, true}, {FailSessionClosed, true},
		{FailOverQuota, true}, {FailCustomerRejects, false}, {FailMsgTypeBanned, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.failType), func(t *testing.T) {
			ev := &Event{EventType: EventMsgSendFail, FailType: tt.failType}
			if got := ev.WindowClosed(); got != tt.want {
				t.Errorf("WindowClosed = %v, want %v", got, tt.want)
			}
		})
	}
}
