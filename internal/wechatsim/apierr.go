package wechatsim

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// WeChat API error codes the simulator answers with. The names follow the
// meaning in wechat-mp.md §4.3/§5 or, where marked, WeChat's global return
// code table.
const (
	ErrcodeSystemError        = -1
	ErrcodeOK                 = 0
	ErrcodeInvalidCredential  = 40001
	ErrcodeInvalidGrantType   = 40002
	ErrcodeInvalidOpenID      = 40003
	ErrcodeInvalidMediaType   = 40004 // global table
	ErrcodeInvalidFileType    = 40005 // global table
	ErrcodeInvalidMediaSize   = 40006 // global table
	ErrcodeInvalidMediaID     = 40007
	ErrcodeInvalidMessageType = 40008 // global table
	ErrcodeInvalidAppID       = 40013
	ErrcodeInvalidToken       = 40014
	ErrcodeInvalidButtonSize  = 40016 // global table
	ErrcodeInvalidButtonType  = 40017 // global table
	ErrcodeInvalidButtonName  = 40018
	ErrcodeInvalidButtonKey   = 40019 // global table
	ErrcodeInvalidButtonURL   = 40020 // global table
	ErrcodeInvalidSubLevel    = 40022 // global table
	ErrcodeInvalidSubSize     = 40023 // global table
	ErrcodeInvalidSubType     = 40024 // global table
	ErrcodeInvalidSubName     = 40025 // global table
	ErrcodeInvalidSubKey      = 40026 // global table
	ErrcodeInvalidSubURL      = 40027 // global table
	ErrcodeInvalidTemplateID  = 40037
	ErrcodeInvalidAppSecret   = 40125
	ErrcodeTokenMissing       = 41001
	ErrcodeAppIDMissing       = 41002 // global table
	ErrcodeSecretMissing      = 41004 // global table
	ErrcodeMediaDataMissing   = 41005 // global table
	ErrcodeTokenExpired       = 42001
	ErrcodeRequireGET         = 43001 // global table
	ErrcodeRequirePOST        = 43002 // global table
	ErrcodeRequireSubscribe   = 43004
	ErrcodeEmptyMediaData     = 44001 // global table
	ErrcodeEmptyPostData      = 44002 // global table
	ErrcodeEmptyNews          = 44003 // global table
	ErrcodeEmptyContent       = 44004 // global table
	ErrcodeContentTooLong     = 45002
	ErrcodeArticleTooMany     = 45008
	ErrcodeDailyQuota         = 45009
	ErrcodeMinuteQuota        = 45011
	ErrcodeOutOfWindow        = 45015
	ErrcodeOutOfQuota         = 45047
	ErrcodeMenuNotExist       = 46003 // global table
	ErrcodeDataFormat         = 47001
	ErrcodeAPIUnauthorized    = 48001
)

// errMsgs holds the errmsg text WeChat puts before its " rid: …" suffix.
var errMsgs = map[int]string{
	ErrcodeSystemError:        "system error",
	ErrcodeOK:                 "ok",
	ErrcodeInvalidCredential:  "invalid credential, access_token is invalid or not latest",
	ErrcodeInvalidGrantType:   "invalid grant_type",
	ErrcodeInvalidOpenID:      "invalid openid",
	ErrcodeInvalidMediaType:   "invalid media type",
	ErrcodeInvalidFileType:    "invalid file type",
	ErrcodeInvalidMediaSize:   "invalid meida size",
	ErrcodeInvalidMediaID:     "invalid media_id",
	ErrcodeInvalidMessageType: "invalid message type",
	ErrcodeInvalidAppID:       "invalid appid",
	ErrcodeInvalidToken:       "invalid access_token",
	ErrcodeInvalidButtonSize:  "invalid button size",
	ErrcodeInvalidButtonType:  "invalid button type",
	ErrcodeInvalidButtonName:  "invalid button name size",
	ErrcodeInvalidButtonKey:   "invalid button key size",
	ErrcodeInvalidButtonURL:   "invalid button url size",
	ErrcodeInvalidSubLevel:    "invalid sub button level",
	ErrcodeInvalidSubSize:     "invalid sub button size",
	ErrcodeInvalidSubType:     "invalid sub button type",
	ErrcodeInvalidSubName:     "invalid sub button name size",
	ErrcodeInvalidSubKey:      "invalid sub button key size",
	ErrcodeInvalidSubURL:      "invalid sub button url size",
	ErrcodeInvalidTemplateID:  "invalid template_id",
	ErrcodeInvalidAppSecret:   "invalid appsecret",
	ErrcodeTokenMissing:       "access_token missing",
	ErrcodeAppIDMissing:       "appid missing",
	ErrcodeSecretMissing:      "appsecret missing",
	ErrcodeMediaDataMissing:   "media data missing",
	ErrcodeTokenExpired:       "access_token expired",
	ErrcodeRequireGET:         "require GET method",
	ErrcodeRequirePOST:        "require POST method",
	ErrcodeRequireSubscribe:   "require subscribe",
	ErrcodeEmptyMediaData:     "empty media data",
	ErrcodeEmptyPostData:      "empty post data",
	ErrcodeEmptyNews:          "empty news data",
	ErrcodeEmptyContent:       "empty content",
	ErrcodeContentTooLong:     "content size out of limit",
	ErrcodeArticleTooMany:     "article size out of limit",
	ErrcodeDailyQuota:         "reach max api daily quota limit",
	ErrcodeMinuteQuota:        "api minute-quota reach limit must slower retry next minute",
	ErrcodeOutOfWindow:        "response out of time limit or subscription is canceled",
	ErrcodeOutOfQuota:         "out of response count limit",
	ErrcodeMenuNotExist:       "menu no exist",
	ErrcodeDataFormat:         "data format error",
	ErrcodeAPIUnauthorized:    "api unauthorized",
}

// ErrMsg returns the documented errmsg text for an errcode, without the
// " rid: …" suffix the simulator (like WeChat) appends. Unknown codes get a
// generic text so that injected codes still produce a well-formed answer.
func ErrMsg(code int) string {
	if m, ok := errMsgs[code]; ok {
		return m
	}
	return fmt.Sprintf("error %d", code)
}

// apiError is the JSON body of every WeChat API error answer.
type apiError struct {
	ErrCode int    `json:"errcode"`
	ErrMsg  string `json:"errmsg"`
}

// jsonContentType is the Content-Type WeChat's API gateway really sends; it
// says "encoding", not "charset", which clients must tolerate.
const jsonContentType = "application/json; encoding=utf-8"

// writeJSON answers 200 with v as JSON, as WeChat does for errors too.
func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", jsonContentType)
	w.WriteHeader(http.StatusOK)
	_ = json.NewEncoder(w).Encode(v)
}

// writeErr answers an errcode. Real errmsgs carry a request id suffix, so
// clients that compare errmsg strings instead of errcodes fail here as they
// would against WeChat.
func writeErr(w http.ResponseWriter, code int) {
	msg := ErrMsg(code)
	if code != ErrcodeOK {
		msg += " rid: " + requestID()
	}
	writeJSON(w, apiError{ErrCode: code, ErrMsg: msg})
}

// writeOK answers {"errcode":0,"errmsg":"ok"}.
func writeOK(w http.ResponseWriter) {
	writeJSON(w, apiError{ErrCode: ErrcodeOK, ErrMsg: "ok"})
}

// requestID imitates WeChat's "rid" format: three dash-separated 8-hex groups.
func requestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%08x-%s-%s", uint32(time.Now().Unix()), hex.EncodeToString(b[:4]), hex.EncodeToString(b[4:]))
}
