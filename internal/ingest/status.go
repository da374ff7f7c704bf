package ingest

import (
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// StatusEvery is how often at most one channel's callback status is
// written: under load a callback must not cost an extra write.
const StatusEvery = 10 * time.Second

// Kinds of callback status a channel shows.
const (
	statusVerified = "last_verified_at"
	statusCallback = "last_callback_at"
	statusError    = "last_error"
)

// callbackStatus records on each channel when WeChat's URL check and its
// last callback succeeded and the last refusal, throttled per channel and
// kind, written off the request path.
type callbackStatus struct {
	app  core.App
	now  func() time.Time
	mu   sync.Mutex
	last map[string]time.Time // channel id + kind → last write
	wg   sync.WaitGroup
}

func newCallbackStatus(app core.App, now func() time.Time) *callbackStatus {
	return &callbackStatus{app: app, now: now, last: map[string]time.Time{}}
}

// note records kind for channelID unless it was written less than
// StatusEvery ago; msg is the error's words for statusError.
func (cs *callbackStatus) note(channelID, kind, msg string) {
	now := cs.now()
	key := channelID + "\x00" + kind
	cs.mu.Lock()
	if t, ok := cs.last[key]; ok && now.Sub(t) < StatusEvery && now.After(t) {
		cs.mu.Unlock()
		return
	}
	cs.last[key] = now
	cs.mu.Unlock()

	at := now.UTC().Format("2006-01-02 15:04:05.000Z")
	params := dbx.Params{kind: at}
	if kind == statusError {
		if len(msg) > 1000 {
			msg = msg[:1000]
		}
		params = dbx.Params{statusError: msg, "last_error_at": at}
	}
	cs.wg.Add(1)
	go func() {
		defer cs.wg.Done()
		// A targeted update: no record hooks, so the channel cache stays warm.
		_, err := cs.app.NonconcurrentDB().Update("channels", params, dbx.HashExp{"id": channelID}).Execute()
		if err != nil {
			cs.app.Logger().Warn("callback: could not store the channel's status", "channel", channelID, "error", err)
		}
	}()
}

// wait blocks until the pending status writes are done.
func (cs *callbackStatus) wait() { cs.wg.Wait() }
