package hooks_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// crashAPI talks to a running binary through PocketBase's REST API as one
// agent.
type crashAPI struct {
	t     *testing.T
	base  string
	token string
}

// do sends a request and decodes a JSON answer into out; it reports
// whether the server answered 200.
func (a *crashAPI) do(method, path, body string, out any) bool {
	req, _ := http.NewRequest(method, a.base+path, strings.NewReader(body))
	req.Header.Set("Authorization", a.token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		return false
	}
	return json.NewDecoder(res.Body).Decode(out) == nil
}

// ids lists the ids of a collection's records matching filter.
func (a *crashAPI) ids(collection, filter string) []string {
	var page struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	q := url.Values{"perPage": {"500"}, "fields": {"id"}, "filter": {filter}}
	if !a.do(http.MethodGet, "/api/collections/"+collection+"/records?"+q.Encode(), "", &page) {
		return nil
	}
	out := make([]string, len(page.Items))
	for i, it := range page.Items {
		out[i] = it.ID
	}
	return out
}

// reply writes an agent's text reply and returns its id.
func (a *crashAPI) reply(conv, text string) (string, bool) {
	body, _ := json.Marshal(map[string]any{"conversation": conv, "type": "text", "text": text})
	var rec struct {
		ID string `json:"id"`
	}
	ok := a.do(http.MethodPost, "/api/collections/messages/records", string(body), &rec)
	return rec.ID, ok
}

// crashMessage is what accountFor reads of a message.
type crashMessage struct {
	Text     string `json:"text"`
	Status   string `json:"status"`
	Attempts int    `json:"attempts"`
}

// message reads one message.
func (a *crashAPI) message(id string) crashMessage {
	var m crashMessage
	if !a.do(http.MethodGet, "/api/collections/messages/records/"+id, "", &m) {
		a.t.Fatalf("message %s cannot be read", id)
	}
	return m
}

// waitUntil polls cond for up to 30 s.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}
