package timeouts

import "time"

// State is where a conversation is in its life.
type State string

// Conversation states, as the store spells them.
const (
	StateBot    State = "bot"
	StateQueued State = "queued"
	StateActive State = "active"
	StateClosed State = "closed"
)

// Fired records which timeouts already fired in one silence period. For is
// the activity time that began the period; any newer activity begins a new
// period, and the kinds recorded for an older one no longer count.
type Fired struct {
	For   time.Time `json:"for"`
	Kinds KindSet   `json:"kinds"`
}

// Conversation is what the timeouts need to know about one conversation.
type Conversation struct {
	ID    string
	State State
	// LastCustomerAt is the customer's last message.
	LastCustomerAt time.Time
	// LastAgentAt is the last reply the customer got: an agent's, or the
	// bot's in the bot phase. Messages sent by the timeouts themselves (and
	// other automatic notices) must not move it, or a comfort message would
	// count as the agent answering.
	LastAgentAt time.Time
	// AssignedAt is when the current agent got the conversation (claim or
	// transfer); zero if unknown. Agent timers start no earlier, so a
	// conversation claimed after a long queue is not reminded or transferred
	// away at once, and a transferred one gives its new agent full time.
	AssignedAt time.Time
	Fired      Fired
}

// Action is a timeout that is due: which one, and when it fell due (earlier
// than now when the desk was down).
type Action struct {
	Kind Kind
	At   time.Time
}

var (
	agentKinds       = KindSet(0).With(AgentComfort).With(AgentReminder).With(AgentTransfer)
	customerKinds    = KindSet(0).With(CustomerPromptHuman).With(CustomerClose)
	botCustomerKinds = KindSet(0).With(CustomerPromptBot).With(CustomerClose)
	customerPrompts  = KindSet(0).With(CustomerPromptBot).With(CustomerPromptHuman)
)

// silence returns who is silent and since when. The agent is silent in an
// active conversation when the customer wrote last (strictly) and nobody has
// answered; the customer is silent when the agent or the bot wrote last,
// including a tie, because a reply in the same second answers the message.
// Queued and closed conversations have no timeouts: the queue has its own
// notices, and nobody is expected to answer.
func silence(c Conversation) (candidates KindSet, since time.Time) {
	switch {
	case c.State == StateActive && !c.LastCustomerAt.IsZero() && c.LastCustomerAt.After(c.LastAgentAt):
		return agentKinds, agentAnchor(c)
	case c.State == StateActive && !c.LastAgentAt.IsZero() && !c.LastAgentAt.Before(c.LastCustomerAt):
		return customerKinds, c.LastAgentAt
	case c.State == StateBot && !c.LastAgentAt.IsZero() && !c.LastAgentAt.Before(c.LastCustomerAt):
		return botCustomerKinds, c.LastAgentAt
	}
	return 0, time.Time{}
}

func agentAnchor(c Conversation) time.Time {
	if c.AssignedAt.After(c.LastCustomerAt) {
		return c.AssignedAt
	}
	return c.LastCustomerAt
}

// anchor is the start of the silence period a kind belongs to.
func anchor(c Conversation, k Kind) time.Time {
	if agentKinds.Has(k) {
		return agentAnchor(c)
	}
	return c.LastAgentAt
}

// pending returns the enabled kinds of the current silence that have not
// fired, and when the silence began.
func pending(s Settings, c Conversation) (KindSet, time.Time) {
	cand, since := silence(c)
	if cand == 0 {
		return 0, since
	}
	if c.Fired.For.Equal(since) {
		cand &^= c.Fired.Kinds
		// Once the close fired the conversation is ending; a prompt after
		// the goodbye would be noise even if the close has not landed yet.
		if c.Fired.Kinds.Has(CustomerClose) {
			cand &^= customerPrompts
		}
	}
	for k := range numKinds {
		if cand.Has(k) && !s.Rule(k).Enabled {
			cand &^= 1 << k
		}
	}
	return cand, since
}

// Due returns the timeouts due at now that have not fired in the current
// silence period, earliest first. A timeout that fell due while the desk was
// down is returned once, at the next scan; record each action with MarkFired
// so it is not returned again.
func Due(s Settings, c Conversation, now time.Time) []Action {
	return AppendDue(nil, s, c, now)
}

// AppendDue is Due appending to dst, so a scan over thousands of
// conversations can reuse one slice.
func AppendDue(dst []Action, s Settings, c Conversation, now time.Time) []Action {
	cand, since := pending(s, c)
	if cand == 0 {
		return dst
	}
	var due KindSet
	for k := range numKinds {
		if cand.Has(k) && !now.Before(since.Add(s.Rule(k).After)) {
			due = due.With(k)
		}
	}
	// Closing makes a prompt pointless: after downtime both can be overdue,
	// and the customer should not get "anything else?" and "goodbye" at once.
	if due.Has(CustomerClose) {
		due &^= customerPrompts
	}
	start := len(dst)
	for k := range numKinds {
		if due.Has(k) {
			dst = insertByTime(dst, start, Action{Kind: k, At: since.Add(s.Rule(k).After)})
		}
	}
	return dst
}

// insertByTime appends a keeping dst[start:] ordered by At; kinds come in
// Kind order, so ties stay in Kind order.
func insertByTime(dst []Action, start int, a Action) []Action {
	dst = append(dst, a)
	for i := len(dst) - 1; i > start && dst[i].At.Before(dst[i-1].At); i-- {
		dst[i], dst[i-1] = dst[i-1], dst[i]
	}
	return dst
}

// NextDue returns when the next pending timeout of c falls due (possibly in
// the past), or the zero time when none is pending, for scheduling the scan.
func NextDue(s Settings, c Conversation) time.Time {
	cand, since := pending(s, c)
	var next time.Time
	for k := range numKinds {
		if !cand.Has(k) {
			continue
		}
		if at := since.Add(s.Rule(k).After); next.IsZero() || at.Before(next) {
			next = at
		}
	}
	return next
}

// MarkFired records that kind fired in the conversation's current silence
// period and returns the updated conversation; store its Fired. Marking in
// a new period forgets the kinds of the old one.
func MarkFired(c Conversation, k Kind) Conversation {
	at := anchor(c, k)
	if !c.Fired.For.Equal(at) {
		c.Fired = Fired{For: at}
	}
	c.Fired.Kinds = c.Fired.Kinds.With(k)
	return c
}
