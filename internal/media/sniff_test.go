package media

import (
	"bytes"
	"testing"
)

func TestSniff(t *testing.T) {
	small := gradient(8, 8)
	tests := []struct {
		name string
		data []byte
		want Format
	}{
		{"jpeg", encodeJPEG(t, small, 90), FormatJPEG},
		{"png", encodePNG(t, small), FormatPNG},
		{"gif89a", encodeGIF(t, 4, 4, false), FormatGIF},
		{"gif87a", []byte("GIF87a\x01\x00\x01\x00"), FormatGIF},
		{"webp lossy", webpLossy, FormatWebP},
		{"webp lossless", webpLossless, FormatWebP},
		{"riff but wav", []byte("RIFF\x24\x00\x00\x00WAVEfmt "), FormatUnknown},
		{"bmp", encodeBMP(t, small), FormatBMP},
		{"text starting with BM", []byte("BMW owners club newsletter"), FormatUnknown},
		{"mp4 isom", ftyp("isom", "isom", "iso2", "avc1", "mp41"), FormatMP4},
		{"mp4 mp42", ftyp("mp42", "mp42", "isom"), FormatMP4},
		{"mp4 by compatible brand", ftyp("XYZW", "abcd", "mp41"), FormatMP4},
		{"mov", ftyp("qt  ", "qt  "), FormatMOV},
		{"mov by compatible brand", ftyp("XYZW", "qt  "), FormatMOV},
		{"m4a audio is not video", ftyp("M4A ", "M4A ", "mp42", "isom"), FormatUnknown},
		{"3gp", ftyp("3gp4", "3gp4"), FormatUnknown},
		{"amr-nb", amrNB(3, 7), FormatAMR},
		{"amr-wb", amrWB(3, 8), FormatAMRWB},
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), FormatPDF},
		{"doc", ole2With("\x01CompObj", "WordDocument", "1Table"), FormatDOC},
		{"xls biff8", ole2With("Workbook", "\x05SummaryInformation"), FormatXLS},
		{"xls biff5", ole2With("Book"), FormatXLS},
		{"ppt is not doc", ole2With("PowerPoint Document"), FormatOLE2},
		{"bare ole2 header", padTo(magicOLE2, 512), FormatOLE2},
		{"truncated ole2", magicOLE2, FormatOLE2},
		{"docx", docxBytes(t), FormatDOCX},
		{"xlsx", xlsxBytes(t), FormatXLSX},
		{"zip without content types", zipWith(t, "word/document.xml"), FormatZIP},
		{"plain zip", zipWith(t, "photo.jpg", "notes.txt"), FormatZIP},
		{"truncated zip", []byte("PK\x03\x04\x14\x00\x00\x00"), FormatZIP},
		{"mp4 ftyp+moov", mp4Minimal(), FormatMP4},
		{"ftyp box too short for its fields", []byte("\x00\x00\x00\x0cftypisom\x00\x00\x00\x00"), FormatUnknown},
		{"amr header then reserved frame type", append(append([]byte{}, magicAMR...), 13<<3, 0, 0), FormatUnknown},
		{"text after the amr header", []byte("#!AMR\nhello"), FormatUnknown},
		{"pdf document", pdfMinimal(), FormatPDF},
		{"docx stored, not deflated", storedDOCX(t), FormatDOCX},
		{"docx with archive comment", withZipComment(docxBytes(t), "made by a test"), FormatDOCX},
		{"docm is not docx", zipFiles(t,
			[2]string{"[Content_Types].xml", contentTypes("/word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml")},
			[2]string{"word/document.xml", "<w/>"}), FormatZIP},
		{"content types naming a missing part", zipFiles(t,
			[2]string{"[Content_Types].xml", contentTypes("/word/document.xml", ctWordMain)},
			[2]string{"xl/workbook.xml", "<x/>"}), FormatZIP},
		{"word parts but empty content types", zipWith(t, "[Content_Types].xml", "word/document.xml"), FormatZIP},
		{"elf", elfExecutable(), FormatExecutable},
		{"32-bit big-endian elf", []byte("\x7fELF\x01\x02\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00"), FormatExecutable},
		{"pe", peExecutable(), FormatExecutable},
		{"dos", dosExecutable(), FormatExecutable},
		{"mach-o", machOExecutable(), FormatExecutable},
		{"mach-o universal", []byte("\xca\xfe\xba\xbe\x00\x00\x00\x02\x01\x00\x00\x07"), FormatExecutable},
		{"shell script", []byte("#!/bin/sh\necho hi\n"), FormatExecutable},
		{"env script with a space", []byte("#! /usr/bin/env python3\nprint(1)\n"), FormatExecutable},
		{"text starting with MZ", []byte("MZ is a fine pair of letters to start a long line of text with, really."), FormatUnknown},
		{"hash-bang without a path", []byte("#!important note"), FormatUnknown},
		{"text", []byte("hello, this is plain text"), FormatUnknown},
		{"empty", nil, FormatUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sniff(tt.data); got != tt.want {
				t.Errorf("Sniff = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestSniffOLE2DirectoryChain covers a directory spanning two sectors, where
// the Word stream is only found by following the FAT chain.
func TestSniffOLE2DirectoryChain(t *testing.T) {
	data := ole2With("a", "b", "c")
	data = append(data, make([]byte, 512)...) // sector 2: second directory sector
	putDirEntry(data[3*512:], "WordDocument", cfbStreamObject)
	fat := data[512:]
	fat[4], fat[5], fat[6], fat[7] = 2, 0, 0, 0 // sector 1 → sector 2
	fat[8], fat[9], fat[10], fat[11] = 0xFE, 0xFF, 0xFF, 0xFF
	if got := Sniff(data); got != FormatDOC {
		t.Fatalf("Sniff = %q, want doc", got)
	}
	fat[4], fat[5], fat[6], fat[7] = 1, 0, 0, 0 // sector 1 → itself: a cycle
	if got := Sniff(data); got != FormatOLE2 {
		t.Fatalf("cyclic chain: Sniff = %q, want ole2", got)
	}
}

func TestKindOf(t *testing.T) {
	tests := []struct {
		f    Format
		want Kind
		mime string
		ext  string
	}{
		{FormatJPEG, KindImage, "image/jpeg", ".jpg"},
		{FormatWebP, KindImage, "image/webp", ".webp"},
		{FormatMP4, KindVideo, "video/mp4", ".mp4"},
		{FormatAMR, KindVoice, "audio/amr", ".amr"},
		{FormatXLSX, KindFile, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"},
		{FormatUnknown, "", "application/octet-stream", ".bin"},
	}
	for _, tt := range tests {
		t.Run(string(tt.f), func(t *testing.T) {
			if got := KindOf(tt.f); got != tt.want {
				t.Errorf("KindOf = %q, want %q", got, tt.want)
			}
			if got := tt.f.MIMEType(); got != tt.mime {
				t.Errorf("MIMEType = %q, want %q", got, tt.mime)
			}
			if got := tt.f.Extension(); got != tt.ext {
				t.Errorf("Extension = %q, want %q", got, tt.ext)
			}
		})
	}
}

func FuzzSniff(f *testing.F) {
	f.Add([]byte{})
	f.Add(encodePNG(f, gradient(2, 2)))
	f.Add(encodeGIF(f, 2, 2, true))
	f.Add(webpLossless)
	f.Add(ftyp("isom", "mp41"))
	f.Add(amrNB(2, 0))
	f.Add(ole2With("WordDocument"))
	f.Add(docxBytes(f))
	f.Add([]byte("BM\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x28\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		orig := bytes.Clone(data)
		got := Sniff(data)
		if _, known := formats[got]; !known && got != FormatUnknown {
			t.Fatalf("Sniff returned unlisted format %q", got)
		}
		if !bytes.Equal(data, orig) {
			t.Fatal("Sniff modified its input")
		}
		if got == FormatAMR || got == FormatAMRWB {
			_, _ = AMRDuration(data) // must not panic either
		}
	})
}

func BenchmarkSniff(b *testing.B) {
	inputs := []struct {
		name string
		data []byte
	}{
		{"jpeg", encodeJPEG(b, gradient(64, 64), 85)},
		{"mp4", ftyp("isom", "isom", "iso2", "avc1", "mp41")},
		{"doc", ole2With("\x01CompObj", "WordDocument", "1Table")},
		{"docx", docxBytes(b)},
		{"unknown", bytes.Repeat([]byte("plain text "), 100)},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.data)))
			for b.Loop() {
				Sniff(in.data)
			}
		})
	}
}
