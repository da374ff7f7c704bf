package views

import "fmt"

// RoutingText is the inbox text of routing: loads, queues, transfer and
// take-over (issue 12). It lives apart from Text so routing changes touch
// one field of Text only.
type RoutingText struct {
	MyLoad, Team, Queues, DefaultQueue, QueueLength, Position       string
	Transfer, ToAgent, ToQueue, TransferNote, Force, TransferSubmit string
	TakeOver, TakeOverConfirm, TakeOverSubmit                       string
	NeedsReassign, Reassign, ReassignConfirm, ReassignSubmit        string
	AtCapacity, Unavailable, NotSupervisor, NothingToTake           string
	Load, Status                                                    string
	// Assigned is the notification of a conversation routed to the agent;
	// Taken that one of theirs was transferred away or taken over.
	Assigned, Taken string
}

// LoadOf formats a load against capacity: "3/10".
func (r RoutingText) LoadOf(load, max int) string { return fmt.Sprintf("%d/%d", load, max) }

// PositionOf formats a queue position.
func (r RoutingText) PositionOf(pos int) string { return fmt.Sprintf(r.Position, pos) }

// routingZh is the routing text in Simplified Chinese.
var routingZh = RoutingText{
	MyLoad: "我的接待", Team: "团队", Queues: "队列", DefaultQueue: "默认队列", QueueLength: "排队", Position: "第 %d 位",
	Transfer: "转接", ToAgent: "转给客服", ToQueue: "转到队列", TransferNote: "转接备注（可选）",
	Force: "强制转接（忽略状态和接待上限）", TransferSubmit: "确认转接",
	TakeOver: "接管", TakeOverConfirm: "接管后该会话由你接待，原客服会收到通知。", TakeOverSubmit: "确认接管",
	NeedsReassign: "离线，会话待重新分配", Reassign: "重新分配",
	ReassignConfirm: "把该客服的全部会话放回其队列，由系统重新分配？", ReassignSubmit: "确认重新分配",
	AtCapacity: "已达到最大接待数，无法接入更多会话。", Unavailable: "该客服不在线或已达接待上限。",
	NotSupervisor: "只有主管可以这样做。", NothingToTake: "该会话没有可接管的客服。",
	Load: "接待", Status: "状态", Assigned: "新会话已分配给你", Taken: "你的一个会话已被转走或由主管接管",
}

// routingEn is the routing text in English.
var routingEn = RoutingText{
	MyLoad: "My load", Team: "Team", Queues: "Queues", DefaultQueue: "Default queue", QueueLength: "waiting", Position: "#%d",
	Transfer: "Transfer", ToAgent: "To an agent", ToQueue: "To a queue", TransferNote: "Note (optional)",
	Force: "Force (ignore status and capacity)", TransferSubmit: "Transfer",
	TakeOver: "Take over", TakeOverConfirm: "You will serve this conversation; the previous agent is told.", TakeOverSubmit: "Take over",
	NeedsReassign: "offline, conversations need reassignment", Reassign: "Reassign",
	ReassignConfirm: "Put all of this agent's conversations back in their queues to be reassigned?", ReassignSubmit: "Reassign",
	AtCapacity: "You are at your maximum of concurrent conversations.", Unavailable: "That agent is not online or is at capacity.",
	NotSupervisor: "Only supervisors may do this.", NothingToTake: "No other agent holds this conversation.",
	Load: "Load", Status: "Status", Assigned: "A conversation was assigned to you",
	Taken: "One of your conversations was transferred or taken over by a supervisor",
}
