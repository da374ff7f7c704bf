package mpapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

var jpeg = append([]byte{0xff, 0xd8, 0xff, 0xe0}, bytes.Repeat([]byte{0x42}, 2048)...)

// readUpload asserts the multipart shape: one part, field "media".
func readUpload(t *testing.T, r *http.Request) (filename, partType string, content []byte) {
	t.Helper()
	mr, err := r.MultipartReader()
	if err != nil {
		t.Fatalf("not multipart: %v", err)
	}
	part, err := mr.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	if part.FormName() != "media" {
		t.Errorf("form field = %q, want media", part.FormName())
	}
	content, _ = io.ReadAll(part)
	if _, err := mr.NextPart(); err != io.EOF {
		t.Errorf("more than one part: %v", err)
	}
	return part.FileName(), part.Header.Get("Content-Type"), content
}

func TestUploadMedia(t *testing.T) {
	tests := []struct {
		mediaType, filename, partType, answer string
		want                                  UploadedMedia
	}{
		{"image", "screenshot.JPG", "image/jpeg", `{"type":"image","media_id":"MEDIA_IMG","created_at":1714112445}`,
			UploadedMedia{Type: "image", MediaID: "MEDIA_IMG", CreatedAt: 1714112445}},
		{"voice", "reply.amr", "audio/amr", `{"type":"voice","media_id":"MEDIA_VOICE","created_at":1714112446}`,
			UploadedMedia{Type: "voice", MediaID: "MEDIA_VOICE", CreatedAt: 1714112446}},
		{"video", "clip.webm", "application/octet-stream", `{"type":"video","media_id":"MEDIA_VIDEO","created_at":1714112448}`,
			UploadedMedia{Type: "video", MediaID: "MEDIA_VIDEO", CreatedAt: 1714112448}},
		{"thumb", "cover.jpg", "image/jpeg", `{"type":"thumb","thumb_media_id":"MEDIA_THUMB","created_at":1714112447}`,
			UploadedMedia{Type: "thumb", MediaID: "MEDIA_THUMB", CreatedAt: 1714112447}},
	}
	for _, tt := range tests {
		t.Run(tt.mediaType, func(t *testing.T) {
			f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
				checkRequest(t, r, wantRequest{method: "POST", path: "/cgi-bin/media/upload", token: "TOKEN-1",
					query: url.Values{"type": {tt.mediaType}}})
				name, partType, content := readUpload(t, r)
				if name != tt.filename || partType != tt.partType || !bytes.Equal(content, jpeg) {
					t.Errorf("part %q %q %d bytes", name, partType, len(content))
				}
				answer(w, tt.answer)
			})
			got, err := f.client().UploadMedia(context.Background(), tt.mediaType, tt.filename, bytes.NewReader(jpeg))
			if err != nil || got != tt.want {
				t.Fatalf("UploadMedia = %+v, %v", got, err)
			}
		})
	}
}

func TestUploadMediaReplaysBodyAfterTokenRefresh(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		_, _, content := readUpload(t, r)
		if !bytes.Equal(content, jpeg) {
			t.Errorf("attempt with %s got %d bytes", r.URL.Query().Get("access_token"), len(content))
		}
		if r.URL.Query().Get("access_token") == "TOKEN-1" {
			answer(w, `{"errcode":40001,"errmsg":"invalid credential"}`)
			return
		}
		answer(w, `{"type":"image","media_id":"M2","created_at":1}`)
	})
	got, err := f.client().UploadMedia(context.Background(), "image", "a.png", bytes.NewReader(jpeg))
	if err != nil || got.MediaID != "M2" || f.apiCalls.Load() != 2 {
		t.Fatalf("got %+v, %v after %d calls", got, err, f.apiCalls.Load())
	}
}

