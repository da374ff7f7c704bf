package media

import (
	"errors"
	"testing"
	"time"
)

// outcomes of the rules table besides a rejection code.
const (
	accepted  = "accepted"
	converted = "converted"
)

// TestOutboundRules runs every kind of real (generated) file an agent might
// send through PrepareOutbound with the product's limits. The upload name is
// only there to show it plays no part: the API never sees it.
func TestOutboundRules(t *testing.T) {
	pngSmall := encodePNG(t, gradient(64, 48))
	tests := []struct {
		upload     string
		kind       Kind
		data       []byte
		wantFormat Format // of the bytes to upload when accepted/converted, else of the input
		want       string // accepted, converted or a rejection code
	}{
		{"photo.jpg", KindImage, encodeJPEG(t, gradient(64, 48), 85), FormatJPEG, accepted},
		{"shot.png", KindImage, pngSmall, FormatPNG, accepted},
		{"anim.gif", KindImage, encodeGIF(t, 40, 30, false), FormatJPEG, converted},
		{"sticker.gif", KindImage, encodeGIF(t, 40, 30, true), FormatPNG, converted},
		{"pic.webp", KindImage, webpLossy, FormatJPEG, converted},
		{"scan.bmp", KindImage, encodeBMP(t, gradient(64, 48)), FormatJPEG, converted},
		{"huge.png", KindImage, padTo(pngSmall, 10*MB+1), FormatJPEG, converted},
		{"clip.mp4", KindVideo, mp4Minimal(), FormatMP4, accepted},
		{"long.mp4", KindVideo, padTo(mp4Minimal(), 10*MB+1), FormatMP4, CodeTooLarge},
		{"clip.mov", KindVideo, ftyp("qt  ", "qt  "), FormatMOV, CodeWrongFormat},
		{"hello.amr", KindVoice, amrNB(500, 7), FormatAMR, accepted},
		{"speech.amr", KindVoice, amrNB(3050, 7), FormatAMR, CodeTooLong},
		{"big.amr", KindVoice, padTo(amrNB(1, 7), 2*MB+1), FormatAMR, CodeTooLarge},
		{"invoice.pdf", KindFile, pdfMinimal(), FormatPDF, accepted},
		{"letter.docx", KindFile, docxBytes(t), FormatDOCX, accepted},
		{"sheet.xlsx", KindFile, xlsxBytes(t), FormatXLSX, accepted},
		{"letter.doc", KindFile, ole2With("\x01CompObj", "WordDocument", "1Table"), FormatDOC, accepted},
		{"sheet.xls", KindFile, ole2With("Workbook"), FormatXLS, accepted},
		{"big.pdf", KindFile, padTo(pdfMinimal(), 20*MB+1), FormatPDF, CodeTooLarge},
		{"archive.zip", KindFile, zipWith(t, "a.txt"), FormatZIP, CodeWrongFormat},
		{"photo.jpg", KindImage, elfExecutable(), FormatExecutable, CodeExecutable},
		{"invoice.pdf", KindFile, peExecutable(), FormatExecutable, CodeExecutable},
		{"report.doc", KindFile, machOExecutable(), FormatExecutable, CodeExecutable},
		{"notes.pdf", KindFile, []byte("#!/bin/sh\nrm -rf ~\n"), FormatExecutable, CodeExecutable},
		{"tiny.pdf", KindFile, []byte("%PDF-"), FormatPDF, CodeTooSmall},
		{"bomb.png", KindImage, pngClaiming(20_000, 20_000), FormatPNG, CodeDimensions},
		{"voice.png", KindVoice, pngSmall, FormatPNG, CodeSpoofed},
		{"notes.txt", KindFile, []byte("plain text, not a document"), FormatUnknown, CodeWrongFormat},
	}
	limits := DefaultLimits()
	for _, tt := range tests {
		t.Run(tt.upload+" as "+string(tt.kind)+" "+tt.want, func(t *testing.T) {
			out, f, conv, err := limits.PrepareOutbound(tt.kind, tt.data)
			if f != tt.wantFormat {
				t.Errorf("format = %q, want %q", f, tt.wantFormat)
			}
			got := outcome(t, conv, err)
			if got != tt.want {
				t.Fatalf("outcome = %s (%v), want %s", got, err, tt.want)
			}
			if err == nil {
				if _, err := limits.Check(Outbound, tt.kind, out); err != nil {
					t.Errorf("bytes to upload fail the rules: %v", err)
				}
			}
		})
	}
}

