package routing

// SendQuota is WeChat's limit of outbound messages per customer message
// (5 within 48 h); automatic messages count against it too.
const SendQuota = 5

// AgentReserve is how many sends automatic queue messages must leave for the
// agent: one to greet the customer on pick-up and one to answer. Without it
// a customer who waits long enough would get queue notices and comfort
// messages until the conversation locks, and the agent who finally takes it
// could not write at all until the customer writes again.
const AgentReserve = 2

// NoticeBudget returns how many automatic queue messages (queue notice,
// position updates, comfort messages) may still be sent when remaining sends
// are left in the window out of quota (0 means SendQuota). remaining is
// clamped to quota so a stale count can never widen the budget.
func NoticeBudget(remaining, quota int) int {
	if quota <= 0 {
		quota = SendQuota
	}
	remaining = min(remaining, quota)
	return max(0, remaining-AgentReserve)
}

// MayNotify reports whether one more automatic queue message may be sent
// without eating into the sends reserved for the agent: with the default
// quota of 5, at most 3 automatic messages per customer message, and none
// once only 2 sends remain.
func MayNotify(remaining, quota int) bool {
	return NoticeBudget(remaining, quota) > 0
}
