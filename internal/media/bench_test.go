package media

import (
	"bytes"
	"image"
	"sync"
	"testing"
)

// BenchmarkSniff10MB sniffs 10 MB files through SniffAt and reports, as
// B-read/op, how many bytes were actually read: the head (4 KB) plus, for
// containers, their bounded directory parts — never the whole file.
func BenchmarkSniff10MB(b *testing.B) {
	const size = 10 << 20
	inputs := []struct {
		name string
		data []byte
	}{
		{"mp4", padTo(mp4Minimal(), size)},
		{"pdf", padTo(pdfMinimal(), size)},
		{"jpeg", padTo(encodeJPEG(b, gradient(64, 64), 85), size)},
		{"doc", bigOLE2(size)},
		{"docx", bigDOCX(b, size)},
		{"executable", padTo(peExecutable(), size)},
		{"unknown", bytes.Repeat([]byte("plain text "), size/11)},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			r := &countingReaderAt{r: bytes.NewReader(in.data)}
			for b.Loop() {
				if _, err := SniffAt(r, int64(len(in.data))); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(r.bytes.Load())/float64(b.N), "B-read/op")
		})
	}
}

// photo12MB is a 4000×3000 high-entropy (noise) JPEG at quality 93, about
// 12 MB: the worst case a phone photo can be, built once for all runs.
var photo12MB = sync.OnceValue(func() []byte {
	var buf bytes.Buffer
	img := noise(4000, 3000, false)
	if err := encodeJPEGTo(&buf, img, 93); err != nil {
		panic(err)
	}
	return buf.Bytes()
})

// BenchmarkConvert12MBPhoto converts the 12 MB photo to fit the outbound
// image limit: the product's 10 MB (re-encoded at full size) and the
// WeChat-safe 2 MB (downscaled). out-bytes and out-px report the result.
func BenchmarkConvert12MBPhoto(b *testing.B) {
	data := photo12MB()
	cases := []struct {
		name   string
		limits Limits
	}{
		{"default-10MB", DefaultLimits()},
		{"wechat-safe-2MB", WeChatSafeLimits()},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var out []byte
			for b.Loop() {
				var err error
				out, _, _, err = c.limits.PrepareOutbound(KindImage, data)
				if err != nil {
					b.Fatal(err)
				}
			}
			cfg, _, err := image.DecodeConfig(bytes.NewReader(out))
			if err != nil || int64(len(out)) > c.limits.Outbound.Image.MaxBytes {
				b.Fatalf("output %d bytes, %v", len(out), err)
			}
			b.ReportMetric(float64(len(data)), "in-bytes")
			b.ReportMetric(float64(len(out)), "out-bytes")
			b.ReportMetric(float64(cfg.Width*cfg.Height), "out-px")
		})
	}
}
