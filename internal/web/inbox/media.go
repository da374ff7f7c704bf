package inbox

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os/exec"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"github.com/wedesk/wedesk/internal/store"
)

// thumbSize is the inbox's image thumbnail (the messages field declares it).
const thumbSize = "240x240f"

// ffmpegPath finds ffmpeg once: browsers cannot play WeChat's AMR or Speex
// voice, so the inbox converts it to MP3 when ffmpeg is installed and
// offers a download otherwise.
var ffmpegPath = sync.OnceValue(func() string {
	p, _ := exec.LookPath("ffmpeg")
	return p
})

func voiceConverterAvailable() bool { return ffmpegPath() != "" }

func needsVoiceConversion(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".amr" || ext == ".speex"
}

// ShowMedia is GET /inbox/media/{id}: a message's file for an agent who may
// see the conversation (?thumb=1 a thumbnail, ?download=1 as attachment,
// ?as=mp3 voice converted for the browser). Media never goes through
// PocketBase's file route, whose tokens would be another secret on the page.
func (h *Handler) ShowMedia(e *core.RequestEvent) error {
	msg, _, err := visibleMessage(e.App, inboxAgent(e), e.Request.PathValue("id"))
	if err != nil {
		return h.refuse(e, err)
	}
	name := msg.GetString("media")
	if name == "" {
		return h.refuse(e, store.ErrNotFound)
	}
	fsys, err := e.App.NewFilesystem()
	if err != nil {
		return e.InternalServerError("Could not open the file store.", nil)
	}
	defer fsys.Close()
	key := msg.BaseFilesPath() + "/" + name
	q := e.Request.URL.Query()
	e.Response.Header().Set("Cache-Control", "private, max-age=86400")
	switch {
	case msg.GetString("media_issue") != "":
		// Media that broke the inbound rules is never decoded or shown
		// inline (a decompression bomb, a renamed program): download only.
		e.Response.Header().Set("Content-Disposition", "attachment; filename="+safeFileName(name))
	case q.Get("thumb") != "" && msg.Type() == "image":
		thumbKey := msg.BaseFilesPath() + "/thumbs_" + name + "/" + thumbSize + "_" + name
		if ok, _ := fsys.Exists(thumbKey); !ok {
			if err := fsys.CreateThumb(key, thumbKey, thumbSize); err != nil {
				return fsys.Serve(e.Response, e.Request, key, name) // not an image we can scale: the original
			}
		}
		return fsys.Serve(e.Response, e.Request, thumbKey, name)
	case q.Get("as") == "mp3" && needsVoiceConversion(name) && voiceConverterAvailable():
		return serveConvertedVoice(e, fsys, msg, key, name)
	case q.Get("download") != "":
		e.Response.Header().Set("Content-Disposition", "attachment; filename="+safeFileName(name))
	}
	return fsys.Serve(e.Response, e.Request, key, name)
}

// serveConvertedVoice converts a voice file to MP3 once and keeps the result
// next to the original.
func serveConvertedVoice(e *core.RequestEvent, fsys *filesystem.System, msg *store.Message, key, name string) error {
	mp3Key := msg.BaseFilesPath() + "/voice_" + name + ".mp3"
	if ok, _ := fsys.Exists(mp3Key); !ok {
		data, err := readKey(fsys, key)
		if err != nil {
			return e.NotFoundError("", nil)
		}
		out, err := convertToMP3(e.Request.Context(), data)
		if err != nil {
			return e.InternalServerError("Could not convert the voice message.", nil)
		}
		if err := fsys.Upload(out, mp3Key); err != nil {
			return e.Blob(http.StatusOK, "audio/mpeg", out)
		}
	}
	return fsys.Serve(e.Response, e.Request, mp3Key, strings.TrimSuffix(name, path.Ext(name))+".mp3")
}

func readKey(fsys *filesystem.System, key string) ([]byte, error) {
	r, err := fsys.GetReader(key)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(io.LimitReader(r, 32<<20))
}

// convertToMP3 pipes the audio through ffmpeg with a time limit.
func convertToMP3(ctx context.Context, data []byte) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, ffmpegPath(), "-hide_banner", "-loglevel", "error",
		"-i", "pipe:0", "-f", "mp3", "-ac", "1", "-b:a", "48k", "pipe:1")
	cmd.Stdin = bytes.NewReader(data)
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// safeFileName keeps a stored file name safe inside a header.
func safeFileName(name string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == '"' || r == '\\' || r == ';' {
			return '_'
		}
		return r
	}, name)
}
