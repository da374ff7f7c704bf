package media

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestLimitsValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Limits)
		want   string // substring of the error; "" means valid
	}{
		{"defaults", func(*Limits) {}, ""},
		{"wechat safe", func(l *Limits) { *l = WeChatSafeLimits() }, ""},
		{"lower file limit", func(l *Limits) { l.Outbound.File.MaxBytes = 5 * MB }, ""},
		{"inbound voice without duration limit", func(l *Limits) { l.Inbound.Voice.MaxDuration = 0 }, ""},
		{"image over the platform", func(l *Limits) { l.Outbound.Image.MaxBytes = 11 * MB }, "outbound image: maxBytes"},
		{"file at the floor", func(l *Limits) { l.Inbound.File.MaxBytes = MinBytes }, "inbound file: maxBytes 5"},
		{"no formats", func(l *Limits) { l.Inbound.Video.Formats = nil }, "no formats"},
		{"format of another kind", func(l *Limits) { l.Outbound.File.Formats = []Format{FormatPDF, FormatPNG} }, `format "png" is not file`},
		{"executable allowed", func(l *Limits) { l.Outbound.File.Formats = []Format{FormatExecutable} }, `format "executable" is not file`},
		{"duplicate format", func(l *Limits) { l.Inbound.Image.Formats = []Format{FormatJPEG, FormatJPEG} }, "listed twice"},
		{"voice over 60 s", func(l *Limits) { l.Outbound.Voice.MaxDuration = 61 * time.Second }, "maxDuration 1m1s"},
		{"outbound voice unbounded", func(l *Limits) { l.Outbound.Voice.MaxDuration = 0 }, "outbound voice needs a maxDuration"},
		{"duration on video", func(l *Limits) { l.Inbound.Video.MaxDuration = time.Second }, "voice only"},
		{"conversion target refused", func(l *Limits) { l.Outbound.Image.Formats = []Format{FormatJPEG} }, "must accept jpeg and png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := DefaultLimits()
			tt.change(&l)
			err := l.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidLimits) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Validate = %v, want ErrInvalidLimits containing %q", err, tt.want)
			}
		})
	}
}

// TestLimitsJSON checks a Limits setting survives a round trip through the
// settings store unchanged.
func TestLimitsJSON(t *testing.T) {
	in := WeChatSafeLimits()
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"outbound":{"image":{"formats":["jpeg","png"],"maxBytes":2097152`) {
		t.Errorf("unexpected JSON shape: %s", b)
	}
	var out Limits
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if out.Validate() != nil || out.Outbound.Voice.MaxDuration != 60*time.Second || out.Outbound.Image.MaxBytes != 2*MB {
		t.Errorf("round trip changed limits: %+v", out)
	}
}

func TestDefaultLimitsTable(t *testing.T) {
	l := DefaultLimits()
	tests := []struct {
		name string
		rule Rule
		max  int64
		dur  time.Duration
	}{
		{"outbound image", l.Outbound.Image, 10 * MB, 0},
		{"outbound video", l.Outbound.Video, 10 * MB, 0},
		{"outbound voice", l.Outbound.Voice, 2 * MB, 60 * time.Second},
		{"outbound file", l.Outbound.File, 20 * MB, 0},
		{"inbound image", l.Inbound.Image, 2 * MB, 0},
		{"inbound video", l.Inbound.Video, 10 * MB, 0},
		{"inbound voice", l.Inbound.Voice, 2 * MB, 0},
		{"inbound file", l.Inbound.File, 20 * MB, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.rule.MaxBytes != tt.max || tt.rule.MaxDuration != tt.dur {
				t.Errorf("rule = %+v, want %d bytes, %s", tt.rule, tt.max, tt.dur)
			}
		})
	}
}
