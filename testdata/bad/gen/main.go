// Command gen writes the binary files of the bad-input catalogue in
// testdata/bad: hostile or broken inputs that recmap must refuse with a
// clear message and never panic on. Text cases (taxonomy, HTML, Latin-1
// text) are written too, so that one command rebuilds the whole folder:
//
//	go run ./testdata/bad/gen
//
// The output is committed; CI does not run this. catalogue.txt (written by
// hand) says what each file must produce. The workbooks with formulas and
// with a renamed sheet are not here: they depend on the workspace they were
// exported from, so the catalogue test makes them from a fresh export.
package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"flag"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/recmap/recmap/extract/extracttest"
)

var fixedTime = time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC)

func main() {
	root := flag.String("root", ".", "repository root (where go.mod is)")
	flag.Parse()
	if err := run(filepath.Join(*root, "testdata", "bad")); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	files := map[string]func() ([]byte, error){
		"encrypted-rc4-40.pdf":   rc4PDF,
		"encrypted-aes-256.pdf":  aes256PDF,
		"scanned.pdf":            scannedPDF,
		"undecodable.pdf":        undecodablePDF,
		"truncated.pdf":          truncatedPDF,
		"broken-xref.pdf":        brokenXrefPDF,
		"zero-byte.pdf":          func() ([]byte, error) { return nil, nil },
		"png-renamed.pdf":        pngBytes,
		"random-binary.pdf":      randomBytes,
		"three-pages.pdf":        func() ([]byte, error) { return textPDF(3) },
		"zip-bomb.docx":          zipBomb,
		"zip-bomb-declared.docx": zipBombDeclared,
		"zip-bomb-lying.docx":    zipBombLying,
		"xxe.docx":               xxeDOCX,
		"script.html":            scriptHTML,
		"taxonomy-syntax.json":   taxonomySyntax,
		"latin1.txt":             latin1Text,
	}
	for name, f := range files {
		b, err := f()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// textPDF is a valid English PDF of n pages with numbered GRETA-style
// paragraphs, built with fpdf core fonts.
func textPDF(n int) ([]byte, error) { return newPDF(n, nil) }

func newPDF(pages int, prepare func(*fpdf.Fpdf)) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(fixedTime)
	pdf.SetModificationDate(fixedTime)
	pdf.SetCompression(false)
	if prepare != nil {
		prepare(pdf)
	}
	for p := 1; p <= pages; p++ {
		pdf.AddPage()
		pdf.SetFont("Helvetica", "", 11)
		for i := 1; i <= 4; i++ {
			pdf.MultiCell(0, 6, fmt.Sprintf("%d. SAMPLE bad-input fixture, page %d: GRETA considers that the authorities should train labour inspectors to identify victims of trafficking.", (p-1)*4+i, p), "", "L", false)
			pdf.Ln(2)
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// rc4PDF is encrypted by fpdf's SetProtection: RC4 with a 40-bit key, which
// the PDF library opens but decrypts to garbage.
func rc4PDF() ([]byte, error) {
	return newPDF(1, func(p *fpdf.Fpdf) { p.SetProtection(fpdf.CnProtectPrint, "", "owner") })
}

// aes256PDF is a hand-built PDF whose /Encrypt dictionary declares AES-256
// (V 5, R 6), which the PDF library does not support. The content is not
// really encrypted: the dictionary alone must make recmap refuse it.
func aes256PDF() ([]byte, error) {
	o := strings.Repeat("A", 48)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		"<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 720 Td (Encrypted text) Tj ET\nendstream",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		"<< /Filter /Standard /V 5 /R 6 /Length 256 /P -4 /EncryptMetadata true" +
			" /CF << /StdCF << /CFM /AESV3 /AuthEvent /DocOpen /Length 32 >> >> /StmF /StdCF /StrF /StdCF" +
			" /O (" + o + ") /U (" + o + ") /OE (" + o[:32] + ") /UE (" + o[:32] + ") /Perms (" + o[:16] + ") >>",
	}
	return buildPDF(objs, "/Encrypt 6 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]"), nil
}

// buildPDF writes objects 1..n with a correct xref table.
func buildPDF(objs []string, trailerExtra string) []byte {
	return extracttest.WritePDF(objs, 1, " "+trailerExtra)
}

// scannedPDF has two pages that are only a picture: what a scanner makes
// without OCR.
func scannedPDF() ([]byte, error) {
	img, err := pngBytes()
	if err != nil {
		return nil, err
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(fixedTime)
	pdf.SetModificationDate(fixedTime)
	pdf.RegisterImageOptionsReader("scan", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(img))
	for range 2 {
		pdf.AddPage()
		pdf.ImageOptions("scan", 10, 10, 190, 270, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// undecodablePDF has a text layer that does not decode: its font's
// ToUnicode map sends every code to the Private Use Area, as symbol and
// badly subset fonts do. Two pages of it.
func undecodablePDF() ([]byte, error) {
	var cmap strings.Builder
	cmap.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n" +
		"1 begincodespacerange <00> <FF> endcodespacerange\n1 beginbfrange <20> <7E> <E020> endbfrange\n" +
		"endcmap CMapName currentdict /CMap defineresource pop end end")
	var content strings.Builder
	content.WriteString("BT /F1 11 Tf 72 760 Td 14 TL\n")
	for i := range 40 {
		fmt.Fprintf(&content, "(Line %d of a report whose font maps every code to a private-use character.) '\n", i+1)
	}
	content.WriteString("ET")
	const page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
		page, page,
		"<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+SymbolPi /Encoding /WinAnsiEncoding /ToUnicode 7 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", content.Len(), content.String()),
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", cmap.Len(), cmap.String()),
	}
	return buildPDF(objs, ""), nil
}

// truncatedPDF is a valid PDF cut in half, like an interrupted download.
func truncatedPDF() ([]byte, error) {
	b, err := textPDF(3)
	if err != nil {
		return nil, err
	}
	return b[:len(b)/2], nil
}

// brokenXrefPDF is a valid PDF whose xref table points at wrong offsets and
// whose startxref points into the middle of an object.
func brokenXrefPDF() ([]byte, error) {
	b, err := textPDF(1)
	if err != nil {
		return nil, err
	}
	s := string(b)
	i := strings.LastIndex(s, "startxref\n")
	j := strings.Index(s[i+10:], "\n")
	xref := strings.Index(s, "\nxref\n")
	// Garble the offsets of the table (keep its shape) and point startxref
	// a few bytes off.
	table := s[xref:i]
	table = strings.NewReplacer("0000000", "0000099").Replace(table)
	var out strings.Builder
	out.WriteString(s[:xref])
	out.WriteString(table)
	fmt.Fprintf(&out, "startxref\n%d", xref+7)
	out.WriteString(s[i+10+j:])
	return []byte(out.String()), nil
}

// pngBytes is a small grey "scan" as a PNG.
func pngBytes() ([]byte, error) {
	img := image.NewGray(image.Rect(0, 0, 120, 160))
	r := rand.New(rand.NewPCG(1, 2))
	for y := range 160 {
		for x := range 120 {
			v := uint8(230)
			if y%12 < 3 && x > 10 && x < 110 && r.IntN(3) > 0 {
				v = 40
			}
			img.SetGray(x, y, color.Gray{Y: v})
		}
	}
	var buf bytes.Buffer
	err := png.Encode(&buf, img)
	return buf.Bytes(), err
}

func randomBytes() ([]byte, error) {
	r := rand.New(rand.NewPCG(3, 4))
	b := make([]byte, 4096)
	for i := range b {
		b[i] = byte(r.IntN(256))
	}
	return b, nil
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

func docXML(body string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`
}

// docx writes a minimal DOCX; raw entries are written with the declared
// uncompressed size given, whatever their real size.
type entry struct {
	name     string
	data     []byte
	declared uint64 // 0: honest
}

func docx(entries ...entry) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	all := append([]entry{{name: "[Content_Types].xml", data: []byte(contentTypes)}, {name: "_rels/.rels", data: []byte(rels)}}, entries...)
	for _, e := range all {
		if e.declared == 0 {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: fixedTime})
			if err != nil {
				return nil, err
			}
			w.Write(e.data)
			continue
		}
		var comp bytes.Buffer
		fw, _ := flate.NewWriter(&comp, flate.BestCompression)
		fw.Write(e.data)
		fw.Close()
		w, err := zw.CreateRaw(&zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: fixedTime,
			CRC32: crc32.ChecksumIEEE(e.data), CompressedSize64: uint64(comp.Len()), UncompressedSize64: e.declared})
		if err != nil {
			return nil, err
		}
		w.Write(comp.Bytes())
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// zipBomb is an honest zip bomb: 80 MB of spaces in an 80 KB file.
func zipBomb() ([]byte, error) {
	pad := bytes.Repeat([]byte(" "), 80<<20)
	return docx(entry{name: "word/document.xml", data: []byte(docXML(`<w:p><w:r><w:t>` + string(pad) + `</w:t></w:r></w:p>`))})
}

// zipBombDeclared declares a 1 TB document.xml.
func zipBombDeclared() ([]byte, error) {
	return docx(entry{name: "word/document.xml", data: []byte(docXML(`<w:p><w:r><w:t>bomb</w:t></w:r></w:p>`)), declared: 1 << 40})
}

// zipBombLying declares 1 KB but inflates to 80 MB of spaces inside a
// paragraph: the reader must stop at the limit, not trust the header.
func zipBombLying() ([]byte, error) {
	pad := bytes.Repeat([]byte(" "), 80<<20)
	data := []byte(docXML(`<w:p><w:r><w:t>` + string(pad) + `</w:t></w:r></w:p>`))
	return docx(entry{name: "word/document.xml", data: data, declared: 1024})
}

// xxeDOCX declares an external entity that would read /etc/passwd.
func xxeDOCX() ([]byte, error) {
	body := `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>`
	return docx(entry{name: "word/document.xml", data: []byte(body)})
}

func scriptHTML() ([]byte, error) {
	return []byte(`<!DOCTYPE html>
<html><head><title>SAMPLE hostile HTML</title>
<script>document.write("SCRIPT-PAYLOAD"); fetch("http://example.invalid/steal")</script>
<style>p { color: red } /* STYLE-PAYLOAD */</style></head>
<body onload="alert('ONLOAD-PAYLOAD')">
<h1>Article 1</h1>
<p>1. Member States shall take the necessary measures to protect victims.<script>alert("INLINE-PAYLOAD")</script></p>
<p>2. Member States shall ensure <a href="javascript:alert(1)">assistance</a> to victims.</p>
<noscript>NOSCRIPT text</noscript>
</body></html>
`), nil
}

func taxonomySyntax() ([]byte, error) {
	return []byte(`{
  "topics": [
    {"id": "identification", "en": ["identify", "identification"]}
    {"id": "compensation", "en": ["compensation"]}
  ]
}
`), nil
}

// latin1Text is an ISO-8859-1 file (not UTF-8). Latin-1 has á, é, ö but
// not ő or ű, so the text avoids those two.
func latin1Text() ([]byte, error) {
	s := "SAMPLE Latin-1 fixture\n\n1. A kormány biztosítja az áldozatok védelmét és a szolgáltatások elérését.\n\n2. Az önkormányzatok segítik a civil szervezeteket.\n"
	var b []byte
	for _, r := range s {
		if r > 0xff {
			r = '?'
		}
		b = append(b, byte(r))
	}
	return b, nil
}
