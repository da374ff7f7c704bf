package mpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"path"
	"path/filepath"
	"strings"
)

// Temporary media types accepted by UploadMedia.
const (
	MediaImage = "image"
	MediaVoice = "voice"
	MediaVideo = "video"
	MediaThumb = "thumb"
)

// UploadedMedia is the answer to a temporary media upload; MediaID stays
// valid for 3 days.
type UploadedMedia struct {
	Type      string
	MediaID   string
	CreatedAt int64
}

// Media is a downloaded temporary media file. For videos WeChat answers with
// a URL; VideoURL is then set and Body holds the bytes fetched from it.
type Media struct {
	Body        []byte
	ContentType string
	Filename    string
	VideoURL    string
}

// uploadAnswer is media/upload's body; thumb uploads answer thumb_media_id.
type uploadAnswer struct {
	Type         string `json:"type"`
	MediaID      string `json:"media_id"`
	ThumbMediaID string `json:"thumb_media_id"`
	CreatedAt    int64  `json:"created_at"`
}

// UploadMedia uploads temporary media (POST /cgi-bin/media/upload?type=…)
// as multipart field "media". The file is buffered so the upload can be
// replayed after a token refresh; more than MaxMediaBytes is refused.
func (c *Client) UploadMedia(ctx context.Context, mediaType, filename string, r io.Reader) (UploadedMedia, error) {
	const op = "media/upload"
	switch mediaType {
	case MediaImage, MediaVoice, MediaVideo, MediaThumb:
	default:
		return UploadedMedia{}, withOp(op, invalid("unknown media type %q", mediaType))
	}
	if filename == "" {
		return UploadedMedia{}, withOp(op, invalid("filename is empty"))
	}
	body, contentType, err := c.multipartBody(filename, r)
	if err != nil {
		return UploadedMedia{}, fmt.Errorf("mpapi: %s: %w", op, err)
	}
	req := apiRequest{op: op, method: http.MethodPost, path: "/cgi-bin/media/upload",
		query: url.Values{"type": {mediaType}}, body: body, contentType: contentType}
	var ans uploadAnswer
	if err := c.call(ctx, req, &ans); err != nil {
		return UploadedMedia{}, err
	}
	id := ans.MediaID
	if id == "" {
		id = ans.ThumbMediaID
	}
	if id == "" {
		return UploadedMedia{}, fmt.Errorf("mpapi: %s: %w: no media_id", op, ErrUnexpectedResponse)
	}
	return UploadedMedia{Type: ans.Type, MediaID: id, CreatedAt: ans.CreatedAt}, nil
}

