package matrix

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Limits bound what Read accepts. A zero field takes its value from
// DefaultLimits.
type Limits struct {
	MaxFileSize  int64 // size of the .xlsx file itself
	MaxTotalSize int64 // sum of the decompressed sizes of all zip entries
	MaxEntrySize int64 // decompressed size of any one zip entry
	MaxEntries   int   // number of zip entries
	MaxRows      int   // non-empty rows on the Matrix sheet, header included
}

// DefaultLimits are generous for a real matrix (10,000 recommendations make
// a file of a few MB) and small enough to refuse a zip bomb quickly.
var DefaultLimits = Limits{
	MaxFileSize:  64 << 20,
	MaxTotalSize: 512 << 20,
	MaxEntrySize: 256 << 20,
	MaxEntries:   2000,
	MaxRows:      100_000,
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.MaxFileSize <= 0 {
		l.MaxFileSize = d.MaxFileSize
	}
	if l.MaxTotalSize <= 0 {
		l.MaxTotalSize = d.MaxTotalSize
	}
	if l.MaxEntrySize <= 0 {
		l.MaxEntrySize = d.MaxEntrySize
	}
	if l.MaxEntries <= 0 {
		l.MaxEntries = d.MaxEntries
	}
	if l.MaxRows <= 0 {
		l.MaxRows = d.MaxRows
	}
	return l
}

// LimitError says which limit a workbook exceeded. Read returns it wrapped;
// test with errors.As.
type LimitError struct {
	What  string // "file size", "decompressed size", "entry xl/worksheets/sheet1.xml", "zip entries", "rows on Matrix"
	Limit int64
}

func (e *LimitError) Error() string {
	unit := ""
	lim := strconv.FormatInt(e.Limit, 10)
	if e.Limit >= 1<<20 && strings.Contains(e.What, "size") {
		lim, unit = strconv.FormatInt(e.Limit>>20, 10), " MB"
	}
	return fmt.Sprintf("workbook refused: %s over the limit of %s%s (a matrix exported by recmap is far smaller; raise the limit only for a file you trust)", e.What, lim, unit)
}

// ErrNoMatrix means the workbook has no sheet named SheetMatrix.
var ErrNoMatrix = errors.New(`no sheet named "` + SheetMatrix + `"`)

// Cell is one cell as read back: its reference (Matrix!P7), its value
// (raw: numbers and dates as stored, not as displayed) and the formula typed
// into it, if any. A formula is reported, never used as a value.
type Cell struct {
	Ref     string
	Value   string
	Formula string
}

// Row is one non-empty row of the Matrix sheet.
type Row struct {
	Num    int             // 1-based row number in the edited sheet
	ID     Cell            // the ID column
	Values map[string]Cell // editable columns found, by header name (ColStatus …)
}

// Sheet is what Read found in an edited workbook.
type Sheet struct {
	Name    string            // SheetMatrix
	Columns map[string]string // header name → column letter, for the columns import reads
	Missing []string          // editable columns whose header was not found
	Rows    []Row

	// Baseline is the export baseline from the hidden _recmap sheet, nil when
	// the workbook has none; BaselineProblem then says why.
	Baseline        *Baseline
	BaselineProblem string
}

// Baseline is the content of the hidden _recmap sheet: what was exported.
type Baseline struct {
	Version   string
	Generated string // RFC 3339 export time
	Rows      []BaselineRow
}

// BaselineRow is one exported rec row as it was at export.
type BaselineRow struct {
	ID          string
	Fingerprint string
	Status      string
	Evidence    string
	Comment     string
	Actions     []string
	Provisions  []string
	Row         int // Matrix row at export
}

// Read reads a workbook that people edited. It checks the zip against lim
// before anything is decompressed for real, finds the Matrix columns by
// their header names (so reordered columns are fine), skips empty rows,
// records formulas typed into the columns it reads, and loads the baseline.
// Read does not judge the edits: Plan does.
func Read(r io.ReaderAt, size int64, lim Limits) (s *Sheet, err error) {
	// excelize is not hardened against every malformed file; a panic on
	// untrusted input is turned into an error.
	defer func() {
		if p := recover(); p != nil {
			s, err = nil, fmt.Errorf("matrix read: malformed workbook: %v", p)
		}
	}()
	lim = lim.withDefaults()
	formulas, err := checkZip(r, size, lim)
	if err != nil {
		return nil, fmt.Errorf("matrix read: %w", err)
	}
	f, err := excelize.OpenReader(io.NewSectionReader(r, 0, size), excelize.Options{UnzipSizeLimit: lim.MaxTotalSize})
	if err != nil {
		return nil, fmt.Errorf("matrix read: open workbook: %w", err)
	}
	defer f.Close()
	s, err = readMatrix(f, lim, formulas)
	if err != nil {
		return nil, fmt.Errorf("matrix read: %w", err)
	}
	s.Baseline, s.BaselineProblem = readBaseline(f)
	return s, nil
}

