package ingest

import "github.com/pocketbase/pocketbase/core"

// loggedSecrets are the callback query parameters that must not reach the
// request log: the customer's openid, and the signatures and echo of a
// callback (a failed one is logged with its URL, at any level).
var loggedSecrets = []string{"openid", "signature", "msg_signature", "echostr", "nonce", "timestamp"}

// RedactLog is a callback route middleware: once the callback is handled,
// it blanks the query parameters above in the request's URL, which is what
// PocketBase's activity logger writes afterwards.
func RedactLog(e *core.RequestEvent) error {
	err := e.Next()
	q := e.Request.URL.Query()
	changed := false
	for _, k := range loggedSecrets {
		if q.Has(k) {
			q.Set(k, "REDACTED")
			changed = true
		}
	}
	if changed {
		e.Request.URL.RawQuery = q.Encode()
	}
	return err
}
