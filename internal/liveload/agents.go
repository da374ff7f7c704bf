package liveload

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
)

// Options configure a team of simulated agents.
type Options struct {
	// BaseURL is WeDesk's address, e.g. http://127.0.0.1:8090.
	BaseURL string
	// AdminEmail and AdminPassword sign in a superuser, who creates (or
	// reuses) the agents loadagent-NNN@wedesk.test and signs them in.
	AdminEmail, AdminPassword string
	// Agents is how many agents connect.
	Agents int
	// List makes each agent refresh its list as the inbox page does: at
	// most once a second, when an event adds or moves a row.
	List bool
}

// api is a small client for WeDesk's REST API.
type api struct {
	base   string
	client *http.Client
}

func (a *api) do(ctx context.Context, method, path, token string, body, out any) error {
	var rd io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, a.base+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	resp, err := a.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode >= 300 {
		return fmt.Errorf("liveload: %s %s: %d %s", method, path, resp.StatusCode, strings.TrimSpace(string(raw)))
	}
	if out != nil {
		return json.Unmarshal(raw, out)
	}
	return nil
}

// signIn returns auth tokens for n load agents, creating those missing.
// They are supervisors (so every event is theirs to see and the delivered
// fraction is exact) and offline (so routing never gives them work).
func signIn(ctx context.Context, a *api, o Options) ([]string, error) {
	var admin struct{ Token string }
	if err := a.do(ctx, "POST", "/api/collections/_superusers/auth-with-password", "",
		map[string]string{"identity": o.AdminEmail, "password": o.AdminPassword}, &admin); err != nil {
		return nil, err
	}
	var existing struct {
		Items []struct{ ID, Email string }
	}
	if err := a.do(ctx, "GET", "/api/collections/agents/records?perPage=1000&filter="+
		"(email~'loadagent-')&fields=id,email", admin.Token, nil, &existing); err != nil {
		return nil, err
	}
	ids := map[string]string{}
	for _, it := range existing.Items {
		ids[it.Email] = it.ID
	}
	// Creating agents hashes passwords (bcrypt): a few at a time.
	tokens := make([]string, o.Agents)
	errs := make([]error, o.Agents)
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for i := range o.Agents {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			tokens[i], errs[i] = signInOne(ctx, a, admin.Token, i, ids[fmt.Sprintf("loadagent-%03d@wedesk.test", i)])
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return tokens, nil
}

// signInOne creates load agent i unless id names it already, and returns
// an auth token for it (by impersonation: no password check per run).
func signInOne(ctx context.Context, a *api, adminToken string, i int, id string) (string, error) {
	if id == "" {
		var rec struct{ ID string }
		pw := "load-agent-password"
		if err := a.do(ctx, "POST", "/api/collections/agents/records", adminToken, map[string]any{
			"email": fmt.Sprintf("loadagent-%03d@wedesk.test", i), "password": pw, "passwordConfirm": pw,
			"name": fmt.Sprintf("Load %03d", i), "role": "supervisor", "status": "offline", "max_concurrent": 10,
		}, &rec); err != nil {
			return "", err
		}
		id = rec.ID
	}
	var auth struct{ Token string }
	if err := a.do(ctx, "POST", "/api/collections/agents/impersonate/"+id, adminToken,
		map[string]any{"duration": 3600}, &auth); err != nil {
		return "", err
	}
	if auth.Token == "" {
		return "", errors.New("liveload: impersonation gave no token")
	}
	return auth.Token, nil
}
