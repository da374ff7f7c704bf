package liveload

import (
	"io"
	"strings"
	"testing"
	"time"
)

// A frame's msgids are noted once each, at their first arrival; msgids
// outside the run and a resync frame are told apart.
func TestFrameNotesFirstArrivalOfTheRunsMessages(t *testing.T) {
	g := &agent{list: true}
	g.expect(1000, 3)
	g.frame([]byte(`{"events":[{"kind":"message","msgid":"1000"},{"kind":"conversation","opened":true},{"msgid":"1002"}]}`), 5)
	g.frame([]byte(`{"events":[{"msgid":"1000"},{"msgid":"999"},{"msgid":"1003"},{"msgid":""}]}`), 9)
	g.frame(resyncFrame, 11)
	if got := g.count.Load(); got != 2 {
		t.Fatalf("distinct messages = %d, want 2", got)
	}
	if g.arrivals[0] != 5 || g.arrivals[1] != 0 || g.arrivals[2] != 5 {
		t.Fatalf("arrivals = %v, want [5 0 5]", g.arrivals)
	}
	if g.frames != 3 || g.resyncs != 1 || !g.dirty {
		t.Fatalf("frames=%d resyncs=%d dirty=%v", g.frames, g.resyncs, g.dirty)
	}
}

// The stream reader hands PB_CONNECT to the connecting agent and the live
// frames, however long, to frame.
func TestStreamReadsConnectAndLongFrames(t *testing.T) {
	g := &agent{}
	g.expect(7, 1)
	long := strings.Repeat(`{"kind":"conversation","preview":"x"},`, 20000) // > the 256 KB buffer
	sse := "id:c1\nevent:PB_CONNECT\ndata:{\"clientId\":\"c1\"}\n\n" +
		"id:c1\nevent:wedesk_live\ndata:{\"events\":[" + long + `{"msgid":"7"}]}` + "\n\n" +
		"id:c1\nevent:other\ndata:{\"msgid\":\"7\"}\n\n"
	hello := make(chan []byte, 1)
	g.stream(io.NopCloser(strings.NewReader(sse)), hello)
	if got := string(<-hello); got != `{"clientId":"c1"}` {
		t.Fatalf("PB_CONNECT data = %q", got)
	}
	if g.frames != 1 || g.count.Load() != 1 {
		t.Fatalf("frames=%d received=%d, want 1 and 1", g.frames, g.count.Load())
	}
}

// Report pairs each acknowledged message with each agent's arrival.
func TestReportPairsAcksWithArrivals(t *testing.T) {
	a, b := &agent{}, &agent{}
	team := &Team{agents: []*agent{a, b}}
	team.Expect(50, 2)
	at := epoch.Add(time.Second)
	team.Ack("50", at)
	team.Ack("51", at)
	team.Ack("52", at) // not of the run
	a.frame([]byte(`{"events":[{"msgid":"50"},{"msgid":"51"}]}`), stamp())
	b.frame([]byte(`{"events":[{"msgid":"51"}]}`), int64(at.Sub(epoch))+1+int64(3*time.Millisecond))
	r := team.Report(0)
	if r.Messages != 2 || r.Expected != 4 || r.Received != 3 {
		t.Fatalf("report %+v: want 2 messages, 3 of 4 delivered", r)
	}
	if r.Max != 3*time.Millisecond {
		t.Fatalf("max delay %s, want 3ms", r.Max)
	}
}
