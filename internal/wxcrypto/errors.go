package wxcrypto

import (
	"errors"
	"strconv"
)

// Sentinel error classes. Every error returned by this package is an *Error
// wrapping exactly one of them, so errors.Is(err, ErrSignature) and friends
// work; the official code is in Error.Code.
var (
	// ErrSignature (-40001): signature or msg_signature does not match.
	ErrSignature = errors.New("wxcrypto: signature mismatch")
	// ErrParse (-40002): the callback body (XML or JSON) is malformed.
	ErrParse = errors.New("wxcrypto: malformed envelope")
	// ErrAESKey (-40004): the EncodingAESKey is not 43 chars [A-Za-z0-9]
	// decoding to 32 bytes.
	ErrAESKey = errors.New("wxcrypto: illegal EncodingAESKey")
	// ErrReceiveID (-40005): the decrypted receive id (AppID/CorpID) is not
	// the configured one.
	ErrReceiveID = errors.New("wxcrypto: receive id mismatch")
	// ErrEncrypt (-40006): encryption could not be performed (bad random
	// length, message too long, no system randomness).
	ErrEncrypt = errors.New("wxcrypto: encryption failed")
	// ErrDecrypt (-40007): the ciphertext is not a positive multiple of 32 bytes.
	ErrDecrypt = errors.New("wxcrypto: AES decryption failed")
	// ErrBuffer (-40008): the decrypted plaintext is structurally invalid
	// (padding, header or msg_len); also what a wrong key usually yields.
	ErrBuffer = errors.New("wxcrypto: illegal decrypted buffer")
	// ErrBase64 (-40010): the ciphertext is not standard padded base64.
	ErrBase64 = errors.New("wxcrypto: base64 decoding failed")
	// ErrReplyXML (-40011): a reply envelope could not be generated because
	// the timestamp or nonce cannot be placed in it safely.
	ErrReplyXML = errors.New("wxcrypto: cannot build reply envelope")
)

// Official WXBizMsgCrypt return codes, as listed by the Tencent samples;
// each is the Code of the *Error wrapping the matching sentinel.
const (
	CodeSignature = -40001 // ErrSignature: ValidateSignature_Error
	CodeParse     = -40002 // ErrParse: ParseXml_Error
	CodeAESKey    = -40004 // ErrAESKey: IllegalAesKey
	CodeReceiveID = -40005 // ErrReceiveID: ValidateCorpid/Appid_Error
	CodeEncrypt   = -40006 // ErrEncrypt: EncryptAES_Error
	CodeDecrypt   = -40007 // ErrDecrypt: DecryptAES_Error
	CodeBuffer    = -40008 // ErrBuffer: IllegalBuffer
	CodeBase64    = -40010 // ErrBase64: DecodeBase64_Error
	CodeReplyXML  = -40011 // ErrReplyXML: GenReturnXml_Error
)

// Error is the concrete error returned by this package. Code is the
// official sample-library code, Err the sentinel class and Detail a short
// description that never contains secrets or message content.
type Error struct {
	Code   int
	Err    error
	Detail string
}

// Error formats as "wxcrypto: <class> (<code>): <detail>".
func (e *Error) Error() string {
	s := e.Err.Error() + " (" + strconv.Itoa(e.Code) + ")"
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

// Unwrap returns the sentinel class so errors.Is works.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the official code carried by err, or 0 when err is nil
// or did not come from this package.
func ErrorCode(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

// codes maps each sentinel to its official code so call sites name only
// the class.
var codes = map[error]int{
	ErrSignature: CodeSignature,
	ErrParse:     CodeParse,
	ErrAESKey:    CodeAESKey,
	ErrReceiveID: CodeReceiveID,
	ErrEncrypt:   CodeEncrypt,
	ErrDecrypt:   CodeDecrypt,
	ErrBuffer:    CodeBuffer,
	ErrBase64:    CodeBase64,
	ErrReplyXML:  CodeReplyXML,
}

// fail builds an *Error of the given class.
func fail(class error, detail string) *Error {
	return &Error{Code: codes[class], Err: class, Detail: detail}
}
