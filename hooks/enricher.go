package hooks

import (
	"context"
	"fmt"
	"path"
	"time"

	"github.com/pocketbase/pocketbase/tools/filesystem"

	"github.com/wedesk/wedesk/internal/media"
	"github.com/wedesk/wedesk/internal/store"
)

// maxMediaAttempts is how often a media download is tried. WeChat keeps
// media for 3 days, so the retries are spread over hours, not seconds.
const maxMediaAttempts = 8

// afterInbound runs after a batch commits: realtime and after-save hooks
// for what it wrote, then the slow follow-up work, which the enricher reads
// back from the database, so a crash loses nothing.
func (d *Desk) afterInbound(b *ingestBatch) {
	store.Announce(d.app, b.created, true)
	d.announceTouched(b.touched)
	if b.enrich {
		d.enricher.notify()
	}
}

// announceTouched fires the update hooks (realtime) of the conversations a
// batch touched in SQL, with their records as committed.
func (d *Desk) announceTouched(touched []*store.ConversationTouch) {
	if len(touched) == 0 {
		return
	}
	ids := make([]string, len(touched))
	for i, t := range touched {
		ids[i] = t.ID
	}
	recs, err := d.app.FindRecordsByIds(store.CollectionConversations, ids)
	if err != nil {
		d.app.Logger().Warn("ingest: load touched conversations", "error", err)
		return
	}
	store.Announce(d.app, recs, false)
}

// runEnricher downloads pending inbound media and fetches new customers'
// profiles.
func (d *Desk) runEnricher(ctx context.Context) {
	d.downloadPendingMedia(ctx)
	d.syncCustomerInfo(ctx)
}

func (d *Desk) downloadPendingMedia(ctx context.Context) {
	msgs, err := store.FindPendingMedia(d.app, d.now(), 20)
	if err != nil {
		d.app.Logger().Error("media: query", "error", err)
		return
	}
	for _, m := range msgs {
		if ctx.Err() != nil {
			return
		}
		d.downloadMedia(ctx, m)
	}
}

// downloadMedia fetches one message's media from WeChat into its media file.
func (d *Desk) downloadMedia(ctx context.Context, m *store.Message) {
	err := d.fetchMedia(ctx, m)
	attempts := m.Attempts() + 1
	m.Set("attempts", attempts)
	switch {
	case err == nil:
		m.Set("media_state", store.MediaStored)
	case attempts < maxMediaAttempts:
		m.Set("next_attempt_at", d.now().Add(backoff(attempts+4)))
	default:
		m.Set("media_state", store.MediaFailed)
		m.Set("error", "media download failed: "+describeSendError(err))
	}
	if serr := d.app.Save(m.Record); serr != nil {
		d.app.Logger().Error("media: record outcome", "message", m.Id, "error", serr)
	}
	if err != nil {
		d.app.Logger().Warn("media: download failed", "message", m.Id, "attempt", attempts, "error", err)
	}
}

func (d *Desk) fetchMedia(ctx context.Context, m *store.Message) error {
	var fields map[string]any
	_ = m.Payload(&fields)
	mediaID, _ := fields["MediaId"].(string)
	conv, err := store.FindConversation(d.app, m.ConversationID())
	if err != nil {
		return err
	}
	rt, err := d.channels.get(conv.ChannelID())
	if err != nil || rt.mp == nil {
		return fmt.Errorf("hooks: channel of message %s: %w", m.Id, err)
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	got, err := rt.mp.GetMedia(ctx, mediaID)
	if err != nil {
		return err
	}
	format := media.Sniff(got.Body)
	if _, cerr := media.Check(media.Inbound, media.KindOf(format), got.Body); cerr != nil {
		// Stored anyway: nothing a customer sent is dropped; the note explains.
		m.Set("error", cerr.Error())
	}
	f, err := filesystem.NewFileFromBytes(got.Body, mediaFileName(got.Filename, m.Type(), format))
	if err != nil {
		return err
	}
	m.Set("media", f)
	return nil
}

// mediaFileName keeps WeChat's file name when it gave one, else names the
// file after the message type and the sniffed format.
func mediaFileName(given, typ string, f media.Format) string {
	if given != "" {
		return path.Base(given)
	}
	ext := string(f)
	if ext == "jpeg" {
		ext = "jpg"
	}
	if ext == "" || ext == string(media.FormatUnknown) {
		ext = "bin"
	}
	return typ + "." + ext
}

// syncCustomerInfo fetches unionid and subscribe scene of new customers.
func (d *Desk) syncCustomerInfo(ctx context.Context) {
	recs, err := d.app.FindRecordsByFilter(store.CollectionCustomers, "info_synced_at = ''", "created", 20, 0)
	if err != nil {
		return
	}
	for _, r := range recs {
		if ctx.Err() != nil {
			return
		}
		rt, err := d.channels.get(r.GetString("channel"))
		if err != nil || rt.mp == nil {
			continue
		}
		cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		info, err := rt.mp.UserInfo(cctx, r.GetString("external_id"))
		cancel()
		if err != nil && isRetryable(err) {
			return // WeChat is down: try again on the next round
		}
		if err == nil {
			r.Set("unionid", info.UnionID)
			if r.GetString("scene") == "" {
				r.Set("scene", info.SubscribeScene)
			}
		}
		r.Set("info_synced_at", d.now())
		if err := d.app.Save(r); err != nil {
			d.app.Logger().Error("customers: save info", "customer", r.Id, "error", err)
		}
	}
}
