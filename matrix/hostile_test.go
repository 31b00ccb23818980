package matrix_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/recmap/recmap/matrix"
)

// Hostile workbooks, one per case of ../shared/hostile/workbooks.py, built
// at test time from the sample export by rewriting its zip parts: formulas
// (plain, shared, array, in a sheet stored under another path), entity
// declarations, duplicate cells, shared-strings bombs, huge cells, deep
// nesting and baselines over the row limit.

const (
	partMatrix   = "xl/worksheets/sheet1.xml"
	partBaseline = "xl/worksheets/sheet6.xml"
	partRels     = "xl/_rels/workbook.xml.rels"
	partSST      = "xl/sharedStrings.xml"
)

// parts unzips a workbook into its parts, keeping their order.
func parts(t testing.TB, b []byte) (map[string]string, []string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	m, order := map[string]string{}, []string{}
	for _, e := range zr.File {
		rc, err := e.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name] = string(data)
		order = append(order, e.Name)
	}
	return m, order
}

// rezip writes the parts back as a workbook; parts added by a case go last.
func rezip(t testing.TB, m map[string]string, order []string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	seen := map[string]bool{}
	write := func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		data, ok := m[name]
		if !ok {
			return
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, data)
	}
	for _, n := range order {
		write(n)
	}
	for n := range m {
		write(n)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// setCell replaces the cell ref of a sheet's XML with xml.
func setCell(t testing.TB, sheet, ref, xml string) string {
	t.Helper()
	re := regexp.MustCompile(`<c r="` + ref + `"[^>]*?(?:/>|>.*?</c>)`)
	if !re.MatchString(sheet) {
		t.Fatalf("no cell %s", ref)
	}
	done := false
	return re.ReplaceAllStringFunc(sheet, func(s string) string {
		if done {
			return s
		}
		done = true
		return xml
	})
}

func inline(ref, s string) string {
	return `<c r="` + ref + `" t="inlineStr"><is><t>` + s + `</t></is></c>`
}

// addSST gives the workbook a shared-strings part with body as its items.
func addSST(m map[string]string, uniqueCount int, body string) {
	m[partSST] = fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="%d">%s</sst>`, uniqueCount, body)
	if strings.Contains(m[partRels], `Id="rId99"`) {
		return
	}
	m[partRels] = strings.Replace(m[partRels], "</Relationships>",
		`<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`, 1)
}

// appendRows adds rows before </sheetData>.
func appendRows(sheet string, rows string) string {
	i := strings.LastIndex(sheet, "</sheetData>")
	return sheet[:i] + rows + sheet[i:]
}

func TestReadHostile(t *testing.T) {
	wb := sampleWorkbook()
	base := writeSample(t, wb)
	status, evidence := colStatus+"2", colEvidence+"2"
	formula := `<c r="` + status + `" t="str"><f>IF(1=1,"implemented","")</f><v>implemented</v></c>`

	type result struct {
		err      string // Read's error must contain it; "" means Read succeeds
		limit    matrix.Limit
		rejected []string // cells the plan must reject
		baseline string   // BaselineProblem must contain it
	}
	cases := []struct {
		name string
		lim  matrix.Limits
		edit func(t testing.TB, m map[string]string)
		want result
	}{
		{"formula", matrix.Limits{}, func(t testing.TB, m map[string]string) {
			m[partMatrix] = setCell(t, m[partMatrix], status, formula)
		}, result{rejected: []string{"Matrix!" + status}}},
		{"formula in a sheet stored elsewhere", matrix.Limits{}, func(t testing.TB, m map[string]string) {
			m["xl/data/m.xml"] = setCell(t, m[partMatrix], status, formula)
			delete(m, partMatrix)
			m[partRels] = strings.Replace(m[partRels], `Target="worksheets/sheet1.xml"`, `Target="/xl/data/m.xml"`, 1)
		}, result{rejected: []string{"Matrix!" + status}}},
		{"shared formula", matrix.Limits{}, func(t testing.TB, m map[string]string) {
			x := setCell(t, m[partMatrix], status, `<c r="`+status+`" t="str"><f t="shared" ref="P2:P3" si="0">"implemented"</f><v>implemented</v></c>`)
			m[partMatrix] = setCell(t, x, colStatus+"3", `<c r="`+colStatus+`3" t="str"><f t="shared" si="0"/><v>implemented</v></c>`)
		}, result{rejected: []string{"Matrix!" + status, "Matrix!" + colStatus + "3"}}},
		{"array formula with a namespace prefix", matrix.Limits{}, func(t testing.TB, m map[string]string) {
			m[partMatrix] = setCell(t, m[partMatrix], evidence, `<x:c r="`+evidence+`" t="str"><x:f t="array" ref="`+evidence+`">"seen"</x:f><x:v>seen</x:v></x:c>`)
		}, result{rejected: []string{"Matrix!" + evidence}}},
		{"formula in the baseline", matrix.Limits{}, func(t testing.TB, m map[string]string) {
			m[partBaseline] = setCell(t, m[partBaseline], "D3", `<c r="D3" t="str"><f>"implemented"</f><v>implemented</v></c>`)
		}, result{baseline: "formula in cell _recmap!D3", rejected: []string{"_recmap"}}},
		{"entity declarations", matrix.Limits{}, func(t testing.TB, m map[string]string) {
			x := strings.Replace(m[partMatrix], "?>", `?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>`, 1)
			m[partMatrix] = setCell(t, x, evidence, inline(evidence, "&b;"))
		}, result{err: "part xl/worksheets/sheet1.xml: line 1: a document type declaration"}},
		{"undefined entity", matrix.Limits{}, func(t testing.TB, m map[string]string) {
			m[partMatrix] = setCell(t, m[partMatrix], evidence, inline(evidence, "&b;"))
		}, result{err: "cell Matrix!" + evidence + ": part xl/worksheets/sheet1.xml: XML error"}},
		{"duplicate cell", matrix.Limits{}, func(t testing.TB, m map[string]string) {
			m[partMatrix] = setCell(t, m[partMatrix], status, inline(status, "implemented")+inline(status, "not applicable"))
		}, result{err: "cell Matrix!" + status + ": appears twice in row 2"}},
		{"cells out of order", matrix.Limits{}, func(t testing.TB, m map[string]string) {
			m[partMatrix] = setCell(t, m[partMatrix], status, inline(status, "implemented")+inline("A2", "x"))
		}, result{err: "cell Matrix!A2: comes after Matrix!P2 in row 2"}},
		{"row outside the grid", matrix.Limits{}, func(t testing.TB, m map[string]string) {
			m[partMatrix] = appendRows(m[partMatrix], `<row r="1048577"><c r="A1048577" t="inlineStr"><is><t>x</t></is></c></row>`)
		}, result{err: `row number "1048577" is outside Excel's rows`}},
		{"cell outside the grid", matrix.Limits{}, func(t testing.TB, m map[string]string) {
			m[partMatrix] = appendRows(m[partMatrix], `<row r="900"><c r="XFE900" t="inlineStr"><is><t>x</t></is></c></row>`)
		}, result{err: `cell Matrix!XFE900: the reference "XFE900" is not a cell`}},
		{"shared string index out of range", matrix.Limits{}, func(t testing.TB, m map[string]string) {
			m[partMatrix] = setCell(t, m[partMatrix], evidence, `<c r="`+evidence+`" t="s"><v>999999</v></c>`)
		}, result{err: "cell Matrix!" + evidence + `: points to shared string "999999"`}},
		{"shared strings over the count", matrix.Limits{MaxSharedStrings: 1000}, func(t testing.TB, m map[string]string) {
			addSST(m, 0, strings.Repeat("<si><t>a</t></si>", 1001))
		}, result{err: "shared strings in xl/sharedStrings.xml over the limit of 1,000 (found at least 1,001)", limit: matrix.LimitSharedStrings}},
		{"shared strings declaring too many", matrix.Limits{MaxSharedStrings: 1000}, func(t testing.TB, m map[string]string) {
			addSST(m, 14_000_000, "<si><t>a</t></si>")
		}, result{err: "found 14,000,000", limit: matrix.LimitSharedStrings}},
		{"shared strings over the bytes", matrix.Limits{MaxSharedBytes: 100 << 10}, func(t testing.TB, m map[string]string) {
			addSST(m, 0, strings.Repeat("<si><t>"+strings.Repeat("x", 1000)+"</t></si>", 200))
		}, result{err: "shared-strings text in xl/sharedStrings.xml over the limit of 100 KB", limit: matrix.LimitSharedBytes}},
		{"one huge shared string", matrix.Limits{}, func(t testing.TB, m map[string]string) {
			addSST(m, 1, "<si><t>"+strings.Repeat("A", 2<<20)+"</t></si>")
		}, result{err: "text of shared string 0 in xl/sharedStrings.xml over the limit of 256 KB", limit: matrix.LimitCellSize}},
		{"one huge cell", matrix.Limits{}, func(t testing.TB, m map[string]string) {
			m[partMatrix] = setCell(t, m[partMatrix], evidence, inline(evidence, strings.Repeat("B", 2<<20)))
		}, result{err: "text in cell Matrix!" + evidence + " over the limit of 256 KB", limit: matrix.LimitCellSize}},
		{"cell text in many runs", matrix.Limits{}, func(t testing.TB, m map[string]string) {
			m[partMatrix] = setCell(t, m[partMatrix], evidence, `<c r="`+evidence+`" t="inlineStr"><is>`+strings.Repeat("<r><t>"+strings.Repeat("C", 1000)+"</t></r>", 300)+`</is></c>`)
		}, result{err: "text in cell Matrix!" + evidence + " over the limit of 256 KB", limit: matrix.LimitCellSize}},
		{"deep nesting", matrix.Limits{}, func(t testing.TB, m map[string]string) {
			m[partMatrix] = setCell(t, m[partMatrix], evidence, `<c r="`+evidence+`" t="inlineStr"><is>`+strings.Repeat("<r>", 100_000)+"<t>x</t>"+strings.Repeat("</r>", 100_000)+`</is></c>`)
		}, result{err: "XML nesting depth in cell Matrix!" + evidence + " over the limit of 64", limit: matrix.LimitDepth}},
		{"matrix rows over the limit", matrix.Limits{MaxRows: 50}, func(t testing.TB, m map[string]string) {
			var b strings.Builder
			for r := 1000; r < 1100; r++ {
				fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t> </t></is></c></row>`, r, r)
			}
			m[partMatrix] = appendRows(m[partMatrix], b.String())
		}, result{err: "rows on sheet Matrix over the limit of 50", limit: matrix.LimitRows}},
		{"baseline rows over the limit", matrix.Limits{MaxRows: 50}, func(t testing.TB, m map[string]string) {
			var b strings.Builder
			for r := 2000; r < 2100; r++ {
				fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>B%d</t></is></c></row>`, r, r, r)
			}
			m[partBaseline] = appendRows(m[partBaseline], b.String())
		}, result{err: "rows on sheet _recmap over the limit of 51", limit: matrix.LimitRows}},
		{"mismatched end tag", matrix.Limits{}, func(t testing.TB, m map[string]string) {
			m[partMatrix] = setCell(t, m[partMatrix], evidence, `<c r="`+evidence+`"><v>1</c>`)
		}, result{err: "cell Matrix!" + evidence + ": part xl/worksheets/sheet1.xml: XML error"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, order := parts(t, base)
			tc.edit(t, m)
			b := rezip(t, m, order)
			s, err := matrix.Read(bytes.NewReader(b), int64(len(b)), tc.lim)
			if tc.want.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.want.err) {
					t.Fatalf("Read: %v, want an error with %q", err, tc.want.err)
				}
				var le *matrix.LimitError
				if got := errors.As(err, &le); got != (tc.want.limit != "") || got && le.Limit != tc.want.limit {
					t.Errorf("Read: %#v, want LimitError %q", err, tc.want.limit)
				}
				return
			}
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if tc.want.baseline != "" {
				if !strings.Contains(s.BaselineProblem, tc.want.baseline) {
					t.Errorf("BaselineProblem = %q, want %q", s.BaselineProblem, tc.want.baseline)
				}
			}
			p := matrix.Plan(s, matrix.NewCurrent(wb.Recs, known()))
			if len(p.Changes) != 0 {
				t.Errorf("a formula was applied: %v", p.Changes)
			}
			var got []string
			for _, r := range p.Rejections {
				if strings.Contains(r.Message, "formula") {
					got = append(got, r.Ref)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want.rejected) {
				t.Errorf("formula rejections at %v, want %v (%v)", got, tc.want.rejected, p.Rejections)
			}
		})
	}
}

