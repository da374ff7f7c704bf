package static

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
)

func TestURLAndOpen(t *testing.T) {
	u := URL("css/inbox.css")
	parts := strings.Split(strings.TrimPrefix(u, Prefix), "/")
	if len(parts) != 3 || len(parts[0]) != 12 || parts[1] != "css" {
		t.Fatalf("URL = %q", u)
	}
	f, err := Open(parts[0], "css/inbox.css")
	if err != nil || !f.Current || !strings.HasPrefix(f.ContentType, "text/css") || len(f.Body) == 0 {
		t.Fatalf("Open current = %+v, %v", f.ContentType, err)
	}
	if f, _ := Open("000000000000", "css/inbox.css"); f.Current {
		t.Error("an old hash was marked current")
	}
	if _, err := Open(parts[0], "css/nope.css"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("unknown file error = %v", err)
	}
	for _, want := range []string{"js/inbox.js", "js/reply.js", "vendor/htmx-2.0.11.min.js", "vendor/pocketbase-0.28.1.umd.js"} {
		if !strings.Contains(strings.Join(Names(), " "), want) {
			t.Errorf("%s not embedded", want)
		}
	}
}

func TestURLPanicsOnTypo(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("URL of an unknown file did not panic")
		}
	}()
	URL("css/typo.css")
}
