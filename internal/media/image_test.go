package media

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"testing"
)

func decodeBounds(t *testing.T, data []byte) (image.Image, string) {
	t.Helper()
	img, name, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("output does not decode: %v", err)
	}
	return img, name
}

func TestPrepareOutboundImage(t *testing.T) {
	pngSmall := encodePNG(t, gradient(40, 30))
	jpgSmall := encodeJPEG(t, gradient(40, 30), 85)
	tests := []struct {
		name          string
		data          []byte
		maxBytes      int
		wantFormat    Format
		wantConverted bool
		wantSize      image.Point // expected output dimensions
	}{
		{"png within limit unchanged", pngSmall, 10 << 20, FormatPNG, false, image.Pt(40, 30)},
		{"jpeg within limit unchanged", jpgSmall, len(jpgSmall), FormatJPEG, false, image.Pt(40, 30)},
		{"gif to jpeg", encodeGIF(t, 50, 20, false), 10 << 20, FormatJPEG, true, image.Pt(50, 20)},
		{"transparent gif to png", encodeGIF(t, 50, 20, true), 10 << 20, FormatPNG, true, image.Pt(50, 20)},
		{"bmp to jpeg", encodeBMP(t, gradient(30, 30)), 10 << 20, FormatJPEG, true, image.Pt(30, 30)},
		{"lossy webp to jpeg", webpLossy, 10 << 20, FormatJPEG, true, image.Pt(1, 1)},
		{"transparent lossless webp to png", webpLossless, 10 << 20, FormatPNG, true, image.Pt(1, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, f, converted, err := PrepareOutboundImage(tt.data, tt.maxBytes)
			if err != nil {
				t.Fatal(err)
			}
			if f != tt.wantFormat || converted != tt.wantConverted {
				t.Fatalf("got (%s, converted=%v), want (%s, %v)", f, converted, tt.wantFormat, tt.wantConverted)
			}
			if !converted && !bytes.Equal(out, tt.data) {
				t.Error("unconverted output differs from input")
			}
			if Sniff(out) != f {
				t.Errorf("output sniffs as %s, reported %s", Sniff(out), f)
			}
			img, _ := decodeBounds(t, out)
			if got := img.Bounds().Size(); got != tt.wantSize {
				t.Errorf("size = %v, want %v", got, tt.wantSize)
			}
		})
	}
}

// TestPrepareOutboundImageDownscale is the expensive case: a 4000×4000 noise
// image, the worst input for any encoder, must be shrunk under the limit.
func TestPrepareOutboundImageDownscale(t *testing.T) {
	if testing.Short() {
		t.Skip("encodes a 4000×4000 image")
	}
	tests := []struct {
		name       string
		img        image.Image
		maxBytes   int
		wantFormat Format
	}{
		{"opaque noise png to jpeg", noise(4000, 4000, false), 2 << 20, FormatJPEG},
		{"noise png with alpha stays png", noise(1200, 1200, true), 1 << 20, FormatPNG},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := encodePNG(t, tt.img)
			if len(data) <= tt.maxBytes {
				t.Fatalf("fixture too small: %s", HumanSize(int64(len(data))))
			}
			out, f, converted, err := PrepareOutboundImage(data, tt.maxBytes)
			if err != nil {
				t.Fatal(err)
			}
			if !converted || f != tt.wantFormat {
				t.Fatalf("got (%s, converted=%v), want (%s, true)", f, converted, tt.wantFormat)
			}
			if len(out) > tt.maxBytes {
				t.Fatalf("output %s over limit %s", HumanSize(int64(len(out))), HumanSize(int64(tt.maxBytes)))
			}
			img, _ := decodeBounds(t, out)
			got, orig := img.Bounds().Size(), tt.img.Bounds().Size()
			if got.X >= orig.X || got.X*orig.Y != got.Y*orig.X {
				t.Errorf("size %v: want smaller than %v, same aspect", got, orig)
			}
			t.Logf("%s → %s at %v", HumanSize(int64(len(data))), HumanSize(int64(len(out))), got)
		})
	}
}

func TestPrepareOutboundImageErrors(t *testing.T) {
	tests := []struct {
		name     string
		data     []byte
		maxBytes int
		want     error
	}{
		{"cannot fit", encodePNG(t, noise(64, 64, false)), 100, ErrCannotFit},
		{"not an image", []byte("%PDF-1.4 pretending"), 1 << 20, ErrNotImage},
		{"text", []byte("hello world"), 1 << 20, ErrNotImage},
		{"zero target", encodeGIF(t, 2, 2, false), 0, ErrInvalidTarget},
		{"corrupt gif", []byte("GIF89a\x10\x00\x10\x00garbage"), 1 << 20, ErrCorruptImage},
		// A PNG within the limit is sent untouched, so the bomb must be over it
		// to be decoded at all.
		{"decompression bomb", pngClaiming(100_000, 100_000), 10, ErrImageTooManyPixels},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, _, err := PrepareOutboundImage(tt.data, tt.maxBytes)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if out != nil {
				t.Error("output returned alongside an error")
			}
		})
	}
}

