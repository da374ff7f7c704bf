package media

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// ErrInvalidLimits is wrapped by every problem Limits.Validate reports.
var ErrInvalidLimits = errors.New("media: invalid limits")

// platformMaxBytes are the largest sizes WeChat accepts per kind (wecom-kf.md
// §9); custom limits may be lower, never higher, in either direction.
var platformMaxBytes = map[Kind]int64{KindImage: 10 * MB, KindVideo: 10 * MB, KindVoice: 2 * MB, KindFile: 20 * MB}

// PlatformMaxBytes returns the largest size WeChat accepts for kind, the
// ceiling Validate holds custom limits to; 0 for an invalid kind.
func PlatformMaxBytes(kind Kind) int64 {
	return platformMaxBytes[kind]
}

// PlatformMaxVoice is the longest voice clip WeChat accepts (error 45007).
const PlatformMaxVoice = 60 * time.Second

var allKinds = []Kind{KindImage, KindVideo, KindVoice, KindFile}

// Validate reports every way l departs from what WeChat and this package can
// honour, joined into one error that wraps ErrInvalidLimits; nil means l is
// usable. Sizes must lie in (MinBytes, PlatformMaxBytes(kind)], formats must be of
// the rule's kind, and the outbound image rule must accept JPEG and PNG,
// which are what conversion produces.
func (l Limits) Validate() error {
	var errs []error
	for _, dir := range []Direction{Inbound, Outbound} {
		rules, _ := l.For(dir)
		for _, kind := range allKinds {
			rule, _ := rules.For(kind)
			for _, err := range rule.problems(dir, kind) {
				errs = append(errs, fmt.Errorf("%w: %s %s: %s", ErrInvalidLimits, dir, kind, err))
			}
		}
	}
	out := l.Outbound.Image
	if !out.accepts(FormatJPEG) || !out.accepts(FormatPNG) {
		errs = append(errs, fmt.Errorf("%w: outbound image: must accept jpeg and png, the formats images are converted to", ErrInvalidLimits))
	}
	return errors.Join(errs...)
}

// problems lists what is wrong with one rule, as plain phrases.
func (r Rule) problems(dir Direction, kind Kind) []string {
	var out []string
	if ceiling := platformMaxBytes[kind]; r.MaxBytes <= MinBytes || r.MaxBytes > ceiling {
		out = append(out, fmt.Sprintf("maxBytes %d must be over %d and at most %d (%s)",
			r.MaxBytes, MinBytes, ceiling, HumanSize(ceiling)))
	}
	if len(r.Formats) == 0 {
		out = append(out, "no formats accepted")
	}
	for i, f := range r.Formats {
		switch {
		case KindOf(f) != kind:
			out = append(out, fmt.Sprintf("format %q is not %s", f, kind))
		case slices.Contains(r.Formats[:i], f):
			out = append(out, fmt.Sprintf("format %q listed twice", f))
		}
	}
	switch {
	case kind != KindVoice && r.MaxDuration != 0:
		out = append(out, "maxDuration applies to voice only")
	case r.MaxDuration < 0 || r.MaxDuration > PlatformMaxVoice:
		out = append(out, fmt.Sprintf("maxDuration %s must be 0 (none) to %s", r.MaxDuration, PlatformMaxVoice))
	case dir == Outbound && kind == KindVoice && r.MaxDuration == 0:
		out = append(out, fmt.Sprintf("outbound voice needs a maxDuration (WeChat refuses over %s)", PlatformMaxVoice))
	}
	return out
}
