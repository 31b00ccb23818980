package extract_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/recmap/recmap/extract"
)

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// docxFile builds a DOCX archive in memory from its parts. A part given
// without an XML declaration gets one.
func docxFile(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range sortedParts(parts) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		body := parts[name]
		if !strings.HasPrefix(body, "<?xml") {
			body = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + body
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sortedParts(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			if keys[j] < keys[i] {
				keys[i], keys[j] = keys[j], keys[i]
			}
		}
	}
	return keys
}

// wordDoc wraps body XML in a w:document.
func wordDoc(body string) string {
	return `<w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`
}

func wPara(runs string) string { return `<w:p>` + runs + `</w:p>` }

func wRun(text string) string {
	return `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r>`
}

func wBold(text string) string {
	return `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">` + text + `</w:t></w:r>`
}

const testStyles = `<w:styles ` + wNS + `>
<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="My heading"/><w:basedOn w:val="Heading2"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="Recommendation"><w:name w:val="Recommendation"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ListNumber"><w:name w:val="List Number"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Loop1"><w:name w:val="Loop1"/><w:basedOn w:val="Loop2"/></w:style>
<w:style w:type="paragraph" w:styleId="Loop2"><w:name w:val="Loop2"/><w:basedOn w:val="Loop1"/></w:style>
</w:styles>`

const testNumbering = `<w:numbering ` + wNS + `>
<w:abstractNum w:abstractNumId="10">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="20">
 <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="30">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="30"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="10"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>
</w:numbering>`

func wNumbered(numID, ilvl, text string) string {
	return `<w:p><w:pPr><w:numPr><w:ilvl w:val="` + ilvl + `"/><w:numId w:val="` + numID + `"/></w:numPr></w:pPr>` + wRun(text) + `</w:p>`
}

