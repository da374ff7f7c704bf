package media

import "strings"

// Rejection codes: stable identifiers for callers, logs and the UI. They are
// stored with flagged inbound media, so a value never changes once shipped.
const (
	CodeTooSmall        = "media_too_small"        // ≤ MinBytes bytes
	CodeTooLarge        = "media_too_large"        // over the rule's MaxBytes
	CodeSpoofed         = "media_kind_mismatch"    // content is a different kind than declared
	CodeWrongFormat     = "media_format"           // format not accepted for the kind, or unrecognised
	CodeTooLong         = "media_too_long"         // voice longer than the rule's MaxDuration
	CodeCorrupt         = "media_corrupt"          // recognised format that cannot be read
	CodeExecutable      = "media_executable"       // the content is a program, whatever its name
	CodeDimensions      = "media_dimensions"       // image width/height beyond MaxImageSide or MaxImagePixels
	CodeUnknownKind     = "media_unknown_kind"     // declared kind is not image/video/voice/file
	CodeNeedsConversion = "media_needs_conversion" // outbound image: convert with PrepareOutbound
	CodeUnconvertible   = "media_unconvertible"    // outbound image conversion could not fit the limit
)

// Rejection explains why media breaks a rule, in English and Chinese, so it
// can be shown to the agent as is. Compare with errors.Is against the Err*
// sentinels below, which match on Code.
type Rejection struct {
	Code     string // one of the Code* constants
	Reason   string // English, e.g. "image too large: 12.3 MB > 10 MB"
	ReasonZH string // Simplified Chinese, e.g. "图片过大：12.3 MB，上限 10 MB"
	Kind     Kind   // the declared kind
	Format   Format // what Sniff found
}

// Error returns the English reason with the package prefix.
func (r *Rejection) Error() string {
	return "media: " + r.Reason
}

// Message returns the reason in the language of a BCP 47 tag: Chinese for
// any "zh" tag ("zh", "zh-CN", "zh-Hans"), English otherwise.
func (r *Rejection) Message(lang string) string {
	lang = strings.ToLower(lang)
	if (lang == "zh" || strings.HasPrefix(lang, "zh-") || strings.HasPrefix(lang, "zh_")) && r.ReasonZH != "" {
		return r.ReasonZH
	}
	return r.Reason
}

// Is makes errors.Is(err, ErrTooLarge) and friends match any Rejection with
// the same Code.
func (r *Rejection) Is(target error) bool {
	t, ok := target.(*Rejection)
	return ok && t.Code == r.Code
}

// Sentinels for errors.Is; each matches every Rejection with its Code.
var (
	ErrTooSmall        = &Rejection{Code: CodeTooSmall, Reason: "file too small"}
	ErrTooLarge        = &Rejection{Code: CodeTooLarge, Reason: "file too large"}
	ErrSpoofed         = &Rejection{Code: CodeSpoofed, Reason: "content does not match the declared kind"}
	ErrWrongFormat     = &Rejection{Code: CodeWrongFormat, Reason: "format not accepted"}
	ErrTooLong         = &Rejection{Code: CodeTooLong, Reason: "voice too long"}
	ErrCorrupt         = &Rejection{Code: CodeCorrupt, Reason: "file is corrupt"}
	ErrExecutable      = &Rejection{Code: CodeExecutable, Reason: "file is an executable program"}
	ErrDimensions      = &Rejection{Code: CodeDimensions, Reason: "image dimensions too large"}
	ErrUnknownKind     = &Rejection{Code: CodeUnknownKind, Reason: "unknown media kind"}
	ErrNeedsConversion = &Rejection{Code: CodeNeedsConversion, Reason: "image must be converted"}
	ErrUnconvertible   = &Rejection{Code: CodeUnconvertible, Reason: "image cannot be converted to fit"}
)
