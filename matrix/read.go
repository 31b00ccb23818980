package matrix

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Limits bound what Read accepts. A zero field takes its value from
// DefaultLimits (MaxSharedStrings from MaxRows).
type Limits struct {
	MaxFileSize      int64 // size of the .xlsx file itself
	MaxTotalSize     int64 // sum of the decompressed sizes of all zip entries read
	MaxEntrySize     int64 // decompressed size of any one zip entry
	MaxEntries       int   // number of zip entries (and of relationships in one part)
	MaxRows          int   // rows holding any value on every sheet read (Matrix, header included; the baseline, less its marker row)
	MaxSharedStrings int   // strings in the shared-strings table; 0: 20 per row of MaxRows
	MaxSharedBytes   int64 // text of all shared strings together
	MaxCellSize      int64 // text of one cell, shared string or formula, in bytes
	MaxDepth         int   // nesting of XML elements in any part read
}

// DefaultLimits are generous for a real matrix (10,000 recommendations make
// a file of a few MB; re-saved by Excel, at most 20 shared strings a row)
// and small enough to refuse a zip bomb or a shared-strings bomb quickly,
// within a few hundred MB. MaxCellSize is well above what an Excel cell
// holds (32,767 characters: at most 96 KB in UTF-8).
var DefaultLimits = Limits{
	MaxFileSize:    64 << 20,
	MaxTotalSize:   512 << 20,
	MaxEntrySize:   256 << 20,
	MaxEntries:     2000,
	MaxRows:        100_000,
	MaxSharedBytes: 128 << 20,
	MaxCellSize:    256 << 10,
	MaxDepth:       64,
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
	if l.MaxSharedStrings <= 0 {
		l.MaxSharedStrings = 20 * l.MaxRows
	}
	if l.MaxSharedBytes <= 0 {
		l.MaxSharedBytes = d.MaxSharedBytes
	}
	if l.MaxCellSize <= 0 {
		l.MaxCellSize = d.MaxCellSize
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = d.MaxDepth
	}
	return l
}

// Limit names one of the Limits.
type Limit string

// The limits a LimitError can name, each a field of Limits (LimitSheets is
// a fixed bound far above any workbook).
const (
	LimitFileSize      Limit = "file size"               // MaxFileSize
	LimitEntries       Limit = "number of zip entries"   // MaxEntries
	LimitEntrySize     Limit = "decompressed size"       // MaxEntrySize
	LimitTotalSize     Limit = "total decompressed size" // MaxTotalSize
	LimitRows          Limit = "rows"                    // MaxRows
	LimitSharedStrings Limit = "shared strings"          // MaxSharedStrings
	LimitSharedBytes   Limit = "shared-strings text"     // MaxSharedBytes
	LimitCellSize      Limit = "text"                    // MaxCellSize
	LimitDepth         Limit = "XML nesting depth"       // MaxDepth
	LimitSheets        Limit = "sheets"
)

// bytes says whether the limit counts bytes.
func (l Limit) bytes() bool {
	switch l {
	case LimitFileSize, LimitEntrySize, LimitTotalSize, LimitSharedBytes, LimitCellSize:
		return true
	}
	return false
}

// LimitError says which limit a workbook exceeded, where, by how much and
// what the bound is. Read returns it wrapped; test with errors.As. It does
// not say how to raise the limit: that is the caller's to word.
type LimitError struct {
	Limit   Limit
	Where   string // "of part xl/media/x.bin", "on sheet _recmap", "in cell Matrix!R6", "in xl/sharedStrings.xml"; may be empty
	Value   int64  // what was found; with AtLeast, where reading stopped
	AtLeast bool   // Value is a lower bound: reading stopped there
	Bound   int64
}

func (e *LimitError) Error() string {
	what := string(e.Limit)
	if e.Where != "" {
		what += " " + e.Where
	}
	v := e.amount(e.Value)
	if e.AtLeast {
		v = "at least " + v
	}
	return fmt.Sprintf("workbook refused: %s over the limit of %s (found %s)", what, e.amount(e.Bound), v)
}

func (e *LimitError) amount(n int64) string {
	switch {
	case !e.Limit.bytes():
		return thousands(n)
	case n >= 10<<20:
		return thousands(n>>20) + " MB"
	case n >= 10<<10:
		return thousands(n>>10) + " KB"
	}
	return thousands(n) + " bytes"
}

// thousands writes 1500000 as 1,500,000.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
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

