package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
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

// sniffHeadSize is how much of the start of a file is read for the formats
// recognised by their first bytes: enough for an ftyp box's brand list and
// an OLE2 header; the containers read a bounded part more (see SniffAt).
const sniffHeadSize = 4 << 10

// Sniff identifies data by its content (magic bytes and structure), never by
// a file name, and never panics. data is the whole file, because DOCX/XLSX
// are told apart by the ZIP directory at its end, but only the parts SniffAt
// describes are looked at.
func Sniff(data []byte) Format {
	// bytes.Reader only fails past the end, which SniffAt never reads.
	f, _ := SniffAt(bytes.NewReader(data), int64(len(data)))
	return f
}

// SniffAt identifies the content of r, which is size bytes long, without
// reading it whole: it reads the first 4 KB and, only for containers, a
// bounded part more — for ZIP the end record, at most 1 MB of central
// directory and [Content_Types].xml; for OLE2 at most 128 sectors of FAT and
// directory. An error is a read error from r (a file shorter than size is
// not one: it is sniffed as far as it goes).
func SniffAt(r io.ReaderAt, size int64) (Format, error) {
	s := &sniffer{r: r, size: size}
	head := s.read(0, sniffHeadSize)
	f := s.classify(head)
	if s.err != nil {
		return FormatUnknown, fmt.Errorf("media: sniff: %w", s.err)
	}
	return f, nil
}

// sniffer reads bounded pieces of a file and remembers the first read error,
// so the format parsers can treat "could not read" like "not there".
type sniffer struct {
	r    io.ReaderAt
	size int64
	err  error
}

// read returns up to n bytes at off, fewer at the end of the file and nil
// after a read error.
func (s *sniffer) read(off, n int64) []byte {
	if s.err != nil || off < 0 || n <= 0 || off >= s.size {
		return nil
	}
	buf := make([]byte, min(n, s.size-off))
	got, err := s.r.ReadAt(buf, off)
	if err != nil && !errors.Is(err, io.EOF) {
		s.err = err
		return nil
	}
	return buf[:got]
}

// classify dispatches on the leading bytes. The AMR headers come before the
// executable check because they start with "#!" like a script.
func (s *sniffer) classify(head []byte) Format {
	switch {
	case bytes.HasPrefix(head, magicJPEG):
		return FormatJPEG
	case bytes.HasPrefix(head, magicPNG):
		return FormatPNG
	case bytes.HasPrefix(head, magicGIF87), bytes.HasPrefix(head, magicGIF89):
		return FormatGIF
	case len(head) >= 12 && string(head[0:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return FormatWebP
	case isBMP(head):
		return FormatBMP
	case len(head) >= 12 && string(head[4:8]) == "ftyp":
		return sniffISOBMFF(head)
	case bytes.HasPrefix(head, magicAMR):
		return sniffAMR(head, len(magicAMR), &amrNBFrameBytes, FormatAMR)
	case bytes.HasPrefix(head, magicAMRWB):
		return sniffAMR(head, len(magicAMRWB), &amrWBFrameBytes, FormatAMRWB)
	case bytes.HasPrefix(head, magicPDF):
		return FormatPDF
	case bytes.HasPrefix(head, magicOLE2):
		return sniffOLE2(s, head)
	case bytes.HasPrefix(head, magicZIP):
		return sniffOOXML(s)
	case isExecutable(s, head):
		return FormatExecutable
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

// sniffAMR accepts the AMR header only when the first frame, if any, has a
// frame type the storage format allows: text that merely starts with
// "#!AMR\n" is not voice.
func sniffAMR(head []byte, magicLen int, table *[16]int, f Format) Format {
	if len(head) == magicLen {
		return f
	}
	b := head[magicLen]
	if b&0x80 != 0 || table[(b>>3)&0x0F] == amrReserved {
		return FormatUnknown
	}
	return f
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
// decides when it is known, otherwise the first known compatible brand. A
// box whose size cannot hold its own fields is not an ftyp box.
func sniffISOBMFF(data []byte) Format {
	size := binary.BigEndian.Uint32(data[0:4])
	if size < 16 || (size-16)%4 != 0 {
		return FormatUnknown
	}
	major := string(data[8:12])
	switch {
	case audioBrands[major]:
		return FormatUnknown
	case major == quickTimeBrand:
		return FormatMOV
	case mp4Brands[major]:
		return FormatMP4
	}
	end := min(len(data), int(min(size, sniffHeadSize)))
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