func TestLimitsPrepareOutbound(t *testing.T) {
	mp4 := ftyp("isom", "avc1")
	tight := DefaultLimits()
	tight.Outbound.Image.MaxBytes = 50
	tests := []struct {
		name          string
		limits        Limits
		kind          Kind
		data          []byte
		wantFormat    Format
		wantConverted bool
		wantCode      string
	}{
		{"mp4 passes unchanged", MPLimits(), KindVideo, mp4, FormatMP4, false, ""},
		{"png passes unchanged", MPLimits(), KindImage, encodePNG(t, gradient(8, 8)), FormatPNG, false, ""},
		{"gif converted", MPLimits(), KindImage, encodeGIF(t, 20, 20, false), FormatJPEG, true, ""},
		{"large png converted under MP limit", MPLimits(), KindImage, encodePNG(t, noise(1000, 1000, false)), FormatJPEG, true, ""},
		{"spoofed still refused", MPLimits(), KindVoice, encodePNG(t, gradient(8, 8)), FormatPNG, false, CodeSpoofed},
		{"unconvertible", tight, KindImage, encodeBMP(t, noise(32, 32, false)), FormatBMP, false, CodeUnconvertible},
		{"corrupt gif", MPLimits(), KindImage, []byte("GIF89a\x10\x00\x10\x00garbage"), FormatGIF, false, CodeCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, f, converted, err := tt.limits.PrepareOutbound(tt.kind, tt.data)
			if f != tt.wantFormat || converted != tt.wantConverted {
				t.Errorf("got (%s, converted=%v), want (%s, %v)", f, converted, tt.wantFormat, tt.wantConverted)
			}
			if tt.wantCode != "" {
				var rej *Rejection
				if !errors.As(err, &rej) || rej.Code != tt.wantCode {
					t.Fatalf("err = %v, want code %s", err, tt.wantCode)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if int64(len(out)) > tt.limits.Outbound.Image.MaxBytes && tt.kind == KindImage {
				t.Errorf("output %d bytes over limit", len(out))
			}
			if _, err := tt.limits.Check(Outbound, tt.kind, out); err != nil {
				t.Errorf("prepared output fails Check: %v", err)
			}
		})
	}
}

func TestThumbnail(t *testing.T) {
	transparent := image.NewNRGBA(image.Rect(0, 0, 40, 40)) // all pixels transparent
	portrait := withEXIFOrientation(encodeJPEG(t, gradient(40, 20), 90), 6)
	tests := []struct {
		name string
		data []byte
		size int
		want image.Point
	}{
		{"landscape png fit to box", encodePNG(t, gradient(1000, 500)), 320, image.Pt(320, 160)},
		{"portrait bmp fit to box", encodeBMP(t, gradient(300, 600)), 200, image.Pt(100, 200)},
		{"small image not upscaled", encodePNG(t, gradient(100, 50)), 320, image.Pt(100, 50)},
		{"gif first frame", encodeGIF(t, 640, 640, false), 100, image.Pt(100, 100)},
		{"webp", webpLossy, 320, image.Pt(1, 1)},
		{"exif rotated jpeg", portrait, 320, image.Pt(20, 40)},
		{"transparent png", encodePNG(t, transparent), 320, image.Pt(40, 40)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			thumb, err := Thumbnail(tt.data, tt.size)
			if err != nil {
				t.Fatal(err)
			}
			img, name := decodeBounds(t, thumb)
			if name != "jpeg" {
				t.Fatalf("thumbnail is %s, want jpeg", name)
			}
			if got := img.Bounds().Size(); got != tt.want {
				t.Errorf("size = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestThumbnailFlattensOntoWhite guards against transparent pixels turning
// black, which is what a naive JPEG encode of NRGBA does.
func TestThumbnailFlattensOntoWhite(t *testing.T) {
	thumb, err := Thumbnail(encodePNG(t, image.NewNRGBA(image.Rect(0, 0, 8, 8))), 8)
	if err != nil {
		t.Fatal(err)
	}
	img, _ := decodeBounds(t, thumb)
	r, g, b, _ := img.At(4, 4).RGBA()
	if r < 0xF000 || g < 0xF000 || b < 0xF000 {
		t.Errorf("pixel = %v, want white", color.RGBA64{uint16(r), uint16(g), uint16(b), 0xFFFF})
	}
}

func TestThumbnailErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		size int
		want error
	}{
		{"zero size", encodePNG(t, gradient(4, 4)), 0, ErrInvalidTarget},
		{"not an image", ftyp("isom"), 100, ErrNotImage},
		{"truncated png", encodePNG(t, gradient(64, 64))[:60], 100, ErrCorruptImage},
		{"decompression bomb", pngClaiming(60_000, 60_000), 100, ErrImageTooManyPixels},
		{"absurd strip under the pixel cap", pngClaiming(40_000, 10), 100, ErrImageTooManyPixels},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Thumbnail(tt.data, tt.size); !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

// BenchmarkPrepareOutboundImage measures the worst case: a 4000×4000 noise
// PNG squeezed under 2 MB.
func BenchmarkPrepareOutboundImage(b *testing.B) {
	data := encodePNG(b, noise(4000, 4000, false))
	for b.Loop() {
		if _, _, _, err := PrepareOutboundImage(data, 2<<20); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkThumbnail measures a 12-megapixel phone-sized JPEG to an inbox
// thumbnail.
func BenchmarkThumbnail(b *testing.B) {
	data := encodeJPEG(b, gradient(4000, 3000), 85)
	for b.Loop() {
		if _, err := Thumbnail(data, ThumbnailMaxSide); err != nil {
			b.Fatal(err)
		}
	}
}
