package routing

import "time"

// roster is where the chain looks agents up: the queue's members first,
// then (unless the queue forbids it) the directory of all agents. During a
// drain it also carries the in-memory load added by earlier assignments.
type roster struct {
	members     []Agent
	index       map[string]int // member ID → position, built on first use in a drain
	draining    bool
	copied      bool // members is our copy and may be written
	directory   map[string]Agent
	outside     map[string]Agent // directory agents already assigned in this drain
	membersOnly bool
}

// newRoster wraps members without copying; Route never mutates them.
func newRoster(q Queue, directory map[string]Agent) *roster {
	return &roster{members: q.Agents, directory: directory, membersOnly: q.PinsMembersOnly}
}

// startDrain prepares the roster to count load in memory. Copying the
// members waits for the first assignment and the ID index for the first
// pinned lookup: many drains need neither, and for 2,000 members they would
// cost more than the rest of the drain.
func (r *roster) startDrain() {
	r.outside = map[string]Agent{}
	r.draining = true
}

// memberAt returns the position of member id, or -1.
func (r *roster) memberAt(id string) int {
	if r.draining && r.index == nil {
		r.index = make(map[string]int, len(r.members))
		for i, a := range r.members {
			if _, dup := r.index[a.ID]; !dup {
				r.index[a.ID] = i
			}
		}
	}
	if r.index != nil {
		if i, ok := r.index[id]; ok {
			return i
		}
		return -1
	}
	for i := range r.members {
		if r.members[i].ID == id {
			return i
		}
	}
	return -1
}

// find returns the agent id as the chain should judge it.
func (r *roster) find(id string) (Agent, bool) {
	if i := r.memberAt(id); i >= 0 {
		return r.members[i], true
	}
	if r.membersOnly {
		return Agent{}, false
	}
	if a, ok := r.outside[id]; ok {
		return a, true
	}
	a, ok := r.directory[id]
	return a, ok
}

// assign records one more active conversation for id without touching the
// caller's slice; only used after startDrain. member is id's position when
// the caller already knows it, else -1.
func (r *roster) assign(id string, member int, now time.Time) {
	if !r.copied {
		r.members = append([]Agent(nil), r.members...)
		r.copied = true
	}
	if member < 0 {
		member = r.memberAt(id)
	}
	if member >= 0 {
		r.members[member].Active++
		r.members[member].LastAssignedAt = now
		return
	}
	a, _ := r.find(id)
	a.Active++
	a.LastAssignedAt = now
	r.outside[id] = a
}
