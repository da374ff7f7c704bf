package media

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // decoders registered for image.Decode
	_ "image/jpeg"
	_ "image/png"
	"math"

	"github.com/disintegration/imaging"
	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/webp"
)

// Errors from PrepareOutboundImage and Thumbnail. ErrImageTooManyPixels is
// any dimension beyond MaxImageSide or MaxImagePixels.
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

// MaxImageSide caps either side before decoding: a 100,000×400 strip is under
// MaxImagePixels but no photo, and its resampling buffers are still huge.
const MaxImageSide = 20_000

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
	out, outFormat, err := fitUnder(img, maxBytes, firstScale(f, len(data), maxBytes))
	if err != nil {
		return nil, f, false, err
	}
	return out, outFormat, true, nil
}

// imageHeader reads an image's dimensions from its header, without decoding
// a pixel, and refuses the sizes no real photo has (ErrImageTooManyPixels).
// The config is returned in both cases so a refusal can quote it.
func imageHeader(data []byte, f Format) (image.Config, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return cfg, fmt.Errorf("%w: %s: %w", ErrCorruptImage, f.Label(), err)
	}
	w, h := int64(cfg.Width), int64(cfg.Height)
	if w <= 0 || h <= 0 || w > MaxImageSide || h > MaxImageSide || w*h > MaxImagePixels {
		return cfg, fmt.Errorf("%w: %d×%d", ErrImageTooManyPixels, cfg.Width, cfg.Height)
	}
	return cfg, nil
}

// decodeImage decodes only formats Sniff recognises as images, and only after
// imageHeader has bounded their size: nothing is decoded without that bound.
func decodeImage(data []byte, f Format) (image.Image, error) {
	if KindOf(f) != KindImage {
		return nil, fmt.Errorf("%w: content is %s", ErrNotImage, f.Label())
	}
	if _, err := imageHeader(data, f); err != nil {
		return nil, err
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

// firstScale guesses the first downscale from the input size when the input
// is a JPEG far over the limit: a re-encode has about the same bytes per
// pixel, so the full-size attempt (the slowest encode, a second for a 12 MP
// photo) can be skipped. Other formats compress differently and start at 1.
func firstScale(f Format, size, maxBytes int) float64 {
	if f != FormatJPEG || size <= hopelessOverrun*maxBytes {
		return 1
	}
	// No safety margin: a re-encode at q85 usually comes out smaller than
	// the (higher quality) input per pixel, so this already undershoots.
	return math.Sqrt(float64(maxBytes) / float64(size))
}

// fitUnder re-encodes img at shrinking sizes, starting at scale, until it
// fits. Each new scale is estimated from the last encoded size (bytes grow
// with pixel count), so a 4000×4000 photo needs a few encodes, not dozens.
func fitUnder(img image.Image, maxBytes int, scale float64) ([]byte, Format, error) {
	alpha := !isOpaque(img)
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	longest := float64(max(w, h))
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
