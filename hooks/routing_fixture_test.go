package hooks_test

// fxQueue is the inbox fixture's queue without members.
const fxQueue = "queue0000000001"
