package wecomkf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestUploadMedia(t *testing.T) {
	data := []byte("%PDF-1.7 fake pdf body")
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		checkRequest(t, r, wantRequest{method: "POST", path: "/cgi-bin/media/upload", token: "TOKEN-1",
			query: url.Values{"type": {"file"}}})
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			t.Fatalf("multipart: %v", err)
		}
		file, header, err := r.FormFile("media")
		if err != nil {
			t.Fatalf("field media: %v", err)
		}
		got, _ := io.ReadAll(file)
		disposition := header.Header.Get("Content-Disposition")
		if header.Filename != "报价 单.pdf" || !bytes.Equal(got, data) ||
			header.Header.Get("Content-Type") != "application/pdf" || !strings.Contains(disposition, fmt.Sprintf("filelength=%d", len(data))) {
			t.Errorf("part %q %q %q: %q", header.Filename, header.Header.Get("Content-Type"), disposition, got)
		}
		answer(w, `{"errcode":0,"errmsg":"","type":"file","media_id":"1G6nrLmr5EC3MMb_-zK1dDdzmd0p7cNliYu9V5w7o8K0","created_at":"1380000000"}`)
	})
	id, err := f.client().UploadMedia(context.Background(), MediaFile, "报价 单.pdf", bytes.NewReader(data))
	if err != nil || id != "1G6nrLmr5EC3MMb_-zK1dDdzmd0p7cNliYu9V5w7o8K0" {
		t.Errorf("UploadMedia = %q, %v", id, err)
	}
}

func TestUploadMediaRefused(t *testing.T) {
	tests := []struct {
		name, typ, filename string
		size                int
		want                error
	}{
		{"unknown type", "thumb", "a.jpg", 100, ErrInvalidRequest},
		{"no filename", MediaImage, " ", 100, ErrInvalidRequest},
		{"too small", MediaFile, "a.txt", 5, ErrInvalidRequest},
		{"image over 2 MB", MediaImage, "a.jpg", 2<<20 + 1, ErrMediaTooLarge},
		{"voice over 2 MB", MediaVoice, "a.amr", 2<<20 + 1, ErrMediaTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, okAPI)
			_, err := f.client().UploadMedia(context.Background(), tt.typ, tt.filename, bytes.NewReader(make([]byte, tt.size)))
			if !errors.Is(err, tt.want) || f.apiCalls.Load() != 0 {
				t.Errorf("err = %v, api calls %d; want %v and nothing sent", err, f.apiCalls.Load(), tt.want)
			}
		})
	}
}

// rangeServer serves content for media/get with http.ServeContent, which
// implements Range the way WeCom documents it (206 + Content-Range), and
// records each Range header.
type rangeServer struct {
	mu     sync.Mutex
	ranges []string
}

func (s *rangeServer) handler(t *testing.T, content []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		checkRequest(t, r, wantRequest{method: "GET", path: "/cgi-bin/media/get", token: "TOKEN-1",
			query: url.Values{"media_id": {"MEDIA"}}})
		s.mu.Lock()
		s.ranges = append(s.ranges, r.Header.Get("Range"))
		s.mu.Unlock()
		w.Header().Set("Content-Type", "video/mp4")
		w.Header().Set("Content-Disposition", `attachment; filename="../../etc/客户视频.mp4"`)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(content))
	}
}

func TestGetMediaInRangeChunks(t *testing.T) {
	content := make([]byte, 10<<20+12345) // 10 MB + a tail: 3 chunks of 4 MB
	for i := range content {
		content[i] = byte(i * 7)
	}
	var rs rangeServer
	f := newFake(t, rs.handler(t, content))
	media, err := f.client().GetMedia(context.Background(), "MEDIA")
	if err != nil {
		t.Fatalf("GetMedia: %v", err)
	}
	if !bytes.Equal(media.Body, content) || media.Filename != "客户视频.mp4" || media.ContentType != "video/mp4" {
		t.Errorf("got %d bytes, filename %q, type %q", len(media.Body), media.Filename, media.ContentType)
	}
	want := []string{"bytes=0-4194303", "bytes=4194304-8388607", "bytes=8388608-12582911"}
	if strings.Join(rs.ranges, " ") != strings.Join(want, " ") {
		t.Errorf("ranges = %v, want %v", rs.ranges, want)
	}
}

func TestGetMediaSmallAndWholeFile(t *testing.T) {
	tests := []struct {
		name        string
		ignoreRange bool
	}{
		{"206 single chunk", false},
		{"server ignores Range", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := []byte("#!AMR voice bytes")
			f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.ignoreRange {
					r.Header.Del("Range")
				}
				w.Header().Set("Content-Type", "audio/amr")
				w.Header().Set("Content-Disposition", `attachment; filename="v.amr"`)
				http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(content))
			})
			media, err := f.client().GetMedia(context.Background(), "MEDIA")
			if err != nil || !bytes.Equal(media.Body, content) || media.Filename != "v.amr" {
				t.Errorf("GetMedia = %+v, %v", media, err)
			}
		})
	}
}

func TestGetMediaRefusesOversizedFile(t *testing.T) {
	var rs rangeServer
	f := newFake(t, rs.handler(t, make([]byte, 30<<20)))
	_, err := f.client().GetMedia(context.Background(), "MEDIA")
	if !errors.Is(err, ErrMediaTooLarge) || len(rs.ranges) != 1 {
		t.Errorf("err = %v after %d requests; want ErrMediaTooLarge after the first chunk", err, len(rs.ranges))
	}
}

func TestGetMediaErrors(t *testing.T) {
	tests := []struct {
		name   string
		serve  func(w http.ResponseWriter, r *http.Request)
		check  func(error) bool
		nCalls int32
	}{
		{"expired media_id", func(w http.ResponseWriter, r *http.Request) {
			answer(w, `{"errcode":40007,"errmsg":"invalid media_id"}`)
		}, func(err error) bool {
			var e *Error
			return errors.As(err, &e) && e.Code == CodeInvalidMediaID && e.Path == "media/get"
		}, 1},
		{"unlabelled JSON error", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/octet-stream")
			fmt.Fprint(w, `{"errcode":45033,"errmsg":"api concurrent out of limit"}`)
		}, IsRetryable, 1},
		{"bad Content-Range", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Disposition", `attachment; filename="f.bin"`)
			w.Header().Set("Content-Range", "bytes 5-9/100")
			w.WriteHeader(http.StatusPartialContent)
			fmt.Fprint(w, "12345")
		}, func(err error) bool { return errors.Is(err, ErrUnexpectedResponse) }, 1},
		{"http 502", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusBadGateway)
		}, IsRetryable, 1},
		{"token rejected then ok", func() func(w http.ResponseWriter, r *http.Request) {
			return func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Query().Get("access_token") == "TOKEN-1" {
					answer(w, `{"errcode":42001,"errmsg":"access_token expired"}`)
					return
				}
				w.Header().Set("Content-Disposition", `attachment; filename="f.bin"`)
				fmt.Fprint(w, "content")
			}
		}(), func(err error) bool { return err == nil }, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, tt.serve)
			_, err := f.client().GetMedia(context.Background(), "MEDIA")
			if !tt.check(err) || f.apiCalls.Load() != tt.nCalls {
				t.Errorf("err = %v after %d calls", err, f.apiCalls.Load())
			}
		})
	}
}
