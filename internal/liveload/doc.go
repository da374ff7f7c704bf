// Package liveload plays a team of agents watching the inbox, for the
// project's own measurement of live updates (`wedesk sim load --agents N`):
// each simulated agent signs in, connects to realtime and subscribes the
// way the inbox page does, optionally refreshes its list the way the page
// does, and records when each customer message's event reaches it. With
// the acknowledgement times of the callbacks that carried the messages,
// Report gives the delay from WeChat's acknowledgement to each agent's
// screen and the fraction of events delivered.
package liveload