func TestUploadMediaRejectsLocally(t *testing.T) {
	f := newFake(t, okAPI)
	c := f.client()
	c.MaxMediaBytes = 1024
	tests := []struct {
		name, mediaType, filename string
		body                      []byte
		want                      error
	}{
		{"unknown type", "file", "a.pdf", jpeg, ErrInvalidRequest},
		{"no filename", "image", "", jpeg, ErrInvalidRequest},
		{"too large", "image", "a.jpg", jpeg, ErrMediaTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.UploadMedia(context.Background(), tt.mediaType, tt.filename, bytes.NewReader(tt.body))
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
	if f.apiCalls.Load() != 0 {
		t.Error("rejected upload reached WeChat")
	}
}

func TestGetMedia(t *testing.T) {
	video := bytes.Repeat([]byte("mp4!"), 1000)
	tests := []struct {
		name    string
		handler func(w http.ResponseWriter, r *http.Request, base string)
		want    *Media // nil when an error is expected
		code    int    // expected *Error code
		target  error  // expected sentinel
	}{
		{"binary image", func(w http.ResponseWriter, r *http.Request, _ string) {
			w.Header().Set("Content-Type", "image/jpeg")
			w.Header().Set("Content-Disposition", `attachment; filename="MEDIA_1.jpg"`)
			w.Write(jpeg)
		}, &Media{Body: jpeg, ContentType: "image/jpeg", Filename: "MEDIA_1.jpg"}, 0, nil},
		{"hostile filename", func(w http.ResponseWriter, r *http.Request, _ string) {
			w.Header().Set("Content-Type", "audio/amr")
			w.Header().Set("Content-Disposition", `attachment; filename="../../etc/voice.amr"`)
			w.Write([]byte("#!AMR\n"))
		}, &Media{Body: []byte("#!AMR\n"), ContentType: "audio/amr", Filename: "voice.amr"}, 0, nil},
		{"error as text/plain", func(w http.ResponseWriter, r *http.Request, _ string) {
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprint(w, `{"errcode":40007,"errmsg":"invalid media_id"}`)
		}, nil, 40007, nil},
		{"error as json", func(w http.ResponseWriter, r *http.Request, _ string) {
			answer(w, `{"errcode":40007,"errmsg":"invalid media_id"}`)
		}, nil, 40007, nil},
		{"error unlabeled", func(w http.ResponseWriter, r *http.Request, _ string) {
			w.Header().Set("Content-Type", "application/octet-stream")
			fmt.Fprint(w, ` {"errcode":-1,"errmsg":"system error"}`)
		}, nil, -1, nil},
		{"video url", func(w http.ResponseWriter, r *http.Request, base string) {
			if r.URL.Path == "/cdn/video/abc.mp4" {
				if r.URL.Query().Has("access_token") {
					t.Error("access token sent to the video host")
				}
				w.Header().Set("Content-Type", "video/mp4")
				w.Write(video)
				return
			}
			answer(w, `{"video_url":"`+base+`/cdn/video/abc.mp4?sign=xyz"}`)
		}, &Media{Body: video, ContentType: "video/mp4", Filename: "abc.mp4"}, 0, nil},
		{"video url broken", func(w http.ResponseWriter, r *http.Request, base string) {
			if r.URL.Path == "/cdn/video/gone.mp4" {
				http.Error(w, "gone", http.StatusBadGateway)
				return
			}
			answer(w, `{"video_url":"`+base+`/cdn/video/gone.mp4"}`)
		}, nil, 0, &HTTPError{}},
		{"video url not http", func(w http.ResponseWriter, r *http.Request, _ string) {
			answer(w, `{"video_url":"file:///etc/passwd"}`)
		}, nil, 0, ErrUnexpectedResponse},
		{"json without video_url", func(w http.ResponseWriter, r *http.Request, _ string) {
			answer(w, `{"errcode":0,"errmsg":"ok"}`)
		}, nil, 0, ErrUnexpectedResponse},
		{"too large", func(w http.ResponseWriter, r *http.Request, _ string) {
			w.Header().Set("Content-Type", "image/jpeg")
			w.Write(bytes.Repeat(jpeg, 3))
		}, nil, 0, ErrMediaTooLarge},
		{"too large chunked", func(w http.ResponseWriter, r *http.Request, _ string) {
			w.Header().Set("Content-Type", "image/jpeg")
			for range 5 {
				w.Write(jpeg)
				w.(http.Flusher).Flush()
			}
		}, nil, 0, ErrMediaTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
				if !strings.HasPrefix(r.URL.Path, "/cdn/") {
					checkRequest(t, r, wantRequest{method: "GET", path: "/cgi-bin/media/get", token: "TOKEN-1",
						query: url.Values{"media_id": {"MEDIA_1"}}})
				}
				tt.handler(w, r, "http://"+r.Host)
			})
			c := f.client()
			c.MaxMediaBytes = int64(len(video))
			got, err := c.GetMedia(context.Background(), "MEDIA_1")
			checkMediaResult(t, got, err, tt.want, tt.code, tt.target, f.srv.URL)
		})
	}
}

func checkMediaResult(t *testing.T, got *Media, err error, want *Media, code int, target error, base string) {
	t.Helper()
	if want != nil {
		if err != nil {
			t.Fatalf("GetMedia: %v", err)
		}
		if want.Filename == "abc.mp4" {
			want.VideoURL = base + "/cdn/video/abc.mp4?sign=xyz"
		}
		if !bytes.Equal(got.Body, want.Body) || got.ContentType != want.ContentType ||
			got.Filename != want.Filename || got.VideoURL != want.VideoURL {
			t.Errorf("got %q %q %q (%d bytes), want %q %q %q (%d bytes)", got.ContentType, got.Filename, got.VideoURL,
				len(got.Body), want.ContentType, want.Filename, want.VideoURL, len(want.Body))
		}
		return
	}
	if got != nil {
		t.Errorf("got media %+v alongside error", got)
	}
	var apiErr *Error
	switch {
	case code != 0 && (!errors.As(err, &apiErr) || apiErr.Code != code || apiErr.Op != "media/get"):
		t.Errorf("err = %v, want *Error %d", err, code)
	case target != nil:
		var httpErr *HTTPError
		if _, isHTTP := target.(*HTTPError); isHTTP && (!errors.As(err, &httpErr) || !IsRetryable(err)) {
			t.Errorf("err = %v, want retryable *HTTPError", err)
		} else if !isHTTP && !errors.Is(err, target) {
			t.Errorf("err = %v, want %v", err, target)
		}
	}
	if err != nil {
		mustNotContain(t, err.Error(), "TOKEN-1")
	}
}
