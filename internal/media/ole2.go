package media

import (
	"encoding/binary"
	"unicode/utf16"
)

// OLE2 / Compound File Binary layout ([MS-CFB]). Only what is needed to read
// the directory's stream names is implemented: DOC has a "WordDocument"
// stream, XLS a "Workbook" (BIFF8) or "Book" (BIFF5) stream.
const (
	cfbHeaderSize    = 512
	cfbDirEntrySize  = 128
	cfbHeaderDIFATs  = 109
	cfbMaxRegSect    = 0xFFFFFFFA
	cfbStreamObject  = 2
	cfbNameFieldSize = 64
	// cfbMaxReads bounds the sectors (DIFAT, FAT and directory) one sniff
	// reads: 64 KB with 512-byte sectors, 512 KB with 4 KB ones. The Word and
	// Excel streams sit in the first directory sector in practice.
	cfbMaxReads = 128
)

// compoundFile reads sectors of a compound file through the sniffer,
// bounds-checked and within a read budget.
type compoundFile struct {
	s          *sniffer
	header     []byte
	shift      uint
	fatSectors []uint32
	reads      int
	fatCache   map[uint32][]byte
}

// sniffOLE2 reads the directory of a compound file and classifies it by its
// stream names; anything unreadable or unnamed is FormatOLE2.
func sniffOLE2(s *sniffer, head []byte) Format {
	cf, ok := openCompoundFile(s, head)
	if !ok {
		return FormatOLE2
	}
	var word, excel bool
	cf.eachStreamName(func(name string) bool {
		switch name {
		case "WordDocument":
			word = true
		case "Workbook", "Book":
			excel = true
		}
		return !word && !excel
	})
	switch {
	case word:
		return FormatDOC
	case excel:
		return FormatXLS
	}
	return FormatOLE2
}

func openCompoundFile(s *sniffer, head []byte) (*compoundFile, bool) {
	if len(head) < cfbHeaderSize {
		return nil, false
	}
	shift := uint(binary.LittleEndian.Uint16(head[0x1E:]))
	if shift != 9 && shift != 12 { // 512- and 4096-byte sectors are the only legal sizes
		return nil, false
	}
	cf := &compoundFile{s: s, header: head[:cfbHeaderSize], shift: shift, fatCache: map[uint32][]byte{}}
	cf.fatSectors = cf.readFATSectorList(binary.LittleEndian.Uint32(head[0x2C:]))
	return cf, len(cf.fatSectors) > 0
}

// maxSectors bounds every chain walk so a cyclic chain cannot loop forever.
func (cf *compoundFile) maxSectors() int {
	return int(min(cf.s.size>>cf.shift+1, int64(maxInt)))
}

// sector reads sector n, or returns nil when n is out of range or the read
// budget is spent.
func (cf *compoundFile) sector(n uint32) []byte {
	if n > cfbMaxRegSect || cf.reads >= cfbMaxReads {
		return nil
	}
	size := int64(1) << cf.shift
	off := (int64(n) + 1) << cf.shift
	if off+size > cf.s.size {
		return nil
	}
	cf.reads++
	sec := cf.s.read(off, size)
	if int64(len(sec)) < size {
		return nil
	}
	return sec
}

// fatSector reads a FAT sector once, however many chain steps need it.
func (cf *compoundFile) fatSector(n uint32) []byte {
	if sec, ok := cf.fatCache[n]; ok {
		return sec
	}
	sec := cf.sector(n)
	cf.fatCache[n] = sec
	return sec
}

// readFATSectorList collects the locations of the FAT sectors: the first 109
// are in the header, the rest in the DIFAT sector chain.
func (cf *compoundFile) readFATSectorList(numFAT uint32) []uint32 {
	limit := cf.maxSectors()
	if uint64(numFAT) < uint64(limit) {
		limit = int(numFAT)
	}
	list := make([]uint32, 0, min(limit, cfbHeaderDIFATs))
	for i := 0; i < cfbHeaderDIFATs && len(list) < limit; i++ {
		list = append(list, binary.LittleEndian.Uint32(cf.header[0x4C+4*i:]))
	}
	next := binary.LittleEndian.Uint32(cf.header[0x44:])
	perSector := (1 << cf.shift) / 4
	for hops := 0; len(list) < limit && hops < cf.maxSectors(); hops++ {
		sec := cf.sector(next)
		if sec == nil {
			break
		}
		for i := 0; i < perSector-1 && len(list) < limit; i++ {
			list = append(list, binary.LittleEndian.Uint32(sec[4*i:]))
		}
		next = binary.LittleEndian.Uint32(sec[4*(perSector-1):])
	}
	return list
}

// next follows the FAT chain from sector n; ok is false at the end of the
// chain or on any out-of-range reference.
func (cf *compoundFile) next(n uint32) (uint32, bool) {
	perSector := uint32(1<<cf.shift) / 4
	idx := n / perSector
	if uint64(idx) >= uint64(len(cf.fatSectors)) {
		return 0, false
	}
	fat := cf.fatSector(cf.fatSectors[idx])
	if fat == nil {
		return 0, false
	}
	v := binary.LittleEndian.Uint32(fat[4*(n%perSector):])
	return v, v <= cfbMaxRegSect
}

// eachStreamName calls fn with the name of every stream in the directory
// until fn returns false.
func (cf *compoundFile) eachStreamName(fn func(string) bool) {
	s := binary.LittleEndian.Uint32(cf.header[0x30:])
	for hops := 0; hops < cf.maxSectors(); hops++ {
		sec := cf.sector(s)
		if sec == nil {
			return
		}
		for off := 0; off+cfbDirEntrySize <= len(sec); off += cfbDirEntrySize {
			e := sec[off : off+cfbDirEntrySize]
			if e[66] == cfbStreamObject && !fn(dirEntryName(e)) {
				return
			}
		}
		var ok bool
		if s, ok = cf.next(s); !ok {
			return
		}
	}
}

// dirEntryName decodes the UTF-16LE name of a directory entry; its length
// field counts bytes including the terminating NUL.
func dirEntryName(e []byte) string {
	n := int(binary.LittleEndian.Uint16(e[cfbNameFieldSize:]))
	if n < 2 || n > cfbNameFieldSize || n%2 != 0 {
		return ""
	}
	units := make([]uint16, n/2-1)
	for i := range units {
		units[i] = binary.LittleEndian.Uint16(e[2*i:])
	}
	return string(utf16.Decode(units))
}
