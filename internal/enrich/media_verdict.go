package enrich

import (
	"github.com/wedesk/wedesk/internal/media"
	"github.com/wedesk/wedesk/internal/store"
)

// inboxThumbSize is the thumbnail the inbox shows (the messages field's
// declared thumb size), made here with media.Thumbnail, which checks the
// dimensions before decoding anything.
const (
	inboxThumbSize = "240x240f"
	inboxThumbSide = 240
)

// applyVerdict records what the inbound media check found: the rejection
// code and its reason in both languages when a rule is broken (the media is
// kept all the same: nothing the customer sent is dropped, but it is not
// shown inline), and a voice clip's length. It returns the thumbnail of an
// image that passed, nil otherwise.
func applyVerdict(m *store.Message, v media.Verdict, data []byte) []byte {
	m.Set("media_issue", "")
	if v.Rejection != nil {
		m.Set("media_issue", v.Rejection.Code)
		m.Set("error", v.Rejection.ReasonZH+" / "+v.Rejection.Reason)
	}
	if v.Duration > 0 {
		m.Set("duration_ms", v.Duration.Milliseconds())
	}
	if !v.OK || v.Kind != media.KindImage {
		return nil
	}
	thumb, err := media.Thumbnail(data, inboxThumbSide)
	if err != nil {
		return nil
	}
	return thumb
}

// storeThumbnail puts the thumbnail where PocketBase and the inbox look for
// it, so no request ever makes PocketBase decode the original.
func (en *Enricher) storeThumbnail(m *store.Message, thumb []byte) {
	name := m.GetString("media")
	if name == "" {
		return
	}
	fsys, err := en.app.NewFilesystem()
	if err != nil {
		en.app.Logger().Warn("media: thumbnail store", "error", err)
		return
	}
	defer fsys.Close()
	if err := fsys.Upload(thumb, store.MediaThumbKey(m.Record, name, inboxThumbSize)); err != nil {
		en.app.Logger().Warn("media: thumbnail upload", "message", m.Id, "error", err)
	}
}
