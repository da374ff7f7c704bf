package api

import (
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
)

// ShowBlockStats is GET /api/wedesk/stats/blocks?from=…&to=… (RFC 3339,
// both optional; supervisors only): how many customers each agent blocked
// (拒收), from the customer_blocks log.
func (h *Handler) ShowBlockStats(e *core.RequestEvent) error {
	agent, err := requireAgent(e)
	if err != nil {
		return err
	}
	if !agent.IsSupervisor() {
		return e.ForbiddenError("Only supervisors can see statistics.", nil)
	}
	var from, to time.Time
	for name, dst := range map[string]*time.Time{"from": &from, "to": &to} {
		if v := e.Request.URL.Query().Get(name); v != "" {
			if *dst, err = time.Parse(time.RFC3339, v); err != nil {
				return e.BadRequestError("Invalid "+name+": use RFC 3339.", nil)
			}
		}
	}
	counts, err := store.CountBlocksByAgent(e.App, from, to)
	if err != nil {
		return e.InternalServerError("Could not count the blocks.", nil)
	}
	out := make([]map[string]any, 0, len(counts))
	for _, c := range counts {
		out = append(out, map[string]any{"agent": c.AgentID, "blocks": c.Blocks})
	}
	return e.JSON(http.StatusOK, map[string]any{"items": out})
}
