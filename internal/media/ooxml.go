package media

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/xml"
	"io"
	"strings"
)

// An OOXML document is a ZIP package whose [Content_Types].xml names the
// content type of its main part. Only the end of the archive (the central
// directory) and that one small part are read, each with a bound, so a
// 20 MB DOCX costs a few kilobytes and a ZIP bomb costs nothing.
const (
	zipEndSize         = 22        // end of central directory record without comment
	zipMaxComment      = 65535     // largest archive comment
	zipFirstTail       = 1 << 10   // first guess at the tail holding the end record
	zipMaxCentralDir   = 1 << 20   // central directory bytes read (~10,000 entries)
	zipMaxContentTypes = 256 << 10 // [Content_Types].xml, compressed and inflated
	zipCentralHeader   = 46
	zipLocalHeader     = 30
)

// Main-part content types of the two accepted document formats. Macro-enabled
// (docm, xlsm) and template variants have other types and stay FormatZIP.
const (
	ctWordMain  = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	ctExcelMain = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
)

// zipEntry is what the sniffer needs of a central directory record.
type zipEntry struct {
	method, flags uint16
	csize, offset int64
	found         bool // the entry exists
}

// sniffOOXML tells DOCX and XLSX from other ZIP archives: [Content_Types].xml
// must declare exactly one of the Word or Excel main types, for a part that
// exists in the archive.
func sniffOOXML(s *sniffer) Format {
	names, ct, ok := s.zipDirectory()
	if !ok {
		return FormatZIP
	}
	part, mainType := mainPart(s.zipPart(ct))
	if !names[strings.TrimPrefix(part, "/")] {
		return FormatZIP
	}
	switch mainType {
	case ctWordMain:
		return FormatDOCX
	case ctExcelMain:
		return FormatXLSX
	}
	return FormatZIP
}

// zipEnd finds the end of central directory record and returns the
// directory's offset and size.
func (s *sniffer) zipEnd() (off, size int64, ok bool) {
	for _, n := range []int64{zipFirstTail, zipEndSize + zipMaxComment} {
		tail := s.read(max(0, s.size-n), min(n, s.size))
		for i := len(tail) - zipEndSize; i >= 0; i-- {
			if string(tail[i:i+4]) != "PK\x05\x06" {
				continue
			}
			e := tail[i:]
			if i+zipEndSize+int(binary.LittleEndian.Uint16(e[20:])) > len(tail) {
				continue
			}
			return int64(binary.LittleEndian.Uint32(e[16:])), int64(binary.LittleEndian.Uint32(e[12:])), true
		}
		if n >= s.size {
			break
		}
	}
	return 0, 0, false
}

// zipDirectory reads the entry names of the central directory (the first
// zipMaxCentralDir bytes of it) and the [Content_Types].xml entry.
func (s *sniffer) zipDirectory() (names map[string]bool, ct zipEntry, ok bool) {
	off, size, found := s.zipEnd()
	if !found {
		return nil, ct, false
	}
	dir := s.read(off, min(size, zipMaxCentralDir))
	names = map[string]bool{}
	le := binary.LittleEndian
	for len(dir) >= zipCentralHeader && string(dir[:4]) == "PK\x01\x02" {
		n := zipCentralHeader + int(le.Uint16(dir[28:])) + int(le.Uint16(dir[30:])) + int(le.Uint16(dir[32:]))
		if n > len(dir) {
			break
		}
		name := string(dir[zipCentralHeader : zipCentralHeader+int(le.Uint16(dir[28:]))])
		names[name] = true
		if name == "[Content_Types].xml" {
			ct = zipEntry{method: le.Uint16(dir[10:]), flags: le.Uint16(dir[8:]),
				csize: int64(le.Uint32(dir[20:])), offset: int64(le.Uint32(dir[42:])), found: true}
		}
		dir = dir[n:]
	}
	return names, ct, ct.found
}

// zipPart returns the (inflated) content of a small entry, or nil when it is
// encrypted, too large, stored with an unknown method or unreadable.
func (s *sniffer) zipPart(e zipEntry) []byte {
	if e.flags&1 != 0 || e.csize > zipMaxContentTypes {
		return nil
	}
	lh := s.read(e.offset, zipLocalHeader)
	if len(lh) < zipLocalHeader || string(lh[:4]) != "PK\x03\x04" {
		return nil
	}
	start := e.offset + zipLocalHeader + int64(binary.LittleEndian.Uint16(lh[26:])) + int64(binary.LittleEndian.Uint16(lh[28:]))
	raw := s.read(start, e.csize)
	switch e.method {
	case 0: // stored
		return raw
	case 8: // deflate
		out, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(raw)), zipMaxContentTypes))
		if err != nil && len(out) == 0 {
			return nil
		}
		return out
	}
	return nil
}

// mainPart returns the part name and content type of the single Override
// that declares a Word or Excel main document; two of them (or none) make
// the package ambiguous and return "".
func mainPart(contentTypes []byte) (part, contentType string) {
	d := xml.NewDecoder(bytes.NewReader(contentTypes))
	found := 0
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		el, ok := tok.(xml.StartElement)
		if !ok || el.Name.Local != "Override" {
			continue
		}
		var name, typ string
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "PartName":
				name = a.Value
			case "ContentType":
				typ = a.Value
			}
		}
		if typ == ctWordMain || typ == ctExcelMain {
			part, contentType = name, typ
			found++
		}
	}
	if found != 1 {
		return "", ""
	}
	return part, contentType
}
