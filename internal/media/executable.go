package media

import (
	"bytes"
	"encoding/binary"
)

// Executables are recognised so that a program renamed photo.jpg or
// invoice.pdf is refused as what it is, not merely as "unrecognised": the
// agent and the log then say plainly that someone tried to send a program.

// isExecutable reports Windows (MZ/PE), ELF, Mach-O (including universal
// binaries) and "#!" scripts.
func isExecutable(s *sniffer, head []byte) bool {
	return isELF(head) || isMachO(head) || isScript(head) || isMZ(s, head)
}

// isELF checks the identification bytes after "\x7fELF": class 32/64-bit,
// little/big endian, version 1.
func isELF(head []byte) bool {
	return len(head) >= 7 && string(head[:4]) == "\x7fELF" &&
		(head[4] == 1 || head[4] == 2) && (head[5] == 1 || head[5] == 2) && head[6] == 1
}

// machOMagics are the Mach-O magics in both byte orders, plus the universal
// ("fat") header. 0xCAFEBABE is also a Java class file, which is refused as
// an executable just the same.
var machOMagics = map[uint32]bool{
	0xFEEDFACE: true, 0xFEEDFACF: true, 0xCEFAEDFE: true, 0xCFFAEDFE: true,
	0xCAFEBABE: true, 0xCAFEBABF: true,
}

func isMachO(head []byte) bool {
	return len(head) >= 8 && machOMagics[binary.BigEndian.Uint32(head)]
}

// isScript matches an interpreter line, "#!/bin/sh" or "#! /usr/bin/env".
// The AMR headers ("#!AMR") are classified before this is asked.
func isScript(head []byte) bool {
	if !bytes.HasPrefix(head, []byte("#!")) {
		return false
	}
	rest := bytes.TrimLeft(head[2:], " \t")
	return len(rest) > 0 && rest[0] == '/'
}

// isMZ recognises a PE file by the "PE\0\0" signature its DOS header points
// to, and a plain DOS program by a DOS header whose fields are consistent.
// "MZ" alone is not enough: text can start with it.
func isMZ(s *sniffer, head []byte) bool {
	if len(head) < 64 || head[0] != 'M' || head[1] != 'Z' {
		return false
	}
	le := binary.LittleEndian
	if peOff := int64(le.Uint32(head[0x3C:])); peOff >= 64 {
		if sig := s.read(peOff, 4); bytes.Equal(sig, []byte("PE\x00\x00")) {
			return true
		}
	}
	lastPage, pages, headerParas := le.Uint16(head[2:]), le.Uint16(head[4:]), le.Uint16(head[8:])
	return lastPage < 512 && pages > 0 && headerParas >= 4 && uint32(pages)*512 >= uint32(headerParas)*16
}
