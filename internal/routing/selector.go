package routing

// selector picks one qualifying member, returning its index in members or
// -1 when none qualifies, and the state after the pick. Every selector is a
// single O(n) pass with no sorting or allocation: a decision must stay well
// under a millisecond with 2,000 members.
type selector func(members []Agent, st State, rnd Rand) (int, State)

// selectorFor maps a strategy to its selector.
func selectorFor(s Strategy, rnd Rand) (selector, error) {
	switch s {
	case StrategyRoundRobin:
		return roundRobin, nil
	case StrategyRandom:
		if rnd == nil {
			return nil, ErrNoRand
		}
		return random, nil
	case StrategyLeastBusy:
		return leastBusy, nil
	case StrategySkillFirst:
		return skillFirst, nil
	}
	return nil, ErrUnknownStrategy
}

// roundRobin takes the qualifying member whose ID follows the cursor in ID
// order, wrapping to the smallest ID. Ordering by ID rather than by slice
// position keeps the rotation stable however the caller lists members.
func roundRobin(members []Agent, st State, _ Rand) (int, State) {
	next, first := -1, -1
	for i, a := range members {
		if !Qualifies(a) {
			continue
		}
		if first < 0 || a.ID < members[first].ID {
			first = i
		}
		if a.ID > st.Cursor && (next < 0 || a.ID < members[next].ID) {
			next = i
		}
	}
	if next < 0 {
		next = first
	}
	if next < 0 {
		return -1, st
	}
	return next, State{Cursor: members[next].ID}
}

// random takes a uniformly chosen qualifying member: one pass counts them,
// a second finds the k-th, so nothing is allocated.
func random(members []Agent, st State, rnd Rand) (int, State) {
	n := 0
	for _, a := range members {
		if Qualifies(a) {
			n++
		}
	}
	if n == 0 {
		return -1, st
	}
	k := rnd.IntN(n)
	for i, a := range members {
		if !Qualifies(a) {
			continue
		}
		if k == 0 {
			return i, st
		}
		k--
	}
	return -1, st
}

// leastBusy takes the qualifying member with the fewest active conversations.
func leastBusy(members []Agent, st State, _ Rand) (int, State) {
	best := -1
	for i, a := range members {
		if Qualifies(a) && (best < 0 || lessBusy(a, members[best])) {
			best = i
		}
	}
	return best, st
}

// skillFirst takes the most skilled qualifying member, the least busy among
// equals.
func skillFirst(members []Agent, st State, _ Rand) (int, State) {
	best := -1
	for i, a := range members {
		if !Qualifies(a) {
			continue
		}
		if best < 0 || a.Skill > members[best].Skill ||
			(a.Skill == members[best].Skill && lessBusy(a, members[best])) {
			best = i
		}
	}
	return best, st
}

// lessBusy orders agents by active conversations, then by load ratio (so a
// large-capacity agent is preferred among equals), then by who was assigned
// least recently, then by ID so the result never depends on slice order.
func lessBusy(a, b Agent) bool {
	if a.Active != b.Active {
		return a.Active < b.Active
	}
	// Active/Max compared by cross-multiplying: no floats, no division by zero.
	if l, r := a.Active*b.MaxConcurrent, b.Active*a.MaxConcurrent; l != r {
		return l < r
	}
	if !a.LastAssignedAt.Equal(b.LastAssignedAt) {
		return a.LastAssignedAt.Before(b.LastAssignedAt)
	}
	return a.ID < b.ID
}
