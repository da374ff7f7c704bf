package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTemplatesDrawNoEmoji: the inbox's icons are inline SVG, so a
// machine without a colour-emoji font shows no empty boxes. Customers'
// own emoji (messages, the picker) are content, not templates.
func TestTemplatesDrawNoEmoji(t *testing.T) {
	files, err := filepath.Glob("*.templ")
	if err != nil || len(files) == 0 {
		t.Fatalf("no templates: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			for _, r := range line {
				if isPictograph(r) {
					t.Errorf("%s:%d draws %q; use @Icon instead", f, i+1, r)
				}
			}
		}
	}
}

// isPictograph reports the code points that need an emoji font: the
// pictographs, dingbats and miscellaneous symbols (★ ⚡ 🔒 📎 …).
func isPictograph(r rune) bool {
	return (r >= 0x1F300 && r <= 0x1FAFF) || (r >= 0x2600 && r <= 0x27BF) || r == 0x2B50
}
