package enrich

import (
	"context"
	"time"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/store"
)

// syncProfiles fetches what WeChat tells about new customers (unionid,
// scene; nickname and avatar where the kind gives them).
func (en *Enricher) syncProfiles(ctx context.Context) {
	recs, err := en.app.FindRecordsByFilter(store.CollectionCustomers, "info_synced_at = ''", "created", 20, 0)
	if err != nil {
		en.app.Logger().Error("customers: query unsynced", "error", err)
		return
	}
	for _, r := range recs {
		if ctx.Err() != nil {
			return
		}
		rt, err := en.channels.Get(r.GetString("channel"))
		if err != nil {
			en.app.Logger().Warn("customers: channel", "customer", r.Id, "error", err)
			continue
		}
		cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		p, err := rt.Driver.Profile(cctx, r.GetString("external_id"))
		cancel()
		if err != nil && channel.IsRetryable(err) {
			en.app.Logger().Warn("customers: profile unavailable, retrying later", "error", err)
			return // WeChat is down: try again on the next round
		}
		if err != nil {
			en.app.Logger().Warn("customers: profile refused", "customer", r.Id, "error", err)
		} else {
			applyProfile(r.Set, r.GetString, p)
		}
		r.Set("info_synced_at", en.now())
		if err := store.SaveChanges(en.app, r); err != nil {
			en.saveFailed(r.Id, err)
		}
	}
}

// applyProfile fills the fields WeChat knows and the customer lacks; an
// agent's own edits (a nickname typed in the inbox) win.
func applyProfile(set func(string, any), get func(string) string, p *channel.Profile) {
	fill := func(field, v string) {
		if v != "" && get(field) == "" {
			set(field, v)
		}
	}
	fill("unionid", p.UnionID)
	fill("scene", p.Scene)
	fill("nickname", p.Nickname)
	fill("avatar", p.Avatar)
	fill("remark", p.Remark)
}

// saveFailed reports a customer whose profile could not be saved. A record
// that breaks its own field limits can never be saved: it is marked synced
// with a targeted write and reported once, instead of being retried (and
// logged) every round forever.
func (en *Enricher) saveFailed(id string, err error) {
	if !store.IsInvalid(err) {
		en.app.Logger().Error("customers: save profile", "customer", id, "error", err)
		return
	}
	en.app.Logger().Error("customers: the record breaks its field limits; profile sync skipped for good", "customer", id, "error", err)
	if merr := store.MarkDone(en.app, store.CollectionCustomers, id, map[string]any{"info_synced_at": store.DateString(en.now())}); merr != nil {
		en.app.Logger().Error("customers: mark skipped", "customer", id, "error", merr)
	}
}
