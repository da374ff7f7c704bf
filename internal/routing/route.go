package routing

import "time"

// Request is everything needed to route one conversation.
type Request struct {
	Customer  Customer
	Queue     Queue
	Rules     []Rule           // designated rules, in priority order
	Directory map[string]Agent // all agents by ID, for pins outside the queue; may be nil
	State     State            // the queue's persisted round-robin state
	Rand      Rand             // required only for StrategyRandom
	Now       time.Time
}

// chain is one routing context: the looked-up agents, indexed rules and the
// strategy, shared by Route and by every step of a Drain.
type chain struct {
	roster *roster
	rules  ruleIndex
	pick   selector
	queue  Queue
	state  State
	rnd    Rand
	now    time.Time
	picked int // member position of the last strategy pick, -1 after a pin
}

// newChain validates the strategy and indexes the rules once.
func newChain(q Queue, rules []Rule, dir map[string]Agent, st State, rnd Rand, now time.Time) (*chain, error) {
	pick, err := selectorFor(q.Strategy, rnd)
	if err != nil {
		return nil, err
	}
	return &chain{
		roster: newRoster(q, dir), rules: newRuleIndex(rules), pick: pick,
		queue: q, state: st, rnd: rnd, now: now,
	}, nil
}

// Route decides who gets a conversation for req.Customer. A Decision with
// ReasonNone is not an error: the conversation waits in the queue.
func Route(req Request) (Decision, error) {
	c, err := newChain(req.Queue, req.Rules, req.Directory, req.State, req.Rand, req.Now)
	if err != nil {
		return Decision{}, err
	}
	return c.decide(req.Customer, true), nil
}

// decide runs the priority chain; withStrategy false stops after the pins
// (a drain knows no member qualifies any more).
func (c *chain) decide(cust Customer, withStrategy bool) Decision {
	c.picked = -1
	for _, step := range pinSteps {
		for _, id := range step.propose(cust, c.rules, c.now, c.queue.FamiliarDays) {
			if a, ok := c.roster.find(id); ok && Qualifies(a) {
				return Decision{AgentID: id, Reason: step.reason, State: c.state}
			}
		}
	}
	if !withStrategy {
		return Decision{Reason: ReasonNone, State: c.state}
	}
	i, next := c.pick(c.roster.members, c.state, c.rnd)
	if i < 0 {
		return Decision{Reason: ReasonNone, State: c.state}
	}
	c.state, c.picked = next, i
	return Decision{AgentID: c.roster.members[i].ID, Reason: ReasonStrategy, State: next}
}

// PinnedAgentIDs lists the agents the pin steps could propose for cust, so
// the caller can load just those into Request.Directory instead of every
// agent. Familiarity is judged at now with the queue's FamiliarDays.
func PinnedAgentIDs(cust Customer, q Queue, rules []Rule, now time.Time) []string {
	ix := newRuleIndex(rules)
	var ids []string
	for _, step := range pinSteps {
		ids = append(ids, step.propose(cust, ix, now, q.FamiliarDays)...)
	}
	return ids
}