// Read reads a workbook that people edited. It reads the parts it needs
// itself, as streams, and checks each against lim while reading it: the zip
// directory first, then the workbook's sheet list and relationships (a
// sheet is read from the part its relationship names, wherever that is),
// the shared strings, the Matrix sheet and the baseline. It finds the Matrix
// columns by their header names (so reordered columns are fine), skips empty
// rows, records the formula of any formula cell in the columns it reads
// (plain, shared or array), and loads the baseline. A DTD, a duplicate or
// misplaced cell and malformed XML are errors naming the part or the cell.
// Read does not judge the edits: Plan does.
func Read(r io.ReaderAt, size int64, lim Limits) (s *Sheet, err error) {
	lim = lim.withDefaults()
	p, err := openPkg(r, size, lim)
	if err != nil {
		return nil, fmt.Errorf("matrix read: %w", err)
	}
	idx, err := p.readIndex()
	if err != nil {
		return nil, fmt.Errorf("matrix read: %w", err)
	}
	name, part, err := findMatrix(idx)
	if err != nil {
		return nil, fmt.Errorf("matrix read: %w", err)
	}
	sst, err := p.readSharedStrings(idx.SharedStrings)
	if err != nil {
		return nil, fmt.Errorf("matrix read: %w", err)
	}
	s, err = readMatrix(p, name, part, sst)
	if err != nil {
		return nil, fmt.Errorf("matrix read: %w", err)
	}
	s.Baseline, s.BaselineProblem, err = readBaseline(p, idx, sst)
	if err != nil {
		return nil, fmt.Errorf("matrix read: %w", err)
	}
	return s, nil
}

// headerKey normalises a header for matching: case, spacing and a trailing
// full stop do not matter.
func headerKey(s string) string {
	return strings.TrimSuffix(strings.ToLower(strings.Join(strings.Fields(s), " ")), ".")
}

// findMatrix finds the Matrix sheet by its name, exactly or as headerKey
// matches it, and the part it is stored in.
func findMatrix(idx *workbookIndex) (name, part string, err error) {
	found := idx.sheetIndex(SheetMatrix, func(n string) bool { return headerKey(n) == headerKey(SheetMatrix) })
	if found < 0 {
		names := make([]string, 0, min(len(idx.Sheets), 20))
		for _, s := range idx.Sheets[:min(len(idx.Sheets), 20)] {
			names = append(names, s.Name)
		}
		return "", "", fmt.Errorf("%w: the workbook has sheets %q; import reads the sheet named %q that recmap export wrote; rename the edited sheet back to %q",
			ErrNoMatrix, names, SheetMatrix, SheetMatrix)
	}
	s := idx.Sheets[found]
	if s.Part == "" {
		return "", "", fmt.Errorf("sheet %s: the workbook's relationships name no part for it: the file is damaged", s.Name)
	}
	return s.Name, s.Part, nil
}

// sheetIndex is the index of the sheet named name, or else of the first
// whose name like accepts (a sheet renamed by hand), or -1.
func (idx *workbookIndex) sheetIndex(name string, like func(string) bool) int {
	for i, s := range idx.Sheets {
		if s.Name == name {
			return i
		}
	}
	for i, s := range idx.Sheets {
		if like(s.Name) {
			return i
		}
	}
	return -1
}

