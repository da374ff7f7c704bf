package media

import (
	"errors"
	"testing"
	"time"
)

func TestAMRDuration(t *testing.T) {
	mixed := amrNB(10, 7)                                  // 10 × MR122
	mixed = append(mixed, amrNB(5, 0)[len(magicAMR):]...)  // 5 × MR475
	mixed = append(mixed, amrNB(3, 8)[len(magicAMR):]...)  // 3 × SID
	mixed = append(mixed, amrNB(2, 15)[len(magicAMR):]...) // 2 × NO_DATA
	tests := []struct {
		name    string
		data    []byte
		want    time.Duration
		wantErr error
	}{
		{"nb 3 s of MR122", amrNB(150, 7), 3 * time.Second, nil},
		{"nb 61 s of MR122", amrNB(3050, 7), 61 * time.Second, nil},
		{"nb mixed modes, SID and NO_DATA", mixed, 20 * AMRFrameDuration, nil},
		{"nb header only", magicAMR, 0, nil},
		{"wb 2 s of 23.85 kbit/s", amrWB(100, 8), 2 * time.Second, nil},
		{"wb speech lost frames", amrWB(7, 14), 7 * AMRFrameDuration, nil},
		{"nb truncated last frame", amrNB(3, 7)[:len(magicAMR)+3*32-1], 0, ErrCorruptAMR},
		{"nb reserved frame type", append(amrNB(1, 7), 12<<3), 0, ErrCorruptAMR},
		{"wb reserved frame type", append(amrWB(1, 0), 10<<3), 0, ErrCorruptAMR},
		{"multichannel is not supported", []byte("#!AMR_MC1.0\n\x00\x00\x00\x01"), 0, ErrNotAMR},
		{"not amr", []byte("RIFF....WAVE"), 0, ErrNotAMR},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := AMRDuration(tt.data)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("duration = %v, want %v", got, tt.want)
			}
		})
	}
}
