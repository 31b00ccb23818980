package extract_test

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/recmap/recmap/extract"
)

func readTestHTML(ctx context.Context, page []byte) (*extract.Document, error) {
	return extract.Options{}.Read(ctx, bytes.NewReader(page), int64(len(page)), extract.HTML, "test.html")
}

func TestHTMLParagraphs(t *testing.T) {
	tests := []struct {
		name string
		page string
		want []paraBrief
	}{
		{"blocks, headings and bold",
			`<html><body><h2>Article 2</h2><div>Member States shall <strong>take</strong> the <b>necessary</b> measures.</div>
			<blockquote>quoted</blockquote><div><div>nested div</div></div></body></html>`,
			[]paraBrief{
				{Text: "Article 2", Heading: 2},
				{Text: "Member States shall take the necessary measures.", Spans: [][2]int{{20, 24}, {29, 38}}},
				{Text: "quoted"},
				{Text: "nested div"},
			}},
		{"CSS bold",
			`<p><span style="font-weight: bold">bold</span> and <span class="boldface">class</span></p>`,
			[]paraBrief{{Text: "bold and class", Spans: [][2]int{{0, 4}, {9, 14}}}}},
		{"scripts, styles and head skipped; script as text kept",
			`<html><head><title>T</title><style>p{color:red}</style><script>document.write("x")</script></head>
			<body><noscript>enable js</noscript><p>Text with &lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p><script>var y</script></body></html>`,
			[]paraBrief{{Text: "Text with <script>alert(1)</script> & more"}}},
		{"lists",
			`<ol><li>one</li><li>two<ul><li>bullet</li></ul></li></ol><ol start="5"><li>five</li><li value="9">nine</li></ol>
			<ol type="a"><li>letter</li></ol><ul><li><p>in p</p><p>second p</p></li></ul>`,
			[]paraBrief{
				{Text: "one", Number: "1"},
				{Text: "two", Number: "2"},
				{Text: "bullet", List: 2, Marker: "•"},
				{Text: "five", Number: "5"},
				{Text: "nine", Number: "9"},
				{Text: "letter", List: 1, Marker: "a."},
				{Text: "in p", List: 1, Marker: "•"},
				{Text: "second p"},
			}},
		{"typed numbers",
			`<p>54. GRETA urges</p><p>122.78 Continue efforts</p><p>– take steps</p>`,
			[]paraBrief{{Text: "GRETA urges", Number: "54"}, {Text: "Continue efforts", Number: "122.78"}, {Text: "take steps", List: 1, Marker: "–"}},
		},
		{"EUR-Lex layout tables and amendment markers",
			`<p class="arrow">▼M1</p><p>1. Member States shall:</p>
			<table width="100%"><col width="4%"><col width="96%"><tbody><tr><td valign="top"><p>(a)</p></td><td><p>ensure&nbsp;that;</p>
			<table><tr><td>(i)</td><td><p>sub point</p></td></tr></table></td></tr>
			<tr><td><p>(b)</p></td><td><p>►M1 amended point ◄</p></td></tr></tbody></table>
			<table><tr><td>2.</td><td>Second paragraph.</td></tr></table>
			<table><tr><td>—</td><td>indent</td></tr></table>`,
			[]paraBrief{
				{Text: "▼M1"},
				{Text: "Member States shall:", Number: "1"},
				{Text: "ensure that;", List: 1, Marker: "(a)"},
				{Text: "sub point", List: 2, Marker: "(i)"},
				{Text: "►M1 amended point ◄", List: 1, Marker: "(b)"},
				{Text: "Second paragraph.", Number: "2"},
				{Text: "indent", List: 1, Marker: "—"},
			}},
		{"data table",
			`<table><thead><tr><th>Measure</th><th>Responsible</th><th>Deadline</th></tr></thead>
			<tbody><tr><td>Train police</td><td rowspan="2">belügyminiszter</td><td>folyamatos</td></tr>
			<tr><td colspan="1">Inform victims</td><td>2023. december 31.</td></tr>
			<tr><td colspan="3">All measures</td></tr></tbody></table>`,
			[]paraBrief{
				{Text: "Measure | Responsible | Deadline", Table: 1, Spans: [][2]int{{0, 7}, {10, 21}, {24, 32}}},
				{Text: "Train police | belügyminiszter | folyamatos", Table: 1},
				{Text: "Inform victims | 2023. december 31.", Table: 1},
				{Text: "All measures", Table: 1},
			}},
		{"pre",
			"<pre>line one\nline two\n\nsecond block</pre>",
			[]paraBrief{{Text: "line one line two"}, {Text: "second block"}}},
		{"soft hyphens and zero-width spaces",
			"<p>traf&shy;ficking\u200b here</p>",
			[]paraBrief{{Text: "trafficking here"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := readTestHTML(t.Context(), []byte(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			if got := paraBriefs(doc.Paragraphs); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestHTMLTables(t *testing.T) {
	page := `<html><body><table><tr><th>A</th><th>B</th></tr><tr><td rowspan="2">x</td><td>y</td></tr><tr><td>z</td></tr>
	<tr><td colspan="2">wide</td></tr><tr><td>outer</td><td><table><tr><td>in1</td><td>in2</td></tr></table></td></tr></table></body></html>`
	doc, err := readTestHTML(t.Context(), []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	want := []extract.Table{{Rows: [][]string{{"A", "B"}, {"x", "y"}, {"x", "z"}, {"wide", ""}, {"outer", "in1 | in2"}}}}
	if !reflect.DeepEqual(doc.Tables, want) {
		t.Errorf("got  %v\nwant %v", doc.Tables, want)
	}
}

func TestHTMLTitleAndCharset(t *testing.T) {
	tests := []struct {
		name  string
		page  []byte
		title string
		text  string
	}{
		{"utf-8 without declaration", []byte("<html><head><title>Határidő</title></head><body><p>ő ű</p></body></html>"), "Határidő", "ő ű"},
		{"utf-8 BOM", []byte("\xef\xbb\xbf<html><body><p>Felelős</p></body></html>"), "", "Felelős"},
		{"meta charset iso-8859-2", []byte("<html><head><meta charset=\"iso-8859-2\"></head><body><p>Felel\xf5s \xfb</p></body></html>"), "", "Felelős ű"},
		{"meta http-equiv windows-1252", []byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body><p>caf` + "\xe9 \x96 x</p></body></html>"), "", "café – x"},
		{"xhtml", []byte(`<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html xmlns="http://www.w3.org/1999/xhtml"><head><title>Directive 2011/36/EU</title></head><body><p>Article 1<br/>Subject</p></body></html>`), "Directive 2011/36/EU", "Article 1 Subject"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := readTestHTML(t.Context(), tt.page)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Source.Title != tt.title {
				t.Errorf("title = %q, want %q", doc.Source.Title, tt.title)
			}
			if got := doc.Paragraphs[0].Text; got != tt.text {
				t.Errorf("text = %q, want %q", got, tt.text)
			}
		})
	}
}

// TestHTMLEntityDeclarations: entities declared in a DOCTYPE are never
// expanded, and the reader says so.
func TestHTMLEntityDeclarations(t *testing.T) {
	page := `<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><html><body><p>a &xxe; b</p></body></html>`
	doc, err := readTestHTML(t.Context(), []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	text := doc.Text()
	if strings.Contains(text, "root:") || !strings.Contains(text, "&xxe;") {
		t.Errorf("text = %q, want the entity reference left as written", text)
	}
	if len(doc.Warnings) == 0 || !strings.Contains(doc.Warnings[0], "entity") {
		t.Errorf("warnings = %q, want one about entity declarations", doc.Warnings)
	}
}

func TestHTMLDeepNesting(t *testing.T) {
	page := strings.Repeat("<div><span>", 200) + "deep" + strings.Repeat("</span></div>", 200)
	doc, err := readTestHTML(t.Context(), []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Text(); got != "deep" {
		t.Errorf("text = %q", got)
	}
	// The HTML parser itself refuses more than 512 open elements.
	page = strings.Repeat("<div>", 5000) + "deep"
	if _, err := readTestHTML(t.Context(), []byte(page)); !errors.Is(err, extract.ErrCorrupt) {
		t.Errorf("err = %v, want ErrCorrupt", err)
	}
}

func TestHTMLEmpty(t *testing.T) {
	_, err := readTestHTML(t.Context(), []byte("<html><head><script>x()</script></head><body> </body></html>"))
	if err == nil {
		t.Fatal("no error for a page without text")
	}
}

func FuzzHTML(f *testing.F) {
	f.Add([]byte(`<html><body><h1>T</h1><p>1. a <b>b</b></p><table><tr><td>(a)</td><td>x</td></tr></table></body></html>`))
	f.Add([]byte(`<table><tr><td rowspan=9 colspan=9>x</td></tr><tr><td>y<table><tr><td>z</td></tr></table></td></tr></table>`))
	f.Add([]byte(`<ol type="i" start="-3"><li>x<ol><li>y</li></ol></li></ol><pre>a\n\nb</pre>`))
	f.Add([]byte("<meta charset=\"iso-8859-2\"><p>\xf5</p>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 || len(data) > 1<<20 {
			return
		}
		doc, err := readTestHTML(t.Context(), data)
		if err != nil {
			return
		}
		checkSpans(t, doc)
	})
}

// EUR-Lex sets a paragraph's number in its own element before the text.
func TestHTMLNumberInOwnElement(t *testing.T) {
	page := []byte(`<html><body><p>Article 3</p>
<div class="norm"><span class="no-parag">1.   </span><div class="inline-element">Member States shall act.</div></div>
<div class="norm"><span class="no-parag">2.   </span><div class="inline-element">Member States may act.</div></div>
</body></html>`)
	doc, err := readTestHTML(t.Context(), page)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range doc.Paragraphs {
		got = append(got, p.Number+"|"+p.Text)
	}
	want := []string{"|Article 3", "1|Member States shall act.", "2|Member States may act."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("paragraphs %q, want %q", got, want)
	}
}
