package sendlimit

import "time"

// AgentReserve is how many sends of every allowance are kept for the agent.
//
// Automatic messages (queue notices, queue comfort, timeout comfort and
// prompts, rating invitations) count against the same WeChat budget as the
// agent's replies. Without a reserve a customer waiting in a queue could use
// up all 5 sends on notices before an agent typed a word, and the agent could
// not answer until the customer wrote again. Two sends let the agent answer
// and follow up (or close); automatic messages get the rest (3 of 5 after a
// message, 1 of 3 after a follow, which is exactly the welcome message).
const AgentReserve = 2

// AutomaticAllowed reports whether an automatic message may be sent: the
// budget is open and more than AgentReserve sends remain. An allowance of
// AgentReserve sends or fewer is left entirely to the agent.
func AutomaticAllowed(b Budget) bool {
	return b.Open() && b.Remaining > AgentReserve
}

// Send is one outbound message as the allowance counts it.
type Send struct {
	At        time.Time
	Automatic bool // sent by the desk (notice, comfort, prompt, rating), not typed by an agent
}

// CountSince counts the sends at or after since, and how many of them were
// automatic. Sends at the same instant as the interaction count, because
// WeChat counts every reply after it and timestamps are only to the second.
func CountSince(sends []Send, since time.Time) (total, automatic int) {
	for _, s := range sends {
		if s.At.Before(since) {
			continue
		}
		total++
		if s.Automatic {
			automatic++
		}
	}
	return total, automatic
}
