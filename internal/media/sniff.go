package media

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
)

// Magic numbers, from the format specifications.
var (
	magicJPEG  = []byte{0xFF, 0xD8, 0xFF}
	magicPNG   = []byte("\x89PNG\r\n\x1a\n")
	magicGIF87 = []byte("GIF87a")
	magicGIF89 = []byte("GIF89a")
	magicAMR   = []byte("#!AMR\n")
	magicAMRWB = []byte("#!AMR-WB\n")
	magicPDF   = []byte("%PDF-")
	magicOLE2  = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	magicZIP   = []byte("PK\x03\x04")
)

// Sniff identifies data by its leading bytes (and, for Office documents, by
// the container's entry names). It never looks at a file name and never
// panics. Pass the whole file: DOCX/XLSX need the ZIP central directory at the
// end, and DOC/XLS need the OLE2 directory sectors.
func Sniff(data []byte) Format {
	switch {
	case bytes.HasPrefix(data, magicJPEG):
		return FormatJPEG
	case bytes.HasPrefix(data, magicPNG):
		return FormatPNG
	case bytes.HasPrefix(data, magicGIF87), bytes.HasPrefix(data, magicGIF89):
		return FormatGIF
	case len(data) >= 12 && string(data[0:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return FormatWebP
	case isBMP(data):
		return FormatBMP
	case len(data) >= 12 && string(data[4:8]) == "ftyp":
		return sniffISOBMFF(data)
	case bytes.HasPrefix(data, magicAMR):
		return FormatAMR
	case bytes.HasPrefix(data, magicAMRWB):
		return FormatAMRWB
	case bytes.HasPrefix(data, magicPDF):
		return FormatPDF
	case bytes.HasPrefix(data, magicOLE2):
		return sniffOLE2(data)
	case bytes.HasPrefix(data, magicZIP):
		return sniffOOXML(data)
	}
	return FormatUnknown
}

// isBMP checks more than the two-byte "BM" signature, which plain text can
// start with: the DIB header that follows must have one of the sizes the
// format defines.
func isBMP(data []byte) bool {
	if len(data) < 18 || data[0] != 'B' || data[1] != 'M' {
		return false
	}
	switch binary.LittleEndian.Uint32(data[14:18]) {
	case 12, 40, 52, 56, 64, 108, 124:
		return true
	}
	return false
}

// mp4Brands are ftyp brands of MP4 video files. Audio-only brands (M4A, M4B)
// are left out on purpose: they are not video.
var mp4Brands = map[string]bool{
	"isom": true, "iso2": true, "iso3": true, "iso4": true, "iso5": true, "iso6": true,
	"mp41": true, "mp42": true, "mp71": true, "avc1": true, "M4V ": true, "M4VH": true,
	"M4VP": true, "MSNV": true, "dash": true, "mmp4": true, "F4V ": true, "XAVC": true,
}

var audioBrands = map[string]bool{"M4A ": true, "M4B ": true, "M4P ": true, "F4A ": true}

const quickTimeBrand = "qt  "

// sniffISOBMFF tells MP4 from QuickTime MOV by the ftyp box: the major brand
// decides when it is known, otherwise the first known compatible brand.
func sniffISOBMFF(data []byte) Format {
	major := string(data[8:12])
	switch {
	case audioBrands[major]:
		return FormatUnknown
	case major == quickTimeBrand:
		return FormatMOV
	case mp4Brands[major]:
		return FormatMP4
	}
	end := len(data)
	// A box size of 0 means "to the end of the file"; anything else bounds the
	// compatible-brand list.
	if size := binary.BigEndian.Uint32(data[0:4]); size != 0 && uint64(size) < uint64(end) {
		end = int(size)
	}
	for i := 16; i+4 <= end; i += 4 {
		brand := string(data[i : i+4])
		if mp4Brands[brand] {
			return FormatMP4
		}
		if brand == quickTimeBrand {
			return FormatMOV
		}
	}
	return FormatUnknown
}

// sniffOOXML tells DOCX and XLSX apart from other ZIP archives by their
// entries: an OOXML package has [Content_Types].xml plus a word/ or xl/ part.
func sniffOOXML(data []byte) Format {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if zr == nil || (err != nil && !errors.Is(err, zip.ErrInsecurePath)) {
		return FormatZIP
	}
	var contentTypes, word, xl bool
	for _, f := range zr.File {
		switch {
		case f.Name == "[Content_Types].xml":
			contentTypes = true
		case strings.HasPrefix(f.Name, "word/"):
			word = true
		case strings.HasPrefix(f.Name, "xl/"):
			xl = true
		}
	}
	switch {
	case contentTypes && word && !xl:
		return FormatDOCX
	case contentTypes && xl && !word:
		return FormatXLSX
	}
	return FormatZIP
}
