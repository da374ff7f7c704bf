package routing

// filter is one named condition an agent must meet to receive a new
// conversation automatically. Keeping them separate lets each be tested and
// lets Qualifies read like the product rule.
type filter func(a Agent) bool

// isOnline excludes suspended (小休) and offline agents.
func isOnline(a Agent) bool { return a.Status == StatusOnline }

// isAutoAssignable excludes transfer-only members ("更多成员"), which WeCom
// never assigns automatically.
func isAutoAssignable(a Agent) bool { return !a.TransferOnly }

// hasCapacity is false once the agent owns MaxConcurrent conversations; a
// non-positive MaxConcurrent means the agent was given no capacity at all.
func hasCapacity(a Agent) bool { return a.Active < a.MaxConcurrent }

// Qualifies reports whether a may be given a new conversation automatically:
// online, not transfer-only and under capacity.
// The filters are called directly rather than looped over so that the
// check inlines into the selectors' scans over thousands of members.
func Qualifies(a Agent) bool {
	return isOnline(a) && isAutoAssignable(a) && hasCapacity(a)
}