func wStyled(style, runs string) string {
	return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>` + runs + `</w:p>`
}

func readTestDOCX(t *testing.T, parts map[string]string, lim extract.Limits) (*extract.Document, error) {
	t.Helper()
	b := docxFile(t, parts)
	return extract.Options{Limits: lim}.Read(t.Context(), bytes.NewReader(b), int64(len(b)), extract.DOCX, "test.docx")
}

// paraBrief is the part of a paragraph the tests compare.
type paraBrief struct {
	Text    string
	Number  string
	Heading int
	List    int
	Marker  string
	Table   int
	Spans   [][2]int
}

func paraBriefs(ps []extract.Paragraph) []paraBrief {
	out := make([]paraBrief, len(ps))
	for i, p := range ps {
		out[i] = paraBrief{p.Text, p.Number, p.Heading, p.List, p.Marker, p.Table, p.BoldSpans}
	}
	return out
}

func TestDOCXParagraphs(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []paraBrief
	}{
		{"runs and direct bold",
			wPara(wBold("GRETA urges") + wRun(" the authorities.")),
			[]paraBrief{{Text: "GRETA urges the authorities.", Spans: [][2]int{{0, 11}}}}},
		{"bold off with val 0 and false",
			wStyled("Recommendation", `<w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t xml:space="preserve">not bold </w:t></w:r>`+
				`<w:r><w:rPr><w:b w:val="false"/></w:rPr><w:t xml:space="preserve">either </w:t></w:r>`+wRun("bold")),
			[]paraBrief{{Text: "not bold either bold", Spans: [][2]int{{16, 20}}}}},
		{"complex-script bold counts when w:b is absent",
			wPara(`<w:r><w:rPr><w:bCs/></w:rPr><w:t>cs</w:t></w:r>`),
			[]paraBrief{{Text: "cs", Spans: [][2]int{{0, 2}}}}},
		{"character style bold",
			wPara(wRun("a ") + `<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>strong</w:t></w:r>`),
			[]paraBrief{{Text: "a strong", Spans: [][2]int{{2, 8}}}}},
		{"heading styles and inheritance",
			wStyled("Heading1", wRun("Introduction")) + wStyled("MyHeading", wRun("Scope")) + wStyled("Title", wRun("Report")),
			[]paraBrief{
				{Text: "Introduction", Heading: 1, Spans: [][2]int{{0, 12}}},
				{Text: "Scope", Heading: 2, Spans: [][2]int{{0, 5}}},
				{Text: "Report", Heading: 1},
			}},
		{"direct outline level",
			`<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr>` + wRun("Deep") + `</w:p>`,
			[]paraBrief{{Text: "Deep", Heading: 3}}},
		{"style basedOn loop does not hang",
			wStyled("Loop1", wRun("loop")),
			[]paraBrief{{Text: "loop"}}},
		{"word numbering",
			wNumbered("1", "0", "First.") + wNumbered("1", "1", "point a") + wNumbered("1", "1", "point b") +
				wNumbered("1", "0", "Second.") + wNumbered("1", "2", "sub") + wNumbered("2", "0", "bullet") +
				wNumbered("3", "0", "roman") + wStyled("ListNumber", wRun("Third via style.")),
			[]paraBrief{
				{Text: "First.", Number: "1"},
				{Text: "point a", List: 2, Marker: "(a)"},
				{Text: "point b", List: 2, Marker: "(b)"},
				{Text: "Second.", Number: "2"},
				{Text: "sub", Number: "2.1", List: 3},
				{Text: "bullet", List: 1, Marker: "•"},
				{Text: "roman", List: 1, Marker: "I."},
				{Text: "Third via style.", Number: "3"},
			}},
		{"start override",
			wNumbered("4", "0", "seventh"),
			[]paraBrief{{Text: "seventh", Number: "7"}}},
		{"numId 0 switches numbering off",
			wNumbered("0", "0", "plain"),
			[]paraBrief{{Text: "plain"}}},
		{"typed numbers and bullets",
			wPara(wRun("54. GRETA urges")) + wPara(wRun("122.78 Continue efforts")) + wPara(wRun("– take steps")) + wPara(wRun("2023. december 31.")),
			[]paraBrief{
				{Text: "GRETA urges", Number: "54"},
				{Text: "Continue efforts", Number: "122.78"},
				{Text: "take steps", List: 1, Marker: "–"},
				{Text: "2023. december 31."},
			}},
		{"bold span shifted past a typed number",
			wPara(wRun("54. ") + wBold("GRETA urges") + wRun(" them")),
			[]paraBrief{{Text: "GRETA urges them", Number: "54", Spans: [][2]int{{0, 11}}}}},
		{"tabs, breaks, soft and no-break hyphens",
			wPara(`<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:softHyphen/><w:t>d` + "\u00ad" + `e</w:t><w:noBreakHyphen/><w:t>f</w:t></w:r>`),
			[]paraBrief{{Text: "a b cde-f"}}},
		{"hyperlinks, content controls, insertions; no deletions, field codes or hidden text",
			wPara(`<w:hyperlink><w:r><w:t>link</w:t></w:r></w:hyperlink>`+
				`<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent><w:r><w:t xml:space="preserve"> control</w:t></w:r></w:sdtContent></w:sdt>`+
				`<w:ins><w:r><w:t xml:space="preserve"> inserted</w:t></w:r></w:ins>`+
				`<w:del><w:r><w:delText> deleted</w:delText></w:r></w:del>`+
				`<w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r>`+
				`<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>`) +
				`<w:sdt><w:sdtContent>` + wPara(wRun("block control")) + `</w:sdtContent></w:sdt>`,
			[]paraBrief{{Text: "link control inserted"}, {Text: "block control"}}},
		{"empty paragraphs are dropped",
			wPara("") + wPara(wRun("   ")) + wPara(wRun("x")),
			[]paraBrief{{Text: "x"}}},
		{"accents and entities",
			wPara(wRun("Határidő: 2023. december 31. &amp; ű")),
			[]paraBrief{{Text: "Határidő: 2023. december 31. & ű"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := readTestDOCX(t, map[string]string{
				"word/document.xml":  wordDoc(tt.body),
				"word/styles.xml":    testStyles,
				"word/numbering.xml": testNumbering,
			}, extract.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if got := paraBriefs(doc.Paragraphs); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestDOCXBoldShareAndSize(t *testing.T) {
	doc, err := readTestDOCX(t, map[string]string{
		"word/document.xml": wordDoc(wPara(wBold("ab")+wRun("cd")) + wStyled("Heading1", wRun("H"))),
		"word/styles.xml":   testStyles,
	}, extract.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Paragraphs[0].Bold; got != 0.5 {
		t.Errorf("bold share = %v, want 0.5", got)
	}
	if got := doc.Paragraphs[0].Size; got != 11 {
		t.Errorf("size = %v, want 11 (document default)", got)
	}
	if got := doc.Paragraphs[1].Size; got != 16 {
		t.Errorf("heading size = %v, want 16", got)
	}
}

func wCell(props, text string) string {
	return `<w:tc><w:tcPr>` + props + `</w:tcPr>` + wPara(wRun(text)) + `</w:tc>`
}

func TestDOCXTables(t *testing.T) {
	body := wPara(wRun("Before")) +
		`<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>` +
		`<w:tr>` + wCell("", "Recommendation") + wCell("", "Position") + wCell("", "Themes") + `</w:tr>` +
		`<w:tr>` + wCell(`<w:gridSpan w:val="3"/>`, "Theme: trafficking") + `</w:tr>` +
		`<w:tr><w:tc>` + wPara(wRun("115.1 Ratify")) + wPara(wRun("Source: para 3")) + `</w:tc>` +
		wCell(`<w:vMerge w:val="restart"/>`, "Supported") +
		`<w:tc>` + `<w:tbl><w:tr>` + wCell("", "inner a") + wCell("", "inner b") + `</w:tr></w:tbl>` + `</w:tc></w:tr>` +
		`<w:tr>` + wCell("", "115.2 Adopt") + `<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>` + wCell("", "- general") + `</w:tr>` +
		`<w:tr>` + wCell("", "") + wCell("", "") + wCell("", "") + `</w:tr>` +
		`</w:tbl>` + wPara(wRun("After"))
	doc, err := readTestDOCX(t, map[string]string{"word/document.xml": wordDoc(body)}, extract.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	wantRows := [][]string{
		{"Recommendation", "Position", "Themes"},
		{"Theme: trafficking", "", ""},
		{"115.1 Ratify\nSource: para 3", "Supported", "inner a | inner b"},
		{"115.2 Adopt", "Supported", "- general"},
	}
	if len(doc.Tables) != 1 {
		t.Fatalf("got %d tables, want 1", len(doc.Tables))
	}
	if got := doc.Tables[0].Rows; !reflect.DeepEqual(got, wantRows) {
		t.Errorf("rows:\ngot  %q\nwant %q", got, wantRows)
	}
	want := []paraBrief{
		{Text: "Before"},
		{Text: "Recommendation | Position | Themes", Table: 1},
		{Text: "Theme: trafficking", Table: 1},
		{Text: "115.1 Ratify Source: para 3 | Supported | inner a | inner b", Table: 1},
		{Text: "115.2 Adopt | - general", Table: 1},
		{Text: "After"},
	}
	if got := paraBriefs(doc.Paragraphs); !reflect.DeepEqual(got, want) {
		t.Errorf("paragraphs:\ngot  %+v\nwant %+v", got, want)
	}
}

func TestDOCXDeeplyNestedTables(t *testing.T) {
	body := strings.Repeat(`<w:tbl><w:tr><w:tc>`, 100) + wPara(wRun("deep")) + strings.Repeat(`</w:tc></w:tr></w:tbl>`, 100)
	doc, err := readTestDOCX(t, map[string]string{"word/document.xml": wordDoc(body)}, extract.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Tables) != 1 || doc.Tables[0].Rows[0][0] != "deep" {
		t.Errorf("tables = %v, want one cell \"deep\"", doc.Tables)
	}
}

func TestDOCXFootnotesAndTitle(t *testing.T) {
	doc, err := readTestDOCX(t, map[string]string{
		"word/document.xml": wordDoc(wPara(wRun("Text") + `<w:r><w:footnoteReference w:id="5"/></w:r>` + wRun(" more") +
			`<w:r><w:footnoteReference w:id="2"/></w:r>`)),
		"word/footnotes.xml": `<w:footnotes ` + wNS + `>` +
			`<w:footnote w:type="separator" w:id="-1">` + wPara(`<w:r><w:separator/></w:r>`) + `</w:footnote>` +
			`<w:footnote w:type="continuationSeparator" w:id="0">` + wPara(wRun("cont")) + `</w:footnote>` +
			`<w:footnote w:id="2">` + wPara(`<w:r><w:footnoteRef/></w:r>`+wRun(" Second note.")) + `</w:footnote>` +
			`<w:footnote w:id="5">` + wPara(`<w:r><w:footnoteRef/></w:r>`+wRun(" See GRETA(2023)08,")) + wPara(wRun("para 54.")) + `</w:footnote>` +
			`</w:footnotes>`,
		"docProps/core.xml": `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Evaluation  Report</dc:title></cp:coreProperties>`,
	}, extract.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Paragraphs[0].Text; got != "Text more" {
		t.Errorf("body = %q, want footnote marks left out", got)
	}
	want := []paraBrief{{Text: "See GRETA(2023)08, para 54.", Number: "1"}, {Text: "Second note.", Number: "2"}}
	if got := paraBriefs(doc.Footnotes); !reflect.DeepEqual(got, want) {
		t.Errorf("footnotes:\ngot  %+v\nwant %+v", got, want)
	}
	if doc.Source.Title != "Evaluation Report" {
		t.Errorf("title = %q", doc.Source.Title)
	}
}

func TestDOCXMainPartFromRelationships(t *testing.T) {
	doc, err := readTestDOCX(t, map[string]string{
		"_rels/.rels":        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>`,
		"word/document2.xml": wordDoc(wPara(wRun("second"))),
	}, extract.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Paragraphs[0].Text != "second" {
		t.Errorf("got %q", doc.Paragraphs[0].Text)
	}
}

