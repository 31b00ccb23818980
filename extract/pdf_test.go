package extract

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/rc4"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/recmap/recmap/extract/extracttest"
)

// pdfSpec describes a minimal PDF written by minimalPDF.
type pdfSpec struct {
	pages   []string // content streams, one per page
	form    string   // content of Form XObject /Fm1
	header  string   // default "%PDF-1.4"
	encrypt string   // an /Encrypt dictionary, written as its own object
	id      string   // first file ID, raw bytes
	filter  string   // a /Filter for the page streams (the data is not encoded)
	junk    string   // bytes after %%EOF
}

// minimalPDF writes a PDF by hand: a catalog, a page tree that holds the
// MediaBox and resources for its pages to inherit, Helvetica and
// Helvetica-Bold, a Type0 font whose ToUnicode bfrange crosses a 256-code
// boundary, a Form XObject and one content stream per page.
func minimalPDF(s pdfSpec) []byte {
	var b bytes.Buffer
	header := s.header
	if header == "" {
		header = "%PDF-1.4"
	}
	b.WriteString(header + "\n%\xe2\xe3\xcf\xd3\n")
	var offsets []int
	obj := func(body string) int {
		offsets = append(offsets, b.Len())
		n := len(offsets)
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, body)
		return n
	}
	stream := func(dict, data string) string {
		return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
	}
	n := len(s.pages)
	first := 10 // objects 10.. are the pages' content streams and page dicts
	var kids []string
	for i := range n {
		kids = append(kids, fmt.Sprintf("%d 0 R", first+2*i+1))
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d /MediaBox [0 0 612 792] /Resources 3 0 R >>", strings.Join(kids, " "), n))
	obj("<< /Font << /F1 4 0 R /F2 5 0 R /F3 6 0 R >> /XObject << /Fm1 9 0 R >> >>")
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
	obj("<< /Type /Font /Subtype /Type0 /BaseFont /TestSans /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>")
	obj("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestSans /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 /W [32 [278] 72 [722]] >>")
	cmap := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n" +
		"1 begincodespacerange <0000> <FFFF> endcodespacerange\n" +
		"1 beginbfrange <0020> <01FF> <0020> endbfrange\n" +
		"endcmap CMapName currentdict /CMap defineresource pop end end"
	obj(stream("", cmap))
	obj(stream("/Type /XObject /Subtype /Form /BBox [0 0 612 792]", s.form))
	for len(offsets) < first-1 {
		obj("null")
	}
	filter := ""
	if s.filter != "" {
		filter = "/Filter /" + s.filter
	}
	for i, c := range s.pages {
		obj(stream(filter, c))
		_ = i
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /Contents %d 0 R >>", len(offsets)))
	}
	trailer := fmt.Sprintf("/Size %d /Root 1 0 R", len(offsets)+1)
	if s.encrypt != "" {
		e := obj(s.encrypt)
		trailer += fmt.Sprintf(" /Encrypt %d 0 R /ID [<%x> <%x>]", e, s.id, s.id)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n%s", trailer, xref, s.junk)
	return b.Bytes()
}

// text shows s with font f at size sz, at x, y.
func text(f string, sz, x, y float64, s string) string {
	return fmt.Sprintf("BT /%s %g Tf %g %g Td (%s) Tj ET\n", f, sz, x, y, s)
}

func readTestPDF(t testing.TB, data []byte, o Options) (*Document, error) {
	t.Helper()
	return o.Read(context.Background(), bytes.NewReader(data), int64(len(data)), PDF, "test.pdf")
}

func TestPDFLayout(t *testing.T) {
	var cols strings.Builder
	for i := range 8 {
		y := 700 - float64(i)*14
		cols.WriteString(text("F1", 10, 72, y, fmt.Sprintf("left column line %d with several words", i+1)))
		cols.WriteString(text("F1", 10, 330, y, fmt.Sprintf("Right column line %d with several words", i+1)))
	}
	tests := []struct {
		name, content, want string
	}{
		{"simple", text("F1", 12, 72, 700, "Hello World."), "Hello World."},
		{"TJ kerning makes a space", "BT /F1 12 Tf 72 700 Td [(Hello)-400(World)20(s)] TJ ET", "Hello Worlds"},
		{"Tc Tw Tz", "BT /F1 12 Tf 0.5 Tc 3 Tw 90 Tz 72 700 Td (Spaced  words here.) Tj ET", "Spaced words here."},
		{"ToUnicode bfrange across 256", "BT /F3 12 Tf 72 700 Td <0048015100720171002000500171> Tj ET", "Hőrű Pű"},
		{"soft hyphen object", text("F1", 12, 72, 700, "Some infor") + text("F1", 12, 124.7, 700, "-") + text("F1", 12, 72, 686, "mation here."), "Some information here."},
		{"soft hyphen char", text("F1", 12, 72, 700, "Some infor\\255") + text("F1", 12, 72, 686, "mation here."), "Some information here."},
		{"real hyphen kept", text("F1", 12, 72, 700, "The Inter-") + text("F1", 12, 72, 686, "Ministerial group."), "The Inter-Ministerial group."},
		{"numbered lines start paragraphs",
			text("F1", 12, 72, 700, "54. First paragraph") + text("F1", 12, 72, 686, "continues here.") +
				text("F1", 12, 72, 672, "115.23") + text("F1", 12, 120, 672, "Ratify the convention") + text("F1", 12, 120, 658, "(Wakanda);"),
			"54. First paragraph continues here.\n\n115.23 Ratify the convention (Wakanda);"},
		{"two columns", cols.String(), func() string {
			var l, r []string
			for i := range 8 {
				l = append(l, fmt.Sprintf("left column line %d with several words", i+1))
				r = append(r, fmt.Sprintf("Right column line %d with several words", i+1))
			}
			return strings.Join(l, " ") + "\n\n" + strings.Join(r, " ")
		}()},
		{"sentence goes on in the next column",
			text("F1", 10, 72, 700, "The first column ends in the middle of a") + text("F1", 10, 72, 686, "sentence that the second column") +
				text("F1", 10, 330, 700, "finishes at its head.") + text("F1", 10, 330, 686, "A new paragraph starts here."),
			"The first column ends in the middle of a sentence that the second column finishes at its head.\n\nA new paragraph starts here."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := readTestPDF(t, minimalPDF(pdfSpec{pages: []string{tt.content}}), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimSpace(renderGolden(doc)); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestPDFBoldAndPage(t *testing.T) {
	content := "BT /F1 12 Tf 72 700 Td (Plain ) Tj /F2 12 Tf (bold words) Tj /F1 12 Tf ( and more text.) Tj ET"
	doc, err := readTestPDF(t, minimalPDF(pdfSpec{pages: []string{content}}), Options{KeepLines: true})
	if err != nil {
		t.Fatal(err)
	}
	p := doc.Paragraphs[0]
	if got := p.Text[p.BoldSpans[0][0]:p.BoldSpans[0][1]]; got != "bold words" || len(p.BoldSpans) != 1 {
		t.Errorf("bold spans %v of %q, want one over \"bold words\"", p.BoldSpans, p.Text)
	}
	if p.Size != 12 || p.Page != 1 {
		t.Errorf("size %v page %d, want 12, 1", p.Size, p.Page)
	}
	if pg := doc.Pages[0]; pg.Width != 612 || pg.Height != 792 || len(pg.Lines) != 1 {
		t.Errorf("page %+v, want 612×792 inherited from the page tree, 1 line", pg)
	}
}

func TestPDFRunningLinesAndFootnotes(t *testing.T) {
	var pages []string
	for i := range 3 {
		body := text("F1", 12, 72, 700, fmt.Sprintf("Body text of page %d.", i+1)) +
			"/Fm1 Do\n" + text("F1", 10, 300, 20, fmt.Sprint(i+1))
		if i == 1 {
			body += text("F1", 8, 72, 80, "1 A footnote at the bottom.")
		}
		pages = append(pages, body)
	}
	form := text("F1", 10, 72, 40, "Confidential report")
	doc, err := readTestPDF(t, minimalPDF(pdfSpec{pages: pages, form: form}), Options{KeepLines: true})
	if err != nil {
		t.Fatal(err)
	}
	got := renderGolden(doc)
	if want := "Body text of page 1.\n\nBody text of page 2.\n\nBody text of page 3.\n"; got != want {
		t.Errorf("body %q, want %q", got, want)
	}
	if len(doc.Footnotes) != 1 || doc.Footnotes[0].Number != "1" || doc.Footnotes[0].Page != 2 {
		t.Errorf("footnotes %+v, want one numbered 1 on page 2", doc.Footnotes)
	}
	roles := map[string]int{}
	for _, pg := range doc.Pages {
		for _, l := range pg.Lines {
			roles[l.Role]++
		}
	}
	if roles["footer"] != 3 || roles["page-number"] != 3 {
		t.Errorf("roles %v, want 3 footers (from the Form XObject) and 3 page numbers", roles)
	}
}

func TestPDFKeepLinesFalse(t *testing.T) {
	doc, err := readTestPDF(t, minimalPDF(pdfSpec{pages: []string{text("F1", 12, 72, 700, "Hi.")}}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != 1 || doc.Pages[0].Lines != nil || doc.Pages[0].Number != 1 {
		t.Errorf("pages %+v, want one page without lines", doc.Pages)
	}
}

// rc4Encrypt returns an /Encrypt dictionary for 40-bit RC4 (V 1, R 2) with
// an empty user password, which the library accepts and then decrypts
// wrongly.
func rc4Encrypt(id string) string {
	pad := []byte{0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
		0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A}
	o := bytes.Repeat([]byte{7}, 32)
	h := md5.New()
	h.Write(pad)
	h.Write(o)
	h.Write([]byte{0xfc, 0xff, 0xff, 0xff}) // P = -4
	h.Write([]byte(id))
	key := h.Sum(nil)[:5]
	c, _ := rc4.NewCipher(key)
	u := make([]byte, 32)
	c.XORKeyStream(u, pad)
	return fmt.Sprintf("<< /Filter /Standard /V 1 /R 2 /Length 40 /O <%x> /U <%x> /P -4 >>", o, u)
}

func TestPDFErrors(t *testing.T) {
	good := minimalPDF(pdfSpec{pages: []string{text("F1", 12, 72, 700, "Hello.")}})
	id := "0123456789abcdef"
	tests := []struct {
		name string
		data []byte
		o    Options
		want error
		page int
	}{
		{"no text", minimalPDF(pdfSpec{pages: []string{"0 0 m 100 100 l S"}}), Options{}, ErrNoTextLayer, 0},
		{"garbage", []byte("%PDF-1.4\nthis is not a pdf at all\n"), Options{}, ErrCorrupt, 0},
		{"truncated", good[:len(good)*2/3], Options{}, ErrCorrupt, 0},
		{"rc4 40", minimalPDF(pdfSpec{pages: []string{text("F1", 12, 72, 700, "Hello.")}, encrypt: rc4Encrypt(id), id: id}), Options{}, ErrEncrypted, 0},
		{"aes 256", minimalPDF(pdfSpec{pages: []string{text("F1", 12, 72, 700, "Hello.")}, id: id,
			encrypt: "<< /Filter /Standard /V 5 /R 6 /Length 256 /O <00> /U <00> /P -4 >>"}), Options{}, ErrEncrypted, 0},
		{"user password", minimalPDF(pdfSpec{pages: []string{text("F1", 12, 72, 700, "Hello.")}, id: id,
			encrypt: fmt.Sprintf("<< /Filter /Standard /V 2 /R 3 /Length 128 /O <%x> /U <%x> /P -4 >>", bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{2}, 32))}), Options{}, ErrEncrypted, 0},
		{"too many pages", minimalPDF(pdfSpec{pages: []string{text("F1", 12, 72, 700, "a."), text("F1", 12, 72, 700, "b.")}}), Options{Limits: Limits{MaxPages: 1}}, ErrTooLarge, 0},
		{"stream too large", good, Options{Limits: Limits{MaxStreamSize: 10}}, ErrTooLarge, 1},
		{"unsupported filter panics inside the library", minimalPDF(pdfSpec{pages: []string{"xx"}, filter: "LZWDecode"}), Options{}, ErrCorrupt, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readTestPDF(t, tt.data, tt.o)
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Page != tt.page || e.Path != "test.pdf" {
				t.Errorf("got %#v, want *Error for test.pdf page %d", err, tt.page)
			}
		})
	}
}

func TestPDFHeaderWorkarounds(t *testing.T) {
	content := []string{text("F1", 12, 72, 700, "Readable text.")}
	for name, data := range map[string][]byte{
		"pdf 2.0 header":     minimalPDF(pdfSpec{pages: content, header: "%PDF-2.0"}),
		"junk after header":  minimalPDF(pdfSpec{pages: content, header: "%PDF-1.4 generated"}),
		"junk after %%EOF":   minimalPDF(pdfSpec{pages: content, junk: strings.Repeat("junk ", 100)}),
		"two workers, pages": minimalPDF(pdfSpec{pages: append(content, content...)}),
	} {
		t.Run(name, func(t *testing.T) {
			doc, err := readTestPDF(t, data, Options{Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(doc.Text(), "Readable text.") {
				t.Errorf("text %q", doc.Text())
			}
		})
	}
}

func TestParseCMapAcross256(t *testing.T) {
	m, space := parseCMap([]byte("1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfrange <00F0> <0110> <00F0> <0150> <0151> [<0150> <0151>] endbfrange 1 beginbfchar <0003> <0020> endbfchar"))
	for code, want := range map[uint32]string{0xff: "ÿ", 0x100: "Ā", 0x110: "Đ", 0x150: "Ő", 0x151: "ő", 3: " "} {
		if m[code] != want {
			t.Errorf("code %04x = %q, want %q", code, m[code], want)
		}
	}
	if space.n != 2 {
		t.Errorf("code length %d, want 2", space.n)
	}
}

func TestIsBoldName(t *testing.T) {
	for name, want := range map[string]bool{
		"ABCDEF+Calibri-Bold": true, "Times New Roman,Bold": true, "DejaVuSerif-Bold": true,
		"utf8dvB": true, "TimesNewRomanPSMT": false, "ArialMT": false, "Helvetica": false,
	} {
		if got := isBoldName(name); got != want {
			t.Errorf("isBoldName(%q) = %v, want %v", name, got, want)
		}
	}
}

// FuzzPDF feeds damaged PDFs to the reader: it must neither panic nor hang.
// readPDF is called directly so that a panic is not hidden by the recover
// in Options.Read. Limits are tight (2 s, 20 pages, 1 MB streams) so that
// no input holds a worker for long. Run it with a short minimisation time:
//
//	go test ./extract -run '^$' -fuzz '^FuzzPDF$' -fuzztime 30s -fuzzminimizetime 2s
//
// With the default (60 s) each new interesting input is minimised for up
// to a minute, thousands of executions that the progress line does not
// count until the minimisation ends, so a short run shows "execs: 10".
func FuzzPDF(f *testing.F) {
	f.Add(minimalPDF(pdfSpec{pages: []string{"q 0.5 w 70 700 m 300 700 l S 70 680 m 300 680 l S 70 700 m 70 660 l S 150 700 m 150 660 l S 300 700 m 300 660 l S Q " +
		text("F1", 10, 72, 690, "No.") + " " + text("F1", 10, 152, 690, "Measure") + " " + text("F1", 10, 72, 670, "1") + " " + text("F1", 10, 152, 670, "Review")}}))
	f.Add(minimalPDF(pdfSpec{pages: []string{text("F1", 12, 72, 700, "Hello World.")}}))
	f.Add(minimalPDF(pdfSpec{pages: []string{"BT /F3 12 Tf 72 700 Td <0048015100720171> Tj ET /Fm1 Do"}, form: text("F2", 9, 72, 30, "Footer")}))
	f.Add(minimalPDF(pdfSpec{pages: []string{"BT /F1 12 Tf [(a)-300(b)] TJ 0 -14 TD (c) ' 1 2 (d) \" ET BI /W 1 /H 1 ID \x00\x01 EI"}}))
	// The small hostile cases, but those that crash or hang the PDF
	// library itself (which only an isolated read survives) or make it
	// allocate for minutes under the fuzzer's instrumentation.
	for name, data := range extracttest.SmallPDFs() {
		switch name {
		case "objstm-self", "objstm-extends-loop", "xref-size-4000000000", "xref-size-100000000":
		default:
			if len(data) < 64<<10 {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		lim := DefaultLimits
		lim.MaxStreamSize = 1 << 20
		lim.MaxPages = 20
		lim.Timeout = 2 * time.Second
		start := time.Now()
		readPDF(ctx, data, lim, Options{Workers: 1})
		if time.Since(start) > 5*time.Second {
			t.Errorf("took %v", time.Since(start))
		}
	})
}

const bench181 = "../../shared/corpus/upr/c3_A_HRC_43_2_HRC_session_report_2021_181pages.pdf"

// BenchmarkPDF181 extracts the 181-page session report, all pages in
// parallel:
//
//	go test ./extract -run '^$' -bench PDF181 -benchmem
func BenchmarkPDF181(b *testing.B) {
	data, err := os.ReadFile(filepath.FromSlash(bench181))
	if err != nil {
		b.Skip("corpus absent:", err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		doc, err := readTestPDF(b, data, Options{})
		if err != nil || len(doc.Pages) != 181 {
			b.Fatal(err)
		}
	}
	b.ReportMetric(181*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// TestPDFMutations is a quick, deterministic stand-in for FuzzPDF: damaged
// copies of a minimal PDF must not panic (readPDF does not recover at the
// top) and must finish fast.
func TestPDFMutations(t *testing.T) {
	seeds := [][]byte{
		minimalPDF(pdfSpec{pages: []string{text("F1", 12, 72, 700, "Hello World.")}}),
		minimalPDF(pdfSpec{pages: []string{"BT /F3 12 Tf 72 700 Td <0048015100720171> Tj ET /Fm1 Do"}, form: text("F2", 9, 72, 30, "Footer")}),
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		seed := seeds[i%len(seeds)]
		d := append([]byte(nil), seed...)
		for range 1 + r.IntN(8) {
			d[r.IntN(len(d))] = byte(r.IntN(256))
		}
		start := time.Now()
		readPDF(t.Context(), d, DefaultLimits, Options{Workers: 1})
		if el := time.Since(start); el > 2*time.Second {
			t.Errorf("mutation %d took %v", i, el)
		}
	}
}

// TestPDFTables checks table detection on hand-built pages: a ruled grid
// with a wrapped cell, an unruled grid drawn row by row, and a list of
// names set in columns (drawn column by column), which is not a table.
func TestPDFTables(t *testing.T) {
	rules := "q 0.5 w 70 720 m 400 720 l S 70 700 m 400 700 l S 70 660 m 400 660 l S " +
		"70 720 m 70 660 l S 150 720 m 150 660 l S 400 720 m 400 660 l S Q\n"
	ruled := rules + text("F1", 10, 72, 708, "No.") + text("F1", 10, 152, 708, "Measure") +
		text("F1", 10, 72, 688, "1") + text("F1", 10, 152, 688, "Review the") + text("F1", 10, 152, 676, "questionnaire.")
	unruled := text("F1", 10, 72, 708, "Symbol") + text("F1", 10, 200, 708, "Item") + text("F1", 10, 300, 708, "Title") +
		text("F1", 10, 72, 694, "A/1") + text("F1", 10, 200, 694, "3") + text("F1", 10, 300, 694, "Visit to Kuwait") +
		text("F1", 10, 72, 680, "A/2") + text("F1", 10, 200, 680, "6") + text("F1", 10, 300, 680, "Visit to Norway")
	var columns string
	for c, names := range [][]string{{"Albania", "Algeria", "Andorra"}, {"Egypt", "Estonia", "France"}, {"Lesotho", "Malta", "Oman"}} {
		for r, n := range names {
			columns += text("F1", 10, float64(72+150*c), float64(708-14*r), n)
		}
	}
	for _, tc := range []struct {
		name, page string
		want       []string
	}{
		{"ruled", ruled, []string{"No. | Measure", "1 | Review the questionnaire."}},
		{"unruled", unruled, []string{"Symbol | Item | Title", "A/1 | 3 | Visit to Kuwait", "A/2 | 6 | Visit to Norway"}},
		{"columns", columns, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := readTestPDF(t, minimalPDF(pdfSpec{pages: []string{tc.page}}), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range doc.Paragraphs {
				if p.Table == 1 {
					got = append(got, p.Text)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("table rows:\n got %q\nwant %q", got, tc.want)
			}
			if tc.want != nil && (len(doc.Tables) != 1 || len(doc.Tables[0].Rows) != len(tc.want)) {
				t.Errorf("Tables = %+v", doc.Tables)
			}
		})
	}
}
