package wecomkf

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
)

// Temporary media types for UploadMedia.
const (
	MediaImage = "image"
	MediaVoice = "voice"
	MediaVideo = "video"
	MediaFile  = "file"
)

// uploadLimits are the per-type upload caps. Images use the standalone-kf
// doc's 2 MB rather than WeCom's 10 MB because the sources conflict and the
// smaller cap is safe under both (wecom-kf.md §9).
var uploadLimits = map[string]int64{
	MediaImage: 2 << 20,
	MediaVoice: 2 << 20,
	MediaVideo: 10 << 20,
	MediaFile:  20 << 20,
}

// minUploadBytes: WeCom rejects files of 5 bytes or fewer.
const minUploadBytes = 6

// uploadAnswer is the media/upload response. created_at is a string in
// the doc's example, so it is not decoded (nothing needs it).
type uploadAnswer struct {
	MediaID string `json:"media_id"`
}

// UploadMedia uploads temporary media (POST media/upload?type=…) as the
// multipart field "media" and returns its media_id, valid 3 days. The file
// is buffered (at most 20 MB) so the upload can be replayed after a token
// refresh; filename is what the customer sees for files.
func (c *Client) UploadMedia(ctx context.Context, typ, filename string, r io.Reader) (string, error) {
	const path = "media/upload"
	limit, ok := uploadLimits[typ]
	if !ok {
		return "", invalid(path, "unknown media type %q", typ)
	}
	if strings.TrimSpace(filename) == "" {
		return "", invalid(path, "filename is empty")
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return "", fmt.Errorf("wecomkf: %s: read media: %w", path, err)
	}
	if int64(len(data)) > limit {
		return "", fmt.Errorf("%w: %s: %s over %d bytes", ErrMediaTooLarge, path, typ, limit)
	}
	if len(data) < minUploadBytes {
		return "", invalid(path, "file has %d bytes, WeCom needs more than 5", len(data))
	}
	body, contentType, err := multipartBody(filename, data)
	if err != nil {
		return "", fmt.Errorf("wecomkf: %s: %w", path, err)
	}
	req := apiRequest{path: path, method: http.MethodPost, query: url.Values{"type": {typ}},
		body: body, contentType: contentType}
	var ans uploadAnswer
	if err := c.call(ctx, req, &ans); err != nil {
		return "", err
	}
	if ans.MediaID == "" {
		return "", fmt.Errorf("%w: %s: no media_id", ErrUnexpectedResponse, path)
	}
	return ans.MediaID, nil
}

// multipartBody encodes data as the single form field "media", with the
// filename and filelength WeCom reads from the part header.
func multipartBody(filename string, data []byte) ([]byte, string, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	header := textproto.MIMEHeader{}
	header.Set("Content-Disposition", fmt.Sprintf(`form-data; name="media"; filename="%s"; filelength=%s`,
		quoteEscaper.Replace(filename), strconv.Itoa(len(data))))
	partType, known := uploadTypes[strings.ToLower(filepath.Ext(filename))]
	if !known {
		partType = "application/octet-stream"
	}
	header.Set("Content-Type", partType)
	part, err := w.CreatePart(header)
	if err != nil {
		return nil, "", err
	}
	if _, err := part.Write(data); err != nil {
		return nil, "", err
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}

// uploadTypes labels common upload formats. A fixed table rather than
// mime.TypeByExtension, so the label does not depend on the host's
// mime.types.
var uploadTypes = map[string]string{
	".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
	".amr": "audio/amr", ".mp4": "video/mp4", ".pdf": "application/pdf",
	".txt": "text/plain", ".zip": "application/zip",
}

// quoteEscaper keeps a filename inside its quoted header parameter.
var quoteEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r", "", "\n", "")
