package wechatsim

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// upload posts a multipart media/upload with the file in form field field.
func (e *simEnv) uploadField(t *testing.T, tok, kind, field, filename string, data []byte) answer {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile(field, filename)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(data)
	_ = mw.Close()
	u := e.srv.URL + pathMediaUpload + "?" + url.Values{"access_token": {tok}, "type": {kind}}.Encode()
	resp, err := http.Post(u, mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	return decodeAnswer(t, resp)
}

func (e *simEnv) upload(t *testing.T, tok, kind, filename string, data []byte) answer {
	t.Helper()
	return e.uploadField(t, tok, kind, "media", filename, data)
}

// mediaGet fetches media/get raw.
func (e *simEnv) mediaGet(t *testing.T, tok, id string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(e.srv.URL + pathMediaGet + "?" + url.Values{"access_token": {tok}, "media_id": {id}}.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, body
}

func TestMediaUploadAndGet(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token(t, testAccount)
	tests := []struct {
		kind, filename, contentType string
		data                        []byte
	}{
		{"image", "photo.PNG", "image/png", pngBytes(t)},
		{"image", "photo.jpg", "image/jpeg", jpegBytes(t)},
		{"voice", "memo.amr", "audio/amr", amrBytes},
		{"thumb", "thumb.jpg", "image/jpeg", jpegBytes(t)},
	}
	for _, tt := range tests {
		t.Run(tt.kind+"/"+tt.filename, func(t *testing.T) {
			up := e.upload(t, tok, tt.kind, tt.filename, tt.data)
			id := up.str("media_id")
			if up.str("type") != tt.kind || len(id) != mediaIDLength || up["created_at"].(float64) != float64(e.clock.Now().Unix()) {
				t.Fatalf("upload answer %v", up)
			}
			resp, body := e.mediaGet(t, tok, id)
			if !bytes.Equal(body, tt.data) || resp.Header.Get("Content-Type") != tt.contentType {
				t.Fatalf("media/get: %q, %d bytes", resp.Header.Get("Content-Type"), len(body))
			}
			if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="`+id) {
				t.Fatalf("Content-disposition %q", cd)
			}
			if got, ok := e.sim.Media(id); !ok || !bytes.Equal(got, tt.data) {
				t.Fatal("Media() does not return the upload")
			}
		})
	}
}

func TestMediaVideoURL(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token(t, testAccount)
	id := e.upload(t, tok, "video", "clip.mp4", mp4Bytes).str("media_id")
	resp, body := e.mediaGet(t, tok, id)
	var ans videoURLAnswer
	if err := json.Unmarshal(body, &ans); err != nil || resp.Header.Get("Content-Type") != jsonContentType {
		t.Fatalf("video media/get: %s", body)
	}
	file, err := http.Get(ans.VideoURL)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Body.Close()
	got, _ := io.ReadAll(file.Body)
	if !bytes.Equal(got, mp4Bytes) || file.Header.Get("Content-Type") != "video/mp4" {
		t.Fatalf("video_url served %d bytes as %q", len(got), file.Header.Get("Content-Type"))
	}
}

func TestMediaErrors(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token(t, testAccount)
	tests := []struct {
		name, kind, field, filename string
		data                        []byte
		want                        int
	}{
		{"unknown type", "file", "media", "a.png", pngBytes(t), ErrcodeInvalidMediaType},
		{"wrong field", "image", "file", "a.png", pngBytes(t), ErrcodeMediaDataMissing},
		{"empty file", "image", "media", "a.png", nil, ErrcodeEmptyMediaData},
		{"thumb over 64 KB", "thumb", "media", "t.jpg", append(jpegBytes(t), make([]byte, 64<<10)...), ErrcodeInvalidMediaSize},
		{"image over 2 MB", "image", "media", "a.png", append(pngBytes(t), make([]byte, 2<<20)...), ErrcodeInvalidMediaSize},
		{"no extension", "image", "media", "photo", pngBytes(t), ErrcodeInvalidFileType},
		{"extension lies", "image", "media", "a.png", amrBytes, ErrcodeInvalidFileType},
		{"bmp not allowed", "image", "media", "a.bmp", pngBytes(t), ErrcodeInvalidFileType},
		{"png thumb", "thumb", "media", "t.png", pngBytes(t), ErrcodeInvalidFileType},
		{"voice as video", "video", "media", "v.mp4", amrBytes, ErrcodeInvalidFileType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantCode(t, e.uploadField(t, tok, tt.kind, tt.field, tt.filename, tt.data), tt.want)
		})
	}
	t.Run("not multipart", func(t *testing.T) {
		wantCode(t, e.do(t, http.MethodPost, pathMediaUpload, url.Values{"access_token": {tok}, "type": {"image"}}, "raw"), ErrcodeMediaDataMissing)
	})
}

func TestMediaGetErrors(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token(t, testAccount)
	otherTok := e.token(t, otherAccount)
	id := e.upload(t, tok, "image", "a.png", pngBytes(t)).str("media_id")

	check := func(name, token, mediaID string, want int) {
		t.Run(name, func(t *testing.T) {
			wantCode(t, e.get(t, pathMediaGet, url.Values{"access_token": {token}, "media_id": {mediaID}}), want)
		})
	}
	check("unknown id", tok, "nope", ErrcodeInvalidMediaID)
	check("other account", otherTok, id, ErrcodeInvalidMediaID)
	e.clock.Advance(72*time.Hour - time.Second)
	if resp, _ := e.mediaGet(t, e.token(t, testAccount), id); resp.Header.Get("Content-Type") != "image/png" {
		t.Fatal("media expired before 3 days")
	}
	e.clock.Advance(time.Second)
	check("after 3 days", e.token(t, testAccount), id, ErrcodeInvalidMediaID)
	t.Run("POST method", func(t *testing.T) {
		wantCode(t, e.post(t, pathMediaGet, tok, ""), ErrcodeRequireGET)
	})
}

func TestCustomerMediaRoundTrip(t *testing.T) {
	e := newEnv(t, Options{})
	srv := newAccountServer(t, testAccount, replySuccess)
	e.sim.SetCallbackURL(testAccount.AppID, srv.URL)
	tok := e.token(t, testAccount)
	img := pngBytes(t)
	if _, err := e.sim.Customer(testAccount.AppID, "oPic").SendImage(context.Background(), img, "IMG_0001.png"); err != nil {
		t.Fatal(err)
	}
	push := srv.last(t)
	_, body := e.mediaGet(t, tok, push.field("MediaId"))
	if !bytes.Equal(body, img) {
		t.Fatal("media/get of a user's image differs")
	}
	resp, err := http.Get(push.field("PicUrl"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	if !bytes.Equal(got, img) {
		t.Fatal("PicUrl serves other bytes")
	}
}