func readMatrix(p *pkg, name, part string, sst []string) (*Sheet, error) {
	rows, err := p.openSheet(name, part, sst)
	if err != nil {
		return nil, fmt.Errorf("sheet %s: %w", name, err)
	}
	defer rows.Close()

	s := &Sheet{Name: name, Columns: map[string]string{}}
	want := map[string]string{headerKey(ColID): ColID}
	for _, c := range editableColumns {
		want[headerKey(c)] = c
	}
	col := map[string]int{}  // header name → 1-based column
	read := map[int]string{} // 1-based column → header name, for the columns read
	nonEmpty, withValues := 0, 0
	for rows.Next() {
		r := rows.Row()
		if len(r.Cells) > 0 {
			withValues++
			if withValues > p.lim.MaxRows {
				return nil, rowLimit(name, withValues, p.lim.MaxRows)
			}
		}
		if isEmpty(r.Cells) {
			continue
		}
		nonEmpty++
		if nonEmpty == 1 { // the header row
			for _, c := range r.Cells {
				if h, ok := want[headerKey(c.Value)]; ok {
					if _, dup := col[h]; !dup {
						col[h] = c.Col
						read[c.Col] = h
						s.Columns[h] = columnName(c.Col)
					}
				}
			}
			if _, ok := col[ColID]; !ok {
				return nil, fmt.Errorf("sheet %s: no %q column in the header row %d: the ID column was renamed or deleted; import matches rows by it", name, ColID, r.Num)
			}
			continue
		}
		row := Row{Num: r.Num, Values: map[string]Cell{}}
		for h, c := range col {
			v := Cell{Ref: fmt.Sprintf("%s!%s%d", name, columnName(c), r.Num)}
			if h == ColID {
				row.ID = v
			} else {
				row.Values[h] = v
			}
		}
		for _, c := range r.Cells {
			h, ok := read[c.Col]
			if !ok {
				continue
			}
			v := Cell{Ref: fmt.Sprintf("%s!%s%d", name, columnName(c.Col), r.Num), Value: c.Value, Formula: c.Formula}
			if h == ColID {
				row.ID = v
			} else {
				row.Values[h] = v
			}
		}
		s.Rows = append(s.Rows, row)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if nonEmpty == 0 {
		return nil, fmt.Errorf("sheet %s is empty", name)
	}
	for _, c := range editableColumns {
		if _, ok := col[c]; !ok {
			s.Missing = append(s.Missing, c)
		}
	}
	return s, nil
}

// rowLimit is the error for a sheet with more than bound rows that hold a
// value (even blank text). Rows without values (re-saved workbooks have many, formatted but
// empty) are not counted: Excel's grid bounds them.
func rowLimit(sheet string, n, bound int) error {
	return &LimitError{Limit: LimitRows, Where: "on sheet " + sheet, Value: int64(n), AtLeast: true, Bound: int64(bound)}
}

// isEmpty says whether a row holds no text: a formula counts as content.
func isEmpty(cells []cell) bool {
	for _, c := range cells {
		if c.Formula != "" || strings.TrimSpace(c.Value) != "" {
			return false
		}
	}
	return true
}

// readBaseline loads the hidden baseline sheet, or says why it cannot. It
// is bounded like the Matrix sheet (MaxRows, plus its marker row); a limit
// or a malformed sheet is an error, a baseline that is not recmap's is a
// problem Plan reports.
func readBaseline(p *pkg, idx *workbookIndex, sst []string) (*Baseline, string, error) {
	found := idx.sheetIndex(SheetBaseline, func(n string) bool { return strings.EqualFold(n, SheetBaseline) })
	if found < 0 || idx.Sheets[found].Part == "" {
		return nil, fmt.Sprintf("the workbook has no %s sheet: it was not exported by recmap, or that hidden sheet was removed or renamed (for example by copying the Matrix sheet into a new file). Without the export baseline recmap cannot tell your edits from the exported values, so nothing is imported: export again with \"recmap export\" and copy your edits into the new file", SheetBaseline), nil
	}
	sh := idx.Sheets[found]
	rows, err := p.openSheet(sh.Name, sh.Part, sst)
	if err != nil {
		return nil, "", fmt.Errorf("sheet %s: %w", sh.Name, err)
	}
	defer rows.Close()
	var (
		b          *Baseline
		col        map[int]string // 1-based column → baseline header
		withValues int
		problem    string
	)
	for rows.Next() {
		r := rows.Row()
		if len(r.Cells) > 0 {
			withValues++
			if withValues > p.lim.MaxRows+1 {
				return nil, "", rowLimit(sh.Name, withValues, p.lim.MaxRows+1)
			}
		}
		if isEmpty(r.Cells) || problem != "" {
			continue // keep reading: the limits and the XML checks still apply
		}
		for _, c := range r.Cells {
			if c.Formula != "" {
				problem = fmt.Sprintf("the %s sheet has a formula in cell %s!%s%d: the export baseline holds values only, so it was edited; export again", sh.Name, sh.Name, columnName(c.Col), r.Num)
			}
		}
		if problem != "" {
			continue
		}
		get := func(i int) string {
			for _, c := range r.Cells {
				if c.Col == i {
					return c.Value
				}
			}
			return ""
		}
		switch {
		case b == nil:
			if r.Num != 1 || get(1) != baselineMarker || get(2) == "" {
				problem = fmt.Sprintf("the %s sheet is not a recmap export baseline (cell A1 is not %q): it was edited or replaced; export again", sh.Name, baselineMarker)
				continue
			}
			b = &Baseline{Version: get(2), Generated: get(3)}
			if b.Version != baselineVersion {
				problem = fmt.Sprintf("the %s sheet has baseline version %q; this recmap reads version %s: export again", sh.Name, b.Version, baselineVersion)
			}
		case col == nil:
			col = map[int]string{}
			for _, c := range r.Cells {
				col[c.Col] = c.Value
			}
			for _, h := range baselineHeader {
				if !slices.Contains(slices.Collect(maps.Values(col)), h) {
					problem = fmt.Sprintf("the %s sheet has no %q column: it was edited; export again", sh.Name, h)
					break
				}
			}
		default:
			v := map[string]string{}
			for _, c := range r.Cells {
				if h, ok := col[c.Col]; ok {
					if _, dup := v[h]; !dup {
						v[h] = c.Value
					}
				}
			}
			if v["ID"] == "" {
				continue
			}
			n, _ := strconv.Atoi(v["Row"])
			b.Rows = append(b.Rows, BaselineRow{
				ID: v["ID"], Fingerprint: v["Fingerprint"],
				Status: v["Status"], Evidence: v["Evidence"], Comment: v["Comments"],
				Actions: SplitIDs(v["Action IDs"]), Provisions: SplitIDs(v["Provision IDs"]),
				Row: n,
			})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	switch {
	case problem != "":
		return nil, problem, nil
	case b == nil:
		return nil, fmt.Sprintf("the %s sheet is not a recmap export baseline (cell A1 is not %q): it was edited or replaced; export again", sh.Name, baselineMarker), nil
	case col == nil:
		return nil, fmt.Sprintf("the %s sheet has no header row: it was edited; export again", sh.Name), nil
	}
	return b, "", nil
}
