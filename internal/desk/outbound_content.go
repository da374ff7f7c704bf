package desk

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"github.com/wedesk/wedesk/internal/media"
	"github.com/wedesk/wedesk/internal/store"
)

// mpImageLimit is the image size WeDesk sends to an Official Account. The
// current temp-media page says 2 MB (older ones 10 MB): larger images are
// converted down rather than refused.
const mpImageLimit = 2 << 20

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
	case "image", "voice", "video":
		return checkOutboundMedia(e, media.Kind(typ))
	}
	return nil
}

// checkOutboundMedia reads the uploaded file, checks it by content and
// replaces it with the converted image when conversion was needed.
func checkOutboundMedia(e *core.RecordRequestEvent, kind media.Kind) error {
	files := e.Record.GetUnsavedFiles("media")
	if len(files) != 1 {
		return e.BadRequestError("Attach exactly one file in the media field.", nil)
	}
	data, err := readFile(files[0])
	if err != nil {
		return e.BadRequestError("Could not read the uploaded file.", nil)
	}
	if kind == media.KindImage {
		out, _, converted, err := media.PrepareOutboundImage(data, mpImageLimit)
		if err != nil {
			return e.BadRequestError(err.Error(), nil)
		}
		if converted {
			f, err := filesystem.NewFileFromBytes(out, replaceExt(files[0].OriginalName, ".jpg"))
			if err != nil {
				return e.InternalServerError("Could not store the converted image.", nil)
			}
			e.Record.Set("media", f)
		}
		return nil
	}
	if _, err := media.Check(media.Outbound, kind, data); err != nil {
		return e.BadRequestError(err.Error(), nil)
	}
	return nil
}

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
