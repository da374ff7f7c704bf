// Package wxcrypto implements WXBizMsgCrypt, the callback crypto shared by
// WeChat Official Account safe mode (安全模式) and WeCom callbacks (including
// WeChat Customer Service "kf" events).
//
// A callback carries a SHA-1 signature over the sorted token, timestamp,
// nonce and (in safe mode) the base64 ciphertext, plus an AES-256-CBC
// payload laid out as random(16) ‖ msg_len(uint32 BE) ‖ msg ‖ receive id,
// PKCS#7-padded to 32-byte blocks. The receive id is the AppID for Official
// Accounts and the CorpID for WeCom.
//
// Every failure is an *Error that carries the official sample-library code
// (-40001 …) and unwraps to one of the sentinel errors, so callers can use
// errors.Is. Error details never include keys, tokens or message bodies.
//
// Only the standard library is used.
package wxcrypto
