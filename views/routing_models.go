package views

// RoutingPanel is the routing summary above the lists: the agent's load
// against capacity, and for supervisors every agent's status and load and
// every queue's length. It is part of the live list refresh.
type RoutingPanel struct {
	Supervisor bool
	MyLoad     int
	MyMax      int
	Agents     []AgentLoad
	Queues     []QueueLoad
	CSRF       string
}

// AgentLoad is one agent's status and load.
type AgentLoad struct {
	ID, Name, Status, StatusLabel string
	Load, Max                     int
	// NeedsReassign: offline with open conversations.
	NeedsReassign bool
	// Available: online and under capacity, so a transfer needs no force.
	Available bool
}

// QueueLoad is one queue and how many conversations wait in it.
type QueueLoad struct {
	ID, Name string
	Waiting  int
}

// TransferView is the transfer dialog of a conversation.
type TransferView struct {
	ConversationID string
	Agents         []AgentLoad
	Queues         []QueueLoad
	// CanForce: supervisors may transfer to an unavailable agent.
	CanForce bool
}
