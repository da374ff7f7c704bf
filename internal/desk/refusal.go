package desk

import (
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/media"
	"github.com/wedesk/wedesk/internal/sendlimit"
)

// Refusal is the body of a refused send or action: a stable machine code
// (send_quota_reached, window_closed, blocked, media_too_large, …) and the
// reason in the agent's language. Status repeats the HTTP status, as
// PocketBase's own error bodies do.
type Refusal struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Status  int    `json:"status"`
}

// AgentLang is the language refusals are worded in for the calling agent:
// the agent's inbox language, Chinese unless it is "en" (as the inbox).
func AgentLang(e *core.RequestEvent) string {
	if e.Auth != nil && e.Auth.GetString("lang") == "en" {
		return "en"
	}
	return "zh"
}

// RefusalOf returns the refusal an error stands for: a send budget, a
// block or a media rule; ok is false for any other error.
func RefusalOf(err error, lang string) (r Refusal, ok bool) {
	var le *sendlimit.Error
	var rej *media.Rejection
	switch {
	case errors.As(err, &le):
		return Refusal{Code: le.Code(), Message: le.Message(lang), Status: http.StatusBadRequest}, true
	case errors.As(err, &rej):
		return Refusal{Code: rej.Code, Message: rej.Message(lang), Status: http.StatusBadRequest}, true
	}
	return Refusal{}, false
}

// WriteRefusal answers 400 with the refusal body for err when it is one;
// handled is false otherwise and nothing is written.
func WriteRefusal(e *core.RequestEvent, err error) (handled bool, werr error) {
	r, ok := RefusalOf(err, AgentLang(e))
	if !ok {
		return false, nil
	}
	return true, e.JSON(r.Status, r)
}
