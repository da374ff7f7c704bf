package inbox

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/desk"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/views"
)

// Bounds of a customer's tags.
const (
	maxTags     = 20
	maxTagRunes = 30
	maxNotes    = 10000
)

// customerView builds the customer panel.
func (h *Handler) customerView(e *core.RequestEvent, c *store.Customer, ch *store.Channel) (views.CustomerView, error) {
	t := h.text(e)
	v := views.CustomerView{
		ID: c.Id, Nickname: firstNonEmpty(c.Nickname(), c.ExternalID()), Avatar: c.GetString("avatar"),
		OpenID: c.ExternalID(), UnionID: c.GetString("unionid"), Channel: ch.Name(), Scene: t.SceneOf(c.GetString("scene")),
		Notes: c.GetString("notes"), VIP: c.VIP(), Tags: c.Tags(), CSRF: CSRFToken(e.Auth), T: t,
		Remark: c.Remark(), Face: views.CustomerFace(c.Remark(), c.Nickname(), c.ExternalID(), c.GetString("avatar")),
	}
	v.TagsText = strings.Join(v.Tags, ", ")
	if owner := c.GetString("owner"); owner != "" {
		if a, err := store.FindAgent(e.App, owner); err == nil {
			v.Owner = a.Name()
		}
	}
	past, err := store.CustomerConversations(e.App, c.Id, 10)
	if err != nil {
		return v, err
	}
	now := h.now()
	agent := inboxAgent(e)
	for _, p := range past {
		if !p.CanBeSeenBy(agent) {
			continue // another agent's conversation: not even its preview
		}
		v.Past = append(v.Past, views.PastConversation{
			URL: "/inbox/conversations/" + p.Id, Opened: clock(p.GetDateTime("opened_at").Time(), now),
			State: t.States[p.State()], Preview: t.PreviewOf(p.GetString("last_preview")),
		})
	}
	return v, nil
}

// editCustomer loads the {id} customer if the agent may edit it, applies
// change and answers with the refreshed panel (htmx) or a redirect back.
func (h *Handler) editCustomer(e *core.RequestEvent, change func(c *store.Customer) error) error {
	agent := inboxAgent(e)
	rec, err := e.App.FindRecordById(store.CollectionCustomers, e.Request.PathValue("id"))
	if err != nil {
		return h.refuse(e, store.ErrNotFound)
	}
	c := store.NewCustomer(rec)
	ok, err := store.CustomerVisibleTo(e.App, c.Id, agent)
	if err != nil {
		return e.InternalServerError("Could not check access.", nil)
	}
	if !ok {
		return h.refuse(e, desk.ErrNotYours)
	}
	if err := change(c); err != nil {
		return e.BadRequestError(err.Error(), nil)
	}
	if err := store.SaveChanges(e.App, c.Record); err != nil {
		return e.BadRequestError("Could not save the customer.", nil)
	}
	if !isFragmentRequest(e) {
		return redirectBack(e, "/inbox")
	}
	ch, err := store.FindChannel(e.App, c.ChannelID())
	if err != nil {
		return e.InternalServerError("Could not load the channel.", nil)
	}
	v, err := h.customerView(e, c, ch)
	if err != nil {
		return e.InternalServerError("Could not load the customer.", nil)
	}
	v.Saved = true
	return render(e, http.StatusOK, views.CustomerPanel(v))
}

// SetCustomerVIP is POST /inbox/customers/{id}/vip (vip=true|false).
func (h *Handler) SetCustomerVIP(e *core.RequestEvent) error {
	return h.editCustomer(e, func(c *store.Customer) error {
		c.Set("vip", e.Request.FormValue("vip") == "true")
		return nil
	})
}

// SetCustomerTags is POST /inbox/customers/{id}/tags (comma-separated).
func (h *Handler) SetCustomerTags(e *core.RequestEvent) error {
	return h.editCustomer(e, func(c *store.Customer) error {
		c.Set("tags", parseTags(e.Request.FormValue("tags")))
		return nil
	})
}

// SetCustomerNotes is POST /inbox/customers/{id}/notes: internal notes,
// shown to agents and never sent to the customer.
func (h *Handler) SetCustomerNotes(e *core.RequestEvent) error {
	return h.editCustomer(e, func(c *store.Customer) error {
		notes := strings.TrimSpace(e.Request.FormValue("notes"))
		if utf8.RuneCountInString(notes) > maxNotes {
			return errNotesTooLong
		}
		c.Set("notes", notes)
		return nil
	})
}

// parseTags splits on ASCII and Chinese commas and 、, trims, drops empty
// and duplicate tags and keeps at most maxTags of maxTagRunes each.
func parseTags(s string) []string {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ';' || r == '；' })
	out := []string{}
	seen := map[string]bool{}
	for _, f := range fields {
		f = strings.TrimSpace(f)
		if f == "" || seen[f] {
			continue
		}
		if utf8.RuneCountInString(f) > maxTagRunes {
			f = string([]rune(f)[:maxTagRunes])
		}
		seen[f] = true
		out = append(out, f)
		if len(out) == maxTags {
			break
		}
	}
	return out
}
