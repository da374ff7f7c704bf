package hooks_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
)

// routingAPI posts JSON to a routing action with an agent's bearer token.
func (h *harness) routingAPI(as *core.Record, path, body string) (int, map[string]any) {
	h.t.Helper()
	req, err := http.NewRequest(http.MethodPost, h.srv.URL+path, strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Authorization", h.token(as))
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

// TestRoutingAPI: transfer and take-over through the JSON API.
func TestRoutingAPI(t *testing.T) {
	h, _ := routingServed(t)
	h.setAgent(h.agent, map[string]any{"status": "online"})
	c := h.write("o_api", "hi")
	base := "/api/wedesk/conversations/" + c.Id
	if st, _ := h.routingAPI(h.agent, base+"/transfer", `{"agent":"`+h.agent2.Id+`"}`); st != http.StatusConflict {
		t.Fatalf("transfer to an offline agent: %d", st)
	}
	if st, out := h.routingAPI(h.agent, base+"/transfer", `{"agent":"`+h.agent2.Id+`","force":true}`); st != http.StatusConflict {
		t.Fatalf("an agent cannot force: %d %v", st, out)
	}
	if st, out := h.routingAPI(h.supervisor, base+"/transfer", `{"agent":"`+h.agent2.Id+`","force":true,"note":"夜班"}`); st != http.StatusOK || out["agent"] != h.agent2.Id {
		t.Fatalf("forced transfer: %d %v", st, out)
	}
	if st, _ := h.routingAPI(h.agent2, base+"/takeover", `{}`); st != http.StatusForbidden {
		t.Fatalf("take-over by an agent: %d", st)
	}
	if st, out := h.routingAPI(h.supervisor, base+"/takeover", `{}`); st != http.StatusOK || out["previous_agent"] != h.agent2.Id {
		t.Fatalf("take-over: %d %v", st, out)
	}
	if st, out := h.routingAPI(h.supervisor, base+"/transfer", `{"to_queue":true}`); st != http.StatusOK || out["state"] != "queued" {
		t.Fatalf("transfer to the default queue: %d %v", st, out)
	}
}
