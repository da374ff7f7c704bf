package main

import (
	"log"
	"net/http"
	"net/http/pprof"
	"os"
)

// startProfiler serves Go's profiler on the address in WEDESK_PPROF (for
// example 127.0.0.1:6060) when it is set, for measuring the desk under
// load (scripts/loadtest.sh). Unset, nothing listens.
func startProfiler() {
	addr := os.Getenv("WEDESK_PPROF")
	if addr == "" {
		return
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	go func() { log.Println("wedesk: profiler:", http.ListenAndServe(addr, mux)) }()
}
