package media

import (
	"errors"
	"testing"
)

func TestCheck(t *testing.T) {
	pngSmall := encodePNG(t, gradient(16, 16))
	jpgSmall := encodeJPEG(t, gradient(16, 16), 85)
	mp4 := ftyp("isom", "isom", "avc1")
	tests := []struct {
		name       string
		dir        Direction
		kind       Kind
		data       []byte
		wantFormat Format
		wantCode   string // "" means accepted
	}{
		{"outbound png", Outbound, KindImage, pngSmall, FormatPNG, ""},
		{"inbound jpeg", Inbound, KindImage, jpgSmall, FormatJPEG, ""},
		{"png declared as voice", Outbound, KindVoice, pngSmall, FormatPNG, CodeSpoofed},
		{"mp4 declared as image", Inbound, KindImage, mp4, FormatMP4, CodeSpoofed},
		{"amr declared as file", Outbound, KindFile, amrNB(10, 7), FormatAMR, CodeSpoofed},
		{"text named .jpg", Outbound, KindImage, []byte("just some text, named photo.jpg"), FormatUnknown, CodeWrongFormat},
		{"five bytes", Outbound, KindFile, []byte("%PDF-"), FormatPDF, CodeTooSmall},
		{"empty", Inbound, KindImage, nil, FormatUnknown, CodeTooSmall},
		{"six-byte pdf header", Outbound, KindFile, []byte("%PDF-1"), FormatPDF, ""},
		{"inbound gif refused", Inbound, KindImage, encodeGIF(t, 4, 4, false), FormatGIF, CodeWrongFormat},
		{"outbound gif converted", Outbound, KindImage, encodeGIF(t, 4, 4, false), FormatGIF, CodeNeedsConversion},
		{"outbound webp converted", Outbound, KindImage, webpLossy, FormatWebP, CodeNeedsConversion},
		{"outbound bmp converted", Outbound, KindImage, encodeBMP(t, gradient(4, 4)), FormatBMP, CodeNeedsConversion},
		{"inbound png at 2 MB", Inbound, KindImage, padTo(pngSmall, 2*MB), FormatPNG, ""},
		{"inbound png over 2 MB", Inbound, KindImage, padTo(pngSmall, 2*MB+1), FormatPNG, CodeTooLarge},
		{"outbound png over 10 MB", Outbound, KindImage, padTo(pngSmall, 10*MB+1), FormatPNG, CodeNeedsConversion},
		{"outbound mp4", Outbound, KindVideo, mp4, FormatMP4, ""},
		{"mov refused", Outbound, KindVideo, ftyp("qt  ", "qt  "), FormatMOV, CodeWrongFormat},
		{"mp4 over 10 MB", Inbound, KindVideo, padTo(mp4, 10*MB+1), FormatMP4, CodeTooLarge},
		{"voice 3 s", Outbound, KindVoice, amrNB(150, 7), FormatAMR, ""},
		{"voice 60 s", Outbound, KindVoice, amrNB(3000, 7), FormatAMR, ""},
		{"voice 61 s outbound", Outbound, KindVoice, amrNB(3050, 7), FormatAMR, CodeTooLong},
		{"voice 61 s inbound", Inbound, KindVoice, amrNB(3050, 7), FormatAMR, ""},
		{"voice corrupt", Inbound, KindVoice, append(amrNB(5, 7), 13<<3), FormatAMR, CodeCorrupt},
		{"voice amr-wb", Outbound, KindVoice, amrWB(50, 2), FormatAMRWB, CodeWrongFormat},
		{"voice over 2 MB", Outbound, KindVoice, padTo(amrNB(1, 7), 2*MB+1), FormatAMR, CodeTooLarge},
		{"pdf", Outbound, KindFile, []byte("%PDF-1.4\n%EOF\n"), FormatPDF, ""},
		{"doc", Inbound, KindFile, ole2With("WordDocument"), FormatDOC, ""},
		{"xls", Inbound, KindFile, ole2With("Workbook"), FormatXLS, ""},
		{"docx", Outbound, KindFile, docxBytes(t), FormatDOCX, ""},
		{"xlsx", Outbound, KindFile, xlsxBytes(t), FormatXLSX, ""},
		{"ppt refused", Outbound, KindFile, ole2With("PowerPoint Document"), FormatOLE2, CodeWrongFormat},
		{"zip refused", Outbound, KindFile, zipWith(t, "a.txt"), FormatZIP, CodeWrongFormat},
		{"file over 20 MB", Outbound, KindFile, padTo([]byte("%PDF-1.4\n"), 20*MB+1), FormatPDF, CodeTooLarge},
		{"unknown kind", Outbound, Kind("sticker"), pngSmall, FormatUnknown, CodeUnknownKind},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Check(tt.dir, tt.kind, tt.data)
			if f != tt.wantFormat {
				t.Errorf("format = %q, want %q", f, tt.wantFormat)
			}
			if tt.wantCode == "" {
				if err != nil {
					t.Fatalf("unexpected rejection: %v", err)
				}
				return
			}
			var rej *Rejection
			if !errors.As(err, &rej) {
				t.Fatalf("err = %v, want *Rejection %s", err, tt.wantCode)
			}
			if rej.Code != tt.wantCode {
				t.Fatalf("code = %q (%s), want %q", rej.Code, rej.Reason, tt.wantCode)
			}
			if rej.Reason == "" || rej.ReasonZH == "" {
				t.Errorf("missing reason: %+v", rej)
			}
		})
	}
}

