package matrix_test

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/matrix"
)

func TestWriteGolden(t *testing.T) {
	f := open(t, writeSample(t, sampleWorkbook()))
	want := []string{matrix.SheetMatrix, matrix.SheetSummary, matrix.SheetReply, matrix.SheetActions, matrix.SheetSources, matrix.SheetBaseline}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	for _, sh := range want {
		t.Run(sh, func(t *testing.T) {
			golden(t, strings.TrimPrefix(strings.ToLower(sh), "_")+".csv", renderCSV(t, f, sh))
		})
	}
}

func TestWriteEmpty(t *testing.T) {
	f := open(t, writeSample(t, &matrix.Workbook{}))
	if got := len(f.GetSheetList()); got != 6 {
		t.Errorf("empty workbook has %d sheets, want 6", got)
	}
}

func colOf(t *testing.T, f *excelize.File, header string) string {
	t.Helper()
	rows, err := f.GetRows(matrix.SheetMatrix)
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range rows[0] {
		if h == header {
			c, _ := excelize.ColumnNumberToName(i + 1)
			return c
		}
	}
	t.Fatalf("no column %q", header)
	return ""
}

func TestWriteFeatures(t *testing.T) {
	b := writeSample(t, sampleWorkbook())
	f := open(t, b)
	st := colOf(t, f, matrix.ColStatus)

	t.Run("status dropdown", func(t *testing.T) {
		dvs, err := f.GetDataValidations(matrix.SheetMatrix)
		if err != nil {
			t.Fatal(err)
		}
		if len(dvs) != 1 {
			t.Fatalf("%d data validations, want 1", len(dvs))
		}
		dv := dvs[0]
		if want := st + "2:" + st + "6"; dv.Sqref != want {
			t.Errorf("validation range %q, want %q", dv.Sqref, want)
		}
		want := `"` + strings.Join(recmap.Statuses, ",") + `"`
		if dv.Type != "list" || dv.Formula1 != want {
			t.Errorf("validation %s %s, want list %s", dv.Type, dv.Formula1, want)
		}
	})
	t.Run("conditional formats", func(t *testing.T) {
		cf, err := f.GetConditionalFormats(matrix.SheetMatrix)
		if err != nil {
			t.Fatal(err)
		}
		sg := colOf(t, f, matrix.ColStrength)
		if got := len(cf[st+"2:"+st+"6"]); got != len(recmap.Statuses) {
			t.Errorf("status column has %d conditional formats, want %d (all: %v)", got, len(recmap.Statuses), cf)
		}
		if got := len(cf[sg+"2:"+sg+"6"]); got != 3 {
			t.Errorf("strength column has %d conditional formats, want 3", got)
		}
	})
	t.Run("panes", func(t *testing.T) {
		p, err := f.GetPanes(matrix.SheetMatrix)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Freeze || p.XSplit != 1 || p.YSplit != 1 {
			t.Errorf("panes %+v, want frozen at B2", p)
		}
	})
	t.Run("autofilter", func(t *testing.T) {
		xml := sheetXML(t, b, 0)
		if !regexp.MustCompile(`<autoFilter ref="\$?A\$?1:\$?T\$?6"`).MatchString(xml) {
			t.Errorf("no autofilter over A1:T6")
		}
	})
	t.Run("hyperlink carries the citation", func(t *testing.T) {
		ok, target, err := f.GetCellHyperLink(matrix.SheetMatrix, "B2")
		if err != nil || !ok || target != "Sources!A2" {
			t.Errorf("B2 hyperlink = %v %q %v", ok, target, err)
		}
		cite := colOf(t, f, matrix.ColCitation)
		v, _ := f.GetCellValue(matrix.SheetMatrix, cite+"2")
		if v != "GRETA(2023)08 para. 54, p. 12 (greta-2023-08-hun.pdf)" {
			t.Errorf("citation %q", v)
		}
	})
	t.Run("baseline very hidden", func(t *testing.T) {
		xml := zipEntry(t, b, "xl/workbook.xml")
		if !regexp.MustCompile(`<sheet name="_recmap"[^>]*state="veryHidden"`).MatchString(xml) {
			t.Errorf("_recmap is not veryHidden")
		}
	})
	t.Run("chart", func(t *testing.T) {
		found := false
		f.Pkg.Range(func(k, _ any) bool {
			if strings.HasPrefix(k.(string), "xl/charts/chart") {
				found = true
			}
			return true
		})
		if !found {
			t.Errorf("no chart in the workbook")
		}
	})
	t.Run("truncated", func(t *testing.T) {
		txt := colOf(t, f, matrix.ColText)
		v, _ := f.GetCellValue(matrix.SheetMatrix, txt+"5")
		if n := len([]rune(v)); n > matrix.MaxCellChars || !strings.Contains(v, "[truncated: see source, ") {
			t.Errorf("long text: %d chars, ends %q", n, v[len(v)-60:])
		}
	})
	t.Run("control characters stripped", func(t *testing.T) {
		txt := colOf(t, f, matrix.ColText)
		v, _ := f.GetCellValue(matrix.SheetMatrix, txt+"4")
		if strings.ContainsAny(v, "\x01\x0b") {
			t.Errorf("control characters kept: %q", v)
		}
	})
}

