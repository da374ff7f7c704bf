package contact

import (
	"fmt"
	"html"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	qrcode "github.com/skip2/go-qrcode"
)

// Link is one account's contact link for one scene, in every form the
// admin page offers.
type Link struct {
	AccountID   string `json:"account_id"`
	OpenKfID    string `json:"open_kfid"`
	AccountName string `json:"account_name"`
	ChannelID   string `json:"channel_id"`
	ChannelName string `json:"channel_name,omitempty"`
	Scene       string `json:"scene"`
	SceneZH     string `json:"scene_zh"`
	SceneEN     string `json:"scene_en"`
	URL         string `json:"url,omitempty"`
	// PNG is the API path of the QR code image (superusers only).
	PNG string `json:"png"`
	// SVG is the QR code as inline SVG markup, for pages whose policy
	// allows no image but their own.
	SVG string `json:"svg,omitempty"`
	// Snippet is the "在线咨询 / Chat with us" button to paste into a site.
	Snippet string `json:"snippet,omitempty"`
	Error   string `json:"error,omitempty"`
}

func newLink(acc *core.Record, scene Scene) Link {
	return Link{AccountID: acc.Id, OpenKfID: acc.GetString("open_kfid"), AccountName: acc.GetString("name"),
		ChannelID: acc.GetString("channel"), Scene: scene.ID, SceneZH: scene.ZH, SceneEN: scene.EN,
		PNG: "/api/wedesk/kf_accounts/" + acc.Id + "/contact/" + scene.ID + ".png"}
}

// setURL fills the forms derived from the URL.
func (l *Link) setURL(url string) {
	l.URL = url
	l.Snippet = Snippet(url)
	if svg, err := SVG(url); err == nil {
		l.SVG = svg
	}
}

// QRLevel is the error correction of the codes: medium survives print
// smudges and keeps the modules large enough for phone cameras.
const QRLevel = qrcode.Medium

// PNG encodes url as a QR code image of size×size pixels.
func PNG(url string, size int) ([]byte, error) {
	b, err := qrcode.Encode(url, QRLevel, size)
	if err != nil {
		return nil, fmt.Errorf("contact: QR code: %w", err)
	}
	return b, nil
}

// SVG draws url's QR code (modules from the qrcode package) as SVG, one
// path of unit squares on a white background, quiet zone included.
func SVG(url string) (string, error) {
	q, err := qrcode.New(url, QRLevel)
	if err != nil {
		return "", fmt.Errorf("contact: QR code: %w", err)
	}
	bits := q.Bitmap()
	n := len(bits)
	var path strings.Builder
	for y, row := range bits {
		for x, dark := range row {
			if dark {
				fmt.Fprintf(&path, "M%d %dh1v1h-1z", x, y)
			}
		}
	}
	return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges">`+
		`<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="%s"/></svg>`, n, n, n, n, path.String()), nil
}

// Snippet is a self-contained button linking to url, with inline styles so
// that it looks the same on any site.
func Snippet(url string) string {
	return `<a href="` + html.EscapeString(url) + `" target="_blank" rel="noopener" ` +
		`style="display:inline-block;padding:10px 20px;border-radius:6px;background:#07c160;color:#fff;` +
		`font:15px/1.2 -apple-system,'PingFang SC','Microsoft YaHei',sans-serif;text-decoration:none">` +
		`在线咨询 / Chat with us</a>`
}
