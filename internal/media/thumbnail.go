package media

import (
	"bytes"
	"fmt"
	"image"
	"image/color"

	"github.com/disintegration/imaging"
)

// Thumbnail defaults for the inbox.
const (
	ThumbnailMaxSide = 320
	thumbnailQuality = 80
)

// Thumbnail returns a JPEG whose longer side is at most size pixels (never
// upscaled), for the inbox. Transparency is flattened onto white, since JPEG
// has no alpha. Dimensions are checked from the header first, so a
// decompression bomb fails with ErrImageTooManyPixels before any decoding.
func Thumbnail(data []byte, size int) ([]byte, error) {
	if size <= 0 {
		return nil, fmt.Errorf("%w: thumbnail size %d", ErrInvalidTarget, size)
	}
	img, err := decodeImage(data, Sniff(data))
	if err != nil {
		return nil, err
	}
	thumb := shrinkToFit(img, size, size)
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
