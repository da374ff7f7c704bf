package media

import (
	"strconv"
	"strings"
)

// Kind is the message type a piece of media is sent or received as; it is what
// the WeChat APIs call the media "type".
type Kind string

// The media kinds of the product's media rules.
const (
	KindImage Kind = "image"
	KindVideo Kind = "video"
	KindVoice Kind = "voice"
	KindFile  Kind = "file"
)

// Valid reports whether k is one of the four media kinds.
func (k Kind) Valid() bool {
	switch k {
	case KindImage, KindVideo, KindVoice, KindFile:
		return true
	}
	return false
}

// Format is a concrete content format, as identified by Sniff.
type Format string

// The formats Sniff can identify. Some (GIF, WebP, BMP, MOV, AMR-WB, ZIP, OLE2,
// executables) are recognised only so that a refusal can name what was
// actually uploaded.
const (
	FormatJPEG  Format = "jpeg"
	FormatPNG   Format = "png"
	FormatGIF   Format = "gif"
	FormatWebP  Format = "webp"
	FormatBMP   Format = "bmp"
	FormatMP4   Format = "mp4"
	FormatMOV   Format = "mov"   // QuickTime: an ftyp box with the "qt  " brand
	FormatAMR   Format = "amr"   // AMR-NB, "#!AMR\n"
	FormatAMRWB Format = "amrwb" // AMR-WB, "#!AMR-WB\n"
	FormatPDF   Format = "pdf"
	FormatDOC   Format = "doc"
	FormatDOCX  Format = "docx"
	FormatXLS   Format = "xls"
	FormatXLSX  Format = "xlsx"
	FormatOLE2  Format = "ole2" // compound file that is neither Word nor Excel (ppt, msg, encrypted OOXML)
	FormatZIP   Format = "zip"  // a ZIP archive that is not a Word or Excel document
	// FormatExecutable is a program: Windows MZ/PE, ELF, Mach-O or a "#!"
	// script. It has no Kind and is refused in every direction.
	FormatExecutable Format = "executable"
	FormatUnknown    Format = "unknown"
)

// formatInfo holds what callers need to upload a format: its MIME type, its
// usual file extension and a short human label for messages.
type formatInfo struct {
	kind  Kind
	mime  string
	ext   string
	label string
}

var formats = map[Format]formatInfo{
	FormatJPEG:  {KindImage, "image/jpeg", ".jpg", "JPEG"},
	FormatPNG:   {KindImage, "image/png", ".png", "PNG"},
	FormatGIF:   {KindImage, "image/gif", ".gif", "GIF"},
	FormatWebP:  {KindImage, "image/webp", ".webp", "WebP"},
	FormatBMP:   {KindImage, "image/bmp", ".bmp", "BMP"},
	FormatMP4:   {KindVideo, "video/mp4", ".mp4", "MP4"},
	FormatMOV:   {KindVideo, "video/quicktime", ".mov", "QuickTime MOV"},
	FormatAMR:   {KindVoice, "audio/amr", ".amr", "AMR"},
	FormatAMRWB: {KindVoice, "audio/amr-wb", ".awb", "AMR-WB"},
	FormatPDF:   {KindFile, "application/pdf", ".pdf", "PDF"},
	FormatDOC:   {KindFile, "application/msword", ".doc", "DOC"},
	FormatDOCX:  {KindFile, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "DOCX"},
	FormatXLS:   {KindFile, "application/vnd.ms-excel", ".xls", "XLS"},
	FormatXLSX:  {KindFile, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "XLSX"},
	FormatOLE2:  {KindFile, "application/x-ole-storage", ".bin", "OLE2 compound file"},
	FormatZIP:   {KindFile, "application/zip", ".zip", "ZIP archive"},
	// No kind: an executable is never image, video, voice or file media.
	FormatExecutable: {"", "application/octet-stream", ".bin", "executable program"},
}

// KindOf returns the kind a format belongs to, or "" for FormatUnknown and
// FormatExecutable.
func KindOf(f Format) Kind {
	return formats[f].kind
}

// MIMEType returns the Content-Type to use when uploading f, or
// "application/octet-stream" when f is unknown.
func (f Format) MIMEType() string {
	if info, ok := formats[f]; ok {
		return info.mime
	}
	return "application/octet-stream"
}

// Extension returns the usual file extension of f with its dot (".jpg"), so an
// upload can be given a file name that matches its content.
func (f Format) Extension() string {
	if info, ok := formats[f]; ok {
		return info.ext
	}
	return ".bin"
}

// Label returns a short human name for f ("JPEG", "QuickTime MOV") for use in
// messages.
func (f Format) Label() string {
	if info, ok := formats[f]; ok {
		return info.label
	}
	return "unrecognised content"
}

// HumanSize formats a byte count with binary units, the way WeChat states its
// limits: 512 → "512 B", 1536 → "1.5 KB", 10<<20 → "10 MB".
func HumanSize(n int64) string {
	if n < 0 {
		// uint64(-n) is exact even for math.MinInt64.
		return "-" + humanSize(uint64(-n))
	}
	return humanSize(uint64(n))
}

func humanSize(n uint64) string {
	const unit = 1024
	if n < unit {
		return strconv.FormatUint(n, 10) + " B"
	}
	v := float64(n) / unit
	suffixes := []string{"KB", "MB", "GB", "TB", "PB", "EB"}
	i := 0
	for v >= unit && i < len(suffixes)-1 {
		v /= unit
		i++
	}
	s := strconv.FormatFloat(v, 'f', 1, 64)
	if v >= 1023.95 && i < len(suffixes)-1 { // 1023.96 KB would print as "1024.0 KB"
		s, i = "1", i+1
	}
	return strings.TrimSuffix(s, ".0") + " " + suffixes[i]
}
