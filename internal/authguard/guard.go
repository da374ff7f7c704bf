package authguard

import (
	"fmt"
	"strconv"
	"sync"

	"github.com/pocketbase/pocketbase/core"
	"golang.org/x/crypto/bcrypt"

	"github.com/wedesk/wedesk/internal/store"
)

// FieldDisabled is the agents field a supervisor or admin sets to lock an
// agent out; setting it ends the agent's sessions at once.
const FieldDisabled = "disabled"

var (
	dummyOnce sync.Once
	dummyHash []byte
)

// dummyCompare spends what a real password check costs, for an email that
// matches no agent: the answer then takes as long as for a known email.
func dummyCompare(password string) {
	dummyOnce.Do(func() {
		dummyHash, _ = bcrypt.GenerateFromPassword([]byte("wedesk-dummy-password"), bcrypt.DefaultCost)
	})
	_ = bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
}

// CheckPassword finds the agent by email and checks the password in the
// same time whether or not the email exists; a disabled agent is refused
// like a wrong password (after the same work).
func CheckPassword(app core.App, email, password string) (*core.Record, bool) {
	rec, err := app.FindAuthRecordByEmail(store.CollectionAgents, email)
	if err != nil {
		dummyCompare(password)
		return nil, false
	}
	if !rec.ValidatePassword(password) || rec.GetBool(FieldDisabled) {
		return nil, false
	}
	return rec, true
}

// EndSessions invalidates every token of the agent (cookie sessions and
// API tokens alike) by changing its token key, and saves it.
func EndSessions(app core.App, agent *core.Record) error {
	agent.RefreshTokenKey()
	if err := app.SaveNoValidate(agent); err != nil {
		return fmt.Errorf("authguard: end sessions of %s: %w", agent.Id, err)
	}
	return nil
}

// Bind wires the guard into PocketBase: auth-with-password for agents goes
// through the throttle and refuses disabled agents, and disabling an agent
// ends its sessions.
func (t *Throttle) Bind(app core.App) {
	app.OnRecordAuthWithPasswordRequest(store.CollectionAgents).BindFunc(func(e *core.RecordAuthWithPasswordRequestEvent) error {
		if wait := t.Wait(e.Identity); wait > 0 {
			e.Response.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
			return e.TooManyRequestsError("Too many failed attempts for this account; try again later.", nil)
		}
		if err := e.Next(); err != nil {
			t.Fail(e.Identity)
			return err
		}
		t.Succeed(e.Identity)
		return nil
	})
	app.OnRecordAuthRequest(store.CollectionAgents).BindFunc(func(e *core.RecordAuthRequestEvent) error {
		if e.Record.GetBool(FieldDisabled) {
			return e.ForbiddenError("This agent is disabled.", nil)
		}
		return e.Next()
	})
	app.OnRecordUpdate(store.CollectionAgents).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetBool(FieldDisabled) && !e.Record.Original().GetBool(FieldDisabled) {
			e.Record.RefreshTokenKey()
			e.Record.Set("status", store.StatusOffline)
		}
		return e.Next()
	})
}
