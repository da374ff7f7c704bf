package routing

import (
	"slices"
	"time"
)

// pinStep proposes agents for a customer, best first; the orchestrator
// takes the first one that qualifies.
type pinStep struct {
	reason  Reason
	propose func(c Customer, rules ruleIndex, now time.Time, days int) []string
}

// pinSteps are the customer-bound steps of the chain, in priority order.
var pinSteps = []pinStep{
	{ReasonOwner, ownerOf},
	{ReasonFamiliar, familiarOf},
	{ReasonDesignated, designatedOf},
}

// ownerOf proposes the customer's owner (负责人).
func ownerOf(c Customer, _ ruleIndex, _ time.Time, _ int) []string {
	if c.OwnerID == "" {
		return nil
	}
	return []string{c.OwnerID}
}

// familiarOf proposes the last agent who served the customer when that was
// at most days ago. A service time in the future (clock skew between hosts)
// still counts as recent.
func familiarOf(c Customer, _ ruleIndex, now time.Time, days int) []string {
	if !isFamiliar(&c, now, days) {
		return nil
	}
	return []string{c.LastAgentID}
}

// isFamiliar is the 熟客 test on its own, so drains can cheaply skip
// customers with no pin at all.
func isFamiliar(c *Customer, now time.Time, days int) bool {
	if days <= 0 || c.LastAgentID == "" || c.LastServedAt.IsZero() {
		return false
	}
	return now.Sub(c.LastServedAt) <= time.Duration(days)*24*time.Hour
}

// designatedOf proposes agents from designated rules: customer rules before
// tag rules, each group in the order the rules were given.
func designatedOf(c Customer, rules ruleIndex, _ time.Time, _ int) []string {
	return rules.agentsFor(c)
}

// ruleIndex groups designated rules so a drain over thousands of waiting
// customers does not rescan every rule per customer.
type ruleIndex struct {
	byCustomer map[string][]string
	byTag      map[string][]rankedAgent
}

// rankedAgent remembers a tag rule's position so rules matched through
// different tags keep the admin's order.
type rankedAgent struct {
	pos     int
	agentID string
}

// newRuleIndex indexes rules, dropping those that name no agent or no target.
func newRuleIndex(rules []Rule) ruleIndex {
	var ix ruleIndex
	for i, r := range rules {
		switch {
		case r.AgentID == "":
		case r.CustomerID != "":
			if ix.byCustomer == nil {
				ix.byCustomer = map[string][]string{}
			}
			ix.byCustomer[r.CustomerID] = append(ix.byCustomer[r.CustomerID], r.AgentID)
		case r.Tag != "":
			if ix.byTag == nil {
				ix.byTag = map[string][]rankedAgent{}
			}
			ix.byTag[r.Tag] = append(ix.byTag[r.Tag], rankedAgent{i, r.AgentID})
		}
	}
	return ix
}

// agentsFor lists the agents the rules pin c to, best first.
func (ix ruleIndex) agentsFor(c Customer) []string {
	out := slices.Clone(ix.byCustomer[c.ID])
	var tagged []rankedAgent
	for _, tag := range c.Tags {
		tagged = append(tagged, ix.byTag[tag]...)
	}
	slices.SortFunc(tagged, func(a, b rankedAgent) int { return a.pos - b.pos })
	for _, t := range tagged {
		out = append(out, t.agentID)
	}
	return out
}

// pinned reports whether any pin step could propose an agent for c.
func (ix ruleIndex) pinned(c *Customer, now time.Time, days int) bool {
	if c.OwnerID != "" || isFamiliar(c, now, days) || len(ix.byCustomer[c.ID]) > 0 {
		return true
	}
	for _, tag := range c.Tags {
		if len(ix.byTag[tag]) > 0 {
			return true
		}
	}
	return false
}