func TestDOCXBadInput(t *testing.T) {
	zipOf := func(parts map[string]string) []byte { return docxFile(t, parts) }
	xxe := `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` +
		`<w:document ` + wNS + `><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>`
	tests := []struct {
		name string
		data []byte
		lim  extract.Limits
		want error
		msg  string // a fragment the message must contain
	}{
		{"not a zip", []byte("PK\x03\x04 this is not really a zip archive at all"), extract.Limits{}, extract.ErrCorrupt, "zip"},
		{"zip without a document", zipOf(map[string]string{"word/styles.xml": testStyles}), extract.Limits{}, extract.ErrUnsupported, "not a Word document"},
		{"external entity", zipOf(map[string]string{"word/document.xml": xxe}), extract.Limits{}, extract.ErrCorrupt, "DTD"},
		{"entity in styles", zipOf(map[string]string{"word/document.xml": wordDoc(wPara(wRun("x"))),
			"word/styles.xml": `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><w:styles ` + wNS + `/>`}), extract.Limits{}, extract.ErrCorrupt, "XXE"},
		{"truncated XML", zipOf(map[string]string{"word/document.xml": `<w:document ` + wNS + `><w:body><w:p><w:r><w:t>x`}), extract.Limits{}, extract.ErrCorrupt, "document.xml"},
		{"part over the entry limit", zipOf(map[string]string{"word/document.xml": wordDoc(wPara(wRun(strings.Repeat("a", 2<<20))))}),
			extract.Limits{MaxZipEntry: 1 << 20}, extract.ErrTooLarge, "decompresses to more than 1 MB"},
		{"parts over the total limit", zipOf(map[string]string{"word/document.xml": wordDoc(wPara(wRun(strings.Repeat("a", 600<<10)))),
			"word/styles.xml": `<w:styles ` + wNS + `>` + strings.Repeat(" ", 600<<10) + `</w:styles>`}),
			extract.Limits{MaxZipEntry: 1 << 20, MaxZipTotal: 1 << 20}, extract.ErrTooLarge, "more than 1 MB in all"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := extract.Options{Limits: tt.lim}.Read(t.Context(), bytes.NewReader(tt.data), int64(len(tt.data)), extract.DOCX, "bad.docx")
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if doc != nil {
				t.Error("got a document with the error")
			}
			if !strings.Contains(err.Error(), tt.msg) || !strings.Contains(err.Error(), "bad.docx") {
				t.Errorf("message %q should name the file and contain %q", err, tt.msg)
			}
			if strings.Contains(err.Error(), "root:") {
				t.Error("an external entity was resolved")
			}
		})
	}
}

