package hooks

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/core"

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
func (d *Desk) customerView(e *core.RequestEvent, c *store.Customer, ch *store.Channel) (views.CustomerView, error) {
	t := d.text(e)
	v := views.CustomerView{
		ID: c.Id, Nickname: firstNonEmpty(c.Nickname(), c.ExternalID()), Avatar: c.GetString("avatar"),
		OpenID: c.ExternalID(), UnionID: c.GetString("unionid"), Channel: ch.Name(), Scene: t.SceneOf(c.GetString("scene")),
		Notes: c.GetString("notes"), VIP: c.VIP(), Tags: c.Tags(), CSRF: csrfToken(e.Auth), T: t,
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
	now := d.now()
	for _, p := range past {
		v.Past = append(v.Past, views.PastConversation{
			URL: "/inbox/conversations/" + p.Id, Opened: clock(p.GetDateTime("opened_at").Time(), now),
			State: t.States[p.State()], Preview: t.PreviewOf(p.GetString("last_preview")),
		})
	}
	return v, nil
}

// editCustomer loads the {id} customer if the agent may edit it, applies
// change and answers with the refreshed panel (htmx) or a redirect back.
func (d *Desk) editCustomer(e *core.RequestEvent, change func(c *store.Customer) error) error {
	agent := inboxAgent(e)
	rec, err := e.App.FindRecordById(store.CollectionCustomers, e.Request.PathValue("id"))
	if err != nil {
		return d.refuse(e, store.ErrNotFound)
	}
	c := store.NewCustomer(rec)
	ok, err := store.CustomerVisibleTo(e.App, c.Id, agent)
	if err != nil {
		return e.InternalServerError("Could not check access.", nil)
	}
	if !ok {
		return d.refuse(e, ErrNotYours)
	}
	if err := change(c); err != nil {
		return e.BadRequestError(err.Error(), nil)
	}
	if err := e.App.Save(c.Record); err != nil {
		return e.BadRequestError("Could not save the customer.", nil)
	}
	if !isFragmentRequest(e) {
		return redirectBack(e, "/inbox")
	}
	ch, err := store.FindChannel(e.App, c.ChannelID())
	if err != nil {
		return e.InternalServerError("Could not load the channel.", nil)
	}
	v, err := d.customerView(e, c, ch)
	if err != nil {
		return e.InternalServerError("Could not load the customer.", nil)
	}
	v.Saved = true
	return render(e, http.StatusOK, views.CustomerPanel(v))
}

// setCustomerVIP is POST /inbox/customers/{id}/vip (vip=true|false).
func (d *Desk) setCustomerVIP(e *core.RequestEvent) error {
	return d.editCustomer(e, func(c *store.Customer) error {
		c.Set("vip", e.Request.FormValue("vip") == "true")
		return nil
	})
}

// setCustomerTags is POST /inbox/customers/{id}/tags (comma-separated).
func (d *Desk) setCustomerTags(e *core.RequestEvent) error {
	return d.editCustomer(e, func(c *store.Customer) error {
		c.Set("tags", parseTags(e.Request.FormValue("tags")))
		return nil
	})
}

// setCustomerNotes is POST /inbox/customers/{id}/notes: internal notes,
// shown to agents and never sent to the customer.
func (d *Desk) setCustomerNotes(e *core.RequestEvent) error {
	return d.editCustomer(e, func(c *store.Customer) error {
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
