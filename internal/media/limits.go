package media

import (
	"fmt"
	"time"
)

// Direction says which way media travels; inbound and outbound have
// different limits.
type Direction int

// The two directions of the media rules.
const (
	Inbound  Direction = iota // customer → us
	Outbound                  // agent → customer
)

// String returns "inbound" or "outbound".
func (d Direction) String() string {
	switch d {
	case Inbound:
		return "inbound"
	case Outbound:
		return "outbound"
	}
	return fmt.Sprintf("Direction(%d)", int(d))
}

// Byte sizes in the binary units WeChat uses.
const (
	KB int64 = 1 << 10
	MB int64 = 1 << 20
)

// MinBytes is the size media must exceed: WeChat refuses files of 5 bytes or
// fewer.
const MinBytes = 5

// WeChatSafeImageBytes is the image size both WeChat upload APIs accept
// without doubt: the Official Account and WeCom kf docs contradict themselves
// between 10 MB and 2 MB (wechat-mp.md §6, wecom-kf.md §9).
const WeChatSafeImageBytes = 2 * MB

// Rule is the limit for one kind of media in one direction. The JSON tags
// let a Limits value be kept as a setting; MaxDuration is in nanoseconds
// there, as encoding/json writes a time.Duration.
type Rule struct {
	Formats     []Format      `json:"formats"`     // accepted content formats; shared, do not modify in place
	MaxBytes    int64         `json:"maxBytes"`    // inclusive upper bound
	MaxDuration time.Duration `json:"maxDuration"` // voice only; 0 means no limit
}

// accepts reports whether f is one of the rule's formats.
func (r Rule) accepts(f Format) bool {
	for _, a := range r.Formats {
		if a == f {
			return true
		}
	}
	return false
}

// Rules holds one Rule per kind.
type Rules struct {
	Image Rule `json:"image"`
	Video Rule `json:"video"`
	Voice Rule `json:"voice"`
	File  Rule `json:"file"`
}

// For returns the rule for kind; ok is false for an invalid kind.
func (rs Rules) For(kind Kind) (r Rule, ok bool) {
	switch kind {
	case KindImage:
		return rs.Image, true
	case KindVideo:
		return rs.Video, true
	case KindVoice:
		return rs.Voice, true
	case KindFile:
		return rs.File, true
	}
	return Rule{}, false
}

// Limits is the full media rule table, a settings value: start from
// DefaultLimits (or WeChatSafeLimits), change a field, and call Validate
// before using a value that came from an admin.
type Limits struct {
	Inbound  Rules `json:"inbound"`
	Outbound Rules `json:"outbound"`
}

// For returns the rules of a direction; ok is false for an invalid direction.
func (l Limits) For(dir Direction) (rs Rules, ok bool) {
	switch dir {
	case Inbound:
		return l.Inbound, true
	case Outbound:
		return l.Outbound, true
	}
	return Rules{}, false
}

var (
	imageFormats = []Format{FormatJPEG, FormatPNG}
	videoFormats = []Format{FormatMP4}
	voiceFormats = []Format{FormatAMR}
	fileFormats  = []Format{FormatPDF, FormatDOC, FormatDOCX, FormatXLS, FormatXLSX}
)

// DefaultLimits returns the product's media table ("Media rules" in
// product.md). Outbound.Image.MaxBytes is also the target size when an
// outbound image is converted; see WeChatSafeLimits for what to send with.
func DefaultLimits() Limits {
	return Limits{
		Outbound: Rules{
			Image: Rule{Formats: imageFormats, MaxBytes: 10 * MB},
			Video: Rule{Formats: videoFormats, MaxBytes: 10 * MB},
			Voice: Rule{Formats: voiceFormats, MaxBytes: 2 * MB, MaxDuration: 60 * time.Second},
			File:  Rule{Formats: fileFormats, MaxBytes: 20 * MB},
		},
		Inbound: Rules{
			Image: Rule{Formats: imageFormats, MaxBytes: 2 * MB},
			Video: Rule{Formats: videoFormats, MaxBytes: 10 * MB},
			Voice: Rule{Formats: voiceFormats, MaxBytes: 2 * MB},
			File:  Rule{Formats: fileFormats, MaxBytes: 20 * MB},
		},
	}
}

// WeChatSafeLimits returns DefaultLimits with outbound images capped at
// WeChatSafeImageBytes: both the Official Account temp-media page and the
// standalone kf media doc say 2 MB where the product table (from the WeCom
// doc) says 10 MB, and an image converted down to 2 MB is better than one
// WeChat refuses after the agent pressed send. Use it for both channels.
func WeChatSafeLimits() Limits {
	l := DefaultLimits()
	l.Outbound.Image.MaxBytes = WeChatSafeImageBytes
	return l
}

// MPLimits is WeChatSafeLimits under its first name, kept for existing
// callers.
func MPLimits() Limits {
	return WeChatSafeLimits()
}