// outcome names what happened; a failure that is not a Rejection fails t.
func outcome(t *testing.T, conv bool, err error) string {
	t.Helper()
	var rej *Rejection
	switch {
	case err == nil && conv:
		return converted
	case err == nil:
		return accepted
	case errors.As(err, &rej):
		if rej.Message("en") == "" || rej.Message("zh-CN") == "" || rej.Message("en") == rej.Message("zh") {
			t.Errorf("rejection without both languages: %+v", rej)
		}
		return rej.Code
	}
	t.Fatalf("error is not a *Rejection: %v", err)
	return ""
}

// TestCheckInbound covers what customers send: stored either way, flagged
// with a code when a rule is broken.
func TestCheckInbound(t *testing.T) {
	tests := []struct {
		name     string
		data     []byte
		want     Verdict // Rejection is compared by code only
		wantCode string
	}{
		{"jpeg", encodeJPEG(t, gradient(64, 48), 85), Verdict{Format: FormatJPEG, Kind: KindImage, OK: true, Width: 64, Height: 48}, ""},
		{"png over 2 MB", padTo(encodePNG(t, gradient(8, 8)), 2*MB+1), Verdict{Format: FormatPNG, Kind: KindImage, Width: 8, Height: 8}, CodeTooLarge},
		{"gif", encodeGIF(t, 4, 4, false), Verdict{Format: FormatGIF, Kind: KindImage, Width: 4, Height: 4}, CodeWrongFormat},
		{"20000² png header", pngClaiming(20_000, 20_000), Verdict{Format: FormatPNG, Kind: KindImage, Width: 20_000, Height: 20_000}, CodeDimensions},
		{"voice 10 s", amrNB(500, 7), Verdict{Format: FormatAMR, Kind: KindVoice, OK: true, Duration: 10 * time.Second}, ""},
		{"voice 61 s has no inbound limit", amrNB(3050, 0), Verdict{Format: FormatAMR, Kind: KindVoice, OK: true, Duration: 61 * time.Second}, ""},
		{"mp4", mp4Minimal(), Verdict{Format: FormatMP4, Kind: KindVideo, OK: true}, ""},
		{"docx", docxBytes(t), Verdict{Format: FormatDOCX, Kind: KindFile, OK: true}, ""},
		{"xls", ole2With("Workbook"), Verdict{Format: FormatXLS, Kind: KindFile, OK: true}, ""},
		{"elf", elfExecutable(), Verdict{Format: FormatExecutable}, CodeExecutable},
		{"5 bytes", []byte("hello"), Verdict{Format: FormatUnknown}, CodeTooSmall},
		{"unrecognised", []byte("name,phone\nA,1\n"), Verdict{Format: FormatUnknown}, CodeWrongFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckInbound(tt.data)
			code := ""
			if got.Rejection != nil {
				code = got.Rejection.Code
				if got.Rejection.Message("zh") == "" || got.Rejection.Message("en") == "" {
					t.Errorf("rejection without text: %+v", got.Rejection)
				}
			}
			if code != tt.wantCode {
				t.Errorf("code = %q, want %q", code, tt.wantCode)
			}
			got.Rejection = nil
			if got != tt.want {
				t.Errorf("verdict = %+v\nwant      %+v", got, tt.want)
			}
		})
	}
}

// TestBombRefusedBeforeDecoding: the 20,000 × 20,000 PNG is only a header
// (no pixel data), so any attempt to decode it would fail as corrupt; being
// refused for its dimensions proves the header check came first.
func TestBombRefusedBeforeDecoding(t *testing.T) {
	bomb := pngClaiming(20_000, 20_000)
	for _, dir := range []Direction{Inbound, Outbound} {
		if _, err := Check(dir, KindImage, bomb); !errors.Is(err, ErrDimensions) {
			t.Errorf("%s: err = %v, want media_dimensions", dir, err)
		}
	}
	if _, _, _, err := PrepareOutboundImage(bomb, 10); !errors.Is(err, ErrImageTooManyPixels) {
		t.Errorf("PrepareOutboundImage: err = %v, want ErrImageTooManyPixels", err)
	}
}

func TestRejectionMessage(t *testing.T) {
	r := rejectExecutable(KindImage)
	tests := []struct {
		lang string
		want string
	}{
		{"zh", r.ReasonZH},
		{"zh-CN", r.ReasonZH},
		{"zh_Hans", r.ReasonZH},
		{"ZH-TW", r.ReasonZH},
		{"en", r.Reason},
		{"en-US", r.Reason},
		{"", r.Reason},
		{"zhx", r.Reason},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			if got := r.Message(tt.lang); got != tt.want {
				t.Errorf("Message(%q) = %q, want %q", tt.lang, got, tt.want)
			}
		})
	}
	if r.Reason != "image refused: the content is an executable program, whatever its name" ||
		r.ReasonZH != "图片已拒绝：内容是可执行程序（与文件名无关）" {
		t.Errorf("wording changed: %q / %q", r.Reason, r.ReasonZH)
	}
}
