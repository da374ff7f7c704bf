package desk

import (
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"github.com/wedesk/wedesk/internal/media"
	"github.com/wedesk/wedesk/internal/store"
)

// maxTextRunes bounds a text reply (WeChat answers 45002 for oversize content).
const maxTextRunes = 2000

// checkOutboundContent validates what an agent wants to send: a type the
// channel supports, non-empty text, and media that passes WeChat's rules by
// content (images too large or in the wrong format are converted).
func checkOutboundContent(e *core.RecordRequestEvent, outboundTypes func(kind string) map[string]bool) error {
	rec := e.Record
	conv, err := store.FindConversation(e.App, rec.GetString("conversation"))
	if err != nil {
		return e.NotFoundError("Conversation not found.", nil)
	}
	ch, err := store.FindChannel(e.App, conv.ChannelID())
	if err != nil {
		return e.NotFoundError("Channel not found.", nil)
	}
	typ := rec.GetString("type")
	if !outboundTypes(ch.Kind())[typ] {
		return e.BadRequestError("This channel cannot send messages of type "+typ+".", nil)
	}
	switch typ {
	case "text":
		text := strings.TrimSpace(rec.GetString("text"))
		if text == "" {
			return e.BadRequestError("The message is empty.", nil)
		}
		if utf8.RuneCountInString(text) > maxTextRunes {
			return e.BadRequestError("The message is too long for WeChat (2000 characters at most).", nil)
		}
	case "image", "voice", "video", "file":
		limits, err := ch.MediaLimits()
		if err != nil {
			e.App.Logger().Warn("desk: invalid media limits, using the defaults", "error", err)
		}
		return checkOutboundMedia(e, limits, media.Kind(typ))
	}
	return nil
}

// checkOutboundMedia reads the uploaded file and checks it by content
// against the channel's outbound rules, before anything is stored or sent:
// an image that is GIF, WebP or BMP, or too large, is replaced by the
// converted JPEG/PNG; anything else that breaks a rule is refused with its
// code and the reason in the agent's language. A voice clip keeps its
// length.
func checkOutboundMedia(e *core.RecordRequestEvent, limits media.Limits, kind media.Kind) error {
	files := e.Record.GetUnsavedFiles("media")
	if len(files) != 1 {
		return e.BadRequestError("Attach exactly one file in the media field.", nil)
	}
	data, err := readFile(files[0])
	if err != nil {
		return e.BadRequestError("Could not read the uploaded file.", nil)
	}
	out, format, converted, err := limits.PrepareOutbound(kind, data)
	if err != nil {
		if handled, werr := WriteRefusal(e.RequestEvent, err); handled {
			if werr != nil {
				return werr
			}
			return errMediaRefused
		}
		return e.BadRequestError(err.Error(), nil)
	}
	if converted {
		f, err := filesystem.NewFileFromBytes(out, replaceExt(files[0].OriginalName, format.Extension()))
		if err != nil {
			return e.InternalServerError("Could not store the converted image.", nil)
		}
		e.Record.Set("media", f)
	}
	if kind == media.KindVoice {
		if d, err := media.AMRDuration(out); err == nil {
			e.Record.Set("duration_ms", d.Milliseconds())
		}
	}
	return nil
}

// errMediaRefused ends the create chain after the refusal was written.
var errMediaRefused = errors.New("desk: media refused by the rules")

func readFile(f *filesystem.File) ([]byte, error) {
	r, err := f.Reader.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(io.LimitReader(r, 64<<20))
}

func replaceExt(name, ext string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	if name == "" {
		name = "image"
	}
	return name + ext
}
