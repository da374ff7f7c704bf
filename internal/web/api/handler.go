// Package api serves WeDesk's JSON actions under /api/wedesk for agents
// with a bearer token (integrations, scripts, the inbox's own calls): claim,
// close, retry, and the send budget. The actions themselves are in
// internal/desk.
package api

import (
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/assign"
	"github.com/wedesk/wedesk/internal/desk"
	"github.com/wedesk/wedesk/internal/sendlimit"
	"github.com/wedesk/wedesk/internal/store"
)

// Handler serves the JSON actions.
type Handler struct {
	actions *desk.Actions
	assign  *assign.Assigner // transfers; set by UseAssigner
}

// New returns the JSON action handler.
func New(actions *desk.Actions) *Handler { return &Handler{actions: actions} }

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
	case errors.Is(err, desk.ErrSupervisorOnly):
		return e.ForbiddenError("Only supervisors can do this.", nil)
	case errors.Is(err, desk.ErrNotYours):
		return e.ForbiddenError("This conversation belongs to another agent.", nil)
	case errors.Is(err, desk.ErrClosed):
		return e.BadRequestError("The conversation has ended.", nil)
	case errors.Is(err, desk.ErrNotRetryable):
		return e.BadRequestError("Only failed outbound messages can be retried.", nil)
	case errors.As(err, &limit):
		_, werr := desk.WriteRefusal(e, err)
		return werr
	case errors.Is(err, desk.ErrAlreadyTaken):
		return e.Error(http.StatusConflict, "Another agent claimed the conversation first.", nil)
	case errors.Is(err, desk.ErrAtCapacity):
		return e.Error(http.StatusConflict, "The agent is at the maximum of concurrent conversations.", nil)
	case errors.Is(err, desk.ErrUnavailable):
		return e.Error(http.StatusConflict, "The agent is not online or is at capacity.", nil)
	case errors.Is(err, desk.ErrNotSupervisor):
		return e.ForbiddenError("Only supervisors may do this.", nil)
	case errors.Is(err, desk.ErrNotTaken):
		return e.BadRequestError("No other agent holds this conversation.", nil)
	}
	e.App.Logger().Error("api: action failed", "error", err)
	return e.InternalServerError("The action failed.", nil)
}