// TestWriteFormulasAsText checks that text that looks like a formula is a
// typed string in the XML and never a formula.
func TestWriteFormulasAsText(t *testing.T) {
	wb := sampleWorkbook()
	for _, s := range []string{"=SUM(1)", "+1", "-1", "@x", "\t=1", "\r=1"} {
		r := wb.Recs[1]
		r.Item.ID += "-" + s
		r.Item.Text = s
		r.Comment = s
		wb.Recs = append(wb.Recs, r)
	}
	b := writeSample(t, wb)
	f := open(t, b)
	for i, sh := range f.GetSheetList() {
		xml := sheetXML(t, b, i)
		if strings.Contains(xml, "<f>") || strings.Contains(xml, "<f ") {
			t.Errorf("sheet %s has a formula", sh)
		}
		if strings.Contains(xml, `t="str"`) {
			t.Errorf("sheet %s has a formula-string cell", sh)
		}
	}
	rows, _ := f.GetRows(matrix.SheetMatrix)
	txt := colOf(t, f, matrix.ColText)
	for i := range rows {
		cell := txt + itoa(i+1)
		v, _ := f.GetCellValue(matrix.SheetMatrix, cell)
		if fm, _ := f.GetCellFormula(matrix.SheetMatrix, cell); fm != "" {
			t.Errorf("%s has formula %q", cell, fm)
		}
		typ, _ := f.GetCellType(matrix.SheetMatrix, cell)
		if v != "" && typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
			t.Errorf("%s %q has type %v, want a string", cell, v, typ)
		}
	}
	for _, want := range []string{"=SUM(1)", "+1", "-1", "@x"} {
		if !slices.ContainsFunc(rows, func(r []string) bool { return slices.Contains(r, want) }) {
			t.Errorf("%q not stored verbatim", want)
		}
	}
	// The quote prefix keeps such text as text when a user edits the cell.
	if !strings.Contains(zipEntry(t, b, "xl/styles.xml"), `quotePrefix="true"`) {
		t.Errorf("no quotePrefix style")
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// sheetXML returns the raw XML of the idx-th sheet (0-based) as Write saved
// it: Write creates the sheets in workbook order.
func sheetXML(t *testing.T, b []byte, idx int) string {
	t.Helper()
	return zipEntry(t, b, "xl/worksheets/sheet"+itoa(idx+1)+".xml")
}

func zipEntry(t *testing.T, b []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range zr.File {
		if e.Name == name {
			rc, err := e.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			data, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(data)
		}
	}
	t.Fatalf("no %s in workbook", name)
	return ""
}
