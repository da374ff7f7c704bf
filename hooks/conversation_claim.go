package hooks

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/sendlimit"
	"github.com/wedesk/wedesk/internal/store"
)

// Errors of the conversation actions; handlers map them to HTTP answers.
var (
	ErrNotYours     = errors.New("hooks: the conversation belongs to another agent")
	ErrClosed       = errors.New("hooks: the conversation has ended")
	ErrAlreadyTaken = errors.New("hooks: another agent claimed the conversation first")
	ErrNotRetryable = errors.New("hooks: only failed outbound messages can be retried")
)

// ClaimConversation assigns an unassigned conversation to the agent and
// makes it active. Supervisors may take over an assigned one.
func (d *Desk) ClaimConversation(app core.App, agent *store.Agent, convID string) (*store.Conversation, error) {
	var out *store.Conversation
	err := app.RunInTransaction(func(tx core.App) error {
		conv, err := store.FindConversation(tx, convID)
		if err != nil {
			return err
		}
		if conv.IsClosed() {
			return ErrClosed
		}
		if conv.AgentID() != "" && conv.AgentID() != agent.Id && !agent.IsSupervisor() {
			return ErrAlreadyTaken
		}
		conv.Set("agent", agent.Id)
		conv.Set("state", store.StateActive)
		conv.Set("unread", 0)
		out = conv
		return tx.Save(conv.Record)
	})
	return out, err
}

// claimIfUnassigned makes the first reply to a queued conversation claim it.
func claimIfUnassigned(tx core.App, conv *store.Conversation, agent *store.Agent, now time.Time) error {
	if conv.AgentID() != "" {
		return nil
	}
	conv.Set("agent", agent.Id)
	conv.Set("state", store.StateActive)
	if err := tx.Save(conv.Record); err != nil {
		return fmt.Errorf("hooks: claim on reply: %w", err)
	}
	return nil
}

// claimConversation is POST /api/wedesk/conversations/{id}/claim.
func (d *Desk) claimConversation(e *core.RequestEvent) error {
	agent, err := requireAgent(e)
	if err != nil {
		return err
	}
	conv, err := d.ClaimConversation(e.App, agent, e.Request.PathValue("id"))
	if err != nil {
		return actionError(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{"id": conv.Id, "state": conv.State(), "agent": conv.AgentID()})
}

// requireAgent returns the calling agent or a 401/403.
func requireAgent(e *core.RequestEvent) (*store.Agent, error) {
	if e.Auth == nil {
		return nil, e.UnauthorizedError("Sign in as an agent.", nil)
	}
	if !store.IsAgentRecord(e.Auth) {
		return nil, e.ForbiddenError("Only agents can do this.", nil)
	}
	return store.NewAgent(e.Auth), nil
}

// actionError maps the actions' errors to clear HTTP answers.
func actionError(e *core.RequestEvent, err error) error {
	var limit *sendlimit.Error
	switch {
	case errors.Is(err, store.ErrNotFound):
		return e.NotFoundError("Not found.", nil)
	case errors.Is(err, ErrNotYours):
		return e.ForbiddenError("This conversation belongs to another agent.", nil)
	case errors.Is(err, ErrClosed):
		return e.BadRequestError("The conversation has ended.", nil)
	case errors.Is(err, ErrNotRetryable):
		return e.BadRequestError("Only failed outbound messages can be retried.", nil)
	case errors.As(err, &limit):
		return e.BadRequestError(limit.Error(), nil)
	case errors.Is(err, ErrAlreadyTaken):
		return e.Error(http.StatusConflict, "Another agent claimed the conversation first.", nil)
	}
	return e.InternalServerError("The action failed.", nil)
}