// TestReadSharedStrings: a workbook whose cells are shared strings (as
// Excel saves every text), rich text runs, phonetic runs and _xHHHH_
// escapes among them, reads as the export did: an unedited workbook plans
// nothing, an edited shared string is an edit.
func TestReadSharedStrings(t *testing.T) {
	wb := sampleWorkbook()
	m, order := parts(t, writeSample(t, wb))
	var sst []string
	re := regexp.MustCompile(`t="inlineStr"><is><t>([^<]*)</t></is>`)
	for _, p := range []string{partMatrix, partBaseline} {
		m[p] = re.ReplaceAllStringFunc(m[p], func(s string) string {
			text := re.FindStringSubmatch(s)[1]
			sst = append(sst, text)
			return fmt.Sprintf(`t="s"><v>%d</v>`, len(sst)-1)
		})
	}
	var body strings.Builder
	for i, s := range sst {
		switch {
		case i%3 == 1 && len(s) > 2: // rich text in two runs, with a phonetic run
			fmt.Fprintf(&body, `<si><r><t>%s</t></r><r><rPr><b/></rPr><t>%s</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si>`, s[:1], s[1:])
		default:
			fmt.Fprintf(&body, `<si><t xml:space="preserve">%s</t></si>`, strings.ReplaceAll(s, "_", "_x005F_"))
		}
	}
	addSST(m, len(sst), body.String())
	b := rezip(t, m, order)
	p := matrix.Plan(read(t, b), matrix.NewCurrent(wb.Recs, known()))
	if len(p.Changes)+len(p.Rejections)+len(p.Conflicts) != 0 {
		t.Fatalf("unedited shared-strings workbook plans %s: %v %v %v", p.Summary(), p.Changes, p.Rejections, p.Conflicts)
	}

	m[partMatrix] = setCell(t, m[partMatrix], colStatus+"2", `<c r="`+colStatus+`2" t="s"><v>`+fmt.Sprint(len(sst))+`</v></c>`)
	addSST(m, len(sst)+1, body.String()+`<si><t>Implemented</t></si>`)
	b = rezip(t, m, order)
	p = matrix.Plan(read(t, b), matrix.NewCurrent(wb.Recs, known()))
	if len(p.Changes) != 1 || p.Changes[0].Value != "implemented" || p.Changes[0].Ref != "Matrix!P2" {
		t.Errorf("edited shared string plans %v %v", p.Changes, p.Rejections)
	}
}
