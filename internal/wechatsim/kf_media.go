package wechatsim

import (
	"bytes"
	"errors"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// kfMediaRule is §9's WeCom limit for one upload type; images take the
// stricter 2 MB of the standalone-kf document.
type kfMediaRule struct {
	maxBytes int
	tooLarge int             // errcode when over maxBytes
	formats  map[string]bool // sniffed formats accepted; nil: any
}

var kfMediaRules = map[string]kfMediaRule{
	"image": {2 << 20, ErrcodeKFInvalidImageSize, set("png", "jpeg")},
	"voice": {2 << 20, ErrcodeKFSizeOverLimit, set("amr")},
	"video": {10 << 20, ErrcodeKFInvalidVideoSize, set("mp4")},
	"file":  {20 << 20, ErrcodeKFSizeOverLimit, nil},
}

// kfMinMediaBytes: every file must be larger than 5 bytes (§9).
const kfMinMediaBytes = 5

// kfUploadAnswer is media/upload's answer; created_at is a string (§9).
type kfUploadAnswer struct {
	Type      string `json:"type"`
	MediaID   string `json:"media_id"`
	CreatedAt string `json:"created_at"`
}

// serveKFMediaUpload is POST media/upload?type=… with multipart field
// "media" (§9): unknown type 40005, no such part 44001, ≤5 bytes 40006,
// over the limit 40009/40011/45001, content not of the type 40004.
func (s *Server) serveKFMediaUpload(r *http.Request, _ []byte, corp *kfCorp, now time.Time) (any, int) {
	kind := r.URL.Query().Get("type")
	rule, ok := kfMediaRules[kind]
	if !ok {
		return nil, ErrcodeKFInvalidType
	}
	data, filename, err := readMediaPart(r, rule.maxBytes)
	switch {
	case errors.Is(err, errTooLarge):
		return nil, rule.tooLarge
	case err != nil:
		return nil, ErrcodeKFEmptyMedia
	case len(data) <= kfMinMediaBytes:
		return nil, ErrcodeKFInvalidSize
	}
	if format, _ := sniffMedia(data); rule.formats != nil && !rule.formats[format] {
		return nil, ErrcodeKFInvalidMediaType
	}
	item := s.storeMedia(corp.CorpID, kind, data, now)
	if filename != "" {
		corp.mediaNames[item.id] = path.Base(filename)
	}
	return kfUploadAnswer{Type: kind, MediaID: item.id, CreatedAt: strconv.FormatInt(now.Unix(), 10)}, ErrcodeOK
}

// kfFile is a media/get answer: raw bytes instead of JSON.
type kfFile struct {
	data              []byte
	contentType, name string
	created           time.Time
}

func isKFFile(ans any) bool {
	_, ok := ans.(*kfFile)
	return ok
}

// serve writes the file with Content-Type and WeCom's Content-disposition,
// honouring Range (206 with Content-Range) as §9 says media/get does.
func (f *kfFile) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h["Content-disposition"] = []string{`attachment; filename="` + strings.ReplaceAll(f.name, `"`, "") + `"`}
	http.ServeContent(w, r, "", f.created, bytes.NewReader(f.data))
}

// serveKFMediaGet is GET media/get?media_id=…: the bytes, or 40007 for an
// unknown, other corp's or 3-day-old id.
func (s *Server) serveKFMediaGet(r *http.Request, _ []byte, corp *kfCorp, now time.Time) (any, int) {
	item, ok := s.liveMedia(r.URL.Query().Get("media_id"), now)
	if !ok || item.appID != corp.CorpID {
		return nil, ErrcodeInvalidMediaID
	}
	name := corp.mediaNames[item.id]
	if name == "" {
		name = item.id + item.ext
	}
	return &kfFile{data: item.data, contentType: item.contentType, name: name, created: item.created}, ErrcodeOK
}
