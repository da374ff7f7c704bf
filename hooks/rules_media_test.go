package hooks_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/media"
	"github.com/wedesk/wedesk/internal/store"
)

// amrFrames builds an AMR-NB file of n 12.2 kbit/s frames (20 ms each).
func amrFrames(n int) []byte {
	frame := make([]byte, 32)
	frame[0] = 0x3c
	return append([]byte("#!AMR\n"), bytes.Repeat(frame, n)...)
}

// pngHeaderClaiming is a PNG whose header claims w×h pixels: a
// decompression bomb's first bytes.
func pngHeaderClaiming(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2
	chunk := append([]byte("IHDR"), ihdr...)
	out := []byte("\x89PNG\r\n\x1a\n")
	out = binary.BigEndian.AppendUint32(out, 13)
	out = append(out, chunk...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(chunk))
}

// elfProgram is the start of a Linux executable.
func elfProgram() []byte {
	return append([]byte{0x7f, 'E', 'L', 'F', 2, 1, 1, 0}, bytes.Repeat([]byte{0}, 120)...)
}

// TestInboundMediaCheckedStoredAndFlagged: media a customer sends is
// checked by content, always stored, thumbnailed when it is a good image,
// and flagged (never served inline) when it breaks a rule.
func TestInboundMediaCheckedStoredAndFlagged(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	c := h.customer("oMediaIn000001")
	if _, err := c.SendText(h.ctx(), "你好"); err != nil {
		t.Fatal(err)
	}
	sends := []struct {
		name  string
		send  func() error
		issue string
	}{
		{"photo", func() error { _, err := c.SendImage(h.ctx(), tinyPNG(t), "a.png"); return err }, ""},
		{"bomb", func() error { _, err := c.SendImage(h.ctx(), pngHeaderClaiming(20000, 20000), "b.png"); return err }, "media_dimensions"},
		{"program", func() error { _, err := c.SendImage(h.ctx(), elfProgram(), "photo.jpg"); return err }, "media_executable"},
		{"voice 10 s", func() error { _, err := c.SendVoice(h.ctx(), amrFrames(500)); return err }, ""},
	}
	for _, s := range sends {
		if err := s.send(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
	}
	h.waitFor("media downloads", func() bool { return h.count("messages", "media_state = 'stored'") == len(sends) })
	msgs, err := h.app.FindRecordsByFilter("messages", "media_state = 'stored'", "seq", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := h.app.NewFilesystem()
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	for i, m := range msgs {
		s := sends[i]
		if got := m.GetString("media_issue"); got != s.issue {
			t.Errorf("%s: media_issue %q, want %q (%s)", s.name, got, s.issue, m.GetString("error"))
		}
		name := m.GetString("media")
		thumb, _ := fsys.Exists(store.MediaThumbKey(m, name, "240x240f"))
		if wantThumb := m.GetString("type") == "image" && s.issue == ""; thumb != wantThumb {
			t.Errorf("%s: thumbnail stored %v, want %v", s.name, thumb, wantThumb)
		}
		if s.name == "program" && strings.HasSuffix(name, ".jpg") {
			t.Errorf("a program is stored under the name it claims: %s", name)
		}
		if s.name == "voice 10 s" && m.GetInt("duration_ms") != 10000 {
			t.Errorf("voice duration %d ms, want 10000", m.GetInt("duration_ms"))
		}
		if s.issue != "" {
			status, _ := h.inboxRequest(h.supervisor, http.MethodGet, "/inbox/media/"+m.Id+"?thumb=1", nil)
			if status != 200 {
				t.Errorf("%s: flagged media not downloadable: %d", s.name, status)
			}
		}
	}
}

// postMedia posts an agent's media message through the records API.
func (h *harness) postMedia(agent *core.Record, convID, typ, filename string, data []byte) (int, string) {
	h.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.WriteField("conversation", convID)
	_ = w.WriteField("type", typ)
	fw, _ := w.CreateFormFile("media", filename)
	_, _ = fw.Write(data)
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/api/collections/messages/records", &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", h.token(agent))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	return res.StatusCode, readAll(h.t, res)
}

// TestOutboundMediaConvertedOrRefused: a GIF is converted before it is
// stored; a 61 s voice clip and a renamed program are refused with their
// code and the reason in the agent's language, and nothing is stored.
func TestOutboundMediaConvertedOrRefused(t *testing.T) {
	h := newHarness(t, hooks.Options{PauseOutbox: true})
	h.commit(coreText("oMediaOut00001", "mo-m1", "发张图"))
	conv := h.openConv("oMediaOut00001").Id

	img := image.NewPaletted(image.Rect(0, 0, 40, 30), color.Palette{color.White, color.Black})
	var g bytes.Buffer
	if err := gif.Encode(&g, img, nil); err != nil {
		t.Fatal(err)
	}
	status, body := h.postMedia(h.agent, conv, "image", "anim.gif", g.Bytes())
	if status != 200 || !strings.Contains(body, `.jpg"`) && !strings.Contains(body, `.png"`) {
		t.Fatalf("GIF: %d %s", status, body)
	}

	refused := []struct {
		name, typ, file string
		data            []byte
		code, zh        string
	}{
		{"voice 61 s", "voice", "long.amr", amrFrames(3050), "media_too_long", "语音"},
		{"renamed program", "image", "photo.jpg", elfProgram(), "media_executable", "程序"},
		{"5-byte file", "image", "tiny.png", []byte("\x89PNG\r"), "media_too_small", ""},
	}
	for _, r := range refused {
		status, body := h.postMedia(h.agent, conv, r.typ, r.file, r.data)
		code, msg := refusal(t, body)
		if status != 400 || code != r.code || !strings.Contains(msg, r.zh) {
			t.Errorf("%s: %d %s, want 400 %s", r.name, status, body, r.code)
		}
	}
	if n := h.count("messages", "direction = 'out'"); n != 1 {
		t.Fatalf("%d outbound messages stored, want only the converted image", n)
	}
	if left := h.budgetRow(conv).SendsLeft; left != 4 {
		t.Fatalf("refused media drew on the budget: %d left", left)
	}
}

// TestMediaLimitsAreASetting: a channel's media_limits override the
// defaults (here outbound voice at most 30 s); an invalid setting falls back
// to the defaults rather than letting anything through.
func TestMediaLimitsAreASetting(t *testing.T) {
	h := newHarness(t, hooks.Options{PauseOutbox: true})
	h.commit(coreText("oMediaSet00001", "ms-m1", "语音"))
	conv := h.openConv("oMediaSet00001").Id
	voice40s := amrFrames(2000)
	if status, body := h.postMedia(h.agent, conv, "voice", "v.amr", voice40s); status != 200 {
		t.Fatalf("40 s voice under the defaults: %d %s", status, body)
	}
	limits := media.WeChatSafeLimits()
	limits.Outbound.Voice.MaxDuration = 30 * time.Second
	raw, _ := json.Marshal(limits)
	h.channel.Set("media_limits", string(raw))
	if err := h.app.Save(h.channel); err != nil {
		t.Fatal(err)
	}
	status, body := h.postMedia(h.agent, conv, "voice", "v.amr", voice40s)
	if code, _ := refusal(t, body); status != 400 || code != "media_too_long" {
		t.Fatalf("40 s voice with a 30 s setting: %d %s", status, body)
	}
	h.channel.Set("media_limits", `{"outbound":{"voice":{"maxBytes":1}}}`)
	if err := h.app.Save(h.channel); err != nil {
		t.Fatal(err)
	}
	if status, body := h.postMedia(h.agent, conv, "voice", "v.amr", amrFrames(3050)); status != 400 || !strings.Contains(body, "media_too_long") {
		t.Fatalf("61 s voice with an invalid setting: %d %s", status, body)
	}
}
