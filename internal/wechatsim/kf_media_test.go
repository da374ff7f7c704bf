package wechatsim

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"
)

// mediaGet downloads media with the given Range header ("" for none).
func (e *kfEnv) mediaGet(t testing.TB, mediaID, rng string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+pathKFMediaGet+"?"+url.Values{"access_token": {e.tok}, "media_id": {mediaID}}.Encode(), nil)
	if rng != "" {
		req.Header.Set("Range", rng)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, body
}

func TestKFMediaUploadErrors(t *testing.T) {
	e := newKFEnv(t, Options{})
	tests := []struct {
		name, kind, file string
		data             []byte
		code             int
	}{
		{"png", "image", "a.png", pngBytes(t), 0},
		{"bad type", "thumb", "a.jpg", jpegBytes(t), ErrcodeKFInvalidType},
		{"tiny", "file", "a.txt", []byte("12345"), ErrcodeKFInvalidSize},
		{"gif is not an image here", "image", "a.gif", []byte("GIF89a0123456789"), ErrcodeKFInvalidMediaType},
		{"image over 2 MB", "image", "a.png", append(pngBytes(t), make([]byte, 2<<20)...), ErrcodeKFInvalidImageSize},
		{"any file", "file", "报告.pdf", []byte("%PDF-1.4 hello"), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := e.upload(t, tt.kind, tt.file, tt.data)
			if a.errcode() != tt.code {
				t.Fatalf("errcode %d, want %d: %v", a.errcode(), tt.code, a)
			}
			if tt.code == 0 && (a.str("created_at") == "" || a.str("type") != tt.kind) {
				t.Fatalf("answer %v: created_at must be a string", a)
			}
		})
	}
	t.Run("no media part", func(t *testing.T) {
		wantKFCode(t, e.kfDo(t, http.MethodPost, pathKFMediaUpload, url.Values{"access_token": {e.tok}, "type": {"file"}}, "x"), ErrcodeKFEmptyMedia)
	})
}

func TestKFMediaGetRange(t *testing.T) {
	e := newKFEnv(t, Options{})
	data := bytes.Repeat([]byte("0123456789"), 100)
	id := e.upload(t, "file", "report.pdf", data).str("media_id")
	resp, body := e.mediaGet(t, id, "")
	if resp.StatusCode != http.StatusOK || !bytes.Equal(body, data) || resp.Header.Get("Content-Disposition") != `attachment; filename="report.pdf"` {
		t.Fatalf("full get: %d, %d bytes, %q", resp.StatusCode, len(body), resp.Header.Get("Content-Disposition"))
	}
	resp, body = e.mediaGet(t, id, "bytes=10-19")
	if resp.StatusCode != http.StatusPartialContent || string(body) != "0123456789" || resp.Header.Get("Content-Range") != "bytes 10-19/1000" {
		t.Fatalf("ranged get: %d %q %q", resp.StatusCode, body, resp.Header.Get("Content-Range"))
	}
	e.clock.Advance(72 * time.Hour)
	e.tok = e.kfToken(t)
	if resp, body = e.mediaGet(t, id, ""); resp.Header.Get("Content-Type") != kfContentType || !bytes.Contains(body, []byte(`"errcode":40007`)) {
		t.Fatalf("expired media: %d %s", resp.StatusCode, body)
	}
}

func TestKFInboundMedia(t *testing.T) {
	e := newKFEnv(t, Options{})
	ctx := context.Background()
	c := e.customer(testUser)
	if _, err := c.SendImage(ctx, pngBytes(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SendVideo(ctx, make([]byte, 10<<20+1)); err != nil {
		t.Fatal(err)
	}
	p := e.sync(t, map[string]any{}, 0)
	id := p.msgs[0]["image"].(map[string]any)["media_id"].(string)
	if resp, body := e.mediaGet(t, id, ""); resp.StatusCode != http.StatusOK || !bytes.Equal(body, pngBytes(t)) || resp.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("inbound image: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if p.msgs[1]["msgtype"] != "text" || p.msgs[1]["text"].(map[string]any)["content"] != KFOversizeNotice {
		t.Fatalf("oversize video arrived as %v", p.msgs[1])
	}
}

func TestSharedMediaPathsByToken(t *testing.T) {
	e := newKFEnv(t, Options{})
	kfID := e.upload(t, "image", "a.png", pngBytes(t)).str("media_id")
	oaTok := e.token(t, testAccount)
	a := e.get(t, pathMediaGet, url.Values{"access_token": {oaTok}, "media_id": {kfID}})
	wantCode(t, a, ErrcodeInvalidMediaID) // an Official Account cannot read corp media
	if resp, _ := e.mediaGet(t, kfID, ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("kf get: %d", resp.StatusCode)
	}
}
