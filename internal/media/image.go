package media

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // decoders registered for image.Decode
	_ "image/jpeg"
	_ "image/png"
	"math"

	"github.com/disintegration/imaging"
	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/webp"
)

// Errors from PrepareOutboundImage and Thumbnail.
var (
	ErrNotImage           = errors.New("media: not an image")
	ErrCorruptImage       = errors.New("media: image cannot be decoded")
	ErrImageTooManyPixels = errors.New("media: image has too many pixels")
	ErrCannotFit          = errors.New("media: image cannot be made small enough")
	ErrInvalidTarget      = errors.New("media: invalid target size")
)

// MaxImagePixels caps width×height before decoding, so a small file that
// claims huge dimensions (a decompression bomb) cannot exhaust memory: 50 MP
// decode to 200 MB of NRGBA, and covers every phone camera in practice.
const MaxImagePixels = 50_000_000

// Thumbnail defaults for the inbox.
const (
	ThumbnailMaxSide = 320
	thumbnailQuality = 80
)

// Conversion tuning: JPEG qualities tried at each size, the smallest side a
// downscaled image may reach, and a cap on re-encodes.
var jpegQualities = []int{85, 75, 60}

const (
	minFitSide      = 16
	maxFitAttempts  = 12
	hopelessOverrun = 3 // at q85 this far over the limit, lower quality alone cannot help
)

// PrepareOutboundImage makes an image sendable within maxBytes. JPEG or PNG
// already within the limit is returned unchanged. GIF (first frame), WebP,
// BMP, or anything too large is decoded, EXIF-rotated, and re-encoded — JPEG
// at falling quality, or PNG when it has transparency — downscaling with
// Lanczos until it fits. It fails with ErrCannotFit when even a tiny version
// is too large.
func PrepareOutboundImage(data []byte, maxBytes int) (out []byte, f Format, converted bool, err error) {
	if maxBytes <= 0 {
		return nil, FormatUnknown, false, fmt.Errorf("%w: %d bytes", ErrInvalidTarget, maxBytes)
	}
	f = Sniff(data)
	if (f == FormatJPEG || f == FormatPNG) && len(data) <= maxBytes {
		return data, f, false, nil
	}
	img, err := decodeImage(data, f)
	if err != nil {
		return nil, f, false, err
	}
	out, outFormat, err := fitUnder(img, maxBytes)
	if err != nil {
		return nil, f, false, err
	}
	return out, outFormat, true, nil
}

// Thumbnail returns a JPEG no larger than maxW×maxH (never upscaled) for the
// inbox; transparency is flattened onto white, since JPEG has no alpha.
func Thumbnail(data []byte, maxW, maxH int) ([]byte, error) {
	if maxW <= 0 || maxH <= 0 {
		return nil, fmt.Errorf("%w: thumbnail %d×%d", ErrInvalidTarget, maxW, maxH)
	}
	img, err := decodeImage(data, Sniff(data))
	if err != nil {
		return nil, err
	}
	thumb := shrinkToFit(img, maxW, maxH)
	if !isOpaque(thumb) {
		b := thumb.Bounds()
		bg := imaging.New(b.Dx(), b.Dy(), color.White)
		thumb = imaging.Overlay(bg, thumb, image.Point{}, 1)
	}
	var buf bytes.Buffer
	if err := imaging.Encode(&buf, thumb, imaging.JPEG, imaging.JPEGQuality(thumbnailQuality)); err != nil {
		return nil, fmt.Errorf("media: encode thumbnail: %w", err)
	}
	return buf.Bytes(), nil
}

// decodeImage decodes only formats Sniff recognises as images, after checking
// the declared dimensions against MaxImagePixels.
func decodeImage(data []byte, f Format) (image.Image, error) {
	if KindOf(f) != KindImage {
		return nil, fmt.Errorf("%w: content is %s", ErrNotImage, f.Label())
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrCorruptImage, f.Label(), err)
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > MaxImagePixels || px <= 0 {
		return nil, fmt.Errorf("%w: %d×%d", ErrImageTooManyPixels, cfg.Width, cfg.Height)
	}
	// Only JPEG carries EXIF orientation; re-encoding drops EXIF, so the
	// rotation must be applied to the pixels or phone photos turn sideways.
	img, err := imaging.Decode(bytes.NewReader(data), imaging.AutoOrientation(f == FormatJPEG))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrCorruptImage, f.Label(), err)
	}
	return img, nil
}

// shrinkToFit fits img into maxW×maxH with Lanczos. Lanczos costs taps in
// proportion to the shrink ratio, so a large reduction is first done with a
// cheap box average to twice the target, which loses no visible quality.
func shrinkToFit(img image.Image, maxW, maxH int) *image.NRGBA {
	b := img.Bounds()
	if int64(b.Dx()) > 4*int64(maxW) || int64(b.Dy()) > 4*int64(maxH) {
		img = imaging.Fit(img, 2*maxW, 2*maxH, imaging.Box)
	}
	return imaging.Fit(img, maxW, maxH, imaging.Lanczos)
}

func isOpaque(img image.Image) bool {
	o, ok := img.(interface{ Opaque() bool })
	return ok && o.Opaque()
}

// fitUnder re-encodes img at shrinking sizes until it fits. Each new scale is
// estimated from the last encoded size (bytes grow with pixel count), so a
// 4000×4000 photo needs a few encodes, not dozens.
func fitUnder(img image.Image, maxBytes int) ([]byte, Format, error) {
	alpha := !isOpaque(img)
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	longest := float64(max(w, h))
	scale := 1.0
	smallest := 0
	for range maxFitAttempts {
		cur := img
		if scale < 1 {
			cur = imaging.Fit(img, max(1, int(float64(w)*scale)), max(1, int(float64(h)*scale)), imaging.Lanczos)
		}
		out, f, size, err := encodeUnder(cur, alpha, maxBytes)
		if err != nil {
			return nil, f, err
		}
		if out != nil {
			return out, f, nil
		}
		smallest = size
		next := min(scale*math.Sqrt(float64(maxBytes)/float64(size))*0.95, scale*0.9)
		if longest*next < minFitSide {
			break
		}
		scale = next
	}
	return nil, FormatUnknown, fmt.Errorf("%w: %s (smallest attempt %s)",
		ErrCannotFit, HumanSize(int64(maxBytes)), HumanSize(int64(smallest)))
}

// encodeUnder encodes img once as PNG (alpha) or at each JPEG quality. It
// returns out only when it fits; otherwise size is the smallest encoding.
func encodeUnder(img image.Image, alpha bool, maxBytes int) (out []byte, f Format, size int, err error) {
	var buf bytes.Buffer
	if alpha {
		if err := imaging.Encode(&buf, img, imaging.PNG); err != nil {
			return nil, FormatPNG, 0, fmt.Errorf("media: encode png: %w", err)
		}
		if buf.Len() <= maxBytes {
			return buf.Bytes(), FormatPNG, buf.Len(), nil
		}
		return nil, FormatPNG, buf.Len(), nil
	}
	for _, q := range jpegQualities {
		buf.Reset()
		if err := imaging.Encode(&buf, img, imaging.JPEG, imaging.JPEGQuality(q)); err != nil {
			return nil, FormatJPEG, 0, fmt.Errorf("media: encode jpeg: %w", err)
		}
		size = buf.Len()
		if size <= maxBytes {
			return bytes.Clone(buf.Bytes()), FormatJPEG, size, nil
		}
		if size/hopelessOverrun > maxBytes {
			break
		}
	}
	return nil, FormatJPEG, size, nil
}
