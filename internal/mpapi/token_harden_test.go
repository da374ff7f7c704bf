package mpapi

import (
	"context"
	"net/http"
	"sync"
	"testing"
)

// TestSecondRejectionWithin30sStillGetsFreshToken: WeChat revokes the token
// twice in quick succession. The second rejection falls inside the 30 s in
// which force_refresh may not be repeated; the client must still obtain a
// different token (asking without force) and deliver, not fail the send.
func TestSecondRejectionWithin30sStillGetsFreshToken(t *testing.T) {
	var mu sync.Mutex
	revoked := map[string]bool{"TOKEN-1": true}
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		bad := revoked[r.URL.Query().Get("access_token")]
		mu.Unlock()
		if bad {
			answer(w, `{"errcode":40001,"errmsg":"invalid credential"}`)
			return
		}
		okAPI(w, r)
	})
	c := f.client()
	if err := c.SendCustom(context.Background(), textMessage); err != nil {
		t.Fatalf("first incident: %v", err)
	}
	mu.Lock()
	revoked["TOKEN-2"] = true
	mu.Unlock()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if err := c.SendCustom(context.Background(), textMessage); err != nil {
				t.Errorf("second incident within 30 s: %v", err)
			}
		})
	}
	wg.Wait()
	if f.forced.Load() != 1 {
		t.Errorf("forced refreshes %d, want 1 (one per 30 s)", f.forced.Load())
	}
	if f.fetches.Load() != 3 {
		t.Errorf("token fetches %d, want 3: one per incident, shared by the racing sends", f.fetches.Load())
	}
}
