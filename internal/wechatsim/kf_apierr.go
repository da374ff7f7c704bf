package wechatsim

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// WeCom (qyapi) error codes of the kf side, from wecom-kf.md §1, §5.1, §9
// or, where marked, WeCom's global return-code table. Codes WeCom shares
// with the Official Account side (40001, 40013, 40014, 41001, 42001, 45009)
// use the Errcode constants above.
const (
	ErrcodeKFInvalidParam       = 40058 // global table; also the simulator's pick for undocumented cases
	ErrcodeKFInvalidMediaType   = 40004
	ErrcodeKFInvalidType        = 40005
	ErrcodeKFInvalidSize        = 40006
	ErrcodeKFInvalidImageSize   = 40009
	ErrcodeKFInvalidVideoSize   = 40011
	ErrcodeKFCorpIDMissing      = 41002 // global table
	ErrcodeKFSecretMissing      = 41004 // global table
	ErrcodeKFEmptyMedia         = 44001
	ErrcodeKFSizeOverLimit      = 45001
	ErrcodeKFInvalidOpenKfID    = 95000
	ErrcodeKFSendCountLimit     = 95001
	ErrcodeKFSendTimeLimit      = 95002
	ErrcodeKFNoSuchOpenKfID     = 95004
	ErrcodeKFInvalidMsgToken    = 95007
	ErrcodeKFMenuTooMany        = 95008
	ErrcodeKFInvalidMenuType    = 95009
	ErrcodeKFSessionEnded       = 95013
	ErrcodeKFNotServicer        = 95014
	ErrcodeKFBadTransition      = 95016
	ErrcodeKFSessionStatus      = 95018
	ErrcodeKFNoRecentConsult    = 95031
	ErrcodeKFOpenKfIDMissing    = 60251
	ErrcodeKFOpenKfIDIllegal    = 60252
	ErrcodeKFInvalidMessageType = ErrcodeInvalidMessageType // 40008
)

// kfErrMsgs is the diagnostic text before WeCom's ", hint: …" suffix.
// Clients must match errcode, never errmsg (§ intro).
var kfErrMsgs = map[int]string{
	ErrcodeSystemError:          "system busy",
	ErrcodeInvalidCredential:    "invalid credential",
	ErrcodeInvalidAppID:         "invalid corpid",
	ErrcodeInvalidToken:         "invalid access_token",
	ErrcodeTokenMissing:         "access_token missing",
	ErrcodeTokenExpired:         "access_token expired",
	ErrcodeRequireGET:           "require GET method",
	ErrcodeRequirePOST:          "require POST method",
	ErrcodeEmptyPostData:        "empty post data",
	ErrcodeDataFormat:           "data format error",
	ErrcodeDailyQuota:           "api freq out of limit",
	ErrcodeKFInvalidParam:       "invalid parameter",
	ErrcodeKFInvalidMediaType:   "invalid media type",
	ErrcodeKFInvalidType:        "invalid type",
	ErrcodeKFInvalidSize:        "invalid file size",
	ErrcodeKFInvalidImageSize:   "invalid image size",
	ErrcodeKFInvalidVideoSize:   "invalid video size",
	ErrcodeInvalidMediaID:       "invalid media_id",
	ErrcodeKFInvalidMessageType: "invalid message type",
	ErrcodeKFCorpIDMissing:      "corpid missing",
	ErrcodeKFSecretMissing:      "corpsecret missing",
	ErrcodeKFEmptyMedia:         "empty media data",
	ErrcodeKFSizeOverLimit:      "media size out of limit",
	ErrcodeKFInvalidOpenKfID:    "invalid open_kfid",
	ErrcodeKFSendCountLimit:     "send msg count limit",
	ErrcodeKFSendTimeLimit:      "send msg time limit",
	ErrcodeKFNoSuchOpenKfID:     "open_kfid not exist",
	ErrcodeKFInvalidMsgToken:    "invalid msg token",
	ErrcodeKFMenuTooMany:        "msgmenu item count out of limit",
	ErrcodeKFInvalidMenuType:    "invalid msgmenu item type",
	ErrcodeKFSessionEnded:       "session already ended",
	ErrcodeKFNotServicer:        "user is not servicer",
	ErrcodeKFBadTransition:      "invalid service state transition",
	ErrcodeKFSessionStatus:      "send msg session status invalid",
	ErrcodeKFNoRecentConsult:    "customer not consult in 48 hours",
	ErrcodeKFOpenKfIDMissing:    "openkfid missing",
	ErrcodeKFOpenKfIDIllegal:    "openkfid illegal",
}

// KFErrMsg returns the simulator's errmsg head for a WeCom errcode, before
// the ", hint: […], from ip: …, more info at …" tail real errmsgs carry.
func KFErrMsg(code int) string {
	if m, ok := kfErrMsgs[code]; ok {
		return m
	}
	return fmt.Sprintf("error %d", code)
}

// kfContentType is the Content-Type of qyapi JSON answers.
const kfContentType = "application/json; charset=UTF-8"

// writeKFJSON answers 200 with v as JSON, as WeCom does for errors too.
func writeKFJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", kfContentType)
	w.WriteHeader(http.StatusOK)
	_ = json.NewEncoder(w).Encode(v)
}

// writeKFErr answers a WeCom errcode with WeCom's errmsg shape, so that
// clients that compare errmsg text fail here as they would against WeCom.
func writeKFErr(w http.ResponseWriter, code int) {
	writeKFJSON(w, apiError{ErrCode: code, ErrMsg: kfErrText(code)})
}

// kfErrText is the full errmsg for code.
func kfErrText(code int) string {
	if code == ErrcodeOK {
		return "ok"
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	msg := KFErrMsg(code) + ", hint: [" + strconv.FormatInt(time.Now().Unix(), 10) + "_" + hex.EncodeToString(b[:]) +
		"], from ip: 127.0.0.1, more info at https://open.work.weixin.qq.com/devtool/query?e=" + strconv.Itoa(code)
	if code == ErrcodeDataFormat {
		msg += " Warning: wrong json format. "
	}
	return msg
}

// decodeKFJSON parses a POST body: empty is 44002, anything that is not a
// JSON object of the right shape 47001 (errmsg "Warning: wrong json format.").
func decodeKFJSON(body []byte, v any) int {
	if len(bytes.TrimSpace(body)) == 0 {
		return ErrcodeEmptyPostData
	}
	if err := json.Unmarshal(body, v); err != nil {
		return ErrcodeDataFormat
	}
	return ErrcodeOK
}
