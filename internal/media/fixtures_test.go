package media

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"math/rand/v2"
	"testing"
	"unicode/utf16"

	"golang.org/x/image/bmp"
)

// Real media built in memory, so every test file is generated, not checked in.

// gradient returns an opaque image with smooth content, like a photo.
func gradient(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetNRGBA(x, y, color.NRGBA{uint8(x * 255 / max(1, w)), uint8(y * 255 / max(1, h)), 128, 255})
		}
	}
	return img
}

// noise returns w×h random pixels (incompressible, the worst case for size);
// alpha varies only when withAlpha is set.
func noise(w, h int, withAlpha bool) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i+8 <= len(img.Pix); i += 8 {
		binary.LittleEndian.PutUint64(img.Pix[i:], r.Uint64())
	}
	for i := 3; i < len(img.Pix); i += 4 {
		if !withAlpha {
			img.Pix[i] = 255
		} else if img.Pix[i] < 32 {
			img.Pix[i] = 0 // some fully transparent pixels
		}
	}
	return img
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encodeJPEG(t testing.TB, img image.Image, quality int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := encodeJPEGTo(&buf, img, quality); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encodeJPEGTo(w io.Writer, img image.Image, quality int) error {
	return jpeg.Encode(w, img, &jpeg.Options{Quality: quality})
}

// encodeGIF makes a two-colour GIF; with transparent set, colour 0 is
// transparent and used by the left half.
func encodeGIF(t testing.TB, w, h int, transparent bool) []byte {
	t.Helper()
	first := color.Color(color.RGBA{255, 0, 0, 255})
	if transparent {
		first = color.RGBA{}
	}
	img := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{first, color.RGBA{0, 0, 255, 255}})
	for y := range h {
		for x := w / 2; x < w; x++ {
			img.SetColorIndex(x, y, 1)
		}
	}
	var buf bytes.Buffer
	if err := gif.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encodeBMP(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := bmp.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// 1×1 WebP files from Modernizr's feature-detection suite (lossy VP8 and
// lossless VP8L); x/image has no WebP encoder.
var (
	webpLossy    = mustBase64("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA")
	webpLossless = mustBase64("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")
)

func mustBase64(s string) []byte {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// pngClaiming returns a PNG signature and a valid IHDR chunk declaring w×h,
// with no pixel data: enough for image.DecodeConfig, a decompression bomb's
// calling card.
func pngClaiming(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit truecolour
	chunk := append([]byte("IHDR"), ihdr...)
	out := append([]byte{}, magicPNG...)
	out = binary.BigEndian.AppendUint32(out, uint32(len(ihdr)))
	out = append(out, chunk...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(chunk))
}

// withEXIFOrientation inserts an APP1 EXIF segment with the given orientation
// tag right after the JPEG SOI marker, as phone cameras do.
func withEXIFOrientation(jpg []byte, orientation uint16) []byte {
	tiff := []byte("II*\x00\x08\x00\x00\x00")        // little-endian TIFF, IFD at 8
	tiff = binary.LittleEndian.AppendUint16(tiff, 1) // one entry
	tiff = binary.LittleEndian.AppendUint16(tiff, 0x0112)
	tiff = binary.LittleEndian.AppendUint16(tiff, 3) // SHORT
	tiff = binary.LittleEndian.AppendUint32(tiff, 1)
	tiff = binary.LittleEndian.AppendUint16(tiff, orientation)
	tiff = append(tiff, 0, 0, 0, 0, 0, 0) // value padding + next IFD = 0
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := []byte{0xFF, 0xE1}
	seg = binary.BigEndian.AppendUint16(seg, uint16(len(payload)+2))
	seg = append(seg, payload...)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

// amrNB builds an AMR-NB file of n frames of frame type ft (0–7 speech, 8
// SID, 15 NO_DATA), each 20 ms.
func amrNB(n int, ft byte) []byte {
	out := append([]byte{}, magicAMR...)
	frame := make([]byte, 1+amrNBFrameBytes[ft])
	frame[0] = ft<<3 | 0x04 // Q bit set: frame is good
	for range n {
		out = append(out, frame...)
	}
	return out
}

// amrWB builds an AMR-WB file of n frames of frame type ft.
func amrWB(n int, ft byte) []byte {
	out := append([]byte{}, magicAMRWB...)
	frame := make([]byte, 1+amrWBFrameBytes[ft])
	frame[0] = ft<<3 | 0x04
	for range n {
		out = append(out, frame...)
	}
	return out
}

// ftyp builds an ISO base-media ftyp box followed by an empty mdat box.
func ftyp(major string, compatible ...string) []byte {
	body := []byte(major + "\x00\x00\x02\x00")
	for _, c := range compatible {
		body = append(body, c...)
	}
	out := binary.BigEndian.AppendUint32(nil, uint32(8+len(body)))
	out = append(out, "ftyp"...)
	out = append(out, body...)
	return append(out, 0, 0, 0, 8, 'm', 'd', 'a', 't')
}

// ole2With builds a version-3 compound file (512-byte sectors): sector 0 is
// the FAT, sector 1 the directory with a root entry plus one stream entry per
// name (at most three).
func ole2With(streams ...string) []byte {
	const ssz = 512
	out := make([]byte, 3*ssz)
	copy(out, magicOLE2)
	le := binary.LittleEndian
	le.PutUint16(out[0x18:], 0x3E)
	le.PutUint16(out[0x1A:], 3)
	le.PutUint16(out[0x1C:], 0xFFFE)
	le.PutUint16(out[0x1E:], 9) // sector shift
	le.PutUint16(out[0x20:], 6) // mini sector shift
	le.PutUint32(out[0x2C:], 1) // one FAT sector
	le.PutUint32(out[0x30:], 1) // directory starts at sector 1
	le.PutUint32(out[0x38:], 4096)
	le.PutUint32(out[0x3C:], 0xFFFFFFFE) // no mini FAT
	le.PutUint32(out[0x44:], 0xFFFFFFFE) // no DIFAT sectors
	for i := range cfbHeaderDIFATs {
		le.PutUint32(out[0x4C+4*i:], 0xFFFFFFFF)
	}
	le.PutUint32(out[0x4C:], 0) // FAT lives in sector 0
	fat := out[ssz : 2*ssz]
	for i := 0; i < ssz; i += 4 {
		le.PutUint32(fat[i:], 0xFFFFFFFF)
	}
	le.PutUint32(fat[0:], 0xFFFFFFFD) // sector 0: FAT
	le.PutUint32(fat[4:], 0xFFFFFFFE) // sector 1: directory, end of chain
	dir := out[2*ssz:]
	putDirEntry(dir[0:], "Root Entry", 5)
	for i, name := range streams {
		putDirEntry(dir[(i+1)*cfbDirEntrySize:], name, cfbStreamObject)
	}
	return out
}

func putDirEntry(e []byte, name string, objType byte) {
	units := utf16.Encode([]rune(name))
	for i, u := range units {
		binary.LittleEndian.PutUint16(e[2*i:], u)
	}
	binary.LittleEndian.PutUint16(e[cfbNameFieldSize:], uint16(2*len(units)+2))
	e[66] = objType
}

// padTo appends zero bytes until data is n bytes long; Check judges size and
// leading bytes, so padding makes large fixtures cheaply.
func padTo(data []byte, n int64) []byte {
	out := make([]byte, n)
	copy(out, data)
	return out
}
