// Package inbox serves the agent inbox: cookie-authenticated templ pages
// and fragments (lists, conversation, customer panel), their form actions
// behind CSRF tokens, and the live-update topic. Handlers map records to
// the view models in views/ and call internal/desk for every action.
package inbox

import (
	"time"

	"github.com/wedesk/wedesk/internal/coalesce"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/assign"
	"github.com/wedesk/wedesk/internal/authguard"
	"github.com/wedesk/wedesk/internal/desk"
)

// MaxForm bounds the inbox's form posts (notes are the largest).
const MaxForm = 256 << 10

// Handler serves the inbox pages of one app.
type Handler struct {
	app      core.App
	actions  *desk.Actions
	assign   *assign.Assigner // transfers and bulk reassignment; set by UseAssigner
	throttle *authguard.Throttle
	// shared coalesces what every viewer's list refresh reads alike (see
	// sharedReads).
	shared coalesce.Group
}

// New returns the inbox handler.
func New(app core.App, actions *desk.Actions) *Handler {
	return &Handler{app: app, actions: actions, throttle: authguard.NewThrottle(actions.Now)}
}

// Throttle is the per-account login back-off the inbox login uses; bind it
// to PocketBase's auth API too, so both share one count.
func (h *Handler) Throttle() *authguard.Throttle { return h.throttle }

func (h *Handler) now() time.Time { return h.actions.Now() }
