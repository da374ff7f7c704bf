package main

import (
	"os"
	"runtime/debug"
)

// serverGCPercent is the garbage collector's target for `wedesk serve`
// when GOGC is not set. Go's default (100) collects whenever the heap
// doubles; WeDesk's live heap is small (tens of MB) and its hot paths
// (callbacks, realtime frames) allocate briskly, so at 100 a busy desk
// spends a tenth of its CPU collecting. 200 halves how often it collects
// for a few tens of MB more memory. GOGC in the environment wins.
const serverGCPercent = 200

// tuneGC applies serverGCPercent unless GOGC is set.
func tuneGC() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(serverGCPercent)
	}
}
