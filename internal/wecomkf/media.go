package wecomkf

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
)

// Download bounds. Inbound kf media are at most 20 MB (files); anything
// larger is refused before it is read. WeCom answers 830002 to large
// single-shot downloads, so GetMedia always asks for Range chunks.
const (
	DefaultMaxMediaBytes   = 25 << 20
	DefaultMediaChunkBytes = 4 << 20
)

// Media is a downloaded temporary media file.
type Media struct {
	Body        []byte
	Filename    string // from Content-Disposition, directory parts dropped
	ContentType string
}

// mediaChunk is one media/get answer.
type mediaChunk struct {
	body        []byte
	contentType string
	filename    string
	partial     bool  // 206 with a Content-Range
	total       int64 // full size from Content-Range; valid when partial
}

// GetMedia downloads temporary media (GET media/get) in Range chunks of
// MediaChunkBytes, refusing files over MaxMediaBytes before reading them.
// A JSON error answer becomes *Error (40007: expired media_id).
func (c *Client) GetMedia(ctx context.Context, mediaID string) (*Media, error) {
	const apiPath = "media/get"
	if mediaID == "" {
		return nil, invalid(apiPath, "media_id is empty")
	}
	first, err := c.fetchChunk(ctx, mediaID, 0)
	if err != nil {
		return nil, err
	}
	media := &Media{Body: first.body, Filename: first.filename, ContentType: first.contentType}
	if !first.partial {
		return media, nil // the server ignored Range and sent the whole file
	}
	if first.total > c.maxMedia() {
		return nil, fmt.Errorf("%w: %s: %d bytes", ErrMediaTooLarge, apiPath, first.total)
	}
	body := make([]byte, 0, first.total)
	body = append(body, first.body...)
	for int64(len(body)) < first.total {
		next, err := c.fetchChunk(ctx, mediaID, int64(len(body)))
		if err != nil {
			return nil, err
		}
		if !next.partial || next.total != first.total {
			return nil, fmt.Errorf("%w: %s: file changed during download", ErrUnexpectedResponse, apiPath)
		}
		body = append(body, next.body...)
	}
	media.Body = body
	return media, nil
}

// fetchChunk asks for bytes start..start+chunk-1, replaying once after a
// token rejection like every other call.
func (c *Client) fetchChunk(ctx context.Context, mediaID string, start int64) (*mediaChunk, error) {
	end := start + c.chunkSize() - 1
	r := apiRequest{path: "media/get", method: http.MethodGet, query: url.Values{"media_id": {mediaID}},
		header: http.Header{"Range": {"bytes=" + strconv.FormatInt(start, 10) + "-" + strconv.FormatInt(end, 10)}}}
	var chunk *mediaChunk
	err := c.withToken(ctx, func(token string) error {
		var err error
		chunk, err = c.readChunk(ctx, r, token, start, end)
		return err
	})
	return chunk, err
}

// readChunk performs one exchange and checks the answer is the range asked
// for (or, for the first chunk only, the whole file).
func (c *Client) readChunk(ctx context.Context, r apiRequest, token string, start, end int64) (*mediaChunk, error) {
	resp, err := c.roundTrip(ctx, r, token)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	ch := &mediaChunk{
		contentType: resp.Header.Get("Content-Type"),
		filename:    filenameFromDisposition(resp.Header.Get("Content-Disposition")),
		partial:     resp.StatusCode == http.StatusPartialContent,
	}
	limit := c.maxMedia()
	if ch.partial {
		limit = end - start + 1
	}
	if resp.ContentLength > limit {
		return nil, fmt.Errorf("%w: %s: %d bytes announced", ErrMediaTooLarge, r.path, resp.ContentLength)
	}
	ch.body, err = io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("wecomkf: %s: read body: %w", r.path, err)
	}
	if int64(len(ch.body)) > limit {
		return nil, fmt.Errorf("%w: %s: more than %d bytes", ErrMediaTooLarge, r.path, limit)
	}
	if isAPIAnswer(ch) {
		return nil, apiAnswerError(r.path, ch, token)
	}
	if !ch.partial {
		if start != 0 {
			return nil, fmt.Errorf("%w: %s: Range ignored mid-download", ErrUnexpectedResponse, r.path)
		}
		return ch, nil
	}
	return ch, ch.checkRange(r.path, resp.Header.Get("Content-Range"), start)
}

// checkRange parses "bytes a-b/total" and checks it matches the request
// and the body received.
func (ch *mediaChunk) checkRange(apiPath, header string, start int64) error {
	var a, b, total int64
	_, err := fmt.Sscanf(header, "bytes %d-%d/%d", &a, &b, &total)
	if err != nil || a != start || b < a || b >= total || b-a+1 != int64(len(ch.body)) {
		return fmt.Errorf("%w: %s: Content-Range %q for %d bytes at %d",
			ErrUnexpectedResponse, apiPath, header, len(ch.body), start)
	}
	ch.total = total
	return nil
}

// isAPIAnswer: real files come with a Content-Disposition filename; WeCom's
// errors are JSON labelled json or text/plain.
func isAPIAnswer(ch *mediaChunk) bool {
	if ch.filename != "" {
		return false
	}
	if strings.Contains(ch.contentType, "json") || strings.HasPrefix(ch.contentType, "text/plain") {
		return true
	}
	return bytes.HasPrefix(bytes.TrimSpace(ch.body), []byte(`{"errcode"`))
}

// apiAnswerError turns a JSON media/get answer into an error; a JSON answer
// without an errcode is not a file we can use either.
func apiAnswerError(apiPath string, ch *mediaChunk, token string) error {
	var status apiStatus
	if err := json.Unmarshal(ch.body, &status); err != nil {
		return fmt.Errorf("%w: %s: %s body without filename is not JSON", ErrUnexpectedResponse, apiPath, ch.contentType)
	}
	if err := status.err(apiPath, token); err != nil {
		return err
	}
	return fmt.Errorf("%w: %s: JSON answer instead of a file", ErrUnexpectedResponse, apiPath)
}

// filenameFromDisposition extracts a bare file name, dropping any
// directory part a hostile header could carry.
func filenameFromDisposition(header string) string {
	if header == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(header)
	if err != nil {
		return ""
	}
	name := path.Base(strings.ReplaceAll(params["filename"], `\`, "/"))
	if name == "." || name == "/" || name == ".." {
		return ""
	}
	return name
}

func (c *Client) maxMedia() int64 {
	if c.MaxMediaBytes > 0 {
		return c.MaxMediaBytes
	}
	return DefaultMaxMediaBytes
}

func (c *Client) chunkSize() int64 {
	if c.MediaChunkBytes > 0 {
		return c.MediaChunkBytes
	}
	return DefaultMediaChunkBytes
}
