package matrix_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/matrix"
)

// Export column letters of the columns the tests edit.
const (
	colActionIDs    = "I"
	colProvisionIDs = "M"
	colStatus       = "P"
	colEvidence     = "Q"
	colComments     = "R"
)

// known is every action and provision of the sample workbook.
func known() []recmap.Item { return []recmap.Item{act1, act2, act3, prov} }

// edit opens a workbook, lets fn change it as a user in Excel would, and
// saves it again.
func edit(t testing.TB, b []byte, fn func(f *excelize.File)) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fn(f)
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func set(t testing.TB, f *excelize.File, cell string, v any) {
	t.Helper()
	if err := f.SetCellValue(matrix.SheetMatrix, cell, v); err != nil {
		t.Fatal(err)
	}
}

func get(t testing.TB, f *excelize.File, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(matrix.SheetMatrix, cell)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func read(t testing.TB, b []byte) *matrix.Sheet {
	t.Helper()
	s, err := matrix.Read(bytes.NewReader(b), int64(len(b)), matrix.Limits{})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return s
}

func key(c matrix.Change) string {
	return fmt.Sprintf("%s %s %s%s", c.Rec, c.Op, c.Target, c.Value)
}

// TestRoundTrip: export, change 20 cells as a user would (reordering two
// columns and leaving trailing empty rows behind), read back, and plan:
// exactly those 20 changes.
func TestRoundTrip(t *testing.T) {
	wb, known := bigWorkbook(40)
	b := writeSample(t, wb)
	var want []string
	rec := func(i int) string { return wb.Recs[i].Item.ID }
	b = edit(t, b, func(f *excelize.File) {
		for i := range 8 { // statuses, rows 2..9
			st := recmap.Statuses[(i+1)%len(recmap.Statuses)]
			v := st
			if i == 1 {
				v = strings.ToUpper(st) // the dropdown is case-insensitive; so is import
			}
			set(t, f, fmt.Sprintf("%s%d", colStatus, i+2), v)
			want = append(want, fmt.Sprintf("%s status %s", rec(i), st))
		}
		for i := 8; i < 14; i++ { // comments
			c := fmt.Sprintf("Edited comment %d: ministry confirmed", i)
			set(t, f, fmt.Sprintf("%s%d", colComments, i+2), c)
			want = append(want, fmt.Sprintf("%s comment %s", rec(i), c))
		}
		for i := 14; i < 17; i++ { // link an action
			cell := fmt.Sprintf("%s%d", colActionIDs, i+2)
			a := fmt.Sprintf("1228/2022#%d", (i+5)%11+1)
			v := get(t, f, cell)
			if v != "" {
				v += "\n"
			}
			set(t, f, cell, v+a)
			want = append(want, fmt.Sprintf("%s link %s", rec(i), a))
		}
		for i := 17; i < 19; i++ { // unlink the action
			cell := fmt.Sprintf("%s%d", colActionIDs, i+2)
			want = append(want, fmt.Sprintf("%s unlink %s", rec(i), get(t, f, cell)))
			set(t, f, cell, "")
		}
		set(t, f, fmt.Sprintf("%s%d", colProvisionIDs, 21), "32011L0036#Art.12") // link a provision
		want = append(want, fmt.Sprintf("%s link 32011L0036#Art.12", rec(19)))

		// Reorder: swap the Evidence and Comments columns, headers included.
		for r := 1; r <= 41; r++ {
			e, c := fmt.Sprintf("%s%d", colEvidence, r), fmt.Sprintf("%s%d", colComments, r)
			ev, cv := get(t, f, e), get(t, f, c)
			set(t, f, e, cv)
			set(t, f, c, ev)
		}
		// Trailing empty rows, as a re-saved workbook has.
		for r := 42; r < 80; r++ {
			set(t, f, fmt.Sprintf("A%d", r), "")
			if err := f.SetRowHeight(matrix.SheetMatrix, r, 20); err != nil {
				t.Fatal(err)
			}
		}
	})
	s := read(t, b)
	if s.Columns[matrix.ColComments] != colEvidence {
		t.Errorf("Comments found in column %s, want %s (reordered)", s.Columns[matrix.ColComments], colEvidence)
	}
	p := matrix.Plan(s, matrix.NewCurrent(wb.Recs, known))
	var got []string
	for _, c := range p.Changes {
		got = append(got, key(c))
	}
	slices.Sort(got)
	slices.Sort(want)
	if len(want) != 20 {
		t.Fatalf("test edits %d cells, want 20", len(want))
	}
	if !slices.Equal(got, want) {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(p.Rejections)+len(p.Conflicts) > 0 {
		t.Errorf("unexpected rejections %v, conflicts %v", p.Rejections, p.Conflicts)
	}
	if p.Rows != 40 || p.Unchanged != 20 {
		t.Errorf("rows %d unchanged %d, want 40 and 20 (%s)", p.Rows, p.Unchanged, p.Summary())
	}
	// Every change carries the cell it came from.
	for _, c := range p.Changes {
		if !strings.HasPrefix(c.Ref, "Matrix!") {
			t.Errorf("change %v has no cell reference", c)
		}
	}
	if c := p.Changes[0]; c.Ref != "Matrix!P2" || c.Old != "not started" {
		t.Errorf("first change %+v, want from Matrix!P2, old value \"not started\"", c)
	}
}

// TestUnchanged: a workbook read back without edits plans nothing.
func TestUnchanged(t *testing.T) {
	wb := sampleWorkbook()
	p := matrix.Plan(read(t, writeSample(t, wb)), matrix.NewCurrent(wb.Recs, known()))
	if len(p.Changes)+len(p.Rejections)+len(p.Conflicts) != 0 || p.Unchanged != len(wb.Recs) {
		t.Errorf("plan of an unedited workbook: %s %v %v %v", p.Summary(), p.Changes, p.Rejections, p.Conflicts)
	}
}

func TestPlanCases(t *testing.T) {
	type want struct {
		changes    []string
		rejections []string // "ref: substring of message"
		conflicts  []string // "ref: substring of reason"
	}
	known := known()
	// Rows: 2 = #54, 3 = #54.2, 4 = #88, 5 = #9, 6 = A/HRC/49/8#122.78.
	cases := []struct {
		name string
		edit func(t *testing.T, f *excelize.File)
		cur  func(c *matrix.Current)
		want want
	}{
		{
			name: "unknown status",
			edit: func(t *testing.T, f *excelize.File) { set(t, f, "P2", "done") },
			want: want{rejections: []string{"Matrix!P2: unknown status \"done\""}},
		},
		{
			name: "status cleared",
			edit: func(t *testing.T, f *excelize.File) { set(t, f, "P2", "") },
			want: want{changes: []string{"GRETA(2023)08#54 status "}},
		},
		{
			name: "unknown action ID",
			edit: func(t *testing.T, f *excelize.File) { set(t, f, "I2", "1228/2022#1; 1228/2022#99") },
			want: want{rejections: []string{"Matrix!I2: unknown action ID \"1228/2022#99\""}},
		},
		{
			name: "provision in the action column",
			edit: func(t *testing.T, f *excelize.File) { set(t, f, "I3", "1228/2022#2, 32011L0036#Art.11(4)") },
			want: want{rejections: []string{"Matrix!I3: \"32011L0036#Art.11(4)\" is a provision"}},
		},
		{
			name: "edited ID",
			edit: func(t *testing.T, f *excelize.File) { set(t, f, "A3", "GRETA(2023)08#54.3") },
			want: want{rejections: []string{
				"Matrix!A3: ID \"GRETA(2023)08#54.3\" was not in this export",
				"Matrix!A3: the row of GRETA(2023)08#54.2 (row 3 at export) is missing",
			}},
		},
		{
			name: "added row",
			edit: func(t *testing.T, f *excelize.File) {
				set(t, f, "A7", "GRETA(2023)08#100")
				set(t, f, "P7", "implemented")
				set(t, f, "R8", "a note in a row without ID")
			},
			want: want{rejections: []string{
				"Matrix!A7: ID \"GRETA(2023)08#100\" was not in this export",
				"Matrix!A8: this row has no ID",
			}},
		},
		{
			name: "duplicate row",
			edit: func(t *testing.T, f *excelize.File) {
				set(t, f, "A7", "GRETA(2023)08#54")
				set(t, f, "P7", "implemented")
			},
			want: want{rejections: []string{"Matrix!A7: ID GRETA(2023)08#54 appears again (first in row 2)"}},
		},
		{
			name: "deleted row is not an unlink",
			edit: func(t *testing.T, f *excelize.File) {
				if err := f.RemoveRow(matrix.SheetMatrix, 2); err != nil {
					t.Fatal(err)
				}
			},
			want: want{rejections: []string{"Matrix!A2: the row of GRETA(2023)08#54 (row 2 at export) is missing"}},
		},
		{
			name: "formula typed into a cell",
			edit: func(t *testing.T, f *excelize.File) {
				if err := f.SetCellFormula(matrix.SheetMatrix, "P2", `"implemented"`); err != nil {
					t.Fatal(err)
				}
				if err := f.SetCellFormula(matrix.SheetMatrix, "R3", `HYPERLINK("http://x","y")`); err != nil {
					t.Fatal(err)
				}
			},
			want: want{rejections: []string{"Matrix!P2: a formula", "Matrix!R3: a formula"}},
		},
		{
			name: "formula in the ID column",
			edit: func(t *testing.T, f *excelize.File) {
				if err := f.SetCellFormula(matrix.SheetMatrix, "A4", `"GRETA(2023)08#88"`); err != nil {
					t.Fatal(err)
				}
				set(t, f, "P4", "not started")
			},
			want: want{rejections: []string{"Matrix!A4: a formula", "Matrix!A4: the row of GRETA(2023)08#88"}},
		},
		{
			name: "baseline sheet removed",
			edit: func(t *testing.T, f *excelize.File) {
				if err := f.DeleteSheet(matrix.SheetBaseline); err != nil {
					t.Fatal(err)
				}
				set(t, f, "P2", "implemented")
			},
			want: want{rejections: []string{"_recmap: the workbook has no _recmap sheet: it was not exported by recmap"}},
		},
		{
			name: "status column renamed",
			edit: func(t *testing.T, f *excelize.File) { set(t, f, "P1", "State") },
			want: want{rejections: []string{"Matrix: no \"Status\" column in the header row"}},
		},
		{
			name: "text changed since export",
			edit: func(t *testing.T, f *excelize.File) {
				set(t, f, "P2", "implemented")
				set(t, f, "I2", "")
			},
			cur: func(c *matrix.Current) {
				r := c.Recs["GRETA(2023)08#54"]
				r.Fingerprint = matrix.Fingerprint("GRETA urges the authorities to do something else.")
				c.Recs["GRETA(2023)08#54"] = r
			},
			want: want{conflicts: []string{
				"Matrix!P2: the recommendation's text changed since export",
				"Matrix!I2: the recommendation's text changed since export",
			}},
		},
		{
			name: "changed in recmap meanwhile",
			edit: func(t *testing.T, f *excelize.File) {
				set(t, f, "P2", "implemented")
				set(t, f, "R2", "Police confirmed.")
			},
			cur: func(c *matrix.Current) {
				r := c.Recs["GRETA(2023)08#54"]
				r.Status = "partially implemented"
				c.Recs["GRETA(2023)08#54"] = r
			},
			want: want{
				changes:   []string{"GRETA(2023)08#54 comment Police confirmed."},
				conflicts: []string{"Matrix!P2: changed in recmap since export"},
			},
		},
		{
			name: "same change made meanwhile",
			edit: func(t *testing.T, f *excelize.File) { set(t, f, "P2", "implemented") },
			cur: func(c *matrix.Current) {
				r := c.Recs["GRETA(2023)08#54"]
				r.Status = "implemented"
				c.Recs["GRETA(2023)08#54"] = r
			},
			want: want{},
		},
		{
			name: "recommendation gone from the workspace",
			edit: func(t *testing.T, f *excelize.File) { set(t, f, "Q5", "Statistics published.") },
			cur:  func(c *matrix.Current) { delete(c.Recs, "GRETA(2023)08#9") },
			want: want{conflicts: []string{"Matrix!Q5: the recommendation is no longer in the workspace"}},
		},
		{
			name: "link and unlink",
			edit: func(t *testing.T, f *excelize.File) {
				set(t, f, "I6", "1228/2022#1")
				set(t, f, "M2", "")
			},
			want: want{changes: []string{
				"GRETA(2023)08#54 unlink 32011L0036#Art.11(4)",
				"A/HRC/49/8#122.78 link 1228/2022#1",
			}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wb := sampleWorkbook()
			b := edit(t, writeSample(t, wb), func(f *excelize.File) { tc.edit(t, f) })
			cur := matrix.NewCurrent(wb.Recs, known)
			if tc.cur != nil {
				tc.cur(&cur)
			}
			p := matrix.Plan(read(t, b), cur)
			var changes []string
			for _, c := range p.Changes {
				changes = append(changes, key(c))
			}
			if !slices.Equal(changes, tc.want.changes) {
				t.Errorf("changes %q, want %q", changes, tc.want.changes)
			}
			match := func(what string, got []string, want []string) {
				if len(got) != len(want) {
					t.Errorf("%s:\n%s\nwant %d:\n%s", what, strings.Join(got, "\n"), len(want), strings.Join(want, "\n"))
					return
				}
				for i := range want {
					if !strings.Contains(got[i], want[i]) {
						t.Errorf("%s[%d] = %s\nwant it to contain %s", what, i, got[i], want[i])
					}
				}
			}
			var rej, con []string
			for _, r := range p.Rejections {
				rej = append(rej, r.String())
			}
			for _, c := range p.Conflicts {
				con = append(con, c.String())
			}
			match("rejections", rej, tc.want.rejections)
			match("conflicts", con, tc.want.conflicts)
		})
	}
}

func TestReadRenamedMatrix(t *testing.T) {
	b := edit(t, writeSample(t, sampleWorkbook()), func(f *excelize.File) {
		if err := f.SetSheetName(matrix.SheetMatrix, "Ajánlások"); err != nil {
			t.Fatal(err)
		}
	})
	_, err := matrix.Read(bytes.NewReader(b), int64(len(b)), matrix.Limits{})
	if !errors.Is(err, matrix.ErrNoMatrix) || !strings.Contains(err.Error(), `rename the edited sheet back to "Matrix"`) {
		t.Errorf("Read of a workbook without Matrix: %v", err)
	}
}

func TestReadNotAWorkbook(t *testing.T) {
	b := []byte("ID,Status\nGRETA(2023)08#54,implemented\n")
	if _, err := matrix.Read(bytes.NewReader(b), int64(len(b)), matrix.Limits{}); err == nil || !strings.Contains(err.Error(), "not an .xlsx workbook") {
		t.Errorf("Read of a CSV file: %v", err)
	}
}

// bomb returns a zip with one entry of n zero bytes (it compresses ~1000:1)
// next to a real workbook's entries.
func bomb(t *testing.T, n int) []byte {
	t.Helper()
	real := writeSample(t, sampleWorkbook())
	zr, err := zip.NewReader(bytes.NewReader(real), int64(len(real)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range zr.File {
		if err := zw.Copy(e); err != nil {
			t.Fatal(err)
		}
	}
	w, err := zw.Create("xl/media/bomb.bin")
	if err != nil {
		t.Fatal(err)
	}
	zero := make([]byte, 1<<20)
	for range n >> 20 {
		if _, err := w.Write(zero); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadLimits(t *testing.T) {
	b := bomb(t, 64<<20)
	small := writeSample(t, sampleWorkbook())
	cases := []struct {
		name string
		b    []byte
		lim  matrix.Limits
		want string
	}{
		{"file size", small, matrix.Limits{MaxFileSize: 1000}, "file size over the limit of 1,000 bytes (found 23 KB)"},
		{"entry size", b, matrix.Limits{MaxEntrySize: 16 << 20}, "decompressed size of part xl/media/bomb.bin over the limit of 16 MB (found 64 MB)"},
		{"total size", b, matrix.Limits{MaxTotalSize: 32 << 20}, "total decompressed size over the limit of 32 MB (found at least 64 MB)"},
		{"entries", small, matrix.Limits{MaxEntries: 3}, "number of zip entries over the limit of 3 (found 18)"},
		{"rows", small, matrix.Limits{MaxRows: 3}, "rows on sheet Matrix over the limit of 3 (found at least 4)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := matrix.Read(bytes.NewReader(tc.b), int64(len(tc.b)), tc.lim)
			var le *matrix.LimitError
			if !errors.As(err, &le) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Read: %v, want a LimitError with %q", err, tc.want)
			}
		})
	}
	// With the default limits the 64 MB entry is accepted.
	if _, err := matrix.Read(bytes.NewReader(b), int64(len(b)), matrix.Limits{}); err != nil {
		t.Errorf("default limits refuse a 64 MB entry: %v", err)
	}
}

// TestReadLyingZip: an entry that declares a small size but inflates to a
// large one is refused by counting, not by trusting the header.
func TestReadLyingZip(t *testing.T) {
	var payload bytes.Buffer
	zw := zip.NewWriter(&payload)
	w, _ := zw.Create("xl/big.xml")
	w.Write(make([]byte, 8<<20))
	zw.Close()
	// Patch the declared uncompressed size (central directory and local
	// header) down to 100 bytes.
	b := payload.Bytes()
	big := []byte{0, 0, 0x80, 0} // 8 MiB little endian
	n := bytes.Count(b, big)
	b = bytes.ReplaceAll(b, big, []byte{100, 0, 0, 0})
	if n == 0 {
		t.Skip("could not patch the size field")
	}
	_, err := matrix.Read(bytes.NewReader(b), int64(len(b)), matrix.Limits{MaxEntrySize: 1 << 20})
	if err == nil {
		t.Fatal("Read accepted an entry that inflates past its declared size")
	}
}

func FuzzRead(f *testing.F) {
	base := writeSample(f, sampleWorkbook())
	f.Add(base)
	f.Add([]byte{})
	f.Add([]byte("PK\x03\x04garbage"))
	// Small hostile workbooks: a formula in a moved part, a shared formula,
	// a DTD, a duplicate cell, a shared-strings table, deep nesting.
	m, order := parts(f, base)
	for _, edit := range []func(map[string]string){
		func(m map[string]string) {
			m["xl/data/m.xml"] = strings.Replace(m[partMatrix], `<c r="P2"`, `<c r="P2" t="str"><f>1</f><v>1</v></c><c r="P2x"`, 1)
			delete(m, partMatrix)
			m[partRels] = strings.Replace(m[partRels], `Target="worksheets/sheet1.xml"`, `Target="/xl/data/m.xml"`, 1)
		},
		func(m map[string]string) {
			m[partMatrix] = strings.Replace(m[partMatrix], `<c r="P2"`, `<c r="P2" t="str"><f t="shared" ref="P2:P3" si="0">1</f></c><c r="Q2"`, 1)
		},
		func(m map[string]string) {
			m[partMatrix] = strings.Replace(m[partMatrix], "?>", `?><!DOCTYPE w [<!ENTITY a "aa">]>`, 1)
		},
		func(m map[string]string) {
			m[partMatrix] = strings.Replace(m[partMatrix], `<c r="P2"`, `<c r="P2"><v>1</v></c><c r="P2"`, 1)
		},
		func(m map[string]string) {
			addSST(m, 2, "<si><t>a</t></si><si><r><t>b</t></r><rPh><t>c</t></rPh></si>")
			m[partMatrix] = strings.Replace(m[partMatrix], `<c r="P2"`, `<c r="P2" t="s"><v>1</v></c><c r="P2x"`, 1)
		},
		func(m map[string]string) {
			m[partMatrix] = strings.Replace(m[partMatrix], `<c r="P2"`, `<c r="P2" t="inlineStr"><is>`+strings.Repeat("<r>", 100)+`</is></c><c r="P2x"`, 1)
		},
	} {
		c := maps.Clone(m)
		edit(c)
		f.Add(rezip(f, c, order))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := matrix.Read(bytes.NewReader(b), int64(len(b)), matrix.Limits{MaxTotalSize: 64 << 20, MaxEntrySize: 32 << 20, MaxRows: 1000})
		if err == nil {
			matrix.Plan(s, matrix.Current{})
		}
	})
}
