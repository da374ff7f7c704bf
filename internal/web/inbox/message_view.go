package inbox

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/views"
)

// messageViewer maps messages to views for one agent and page.
type messageViewer struct {
	t        *views.Text
	agent    *store.Agent
	canRetry bool
	names    map[string]string
	now      time.Time
	voiceOK  bool // the server can convert AMR/Speex voice for browsers
}

func formatText(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// view maps one message.
func (mv *messageViewer) view(m *store.Message) views.MessageView {
	v := views.MessageView{
		ID: m.Id, Seq: m.Seq(), Out: m.Direction() == store.DirectionOut, Internal: m.GetBool("internal"),
		Text: m.Text(), Time: clock(m.GetDateTime("created").Time(), mv.now), Kind: m.Type(),
	}
	if v.Out {
		v.Author = mv.names[m.GetString("agent")]
		v.Status = m.Status()
		v.StatusLabel = mv.statusLabel(v.Status)
		if v.Status == store.StatusFailed || v.Status == store.StatusUnknown {
			v.Error = m.GetString("error")
			if mv.canRetry && !v.Internal {
				v.RetryURL = "/inbox/messages/" + m.Id + "/retry"
			}
		}
	}
	payload := map[string]any{}
	_ = m.Payload(&payload)
	mv.fillKind(&v, m, payload)
	rulesOfMessage(&v, m)
	return v
}

func (mv *messageViewer) statusLabel(s string) string {
	switch s {
	case store.StatusPending:
		return mv.t.Pending
	case store.StatusSent:
		return mv.t.Sent
	case store.StatusFailed:
		return mv.t.Failed
	case store.StatusSending:
		return mv.t.Harden.Sending
	case store.StatusUnknown:
		return mv.t.Harden.Unknown
	}
	return mv.t.Received
}

// fillKind sets what each message type shows; unknown types show their text.
func (mv *messageViewer) fillKind(v *views.MessageView, m *store.Message, p map[string]any) {
	file := m.GetString("media")
	if file != "" {
		v.MediaURL, v.ThumbURL, v.DownloadURL = mediaURLs(m.Id)
	}
	v.MediaMissing = file == ""
	if mv.fillKF(v, m, p) {
		return
	}
	switch m.Type() {
	case "text":
		if !v.Out {
			v.Text = views.WeChatEmoji(v.Text)
		}
	case "image":
	case "voice":
		ext := strings.ToLower(path.Ext(file))
		v.Playable = mv.voiceOK || (ext != ".amr" && ext != ".speex")
		if needsVoiceConversion(file) && mv.voiceOK {
			v.MediaURL += "?as=mp3"
		}
	case "video", "shortvideo":
		v.Kind = "video"
	case "file":
		v.FileName = firstString(p, "FileName", "filename", "Title")
		if v.FileName == "" {
			v.FileName = file
		}
		if n, err := strconv.ParseInt(firstString(p, "FileSize", "filesize"), 10, 64); err == nil {
			v.FileSize = humanBytes(n)
		}
	case "location":
		lat, lon := firstFloat(p, "Location_X"), firstFloat(p, "Location_Y")
		v.Title = firstString(p, "Label")
		v.Lat, v.Lon = strconv.FormatFloat(lat, 'f', 5, 64), strconv.FormatFloat(lon, 'f', 5, 64)
		v.MapURL = amapURL(lat, lon, v.Title)
	case "link":
		v.Title, v.Description, v.LinkURL = firstString(p, "Title"), firstString(p, "Description"), firstString(p, "Url")
	case "miniprogrampage":
		v.Kind = "miniprogram"
		v.Title = firstString(p, "Title", "title")
		if mp, ok := p["miniprogrampage"].(map[string]any); ok {
			v.Title = firstString(mp, "title")
		}
		v.Description = firstString(p, "PagePath", "pagepath")
	case "news", "msgmenu":
		v.Kind = "card"
		v.Title, v.Description = cardText(m.Type(), p)
	case "event":
		v.Text = mv.t.EventOf(firstString(p, "Event"))
	default:
		v.Kind = "text"
		if v.Text == "" {
			v.Text = mv.t.PreviewOf("[" + m.Type() + "]")
		}
	}
}

// cardText summarises an outbound article or menu message.
func cardText(typ string, p map[string]any) (title, desc string) {
	if typ == "news" {
		if news, ok := p["news"].(map[string]any); ok {
			if arts, ok := news["articles"].([]any); ok && len(arts) > 0 {
				if a, ok := arts[0].(map[string]any); ok {
					return firstString(a, "title"), firstString(a, "description")
				}
			}
		}
		return "", ""
	}
	if menu, ok := p["msgmenu"].(map[string]any); ok {
		title = firstString(menu, "head_content")
		if list, ok := menu["list"].([]any); ok {
			var items []string
			for _, it := range list {
				if m, ok := it.(map[string]any); ok {
					items = append(items, firstString(m, "content"))
				}
			}
			desc = strings.Join(items, " / ")
		}
	}
	return title, desc
}

func firstString(p map[string]any, keys ...string) string {
	for _, k := range keys {
		switch v := p[k].(type) {
		case string:
			if v != "" {
				return v
			}
		case float64:
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
	}
	return ""
}

func firstFloat(p map[string]any, key string) float64 {
	f, _ := strconv.ParseFloat(firstString(p, key), 64)
	return f
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	case n >= 1<<10:
		return strconv.FormatFloat(float64(n)/(1<<10), 'f', 0, 64) + " KB"
	}
	return strconv.FormatInt(n, 10) + " B"
}
