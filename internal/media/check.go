package media

import (
	"errors"
	"fmt"
)

// ErrInvalidDirection is returned for a Direction other than Inbound or
// Outbound: a programming error, not a property of the media.
var ErrInvalidDirection = errors.New("media: invalid direction")

// defaultLimits backs the package-level Check; Limits is a value, so callers
// cannot change it.
var defaultLimits = DefaultLimits()

// Check applies the product's default media rules (DefaultLimits); see
// Limits.Check.
func Check(dir Direction, kind Kind, data []byte) (Format, error) {
	return defaultLimits.Check(dir, kind, data)
}

// convertibleImages are the outbound image formats that are converted rather
// than refused.
var convertibleImages = map[Format]bool{FormatGIF: true, FormatWebP: true, FormatBMP: true}

// Check identifies data by content and tests it against the rule for kind in
// direction dir. It returns the sniffed format and, when the media breaks a
// rule, a *Rejection. Checks run in the order a person would want to hear
// them: size floor, executable, kind, image dimensions, format, size
// ceiling, duration.
//
// An outbound image that is GIF/WebP/BMP or too large is not refused: it is
// reported with CodeNeedsConversion, and PrepareOutbound produces the bytes to
// send.
func (l Limits) Check(dir Direction, kind Kind, data []byte) (Format, error) {
	rules, ok := l.For(dir)
	if !ok {
		return FormatUnknown, fmt.Errorf("%w: %d", ErrInvalidDirection, int(dir))
	}
	rule, ok := rules.For(kind)
	if !ok {
		return FormatUnknown, rejectUnknownKind(kind)
	}
	f := Sniff(data)
	if r := checkContent(kind, f, data); r != nil {
		return f, r
	}
	size := int64(len(data))
	convertible := dir == Outbound && kind == KindImage
	if !rule.accepts(f) {
		if convertible && convertibleImages[f] {
			return f, rejectNeedsConversion(f, size, rule.MaxBytes)
		}
		return f, rejectWrongFormat(kind, f, rule.Formats)
	}
	if size > rule.MaxBytes {
		if convertible {
			return f, rejectNeedsConversion(f, size, rule.MaxBytes)
		}
		return f, rejectTooLarge(kind, f, size, rule.MaxBytes)
	}
	if kind == KindVoice {
		return f, checkVoice(kind, f, data, rule)
	}
	return f, nil
}

// checkContent applies the rules that hold whatever the limits: more than
// MinBytes, no program, content of the declared kind, and for images sane
// dimensions read from the header (a decompression bomb is refused here,
// before anything could decode it).
func checkContent(kind Kind, f Format, data []byte) *Rejection {
	switch {
	case len(data) <= MinBytes:
		return rejectTooSmall(kind, f, len(data))
	case f == FormatExecutable:
		return rejectExecutable(kind)
	}
	actual := KindOf(f)
	if actual != "" && actual != kind {
		return rejectSpoofed(kind, f)
	}
	if actual == KindImage {
		cfg, err := imageHeader(data, f)
		switch {
		case errors.Is(err, ErrImageTooManyPixels):
			return rejectDimensions(kind, f, cfg.Width, cfg.Height)
		case err != nil:
			return rejectCorrupt(kind, f)
		}
	}
	return nil
}

// checkVoice enforces the duration limit; the duration is read even without a
// limit so a corrupt stream is refused in both directions.
func checkVoice(kind Kind, f Format, data []byte, rule Rule) error {
	d, err := AMRDuration(data)
	if err != nil {
		return rejectCorrupt(kind, f)
	}
	if rule.MaxDuration > 0 && d > rule.MaxDuration {
		return rejectTooLong(kind, f, d, rule.MaxDuration)
	}
	return nil
}

// PrepareOutbound checks outbound media and returns the bytes to upload: the
// input unchanged when it passes, or for an image that needs conversion, a
// JPEG/PNG re-encoded to fit Outbound.Image.MaxBytes (converted is then
// true). Any other broken rule is returned as a *Rejection.
func (l Limits) PrepareOutbound(kind Kind, data []byte) (out []byte, f Format, converted bool, err error) {
	f, err = l.Check(Outbound, kind, data)
	if err == nil {
		return data, f, false, nil
	}
	if !errors.Is(err, ErrNeedsConversion) {
		return nil, f, false, err
	}
	limit := l.Outbound.Image.MaxBytes
	out, outFormat, converted, convErr := PrepareOutboundImage(data, int(min(limit, int64(maxInt))))
	if convErr != nil {
		r := rejectUnconvertible(f, limit)
		if errors.Is(convErr, ErrCorruptImage) {
			r = rejectCorrupt(kind, f)
		}
		return nil, f, false, r
	}
	return out, outFormat, converted, nil
}

const maxInt = int(^uint(0) >> 1)
