package contact

import (
	"bytes"
	"image/png"
	"regexp"
	"strconv"
	"strings"
	"testing"

	qrcode "github.com/skip2/go-qrcode"
)

const testURL = "https://work.weixin.qq.com/kfid/kfc0123456789abcdef?enc_scene=c2ltOndlYg"

func TestSnippetEscapesTheLink(t *testing.T) {
	s := Snippet(testURL + `&scene_param="><script>`)
	if strings.Contains(s, "<script>") || !strings.Contains(s, `&amp;scene_param=&#34;&gt;&lt;script&gt;"`) {
		t.Fatalf("snippet not escaped: %s", s)
	}
	if !strings.HasPrefix(s, `<a href="https://work.weixin.qq.com/`) || !strings.HasSuffix(s, "在线咨询 / Chat with us</a>") {
		t.Fatalf("snippet %s", s)
	}
}

func TestSVGDrawsTheLibraryModules(t *testing.T) {
	svg, err := SVG(testURL)
	if err != nil {
		t.Fatal(err)
	}
	q, err := qrcode.New(testURL, QRLevel)
	if err != nil {
		t.Fatal(err)
	}
	dark := 0
	for _, row := range q.Bitmap() {
		for _, on := range row {
			if on {
				dark++
			}
		}
	}
	if got := len(regexp.MustCompile(`M\d+ \d+h1v1h-1z`).FindAllString(svg, -1)); got != dark || dark == 0 {
		t.Fatalf("%d squares drawn, want %d", got, dark)
	}
	n := len(q.Bitmap())
	if !strings.Contains(svg, `viewBox="0 0 `+strconv.Itoa(n)+" "+strconv.Itoa(n)+`"`) {
		t.Fatalf("viewBox of %d modules missing: %.120s", n, svg)
	}
}

func TestPNGHasTheAskedSize(t *testing.T) {
	b, err := PNG(testURL, 300)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil || cfg.Width != 300 || cfg.Height != 300 {
		t.Fatalf("png %+v, %v", cfg, err)
	}
}

func TestScenesAreValidForAddContactWay(t *testing.T) {
	ok := regexp.MustCompile(`^[0-9A-Za-z_-]{1,32}$`)
	seen := map[string]bool{}
	for _, s := range Scenes {
		if !ok.MatchString(s.ID) || seen[s.ID] || s.ZH == "" || s.EN == "" {
			t.Errorf("scene %+v", s)
		}
		seen[s.ID] = true
	}
}