// TestDOCXZipBomb declares a 1 GB highly compressible document part: it is
// refused from its declared size, before anything is inflated.
func TestDOCXZipBomb(t *testing.T) {
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	zeros := make([]byte, 1<<20)
	for range 16 {
		fw.Write(zeros)
	}
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name:               "word/document.xml",
		Method:             zip.Deflate,
		CompressedSize64:   uint64(comp.Len()),
		UncompressedSize64: 1 << 30,
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	zw.Close()
	data := buf.Bytes()

	_, err = extract.Options{}.Read(t.Context(), bytes.NewReader(data), int64(len(data)), extract.Unknown, "bomb.docx")
	if !errors.Is(err, extract.ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	var le *extract.LimitError
	if !errors.As(err, &le) || le.Limit != "MaxZipEntry" {
		t.Errorf("err = %v, want a LimitError on MaxZipEntry", err)
	}
	for _, s := range []string{"word/document.xml", "64 MB", "possible zip bomb"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("message %q lacks %q", err, s)
		}
	}
}

// TestDOCXLyingSize declares a small part that inflates to much more: the
// capped reader stops it.
func TestDOCXLyingSize(t *testing.T) {
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestSpeed)
	fw.Write([]byte(wordDoc(wPara(wRun(strings.Repeat("a", 4<<20))))))
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate,
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: 100})
	w.Write(comp.Bytes())
	zw.Close()
	data := buf.Bytes()
	_, err := extract.Options{Limits: extract.Limits{MaxZipEntry: 1 << 20}}.Read(t.Context(), bytes.NewReader(data), int64(len(data)), extract.DOCX, "lie.docx")
	if !errors.Is(err, extract.ErrTooLarge) && !errors.Is(err, extract.ErrCorrupt) {
		t.Fatalf("err = %v, want ErrTooLarge or ErrCorrupt", err)
	}
}

