package media

import (
	"bytes"
	"errors"
	"fmt"
	"time"
)

// AMRFrameDuration is the length of one AMR frame, narrow- or wide-band.
const AMRFrameDuration = 20 * time.Millisecond

// Errors from AMRDuration.
var (
	ErrNotAMR     = errors.New("media: not an AMR file")
	ErrCorruptAMR = errors.New("media: corrupt AMR stream")
)

// amrReserved marks frame types the storage format (RFC 4867 §5) reserves;
// they never occur in a valid file.
const amrReserved = -1

// Speech bytes per frame after the one-byte frame header, indexed by the
// 4-bit frame type (FT). AMR-NB: modes 4.75–12.2 kbit/s, SID, three legacy
// SIDs and NO_DATA (FT 15). AMR-WB: modes 6.60–23.85 kbit/s, SID, speech
// lost (14) and NO_DATA (15).
var (
	amrNBFrameBytes = [16]int{12, 13, 15, 17, 19, 20, 26, 31, 5, 0, 0, 0, amrReserved, amrReserved, amrReserved, 0}
	amrWBFrameBytes = [16]int{17, 23, 32, 36, 40, 46, 50, 58, 60, 5, amrReserved, amrReserved, amrReserved, amrReserved, 0, 0}
)

// AMRDuration returns the playing time of a single-channel AMR-NB ("#!AMR\n")
// or AMR-WB ("#!AMR-WB\n") file by walking its frames: every frame, including
// SID and NO_DATA frames, lasts 20 ms. A reserved frame type or a truncated
// last frame is reported as ErrCorruptAMR rather than guessed around.
func AMRDuration(data []byte) (time.Duration, error) {
	var table *[16]int
	var body []byte
	switch {
	case bytes.HasPrefix(data, magicAMR):
		table, body = &amrNBFrameBytes, data[len(magicAMR):]
	case bytes.HasPrefix(data, magicAMRWB):
		table, body = &amrWBFrameBytes, data[len(magicAMRWB):]
	default:
		return 0, ErrNotAMR
	}
	frames := 0
	for off := 0; off < len(body); frames++ {
		ft := (body[off] >> 3) & 0x0F
		n := table[ft]
		if n == amrReserved {
			return 0, fmt.Errorf("%w: reserved frame type %d in frame %d", ErrCorruptAMR, ft, frames)
		}
		if off+1+n > len(body) {
			return 0, fmt.Errorf("%w: frame %d truncated", ErrCorruptAMR, frames)
		}
		off += 1 + n
	}
	return time.Duration(frames) * AMRFrameDuration, nil
}
