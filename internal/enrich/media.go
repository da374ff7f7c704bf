package enrich

import (
	"context"
	"errors"
	"fmt"
	"path"
	"time"

	"github.com/pocketbase/pocketbase/tools/filesystem"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/media"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/worker"
)

// maxMediaAttempts is how often a media download is tried. WeChat keeps
// media for 3 days, so the retries are spread over hours, not seconds.
const maxMediaAttempts = 8

func (en *Enricher) downloadPendingMedia(ctx context.Context) {
	msgs, err := store.FindPendingMedia(en.app, en.now(), 20)
	if err != nil {
		en.app.Logger().Error("media: query", "error", err)
		return
	}
	for _, m := range msgs {
		if ctx.Err() != nil {
			return
		}
		en.downloadMedia(ctx, m)
	}
}

// downloadMedia fetches one message's media from WeChat into its media file.
func (en *Enricher) downloadMedia(ctx context.Context, m *store.Message) {
	err := en.fetchMedia(ctx, m)
	attempts := m.Attempts() + 1
	m.Set("attempts", attempts)
	switch {
	case err == nil:
		m.Set("media_state", store.MediaStored)
	case attempts < maxMediaAttempts && !isGone(err):
		m.Set("next_attempt_at", en.now().Add(worker.Backoff(attempts+4)))
	default:
		m.Set("media_state", store.MediaFailed)
		m.Set("error", "media download failed: "+channel.Describe(err))
	}
	if serr := store.SaveChanges(en.app, m.Record); serr != nil {
		en.app.Logger().Error("media: record outcome", "message", m.Id, "error", serr)
		if store.IsInvalid(serr) {
			// The message breaks its field limits and can never be saved:
			// stop downloading for it, once.
			_ = store.MarkDone(en.app, store.CollectionMessages, m.Id, map[string]any{"media_state": store.MediaFailed})
		}
	}
	if err != nil {
		en.app.Logger().Warn("media: download failed", "message", m.Id, "attempt", attempts, "error", err)
	}
}

// isGone: a failure no retry can fix.
func isGone(err error) bool {
	var pe *channel.PermanentError
	return errors.As(err, &pe)
}

func (en *Enricher) fetchMedia(ctx context.Context, m *store.Message) error {
	var fields map[string]any
	_ = m.Payload(&fields)
	mediaID, _ := fields["MediaId"].(string)
	if id, ok := fields["media_id"].(string); ok && mediaID == "" {
		mediaID = id
	}
	if mediaID == "" {
		// 微信客服 keeps the whole message: the id is under its msgtype.
		if sub, ok := fields[m.Type()].(map[string]any); ok {
			mediaID, _ = sub["media_id"].(string)
		}
	}
	conv, err := store.FindConversation(en.app, m.ConversationID())
	if err != nil {
		return err
	}
	rt, err := en.channels.Get(conv.ChannelID())
	if err != nil {
		return fmt.Errorf("enrich: channel of message %s: %w", m.Id, err)
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	got, err := rt.Driver.FetchMedia(ctx, mediaID)
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
