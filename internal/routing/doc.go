// Package routing decides who gets a conversation. It is pure: inputs are
// plain structs built by the caller from the database, the clock is passed
// in as Now and randomness as a Rand, so the same inputs always give the
// same Decision and every rule can be tested without PocketBase.
//
// A Decision walks a fixed priority chain, the one Tinet documents as
// 负责人指定分配 > 熟客优先 > 指定客户优先 > VIP客户优先 > 队列分配:
//
//  1. owner (负责人): the agent set on the customer;
//  2. familiar (熟客): the agent who last served the customer, if that was
//     within the queue's FamiliarDays;
//  3. designated rules: a customer pinned to an agent, then a tag pinned to
//     an agent, in rule order;
//  4. VIP ordering of the waiting list (see Waiting and Drain);
//  5. the queue's Strategy over its members.
//
// Each step only proposes an agent; the agent must still qualify (online,
// not transfer-only, under capacity) or the chain falls through to the next
// step, exactly as the seeds say ("若负责人不在线、忙碌或超过接待上限，则按其他
// 分配规则…进行分配").
//
// Owner, familiar and designated agents belong to the customer, not to the
// queue, so by default they are looked up among the queue's members first
// and then in Request.Directory (all agents). A queue that should only ever
// hand its conversations to its own receptionists (WeCom's model) sets
// Queue.PinsMembersOnly. Transfer-only members ("更多成员") are never
// auto-assigned by any step.
//
// The caller persists State (the round-robin cursor) and performs the atomic
// claim; if the claim loses a race, it reloads the agents and routes again.
package routing
