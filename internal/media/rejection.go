package media

// Rejection codes: stable identifiers for callers and the UI.
const (
	CodeTooSmall        = "too_small"        // ≤ MinBytes bytes
	CodeTooLarge        = "too_large"        // over the rule's MaxBytes
	CodeSpoofed         = "spoofed"          // content is a different kind than declared
	CodeWrongFormat     = "wrong_format"     // right kind, format not accepted (or unrecognised)
	CodeTooLong         = "too_long"         // voice longer than the rule's MaxDuration
	CodeCorrupt         = "corrupt"          // recognised format that cannot be read
	CodeUnknownKind     = "unknown_kind"     // declared kind is not image/video/voice/file
	CodeNeedsConversion = "needs_conversion" // outbound image: convert with PrepareOutbound
	CodeUnconvertible   = "unconvertible"    // outbound image conversion could not fit the limit
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
	ErrUnknownKind     = &Rejection{Code: CodeUnknownKind, Reason: "unknown media kind"}
	ErrNeedsConversion = &Rejection{Code: CodeNeedsConversion, Reason: "image must be converted"}
	ErrUnconvertible   = &Rejection{Code: CodeUnconvertible, Reason: "image cannot be converted to fit"}
)
