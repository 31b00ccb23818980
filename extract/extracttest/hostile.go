// Package extracttest writes hostile input files for tests: the cases of a
// security review that crashed, hung or exhausted recmap (an object stored
// inside its own object stream, an /Extends cycle, an xref /Size of 4e9,
// arrays nested millions deep, a flate bomb, 200,000 pages, DOCX numbering
// and style loops, 100,000 paragraphs, 20 MB on one line …). Every file is
// built by code at test time; none is committed.
package extracttest

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"strings"
	"sync"
)

// WritePDF writes objects 1..n with a classic cross-reference table and a
// trailer whose /Root is object root; trailer is written right after the
// /Root entry (e.g. " /Encrypt 6 0 R").
func WritePDF(objs []string, root int, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, root, trailer, x)
	return b.Bytes()
}

// hostilePDF writes objects 1..n, the catalog first.
func hostilePDF(objs ...string) []byte { return WritePDF(objs, 1, "") }

const (
	hostileText = "BT /F1 12 Tf 72 700 Td (1. GRETA urges the authorities to identify victims of trafficking.) Tj ET"
	hostileFont = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
)

func hostileStream(data string) string {
	return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(data), data)
}

// onePage is a one-page PDF whose page has the given content, resources
// and extra objects (numbered from 6).
func onePage(content, res string, more ...string) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> " + res + " >> /Contents 4 0 R >>",
		hostileStream(content), hostileFont}
	return hostilePDF(append(objs, more...)...)
}

// xrefStreamPDF writes a catalog, extra raw objects and a cross-reference
// stream with /Size size whose entries entries builds from the offsets.
func xrefStreamPDF(size string, extra func(b *bytes.Buffer) map[int]int, entries func(offs map[int]int, xref int) []byte) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offs := map[int]int{1: b.Len()}
	b.WriteString("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	if extra != nil {
		for k, v := range extra(&b) {
			offs[k] = v
		}
	}
	x := b.Len()
	data := entries(offs, x)
	fmt.Fprintf(&b, "9 0 obj\n<< /Type /XRef /Size %s /Root 1 0 R /W [1 4 2] /Index [0 10] /Length %d >>\nstream\n", size, len(data))
	b.Write(data)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", x)
	return b.Bytes()
}

// xrefEntry is one 7-byte entry of W [1 4 2].
func xrefEntry(typ byte, a uint32, c uint16) []byte {
	e := []byte{typ, 0, 0, 0, 0, 0, 0}
	binary.BigEndian.PutUint32(e[1:], a)
	binary.BigEndian.PutUint16(e[5:], c)
	return e
}

func xrefEntries(first [][]byte, xref int) []byte {
	var d []byte
	for _, e := range first {
		d = append(d, e...)
	}
	for len(d) < 9*7 {
		d = append(d, xrefEntry(0, 0, 0)...)
	}
	return append(d, xrefEntry(1, uint32(xref), 0)...)
}

// PDFs are the PDF cases by name (add ".pdf" for a file name); "ok" is a
// valid one-page report.
func PDFs() map[string][]byte {
	pdfsOnce.Do(func() { pdfs = buildPDFs() })
	m := make(map[string][]byte, len(pdfs))
	for k, v := range pdfs {
		m[k] = v
	}
	return m
}

// The PDF cases are built once per process (the flate bomb compresses
// 1 GB).
var (
	pdfsOnce sync.Once
	pdfs     map[string][]byte
)

func buildPDFs() map[string][]byte {
	m := SmallPDFs()
	m["pages-200k"] = manyPages(200_000)
	m["nested-arrays-closed-1e6"] = onePage(strings.Repeat("[", 1_000_000)+strings.Repeat("]", 1_000_000)+" "+hostileText, "")
	m["nested-arrays-open-5e6"] = onePage(strings.Repeat("[", 5_000_000)+" "+hostileText, "")
	m["nested-dicts-5e5"] = onePage(strings.Repeat("<<", 500_000)+hostileText, "")
	m["many-text-operators"] = onePage("BT /F1 12 Tf "+strings.Repeat("1 0 0 1 72 700 Tm (x) Tj ", 1_500_000)+"ET", "")
	m["flate-bomb"] = flateBomb()
	return m
}

