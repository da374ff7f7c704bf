package routing

import (
	"errors"
	"time"
)

// Errors returned by Route and Drain.
var (
	// ErrUnknownStrategy means Queue.Strategy is not one of the Strategy constants.
	ErrUnknownStrategy = errors.New("routing: unknown strategy")
	// ErrNoRand means StrategyRandom was asked for without a Rand source.
	ErrNoRand = errors.New("routing: random strategy needs a Rand source")
)

// Status is an agent's availability, as the agent sets it in the inbox.
type Status string

// Agent statuses. Suspended (小休) keeps current chats but takes no new ones.
const (
	StatusOnline    Status = "online"
	StatusSuspended Status = "suspended"
	StatusOffline   Status = "offline"
)

// Strategy is how a queue picks among its qualifying members.
type Strategy string

// Queue strategies (轮选, 随机, 平均/空闲, 技能优先).
const (
	StrategyRoundRobin Strategy = "round_robin"
	StrategyRandom     Strategy = "random"
	StrategyLeastBusy  Strategy = "least_busy"
	StrategySkillFirst Strategy = "skill_first"
)

// Valid reports whether s is one of the known strategies.
func (s Strategy) Valid() bool {
	switch s {
	case StrategyRoundRobin, StrategyRandom, StrategyLeastBusy, StrategySkillFirst:
		return true
	}
	return false
}

// Reason says which step of the priority chain chose the agent.
type Reason string

// Reasons recorded with a Decision.
const (
	ReasonNone       Reason = "none" // nobody qualifies: the conversation waits
	ReasonOwner      Reason = "owner"
	ReasonFamiliar   Reason = "familiar"
	ReasonDesignated Reason = "designated"
	ReasonStrategy   Reason = "strategy"
)

// Agent is one agent as the router sees it. In Queue.Agents, Skill and
// TransferOnly describe the agent's membership of that queue.
type Agent struct {
	ID             string
	Status         Status
	MaxConcurrent  int       // capacity, 1–200; 0 or less means no capacity
	Active         int       // conversations the agent currently owns
	Skill          int       // skill level in this queue; higher is better
	TransferOnly   bool      // "更多成员": may receive transfers, never auto-assigned
	LastAssignedAt time.Time // breaks ties so work rotates among equals
}

// Queue is a skill group and its members.
type Queue struct {
	ID              string
	Strategy        Strategy
	FamiliarDays    int     // how long a customer stays familiar to its last agent; 0 disables
	PinsMembersOnly bool    // owner/familiar/designated agents must be members of this queue
	Agents          []Agent // one entry per agent ID
}

// Customer is the person writing in, with what the pinning steps need.
type Customer struct {
	ID           string
	OwnerID      string // 负责人, empty when none
	VIP          bool
	Tags         []string
	LastAgentID  string    // agent who last served the customer
	LastServedAt time.Time // when that agent last served them
}

// Rule pins a customer (CustomerID) or everyone carrying a tag (Tag) to an
// agent. A rule with both set is a customer rule; one with neither is ignored.
type Rule struct {
	CustomerID string
	Tag        string
	AgentID    string
}

// State is what round-robin remembers between decisions; the caller stores
// it per queue and passes back the State of the last Decision.
type State struct {
	// Cursor is the ID of the agent the strategy chose last. Rotation goes
	// by ID order so that agents joining or leaving do not reset fairness.
	Cursor string
}

// Rand is the random source for StrategyRandom; *math/rand/v2.Rand fits.
type Rand interface {
	IntN(n int) int
}

// Decision is the outcome of routing one conversation.
type Decision struct {
	AgentID string // empty when Reason is ReasonNone
	Reason  Reason
	State   State // the state to persist; changed only by round-robin
}

// Assigned reports whether an agent was chosen.
func (d Decision) Assigned() bool { return d.AgentID != "" }