var recNumber = regexp.MustCompile(`^\d{2,3}\.\d{1,3} `)

// TestDOCXCorpus reads the OHCHR thematic lists: every recommendation row
// must come out as a table row with its position and themes.
func TestDOCXCorpus(t *testing.T) {
	files, _ := filepath.Glob("../../shared/corpus/upr/*.docx")
	if len(files) == 0 {
		t.Skip("../shared/corpus/upr is absent")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			if _, err := os.Stat(f); err != nil {
				t.Skip(err)
			}
			doc, err := extract.File(t.Context(), f)
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Tables) == 0 {
				t.Fatal("no tables")
			}
			recs := 0
			for _, tb := range doc.Tables {
				for _, row := range tb.Rows {
					if !recNumber.MatchString(row[0]) {
						continue
					}
					recs++
					if len(row) != 4 {
						t.Errorf("row %q has %d cells, want 4", row[0][:20], len(row))
						continue
					}
					if row[1] != "Supported" && row[1] != "Noted" {
						t.Errorf("row %q: position %q", row[0][:20], row[1])
					}
					if row[2] == "" {
						t.Errorf("row %q: no themes", row[0][:20])
					}
				}
			}
			if recs < 100 {
				t.Errorf("%d recommendation rows, want at least 100", recs)
			}
			rows := 0
			for _, p := range doc.Paragraphs {
				if p.Table > 0 {
					rows++
				}
			}
			if rows != len(doc.Tables[0].Rows) {
				t.Errorf("%d row paragraphs for %d rows", rows, len(doc.Tables[0].Rows))
			}
		})
	}
}

func FuzzDOCX(f *testing.F) {
	f.Add(docxFile(f, map[string]string{
		"word/document.xml":  wordDoc(wPara(wBold("a")+wRun("b")) + wNumbered("1", "0", "x") + `<w:tbl><w:tr>` + wCell(`<w:gridSpan w:val="2"/>`, "c") + `</w:tr></w:tbl>`),
		"word/styles.xml":    testStyles,
		"word/numbering.xml": testNumbering,
	}))
	f.Add(docxFile(f, map[string]string{"word/document.xml": wordDoc(wPara(wRun("x")))}))
	f.Add([]byte(wordDoc(wPara(wRun("not zipped")))))
	lim := extract.Limits{MaxZipEntry: 1 << 20, MaxZipTotal: 2 << 20, MaxFileSize: 1 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		doc, err := extract.Options{Limits: lim}.Read(t.Context(), bytes.NewReader(data), int64(len(data)), extract.DOCX, "fuzz.docx")
		if err == nil && doc == nil {
			t.Fatal("nil document without an error")
		}
		// Whole-zip fuzzing rarely reaches the XML; also fuzz the bytes as
		// the document part of a valid archive.
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("word/document.xml")
		w.Write(data)
		zw.Close()
		b := buf.Bytes()
		doc, err = extract.Options{Limits: lim}.Read(t.Context(), bytes.NewReader(b), int64(len(b)), extract.DOCX, "fuzz.docx")
		if err == nil {
			checkSpans(t, doc)
		}
	})
}

// checkSpans fails when a bold span falls outside its paragraph.
func checkSpans(t *testing.T, doc *extract.Document) {
	t.Helper()
	for _, p := range append(doc.Paragraphs, doc.Footnotes...) {
		for _, sp := range p.BoldSpans {
			if sp[0] < 0 || sp[1] > len(p.Text) || sp[0] >= sp[1] {
				t.Fatalf("span %v outside %q", sp, p.Text)
			}
		}
		if p.Table < 0 || p.Table > len(doc.Tables) {
			t.Fatalf("table index %d of %d", p.Table, len(doc.Tables))
		}
	}
}
