package media

import (
	"archive/zip"
	"bytes"
	"testing"
)

// Generated ZIP packages: OOXML documents and plain archives.

// zipWith builds a ZIP archive holding the named (empty-bodied XML) entries.
func zipWith(t testing.TB, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range names {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(`<?xml version="1.0"?><x/>`)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zipFiles builds a deflated ZIP archive of the given name → content pairs,
// in order.
func zipFiles(t testing.TB, files ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.Create(f[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(f[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// contentTypes is a [Content_Types].xml declaring part as mainType, the way
// Word and Excel write it.
func contentTypes(part, mainType string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="` + part + `" ContentType="` + mainType + `"/></Types>`
}

const rels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`

func docxBytes(t testing.TB) []byte {
	return zipFiles(t,
		[2]string{"[Content_Types].xml", contentTypes("/word/document.xml", ctWordMain)},
		[2]string{"_rels/.rels", rels},
		[2]string{"word/document.xml", `<?xml version="1.0"?><w:document/>`})
}

func xlsxBytes(t testing.TB) []byte {
	return zipFiles(t,
		[2]string{"[Content_Types].xml", contentTypes("/xl/workbook.xml", ctExcelMain)},
		[2]string{"_rels/.rels", rels},
		[2]string{"xl/workbook.xml", `<?xml version="1.0"?><workbook/>`},
		[2]string{"xl/worksheets/sheet1.xml", `<?xml version="1.0"?><worksheet/>`})
}

// storedDOCX is a DOCX whose entries are stored uncompressed, as some
// generators write them.
func storedDOCX(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range [][2]string{
		{"[Content_Types].xml", contentTypes("/word/document.xml", ctWordMain)},
		{"word/document.xml", "<w:document/>"},
	} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f[0], Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(f[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withZipComment appends an archive comment, which moves the end record away
// from the last 22 bytes.
func withZipComment(data []byte, comment string) []byte {
	out := bytes.Clone(data)
	n := len(out) - zipEndSize
	out[n+20], out[n+21] = byte(len(comment)), byte(len(comment)>>8)
	return append(out, comment...)
}

// bigDOCX is a DOCX of about size bytes: a stored, incompressible image
// part pads it the way photos in a real document do.
func bigDOCX(t testing.TB, size int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, body string, method uint16) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	add("[Content_Types].xml", contentTypes("/word/document.xml", ctWordMain), zip.Deflate)
	add("word/document.xml", "<w:document/>", zip.Deflate)
	add("word/media/image1.png", string(noise(1, size/4, false).Pix), zip.Store)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