func TestCheckInvalidDirection(t *testing.T) {
	_, err := Check(Direction(7), KindImage, encodePNG(t, gradient(2, 2)))
	if !errors.Is(err, ErrInvalidDirection) {
		t.Fatalf("err = %v, want ErrInvalidDirection", err)
	}
}

// TestRejectionText pins the exact wording agents see.
func TestRejectionText(t *testing.T) {
	pngSmall := encodePNG(t, gradient(4, 4))
	tests := []struct {
		name     string
		dir      Direction
		kind     Kind
		data     []byte
		sentinel error
		want     string
		wantZH   string
	}{
		{"too large", Inbound, KindImage, padTo(pngSmall, 12*MB+MB*3/10), ErrTooLarge,
			"media: image too large: 12.3 MB > 2 MB", "图片过大：12.3 MB，上限 2 MB"},
		{"too large by a byte", Inbound, KindImage, padTo(pngSmall, 2*MB+1), ErrTooLarge,
			"media: image too large: 2097153 bytes > 2097152 bytes", "图片过大：2097153 字节，上限 2097152 字节"},
		{"spoofed", Outbound, KindVoice, pngSmall, ErrSpoofed,
			"media: declared as voice but the content is an image (PNG)", "声明为语音，但内容是图片（PNG）"},
		{"too long", Outbound, KindVoice, amrNB(3051, 7), ErrTooLong,
			"media: voice too long: 61.02 s > 60 s", "语音过长：61.02 秒，上限 60 秒"},
		{"unrecognised", Outbound, KindFile, []byte("name,phone\nA,1\n"), ErrWrongFormat,
			"media: file must be PDF, DOC, DOCX, XLS or XLSX; the content is not a recognised format",
			"文件仅支持 PDF、DOC、DOCX、XLS、XLSX；无法识别该内容的格式"},
		{"mov", Outbound, KindVideo, ftyp("qt  "), ErrWrongFormat,
			"media: video must be MP4; the content is QuickTime MOV", "视频仅支持 MP4；实际内容为 QuickTime MOV"},
		{"too small", Outbound, KindImage, []byte{0xFF, 0xD8, 0xFF}, ErrTooSmall,
			"media: image too small: 3 bytes (must be more than 5)", "图片过小：3 字节（须大于 5 字节）"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Check(tt.dir, tt.kind, tt.data)
			if !errors.Is(err, tt.sentinel) {
				t.Fatalf("err = %v, want errors.Is %v", err, tt.sentinel)
			}
			if err.Error() != tt.want {
				t.Errorf("Error() = %q\nwant      %q", err.Error(), tt.want)
			}
			var rej *Rejection
			if errors.As(err, &rej) && rej.ReasonZH != tt.wantZH {
				t.Errorf("ReasonZH = %q\nwant       %q", rej.ReasonZH, tt.wantZH)
			}
		})
	}
}

// TestMPLimits checks the configurable outbound image target: 3 MB passes the
// product table but needs conversion for the Official Account.
func TestMPLimits(t *testing.T) {
	data := padTo(encodeJPEG(t, gradient(8, 8), 90), 3*MB)
	if _, err := DefaultLimits().Check(Outbound, KindImage, data); err != nil {
		t.Fatalf("default limits: %v", err)
	}
	if _, err := MPLimits().Check(Outbound, KindImage, data); !errors.Is(err, ErrNeedsConversion) {
		t.Fatalf("MP limits: err = %v, want needs_conversion", err)
	}
	if got := MPLimits().Inbound; got.Image.MaxBytes != 2*MB || got.File.MaxBytes != 20*MB {
		t.Fatalf("MPLimits changed inbound rules: %+v", got)
	}
}

func TestHumanSize(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "0 B"},
		{5, "5 B"},
		{1023, "1023 B"},
		{1024, "1 KB"},
		{1536, "1.5 KB"},
		{1048575, "1 MB"},
		{3 * MB / 2, "1.5 MB"},
		{10 * MB, "10 MB"},
		{12*MB + MB*3/10, "12.3 MB"},
		{20 * MB, "20 MB"},
		{5 << 30, "5 GB"},
		{-2048, "-2 KB"},
		{-1 << 63, "-8 EB"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := HumanSize(tt.n); got != tt.want {
				t.Errorf("HumanSize(%d) = %q, want %q", tt.n, got, tt.want)
			}
		})
	}
}
