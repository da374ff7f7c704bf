package setup

import (
	"encoding/base64"
	"regexp"

	validation "github.com/pocketbase/ozzo-validation/v4"

	"github.com/wedesk/wedesk/internal/store"
)

var (
	appIDShape  = regexp.MustCompile(`^wx[A-Za-z0-9]{16}$`)
	corpIDShape = regexp.MustCompile(`^w[wx][A-Za-z0-9]{16}$`)
	tokenShape  = regexp.MustCompile(`^[A-Za-z0-9]{3,32}$`)
	aesKeyShape = regexp.MustCompile(`^[A-Za-z0-9+/]{43}$`)
)

// Field error codes, stable for API clients.
const (
	CodeAppID   = "wedesk_app_id"
	CodeToken   = "wedesk_token"
	CodeAESKey  = "wedesk_aes_key"
	CodeEnabled = "wedesk_enabled_needs_keys"
)

// ChannelSettings are the fields of a channel that WeChat's console dictates.
type ChannelSettings struct {
	Kind, AppID, Secret, Token, AESKey string
	Enabled                            bool
}

// CheckChannel returns one field error per setting that WeChat would not
// accept, each saying what WeChat expects; nil when all are plausible.
// Kinds other than the two WeChat ones only get the generic checks.
func CheckChannel(s ChannelSettings) validation.Errors {
	errs := validation.Errors{}
	switch s.Kind {
	case store.KindWechatMP:
		if !appIDShape.MatchString(s.AppID) {
			errs["app_id"] = validation.NewError(CodeAppID,
				"An Official Account AppID (开发者ID) is \"wx\" followed by 16 letters or digits, e.g. wx5c3e8a1f0b2d4e6a.")
		}
	case store.KindWecomKF:
		if !corpIDShape.MatchString(s.AppID) {
			errs["app_id"] = validation.NewError(CodeAppID,
				"A WeCom CorpID (企业ID) is \"ww\" (older ones \"wx\") followed by 16 letters or digits, e.g. ww1234567890abcdef.")
		}
	}
	if s.Token != "" && !tokenShape.MatchString(s.Token) {
		errs["token"] = validation.NewError(CodeToken,
			"The Token (令牌) must be 3 to 32 letters or digits, the same as in WeChat's console.")
	}
	if s.AESKey != "" && !validAESKey(s.AESKey) {
		errs["aes_key"] = validation.NewError(CodeAESKey,
			"The EncodingAESKey (消息加解密密钥) must be exactly 43 characters of letters, digits, + or / "+
				"as WeChat's console generates it.")
	}
	if s.Enabled && len(errs) == 0 {
		for field, v := range map[string]string{"secret": s.Secret, "token": s.Token, "aes_key": s.AESKey} {
			if v == "" {
				errs[field] = validation.NewError(CodeEnabled,
					"An enabled channel needs its secret, token and aes_key (WeDesk only accepts safe mode, 安全模式).")
			}
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// validAESKey reports whether key is 43 characters of base64 that decode
// (with WeChat's trailing "=") to a 32-byte AES key.
func validAESKey(key string) bool {
	if !aesKeyShape.MatchString(key) {
		return false
	}
	b, err := base64.StdEncoding.DecodeString(key + "=")
	return err == nil && len(b) == 32
}