// multipartBody encodes r as the single form field "media".
func (c *Client) multipartBody(filename string, r io.Reader) ([]byte, string, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	header := textproto.MIMEHeader{}
	header.Set("Content-Disposition", fmt.Sprintf(`form-data; name="media"; filename="%s"`, quoteEscaper.Replace(filename)))
	partType, known := uploadTypes[strings.ToLower(filepath.Ext(filename))]
	if !known {
		partType = "application/octet-stream"
	}
	header.Set("Content-Type", partType)
	part, err := w.CreatePart(header)
	if err != nil {
		return nil, "", err
	}
	n, err := io.Copy(part, io.LimitReader(r, c.maxMedia()+1))
	if err != nil {
		return nil, "", fmt.Errorf("read media: %w", err)
	}
	if n > c.maxMedia() {
		return nil, "", fmt.Errorf("%w: more than %d bytes", ErrMediaTooLarge, c.maxMedia())
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}

// uploadTypes labels the formats WeChat accepts as temp media. A fixed
// table, not mime.TypeByExtension, so the label does not depend on the
// host's mime.types.
var uploadTypes = map[string]string{
	".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
	".amr": "audio/amr", ".mp3": "audio/mpeg", ".mp4": "video/mp4",
}

var quoteEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r", "", "\n", "")

// mediaAnswer is what media/get sends instead of a file: an error or, for
// videos, a download URL.
type mediaAnswer struct {
	apiStatus
	VideoURL string `json:"video_url"`
}

// GetMedia downloads temporary media (GET /cgi-bin/media/get). A JSON
// error body becomes *Error; a JSON video_url is followed and its bytes
// returned. Files over MaxMediaBytes yield ErrMediaTooLarge.
func (c *Client) GetMedia(ctx context.Context, mediaID string) (*Media, error) {
	const op = "media/get"
	if mediaID == "" {
		return nil, withOp(op, invalid("media_id is empty"))
	}
	req := apiRequest{op: op, method: http.MethodGet, path: "/cgi-bin/media/get",
		query: url.Values{"media_id": {mediaID}}}
	var media *Media
	err := c.withToken(ctx, func(token string) error {
		var err error
		media, err = c.fetchMedia(ctx, req, token)
		return err
	})
	if err != nil {
		return nil, err
	}
	if media.VideoURL != "" {
		return c.downloadVideo(ctx, media.VideoURL)
	}
	return media, nil
}

// fetchMedia performs one media/get exchange. The result carries either the
// file or just VideoURL.
func (c *Client) fetchMedia(ctx context.Context, r apiRequest, token string) (*Media, error) {
	resp, err := c.roundTrip(ctx, r, token)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := c.readMedia(r.op, resp)
	if err != nil {
		return nil, err
	}
	media := &Media{
		Body:        body,
		ContentType: resp.Header.Get("Content-Type"),
		Filename:    filenameFromDisposition(resp.Header.Get("Content-Disposition")),
	}
	if !mightBeJSON(media) {
		return media, nil
	}
	var ans mediaAnswer
	if err := json.Unmarshal(body, &ans); err != nil {
		if media.ContentType == "" || strings.HasPrefix(media.ContentType, "application/octet-stream") {
			return media, nil // an unlabeled file that merely started with '{'
		}
		// Temp media are never text, so text that is not JSON is an error page.
		return nil, fmt.Errorf("mpapi: %s: %w: %s body is not JSON", r.op, ErrUnexpectedResponse, media.ContentType)
	}
	if err := ans.err(r.op, token); err != nil {
		return nil, err
	}
	if ans.VideoURL == "" {
		return nil, fmt.Errorf("mpapi: %s: %w: JSON answer without video_url", r.op, ErrUnexpectedResponse)
	}
	return &Media{VideoURL: ans.VideoURL}, nil
}

// mightBeJSON: WeChat labels its JSON answers application/json or
// text/plain, and real files come with a Content-Disposition filename.
// Temp media are images, voice and video, never text.
func mightBeJSON(m *Media) bool {
	if strings.Contains(m.ContentType, "json") || strings.HasPrefix(m.ContentType, "text/") {
		return true
	}
	return m.Filename == "" && bytes.HasPrefix(bytes.TrimSpace(m.Body), []byte("{"))
}

// downloadVideo fetches the video behind media/get's video_url. The URL is
// WeChat's own CDN link and needs no access token.
func (c *Client) downloadVideo(ctx context.Context, videoURL string) (*Media, error) {
	const op = "media/get video"
	u, err := url.Parse(videoURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("mpapi: %s: %w: video_url is not an http(s) URL", op, ErrUnexpectedResponse)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, videoURL, nil)
	if err != nil {
		return nil, fmt.Errorf("mpapi: %s: build request: %w", op, redactURLError(err))
	}
	resp, err := c.do(op, req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := c.readMedia(op, resp)
	if err != nil {
		return nil, err
	}
	name := filenameFromDisposition(resp.Header.Get("Content-Disposition"))
	if name == "" {
		if base := path.Base(u.Path); base != "/" && base != "." {
			name = base
		}
	}
	return &Media{Body: body, ContentType: resp.Header.Get("Content-Type"), Filename: name, VideoURL: videoURL}, nil
}

// readMedia reads the whole body, refusing more than MaxMediaBytes.
func (c *Client) readMedia(op string, resp *http.Response) ([]byte, error) {
	limit := c.maxMedia()
	if resp.ContentLength > limit {
		return nil, fmt.Errorf("mpapi: %s: %w: %d bytes announced", op, ErrMediaTooLarge, resp.ContentLength)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("mpapi: %s: read body: %w", op, err)
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("mpapi: %s: %w: more than %d bytes", op, ErrMediaTooLarge, limit)
	}
	return body, nil
}

// filenameFromDisposition extracts a bare file name, dropping any directory
// part a hostile header could carry.
func filenameFromDisposition(header string) string {
	if header == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(header)
	if err != nil {
		return ""
	}
	name := params["filename"]
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	if name == "." || name == "/" || name == ".." {
		return ""
	}
	return name
}
