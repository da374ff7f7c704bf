package media

import (
	"encoding/binary"
	"fmt"
	"strings"
)

// More generated media: the containers and programs the rules table needs.

// box builds an ISO base-media box.
func box(typ string, payload ...[]byte) []byte {
	n := 8
	for _, p := range payload {
		n += len(p)
	}
	out := binary.BigEndian.AppendUint32(nil, uint32(n))
	out = append(out, typ...)
	for _, p := range payload {
		out = append(out, p...)
	}
	return out
}

// mp4Minimal is an ftyp box and a moov box holding a version-0 mvhd of
// 10 seconds at 1000 units a second: the smallest well-formed MP4 header.
func mp4Minimal() []byte {
	ftypBody := []byte("isom\x00\x00\x02\x00isomiso2avc1mp41")
	mvhd := make([]byte, 100)
	binary.BigEndian.PutUint32(mvhd[12:], 1000)       // timescale
	binary.BigEndian.PutUint32(mvhd[16:], 10_000)     // duration
	binary.BigEndian.PutUint32(mvhd[20:], 0x00010000) // rate 1.0
	binary.BigEndian.PutUint16(mvhd[24:], 0x0100)     // volume 1.0
	for i, v := range []uint32{0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000} {
		binary.BigEndian.PutUint32(mvhd[36+4*i:], v) // unity matrix
	}
	binary.BigEndian.PutUint32(mvhd[96:], 2) // next track ID
	return append(box("ftyp", ftypBody), box("moov", box("mvhd", mvhd))...)
}

// pdfMinimal is a one-page PDF with a correct cross-reference table.
func pdfMinimal() []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
	}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return []byte(b.String())
}

// elfExecutable is a 64-bit little-endian ELF header for an x86-64
// executable, as the first bytes of any Linux program.
func elfExecutable() []byte {
	h := make([]byte, 64)
	copy(h, "\x7fELF\x02\x01\x01")
	binary.LittleEndian.PutUint16(h[16:], 2)    // ET_EXEC
	binary.LittleEndian.PutUint16(h[18:], 0x3E) // EM_X86_64
	binary.LittleEndian.PutUint32(h[20:], 1)    // EV_CURRENT
	binary.LittleEndian.PutUint16(h[52:], 64)   // header size
	return h
}

// peExecutable is a DOS stub whose e_lfanew points at a PE header, as in
// every Windows .exe and .dll.
func peExecutable() []byte {
	h := make([]byte, 0x200)
	copy(h, "MZ")
	binary.LittleEndian.PutUint16(h[2:], 0x90)
	binary.LittleEndian.PutUint16(h[4:], 3)
	binary.LittleEndian.PutUint16(h[8:], 4)
	binary.LittleEndian.PutUint32(h[0x3C:], 0x80)
	copy(h[0x80:], "PE\x00\x00")
	binary.LittleEndian.PutUint16(h[0x84:], 0x8664) // AMD64
	return h
}

// dosExecutable is an old DOS program: a consistent MZ header, no PE.
func dosExecutable() []byte {
	h := make([]byte, 0x400)
	copy(h, "MZ")
	binary.LittleEndian.PutUint16(h[2:], 0)  // last page full
	binary.LittleEndian.PutUint16(h[4:], 2)  // 2 pages of 512 bytes
	binary.LittleEndian.PutUint16(h[8:], 32) // 512-byte header
	return h
}

// machOExecutable is a 64-bit little-endian Mach-O header (arm64).
func machOExecutable() []byte {
	h := make([]byte, 32)
	binary.LittleEndian.PutUint32(h, 0xFEEDFACF)
	binary.LittleEndian.PutUint32(h[4:], 0x0100000C) // CPU_TYPE_ARM64
	binary.LittleEndian.PutUint32(h[12:], 2)         // MH_EXECUTE
	return h
}
