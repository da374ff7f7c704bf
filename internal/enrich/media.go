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
	thumb, err := en.fetchMedia(ctx, m)
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
	} else if thumb != nil {
		en.storeThumbnail(m, thumb)
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

// fetchMedia downloads a message's media, checks it by content against the
// channel's inbound rules and sets it on the message; it returns the
// thumbnail to store for an image that passed.
func (en *Enricher) fetchMedia(ctx context.Context, m *store.Message) (thumb []byte, err error) {
	mediaID := mediaIDOf(m)
	conv, err := store.FindConversation(en.app, m.ConversationID())
	if err != nil {
		return nil, err
	}
	rt, err := en.channels.Get(conv.ChannelID())
	if err != nil {
		return nil, fmt.Errorf("enrich: channel of message %s: %w", m.Id, err)
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	got, err := rt.Driver.FetchMedia(ctx, mediaID)
	if err != nil {
		return nil, err
	}
	limits, lerr := rt.Channel.MediaLimits()
	if lerr != nil {
		en.app.Logger().Warn("media: invalid limits, using the defaults", "error", lerr)
	}
	v := limits.CheckInbound(got.Body)
	thumb = applyVerdict(m, v, got.Body)
	name := mediaFileName(got.Filename, m.Type(), v.Format)
	if !v.OK {
		// A flagged file keeps a name from its content, never the one it
		// claims: a renamed program must not download as "photo.jpg".
		name = mediaFileName("", m.Type(), v.Format)
	}
	f, err := filesystem.NewFileFromBytes(got.Body, name)
	if err != nil {
		return nil, err
	}
	m.Set("media", f)
	return thumb, nil
}

// mediaIDOf finds WeChat's media id in a stored message's payload.
func mediaIDOf(m *store.Message) string {
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
	return mediaID
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
	if ext == "" || f == media.FormatUnknown || f == media.FormatExecutable {
		ext = "bin"
	}
	return typ + "." + ext
}