// SmallPDFs are the PDF cases of a few kilobytes, cheap to build (fuzz
// seeds): all but the bomb, the deep nestings, 200,000 pages and 1.5
// million operators.
func SmallPDFs() map[string][]byte {
	m := map[string][]byte{
		"ok":                onePage(hostileText, ""),
		"self-reference":    hostilePDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>", "6 0 R", hostileFont, "4 0 R"),
		"page-tree-cycle":   hostilePDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>", hostileStream(hostileText), hostileFont),
		"form-draws-itself": onePage("/Fm1 Do", "/XObject << /Fm1 6 0 R >>", fmt.Sprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /Fm1 6 0 R >> /Font << /F1 5 0 R >> >> /Length %d >>\nstream\n%s /Fm1 Do\nendstream", len(hostileText)+8, hostileText)),
		"objstm-self": xrefStreamPDF("10", nil, func(o map[int]int, x int) []byte {
			return xrefEntries([][]byte{xrefEntry(0, 0, 65535), xrefEntry(1, uint32(o[1]), 0), xrefEntry(2, 2, 0)}, x)
		}),
		"objstm-extends-loop": ExtendsLoop(),
	}
	for _, size := range []string{"100000000", "4000000000", "9999999999999"} {
		m["xref-size-"+size] = xrefStreamPDF(size, nil, func(o map[int]int, x int) []byte {
			return xrefEntries([][]byte{xrefEntry(0, 0, 65535), xrefEntry(1, uint32(o[1]), 0)}, x)
		})
	}
	return m
}

func manyPages(n int) []byte {
	kids := strings.TrimSpace(strings.Repeat("3 0 R ", n))
	return hostilePDF("<< /Type /Catalog /Pages 2 0 R >>", fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids, n),
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>", hostileStream(hostileText), hostileFont)
}

// flateBomb is a page whose first content stream inflates to 1 GB.
func flateBomb() []byte {
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for range 1024 {
		w.Write(chunk)
	}
	w.Close()
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents [6 0 R 4 0 R] >>",
		hostileStream(hostileText), hostileFont,
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.String())}
	return hostilePDF(objs...)
}

// ExtendsLoop is a PDF whose object stream /Extends itself: the PDF
// library never returns from it.
func ExtendsLoop() []byte {
	return xrefStreamPDF("10", extendsLoop, func(o map[int]int, x int) []byte {
		return xrefEntries([][]byte{xrefEntry(0, 0, 65535), xrefEntry(1, uint32(o[1]), 0), xrefEntry(2, 3, 0), xrefEntry(1, uint32(o[3]), 0)}, x)
	})
}

// extendsLoop writes an object stream whose /Extends names itself.
func extendsLoop(b *bytes.Buffer) map[int]int {
	off := b.Len()
	body := "99 0 "
	fmt.Fprintf(b, "3 0 obj\n<< /Type /ObjStm /N 1 /First %d /Extends 3 0 R /Length %d >>\nstream\n%s<<>>\nendstream\nendobj\n", len(body), len(body)+4, body)
	return map[int]int{3: off}
}

// Others are the DOCX, HTML and text cases by file name.
func Others() map[string][]byte {
	para := func(i int) string {
		return fmt.Sprintf("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"8\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>GRETA urges x %d.</w:t></w:r></w:p>", i)
	}
	var paras strings.Builder
	for i := range 50_000 {
		paras.WriteString(para(i))
	}
	levels := ""
	for l := range 9 {
		levels += fmt.Sprintf(`<w:lvl w:ilvl="%d"><w:start w:val="2147483647"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%%1.%%2.%%3.%%4.%%5.%%6.%%7.%%8.%%9"/></w:lvl>`, l)
	}
	numbering := `<?xml version="1.0"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0">` + levels +
		`</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	styles := `<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:styleId="A"><w:basedOn w:val="B"/></w:style><w:style w:styleId="B"><w:basedOn w:val="A"/></w:style></w:styles>`
	return map[string][]byte{
		"numbering-bomb.docx": hostileDOCX(paras.String(), map[string]string{"word/numbering.xml": numbering}),
		"paras-100k.docx":     hostileDOCX(strings.Repeat("<w:p><w:r><w:t>GRETA urges the authorities.</w:t></w:r></w:p>", 100_000), nil),
		"styles-loop.docx":    hostileDOCX(`<w:p><w:pPr><w:pStyle w:val="A"/></w:pPr><w:r><w:t>Text in a style loop.</w:t></w:r></w:p>`, map[string]string{"word/styles.xml": styles}),
		"nested-1e6.html":     []byte("<html><body>" + strings.Repeat("<div>", 1_000_000) + "text" + strings.Repeat("</div>", 1_000_000) + "</body></html>"),
		"paras-200k.html":     []byte("<html><body>" + strings.Repeat("<p>GRETA urges the authorities to act.</p>", 200_000) + "</body></html>"),
		"lines-1e6.txt":       bytes.Repeat([]byte("GRETA urges the authorities to act.\n\n"), 1_000_000),
		"oneline-20mb.txt":    bytes.Repeat([]byte("trafficking "), 20<<20/12),
	}
}

func hostileDOCX(body string, parts map[string]string) []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	files := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"word/document.xml":   `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`,
	}
	for k, v := range parts {
		files[k] = v
	}
	for name, data := range files {
		w, _ := z.Create(name)
		w.Write([]byte(data))
	}
	z.Close()
	return b.Bytes()
}