// checkZip refuses oversized workbooks and zip bombs. Declared sizes are
// checked first, then every entry is decompressed through a counting limit,
// because a zip may declare sizes it does not have. It also reports whether
// any worksheet contains a formula element, so that Read asks excelize for
// formulas (which parses a whole sheet into memory) only when there are some.
func checkZip(r io.ReaderAt, size int64, lim Limits) (formulas bool, err error) {
	if size > lim.MaxFileSize {
		return false, &LimitError{What: "file size", Limit: lim.MaxFileSize}
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return false, fmt.Errorf("not an .xlsx workbook: %w", err)
	}
	if len(zr.File) > lim.MaxEntries {
		return false, &LimitError{What: "number of zip entries", Limit: int64(lim.MaxEntries)}
	}
	var declared uint64
	for _, e := range zr.File {
		if e.UncompressedSize64 > uint64(lim.MaxEntrySize) {
			return false, &LimitError{What: "decompressed size of " + e.Name, Limit: lim.MaxEntrySize}
		}
		declared += e.UncompressedSize64
		if declared > uint64(lim.MaxTotalSize) {
			return false, &LimitError{What: "total decompressed size", Limit: lim.MaxTotalSize}
		}
	}
	var total int64
	for _, e := range zr.File {
		rc, err := e.Open()
		if err != nil {
			return false, fmt.Errorf("zip entry %s: %w", e.Name, err)
		}
		var w io.Writer = io.Discard
		sn := &formulaSniffer{}
		if strings.HasPrefix(e.Name, "xl/worksheets/") {
			w = sn
		}
		n, err := io.Copy(w, io.LimitReader(rc, lim.MaxEntrySize+1))
		formulas = formulas || sn.found
		rc.Close()
		if err != nil {
			return false, fmt.Errorf("zip entry %s: %w", e.Name, err)
		}
		if n > lim.MaxEntrySize {
			return false, &LimitError{What: "decompressed size of " + e.Name, Limit: lim.MaxEntrySize}
		}
		total += n
		if total > lim.MaxTotalSize {
			return false, &LimitError{What: "total decompressed size", Limit: lim.MaxTotalSize}
		}
	}
	return formulas, nil
}

// formulaElement matches the start of a cell formula element, <f> or <f …>,
// with or without a namespace prefix.
var formulaElement = regexp.MustCompile(`<([A-Za-z_][\w.-]*:)?f[\s>/]`)

// formulaSniffer looks for formulaElement in a stream, across writes.
type formulaSniffer struct {
	tail  []byte
	found bool
}

func (s *formulaSniffer) Write(p []byte) (int, error) {
	if s.found {
		return len(p), nil
	}
	buf := append(s.tail, p...)
	if formulaElement.Match(buf) {
		s.found = true
	}
	k := max(len(buf)-64, 0)
	s.tail = append(s.tail[:0], buf[k:]...)
	return len(p), nil
}

// headerKey normalises a header for matching: case, spacing and a trailing
// full stop do not matter.
func headerKey(s string) string {
	return strings.TrimSuffix(strings.ToLower(strings.Join(strings.Fields(s), " ")), ".")
}

