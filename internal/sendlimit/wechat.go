package sendlimit

// LockReasonForWeChatError reports whether a WeChat errcode from a send means
// the allowance is gone, so the desk must stop sending until the customer
// interacts again (record it in State.RefusedAt / RefusedCode). Every such
// code maps to ReasonWeChatRefused; other codes (token, media, transient
// errors) are for the outbox's retry logic and return false.
//
// Official Account (wechat-mp.md §4.3):
//   - 45015: window expired or the user unfollowed.
//   - 45047: the window's send count is used up.
//   - 43004: the recipient is no longer a follower; a new follow reopens.
//
// 微信客服 (wecom-kf.md §5.1):
//   - 95001: send count limit (5 per customer message).
//   - 95002: send time limit (48 h after the customer's message).
//   - 95031: the customer has not consulted within 48 h.
//   - 95024: no user-initiated message within 48 h; only in a third-party
//     SDK's table, but its meaning is exactly the window rule.
//
// Deliberately not a lock: 95018 (session state does not allow API sends)
// usually means WeChat routed the session to a human servicer (state 3); the
// fix is moving the session back to state 1, and locking would hide that
// setup problem behind "wait for the customer". 95013 (session ended) comes
// from the session-state API, not from sends.
func LockReasonForWeChatError(kind ChannelKind, errcode int) (Reason, bool) {
	var locks map[int]bool
	switch kind {
	case ChannelMP:
		locks = mpLockCodes
	case ChannelKF:
		locks = kfLockCodes
	}
	if locks[errcode] {
		return ReasonWeChatRefused, true
	}
	return ReasonNone, false
}

var (
	mpLockCodes = map[int]bool{45015: true, 45047: true, 43004: true}
	kfLockCodes = map[int]bool{95001: true, 95002: true, 95024: true, 95031: true}
)
