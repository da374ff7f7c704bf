package wechatsim

import (
	"bytes"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// mediaLifetime is how long temporary media can be downloaded (§6).
const mediaLifetime = 72 * time.Hour

// mediaFilePrefix is where the simulator serves PicUrl and video_url files,
// standing in for WeChat's CDN hosts.
const mediaFilePrefix = "/sim/media/"

// mediaIDLength matches the 64-character media ids WeChat hands out.
const mediaIDLength = 64

// mediaItem is one stored temporary media file.
type mediaItem struct {
	id, appID, kind string // kind: image, voice, video, thumb
	data            []byte
	contentType     string
	ext             string
	created         time.Time
}

// mediaRule is the §6 limit for one upload type. The simulator takes the
// strictest documented image limit (2 MB) so that code passing here passes
// WeChat.
type mediaRule struct {
	maxBytes int
	formats  map[string]bool // sniffed formats accepted
	exts     map[string]bool // filename extensions accepted
}

var mediaRules = map[string]mediaRule{
	"image": {2 << 20, set("png", "jpeg", "gif"), set(".png", ".jpeg", ".jpg", ".gif")},
	"voice": {2 << 20, set("amr", "mp3"), set(".amr", ".mp3")},
	"video": {10 << 20, set("mp4"), set(".mp4")},
	"thumb": {64 << 10, set("jpeg"), set(".jpg", ".jpeg")},
}

func set(items ...string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, it := range items {
		m[it] = true
	}
	return m
}

// mediaUploadAnswer is the success body of media/upload.
type mediaUploadAnswer struct {
	Type      string `json:"type"`
	MediaID   string `json:"media_id"`
	CreatedAt int64  `json:"created_at"`
}

// serveMediaUpload is POST media/upload?type=…, multipart field "media".
func (s *Server) serveMediaUpload(w http.ResponseWriter, r *http.Request, _ []byte, acct *account, now time.Time) {
	kind := r.URL.Query().Get("type")
	rule, ok := mediaRules[kind]
	if !ok {
		writeErr(w, ErrcodeInvalidMediaType)
		return
	}
	data, filename, err := readMediaPart(r, rule.maxBytes)
	switch {
	case errors.Is(err, errTooLarge):
		writeErr(w, ErrcodeInvalidMediaSize)
		return
	case err != nil:
		writeErr(w, ErrcodeMediaDataMissing)
		return
	case len(data) == 0:
		writeErr(w, ErrcodeEmptyMediaData)
		return
	}
	format, _ := sniffMedia(data)
	if !rule.formats[format] || !rule.exts[strings.ToLower(path.Ext(filename))] {
		writeErr(w, ErrcodeInvalidFileType)
		return
	}
	item := s.storeMedia(acct.AppID, kind, data, now)
	writeJSON(w, mediaUploadAnswer{Type: kind, MediaID: item.id, CreatedAt: now.Unix()})
}

var errTooLarge = errors.New("wechatsim: media too large")

// readMediaPart returns the content and filename of the "media" form part.
func readMediaPart(r *http.Request, maxBytes int) ([]byte, string, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, "", err
	}
	for {
		part, err := mr.NextPart()
		if err != nil {
			return nil, "", err
		}
		if part.FormName() != "media" {
			continue
		}
		return readLimited(part, maxBytes)
	}
}

func readLimited(part *multipart.Part, maxBytes int) ([]byte, string, error) {
	data, err := io.ReadAll(io.LimitReader(part, int64(maxBytes)+1))
	if err != nil {
		return nil, "", err
	}
	if len(data) > maxBytes {
		return nil, "", errTooLarge
	}
	return data, part.FileName(), nil
}

// storeMedia keeps a media file for appID. Caller holds s.mu.
func (s *Server) storeMedia(appID, kind string, data []byte, now time.Time) *mediaItem {
	format, contentType := sniffMedia(data)
	item := &mediaItem{
		id: randomString(mediaIDLength), appID: appID, kind: kind,
		data: append([]byte(nil), data...), contentType: contentType,
		ext: formatExt(format), created: now,
	}
	s.media[item.id] = item
	return item
}

// liveMedia returns the media item if it exists and has not expired.
// Caller holds s.mu.
func (s *Server) liveMedia(id string, now time.Time) (*mediaItem, bool) {
	item, ok := s.media[id]
	if !ok || !now.Before(item.created.Add(mediaLifetime)) {
		return nil, false
	}
	return item, true
}

// checkMediaRef answers 40007 unless id is a live media of appID of one of
// the given kinds. Permanent material is not modelled, so only uploaded or
// user-sent temporary media count.
func (s *Server) checkMediaRef(appID, id string, now time.Time, kinds ...string) int {
	item, ok := s.liveMedia(id, now)
	if !ok || item.appID != appID {
		return ErrcodeInvalidMediaID
	}
	for _, k := range kinds {
		if item.kind == k {
			return ErrcodeOK
		}
	}
	return ErrcodeInvalidMediaID
}

// videoURLAnswer is media/get's answer for video media.
type videoURLAnswer struct {
	VideoURL string `json:"video_url"`
}

// serveMediaGet is GET media/get: the file with Content-Type and
// Content-disposition, or {"video_url":…} for video.
func (s *Server) serveMediaGet(w http.ResponseWriter, r *http.Request, _ []byte, acct *account, now time.Time) {
	item, ok := s.liveMedia(r.URL.Query().Get("media_id"), now)
	if !ok || item.appID != acct.AppID {
		writeErr(w, ErrcodeInvalidMediaID)
		return
	}
	if item.kind == "video" {
		writeJSON(w, videoURLAnswer{VideoURL: s.baseURL + mediaFilePrefix + item.id})
		return
	}
	h := w.Header()
	h.Set("Content-Type", item.contentType)
	h.Set("Content-Length", strconv.Itoa(len(item.data)))
	// WeChat spells the header this way; clients must not depend on case.
	h["Content-disposition"] = []string{`attachment; filename="` + item.id + item.ext + `"`}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(item.data)
}

// serveMediaFile serves a media file by URL without a token, like WeChat's
// CDN does for PicUrl and video_url.
func (s *Server) serveMediaFile(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	now := s.opts.Now()
	s.mu.Lock()
	item, ok := s.liveMedia(strings.TrimPrefix(r.URL.Path, mediaFilePrefix), now)
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", item.contentType)
	http.ServeContent(w, r, "", item.created, bytes.NewReader(item.data))
}

// sniffMedia names the container format of data and its MIME type.
func sniffMedia(data []byte) (format, contentType string) {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "png", "image/png"
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return "jpeg", "image/jpeg"
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return "gif", "image/gif"
	case bytes.HasPrefix(data, []byte("#!AMR")):
		return "amr", "audio/amr"
	case bytes.HasPrefix(data, []byte("ID3")), len(data) > 1 && data[0] == 0xFF && data[1]&0xE0 == 0xE0:
		return "mp3", "audio/mpeg"
	case len(data) >= 12 && string(data[4:8]) == "ftyp":
		return "mp4", "video/mp4"
	}
	return "", "application/octet-stream"
}

// formatExt is the filename extension WeChat uses for a format.
func formatExt(format string) string {
	switch format {
	case "jpeg":
		return ".jpg"
	case "":
		return ""
	}
	return "." + format
}