func readMatrix(f *excelize.File, lim Limits, formulas bool) (*Sheet, error) {
	sheets := f.GetSheetList()
	name := ""
	for _, s := range sheets {
		if s == SheetMatrix {
			name = s
		}
	}
	if name == "" {
		for _, s := range sheets {
			if headerKey(s) == headerKey(SheetMatrix) {
				name = s
			}
		}
	}
	if name == "" {
		return nil, fmt.Errorf("%w: the workbook has sheets %q; import reads the sheet named %q that recmap export wrote; rename the edited sheet back to %q",
			ErrNoMatrix, sheets, SheetMatrix, SheetMatrix)
	}
	rows, err := f.Rows(name)
	if err != nil {
		return nil, fmt.Errorf("sheet %s: %w", name, err)
	}
	defer rows.Close()

	s := &Sheet{Name: name, Columns: map[string]string{}}
	want := map[string]string{headerKey(ColID): ColID}
	for _, c := range editableColumns {
		want[headerKey(c)] = c
	}
	col := map[string]int{} // header name → 0-based index
	num, nonEmpty := 0, 0
	raw := excelize.Options{RawCellValue: true}
	for rows.Next() {
		num++
		vals, err := rows.Columns(raw)
		if err != nil {
			return nil, fmt.Errorf("sheet %s row %d: %w", name, num, err)
		}
		if isEmpty(vals) {
			continue
		}
		nonEmpty++
		if nonEmpty > lim.MaxRows {
			return nil, &LimitError{What: "rows on sheet " + name, Limit: int64(lim.MaxRows)}
		}
		if nonEmpty == 1 { // the header row
			for i, v := range vals {
				if c, ok := want[headerKey(v)]; ok {
					if _, dup := col[c]; !dup {
						col[c] = i
						s.Columns[c], _ = excelize.ColumnNumberToName(i + 1)
					}
				}
			}
			if _, ok := col[ColID]; !ok {
				return nil, fmt.Errorf("sheet %s: no %q column in the header row %d: the ID column was renamed or deleted; import matches rows by it", name, ColID, num)
			}
			continue
		}
		row := Row{Num: num, Values: map[string]Cell{}}
		cell := func(c string) Cell {
			i := col[c]
			v := ""
			if i < len(vals) {
				v = vals[i]
			}
			return Cell{Ref: fmt.Sprintf("%s!%s%d", name, s.Columns[c], num), Value: v}
		}
		row.ID = cell(ColID)
		for _, c := range editableColumns {
			if _, ok := col[c]; ok {
				row.Values[c] = cell(c)
			}
		}
		s.Rows = append(s.Rows, row)
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("sheet %s: %w", name, err)
	}
	if nonEmpty == 0 {
		return nil, fmt.Errorf("sheet %s is empty", name)
	}
	for _, c := range editableColumns {
		if _, ok := col[c]; !ok {
			s.Missing = append(s.Missing, c)
		}
	}
	// Formulas: a second pass over the cells import reads, when the zip
	// check saw any formula at all.
	for i := range s.Rows {
		if !formulas {
			break
		}
		r := &s.Rows[i]
		if fm, err := formula(f, name, r.ID.Ref); err == nil {
			r.ID.Formula = fm
		}
		for c, v := range r.Values {
			if fm, err := formula(f, name, v.Ref); err == nil && fm != "" {
				v.Formula = fm
				r.Values[c] = v
			}
		}
	}
	return s, nil
}

func formula(f *excelize.File, sheet, ref string) (string, error) {
	_, cell, _ := strings.Cut(ref, "!")
	return f.GetCellFormula(sheet, cell)
}

func isEmpty(vals []string) bool {
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// readBaseline loads the hidden baseline sheet, or says why it cannot.
func readBaseline(f *excelize.File) (*Baseline, string) {
	idx, err := f.GetSheetIndex(SheetBaseline)
	if err != nil || idx < 0 {
		return nil, fmt.Sprintf("the workbook has no %s sheet: it was not exported by recmap, or that hidden sheet was removed or renamed (for example by copying the Matrix sheet into a new file). Without the export baseline recmap cannot tell your edits from the exported values, so nothing is imported: export again with \"recmap export\" and copy your edits into the new file", SheetBaseline)
	}
	rows, err := f.GetRows(SheetBaseline, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Sprintf("the %s sheet cannot be read: %v", SheetBaseline, err)
	}
	if len(rows) < 2 || len(rows[0]) < 2 || rows[0][0] != baselineMarker {
		return nil, fmt.Sprintf("the %s sheet is not a recmap export baseline (cell A1 is not %q): it was edited or replaced; export again", SheetBaseline, baselineMarker)
	}
	b := &Baseline{Version: rows[0][1]}
	if b.Version != baselineVersion {
		return nil, fmt.Sprintf("the %s sheet has baseline version %q; this recmap reads version %s: export again", SheetBaseline, b.Version, baselineVersion)
	}
	if len(rows[0]) > 2 {
		b.Generated = rows[0][2]
	}
	col := map[string]int{}
	for i, h := range rows[1] {
		col[h] = i
	}
	for _, h := range baselineHeader {
		if _, ok := col[h]; !ok {
			return nil, fmt.Sprintf("the %s sheet has no %q column: it was edited; export again", SheetBaseline, h)
		}
	}
	for _, r := range rows[2:] {
		get := func(h string) string {
			if i := col[h]; i < len(r) {
				return r[i]
			}
			return ""
		}
		if get("ID") == "" {
			continue
		}
		n, _ := strconv.Atoi(get("Row"))
		b.Rows = append(b.Rows, BaselineRow{
			ID: get("ID"), Fingerprint: get("Fingerprint"),
			Status: get("Status"), Evidence: get("Evidence"), Comment: get("Comments"),
			Actions: SplitIDs(get("Action IDs")), Provisions: SplitIDs(get("Provision IDs")),
			Row: n,
		})
	}
	return b, ""
}
