package media

import (
	"bytes"
	"errors"
	"sync/atomic"
	"testing"
)

// countingReaderAt records how many bytes a sniff asked for, to prove it
// reads only the head and bounded container parts.
type countingReaderAt struct {
	r     *bytes.Reader
	bytes atomic.Int64
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	c.bytes.Add(int64(len(p)))
	return c.r.ReadAt(p, off)
}

// failingReaderAt fails every read, like a storage backend gone away.
type failingReaderAt struct{}

var errDiskGone = errors.New("disk gone")

func (failingReaderAt) ReadAt([]byte, int64) (int, error) { return 0, errDiskGone }

// bigOLE2 is a DOC padded with empty sectors to about size bytes.
func bigOLE2(size int) []byte {
	return padTo(ole2With("\x01CompObj", "WordDocument", "1Table"), int64(size))
}

func TestSniffAtReadsOnlyTheHead(t *testing.T) {
	const size = 10 << 20
	tests := []struct {
		name     string
		data     []byte
		want     Format
		maxBytes int64
	}{
		{"mp4", padTo(mp4Minimal(), size), FormatMP4, sniffHeadSize},
		{"pdf", padTo(pdfMinimal(), size), FormatPDF, sniffHeadSize},
		{"jpeg", padTo(encodeJPEG(t, gradient(8, 8), 80), size), FormatJPEG, sniffHeadSize},
		{"amr", amrNB(size/32, 7), FormatAMR, sniffHeadSize},
		{"unknown", bytes.Repeat([]byte("x"), size), FormatUnknown, sniffHeadSize},
		{"doc", bigOLE2(size), FormatDOC, sniffHeadSize + 2*512},
		{"docx", bigDOCX(t, size), FormatDOCX, sniffHeadSize + zipFirstTail + 2<<10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &countingReaderAt{r: bytes.NewReader(tt.data)}
			got, err := SniffAt(r, int64(len(tt.data)))
			if err != nil || got != tt.want {
				t.Fatalf("SniffAt = %q, %v; want %q", got, err, tt.want)
			}
			n := r.bytes.Load()
			t.Logf("read %d of %d bytes", n, len(tt.data))
			if n > tt.maxBytes {
				t.Errorf("read %d bytes of %d, want at most %d", n, len(tt.data), tt.maxBytes)
			}
		})
	}
}

func TestSniffAtErrors(t *testing.T) {
	if f, err := SniffAt(failingReaderAt{}, 1<<20); !errors.Is(err, errDiskGone) || f != FormatUnknown {
		t.Errorf("failing reader: got %q, %v; want unknown, errDiskGone", f, err)
	}
	// A file shorter than the caller believes is sniffed as far as it goes.
	short := bytes.NewReader(pdfMinimal())
	if f, err := SniffAt(short, 1<<20); err != nil || f != FormatPDF {
		t.Errorf("short file: got %q, %v; want pdf", f, err)
	}
	if f, err := SniffAt(bytes.NewReader(nil), 0); err != nil || f != FormatUnknown {
		t.Errorf("empty: got %q, %v", f, err)
	}
}
