package matrix

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// This file reads the parts of an .xlsx package that import needs, itself,
// as streams: the workbook (sheet names), its relationships (where each
// sheet is stored), the shared strings and the cells of a sheet. Every
// quantity is bounded by Limits while it is read, so that a small file
// cannot make the reader spend more time or memory than a real matrix
// would; a DTD, a duplicate cell or a cell outside Excel's grid is an error
// naming the part or the cell.

// Excel's grid: cells outside it cannot come from a spreadsheet program.
const (
	excelMaxRows = 1 << 20 // 1,048,576
	excelMaxCols = 1 << 14 // 16,384, column XFD
)

// pkg is an opened .xlsx package. It counts the bytes it decompresses
// against the part and total limits.
type pkg struct {
	files map[string]*zip.File // by lower-case name: OPC part names ignore case
	lim   Limits
	total int64 // bytes decompressed so far, over every part read
}

// openPkg checks the zip against lim using its directory only (the sizes it
// declares are checked again while reading: archive/zip refuses an entry
// that inflates past its declared size).
func openPkg(r io.ReaderAt, size int64, lim Limits) (*pkg, error) {
	if size > lim.MaxFileSize {
		return nil, &LimitError{Limit: LimitFileSize, Value: size, Bound: lim.MaxFileSize}
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("not an .xlsx workbook: %w", err)
	}
	if len(zr.File) > lim.MaxEntries {
		return nil, &LimitError{Limit: LimitEntries, Value: int64(len(zr.File)), Bound: int64(lim.MaxEntries)}
	}
	p := &pkg{files: make(map[string]*zip.File, len(zr.File)), lim: lim}
	var declared uint64
	for _, e := range zr.File {
		if e.UncompressedSize64 > uint64(lim.MaxEntrySize) {
			return nil, &LimitError{Limit: LimitEntrySize, Where: "of part " + e.Name, Value: clampInt64(e.UncompressedSize64), Bound: lim.MaxEntrySize}
		}
		declared += e.UncompressedSize64
		if declared > uint64(lim.MaxTotalSize) {
			return nil, &LimitError{Limit: LimitTotalSize, Value: clampInt64(declared), AtLeast: true, Bound: lim.MaxTotalSize}
		}
		p.files[strings.ToLower(e.Name)] = e
	}
	return p, nil
}

func clampInt64(v uint64) int64 {
	if v > 1<<62 {
		return 1 << 62
	}
	return int64(v)
}

func (p *pkg) has(name string) bool {
	_, ok := p.files[strings.ToLower(name)]
	return ok
}

// open returns a bounded reader over a part: it counts decompressed bytes
// against MaxEntrySize and MaxTotalSize and refuses a stretch of text
// without markup longer than a cell may hold (see runGate).
func (p *pkg) open(name string) (io.ReadCloser, error) {
	e, ok := p.files[strings.ToLower(name)]
	if !ok {
		return nil, fmt.Errorf("part %s: not in the workbook", name)
	}
	rc, err := e.Open()
	if err != nil {
		return nil, fmt.Errorf("part %s: %w", name, err)
	}
	return &partReader{rc: rc, p: p, name: e.Name, maxRun: runGate(p.lim)}, nil
}

// runGate is the longest stretch of a part without a '<' that the reader
// accepts: the text of the largest cell allowed, with every character
// escaped (&#x10FFFF; is 10 bytes for a 4-byte character), plus room for
// a tag. It bounds what encoding/xml buffers for one token.
func runGate(lim Limits) int64 { return 3*lim.MaxCellSize + 4096 }

// errLongRun is returned by a partReader when a text or tag is longer than
// runGate; the sheet reader turns it into a LimitError naming the cell.
type errLongRun struct{ part string }

func (e *errLongRun) Error() string {
	return "part " + e.part + ": text without markup over the cell limit"
}

type partReader struct {
	rc     io.ReadCloser
	p      *pkg
	name   string
	n      int64 // bytes of this part so far
	run    int64 // bytes since the last '<'
	maxRun int64
}

func (r *partReader) Read(b []byte) (int, error) {
	n, err := r.rc.Read(b)
	r.n += int64(n)
	r.p.total += int64(n)
	if r.n > r.p.lim.MaxEntrySize {
		return 0, &LimitError{Limit: LimitEntrySize, Where: "of part " + r.name, Value: r.n, AtLeast: true, Bound: r.p.lim.MaxEntrySize}
	}
	if r.p.total > r.p.lim.MaxTotalSize {
		return 0, &LimitError{Limit: LimitTotalSize, Value: r.p.total, AtLeast: true, Bound: r.p.lim.MaxTotalSize}
	}
	for rest := b[:n]; ; {
		i := bytes.IndexByte(rest, '<')
		if i < 0 {
			r.run += int64(len(rest))
			break
		}
		r.run += int64(i)
		if r.run > r.maxRun {
			break
		}
		r.run, rest = 0, rest[i+1:]
	}
	if r.run > r.maxRun {
		return 0, &errLongRun{part: r.name}
	}
	return n, err
}

func (r *partReader) Close() error { return r.rc.Close() }

// xmlPart walks the elements of one part with encoding/xml's RawToken,
// checking what RawToken does not: that end tags match, the nesting depth,
// and that there is no DTD (whose entities encoding/xml would not expand,
// leaving silent gaps).
type xmlPart struct {
	name  string
	d     *xml.Decoder
	stack []string // local names of the open elements
	max   int
}

func newXMLPart(name string, r io.Reader, lim Limits) *xmlPart {
	d := xml.NewDecoder(r)
	d.Strict = true
	return &xmlPart{name: name, d: d, max: lim.MaxDepth}
}

// next returns the next start element, end element or character data;
// io.EOF at the end of a well-formed part.
func (x *xmlPart) next() (xml.Token, error) {
	for {
		t, err := x.d.RawToken()
		if err != nil {
			if err == io.EOF && len(x.stack) > 0 {
				return nil, fmt.Errorf("part %s: ends inside <%s>", x.name, x.stack[len(x.stack)-1])
			}
			var le *LimitError
			var lr *errLongRun
			if err == io.EOF || errors.As(err, &le) || errors.As(err, &lr) {
				return nil, err
			}
			return nil, fmt.Errorf("part %s: XML error: %w", x.name, err)
		}
		switch t := t.(type) {
		case xml.StartElement:
			if len(x.stack) >= x.max {
				return nil, &LimitError{Limit: LimitDepth, Where: x.name, Value: int64(len(x.stack) + 1), AtLeast: true, Bound: int64(x.max)}
			}
			x.stack = append(x.stack, t.Name.Local)
			return t, nil
		case xml.EndElement:
			if len(x.stack) == 0 || x.stack[len(x.stack)-1] != t.Name.Local {
				return nil, fmt.Errorf("part %s: XML error: line %d: unexpected </%s>", x.name, x.line(), t.Name.Local)
			}
			x.stack = x.stack[:len(x.stack)-1]
			return t, nil
		case xml.CharData:
			return t, nil
		case xml.Directive:
			return nil, fmt.Errorf("part %s: line %d: a document type declaration (<!%s…>) is not allowed in a workbook: its entities would be expanded differently by every program, so the part is refused",
				x.name, x.line(), clipBytes(t, 12))
		}
		// Comments and processing instructions carry nothing import reads.
	}
}

func (x *xmlPart) line() int {
	l, _ := x.d.InputPos()
	return l
}

// skip consumes the rest of the element whose start was just returned.
func (x *xmlPart) skip() error {
	depth := len(x.stack)
	for len(x.stack) >= depth {
		if _, err := x.next(); err != nil {
			return err
		}
	}
	return nil
}

func clipBytes(b []byte, n int) string {
	s := strings.TrimSpace(string(b))
	if len(s) > n {
		return s[:n]
	}
	return s
}

func attr(t xml.StartElement, local string) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value, true
		}
	}
	return "", false
}

// relID is the r:id attribute, whatever prefix the namespace has.
func relID(t xml.StartElement) string {
	for _, a := range t.Attr {
		if a.Name.Local == "id" && a.Name.Space != "" {
			return a.Value
		}
	}
	return ""
}

// sheetEntry is one sheet of the workbook and the part it is stored in.
type sheetEntry struct {
	Name string
	Part string // zip entry name, "" when the relationship names no part
}

// workbookIndex is what the workbook part and its relationships say: the
// sheets in order, where they are stored, and the shared-strings part.
type workbookIndex struct {
	Sheets        []sheetEntry
	SharedStrings string // "" when the workbook has none
}

const (
	relOfficeDocument = "/officeDocument"
	relWorksheet      = "/worksheet"
	relSharedStrings  = "/sharedStrings"
)

// readIndex finds the workbook part from the package relationships, its
// sheets, and the parts its relationships point to. A sheet is read from
// the part its relationship names, wherever in the package that is.
func (p *pkg) readIndex() (*workbookIndex, error) {
	wbPart := "xl/workbook.xml"
	if p.has("_rels/.rels") {
		rels, err := p.readRels("_rels/.rels", "")
		if err != nil {
			return nil, err
		}
		for _, r := range rels {
			if strings.HasSuffix(r.Type, relOfficeDocument) && r.Target != "" {
				wbPart = r.Target
				break
			}
		}
	}
	if !p.has(wbPart) {
		return nil, fmt.Errorf("not an .xlsx workbook: no workbook part %s", wbPart)
	}
	relsPart := path.Join(path.Dir(wbPart), "_rels", path.Base(wbPart)+".rels")
	targets := map[string]rel{}
	idx := &workbookIndex{}
	if p.has(relsPart) {
		rels, err := p.readRels(relsPart, path.Dir(wbPart))
		if err != nil {
			return nil, err
		}
		for _, r := range rels {
			targets[r.ID] = r
			if strings.HasSuffix(r.Type, relSharedStrings) && idx.SharedStrings == "" {
				idx.SharedStrings = r.Target
			}
		}
	}
	rc, err := p.open(wbPart)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	x := newXMLPart(wbPart, rc, p.lim)
	for {
		t, err := x.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, p.partErr(wbPart, err)
		}
		se, ok := t.(xml.StartElement)
		if !ok || se.Name.Local != "sheet" {
			continue
		}
		if len(idx.Sheets) >= excelMaxSheets {
			return nil, &LimitError{Limit: LimitSheets, Where: wbPart, Value: int64(len(idx.Sheets) + 1), AtLeast: true, Bound: excelMaxSheets}
		}
		name, _ := attr(se, "name")
		e := sheetEntry{Name: name}
		if r, ok := targets[relID(se)]; ok && r.External == false {
			e.Part = r.Target
		}
		idx.Sheets = append(idx.Sheets, e)
	}
	return idx, nil
}

// excelMaxSheets bounds the sheet list: far more than any workbook has.
const excelMaxSheets = 10_000

// rel is one relationship, its target resolved to a zip entry name.
type rel struct {
	ID, Type, Target string
	External         bool
}

// readRels reads a relationships part; relative targets are resolved
// against base, the folder of the part the relationships belong to.
func (p *pkg) readRels(name, base string) ([]rel, error) {
	rc, err := p.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	x := newXMLPart(name, rc, p.lim)
	var out []rel
	for {
		t, err := x.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, p.partErr(name, err)
		}
		se, ok := t.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" {
			continue
		}
		if len(out) >= p.lim.MaxEntries {
			return nil, &LimitError{Limit: LimitEntries, Where: name, Value: int64(len(out) + 1), AtLeast: true, Bound: int64(p.lim.MaxEntries)}
		}
		r := rel{}
		r.ID, _ = attr(se, "Id")
		r.Type, _ = attr(se, "Type")
		target, _ := attr(se, "Target")
		mode, _ := attr(se, "TargetMode")
		r.External = strings.EqualFold(mode, "External")
		if !r.External {
			r.Target = resolvePart(base, target)
		}
		out = append(out, r)
	}
}

// resolvePart turns a relationship target into a zip entry name.
func resolvePart(base, target string) string {
	if target == "" {
		return ""
	}
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean("/"+path.Join(base, target)), "/")
}

// partErr words an error met while reading a part that is not a sheet.
func (p *pkg) partErr(part string, err error) error {
	var lr *errLongRun
	if errors.As(err, &lr) {
		return &LimitError{Limit: LimitCellSize, Where: "in part " + part, Value: runGate(p.lim), AtLeast: true, Bound: p.lim.MaxCellSize}
	}
	return err
}

// readSharedStrings loads the shared-strings table, refusing more strings,
// more text in all, or a longer string than lim allows.
func (p *pkg) readSharedStrings(name string) ([]string, error) {
	if name == "" || !p.has(name) {
		return nil, nil
	}
	rc, err := p.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	x := newXMLPart(name, rc, p.lim)
	var (
		sst   []string
		bytes int64
		sb    strings.Builder
		in    bool // inside <si>
		text  bool // inside a <t> that counts (not phonetic <rPh>)
	)
	where := func() string { return fmt.Sprintf("of shared string %d in %s", len(sst), name) }
	for {
		t, err := x.next()
		if err == io.EOF {
			return sst, nil
		}
		if err != nil {
			var lr *errLongRun
			if errors.As(err, &lr) {
				return nil, &LimitError{Limit: LimitCellSize, Where: where(), Value: runGate(p.lim), AtLeast: true, Bound: p.lim.MaxCellSize}
			}
			return nil, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "sst":
				// uniqueCount may lie; it only lets a table that declares
				// too many strings be refused before it is read.
				if v, ok := attr(t, "uniqueCount"); ok {
					if n, err := strconv.ParseInt(v, 10, 64); err == nil && n > int64(p.lim.MaxSharedStrings) {
						return nil, &LimitError{Limit: LimitSharedStrings, Where: "in " + name, Value: n, Bound: int64(p.lim.MaxSharedStrings)}
					}
				}
			case "si":
				if len(sst) >= p.lim.MaxSharedStrings {
					return nil, &LimitError{Limit: LimitSharedStrings, Where: "in " + name, Value: int64(len(sst) + 1), AtLeast: true, Bound: int64(p.lim.MaxSharedStrings)}
				}
				in = true
				sb.Reset()
			case "rPh":
				if err := x.skip(); err != nil {
					return nil, err
				}
			case "t":
				text = in
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				text = false
			case "si":
				s := unescapeXString(sb.String())
				bytes += int64(len(s))
				if bytes > p.lim.MaxSharedBytes {
					return nil, &LimitError{Limit: LimitSharedBytes, Where: "in " + name, Value: bytes, AtLeast: true, Bound: p.lim.MaxSharedBytes}
				}
				sst = append(sst, s)
				in = false
			}
		case xml.CharData:
			if text {
				if int64(sb.Len()+len(t)) > int64(p.lim.MaxCellSize) {
					return nil, &LimitError{Limit: LimitCellSize, Where: where(), Value: int64(sb.Len() + len(t)), AtLeast: true, Bound: p.lim.MaxCellSize}
				}
				sb.Write(t)
			}
		}
	}
}

// unescapeXString decodes OOXML's _xHHHH_ escapes (ST_Xstring), as Excel
// and excelize write characters XML cannot hold; _x005F_ is an underscore.
func unescapeXString(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || len(s) < i+7 {
			b.WriteString(s)
			return b.String()
		}
		h := s[i+2 : i+6]
		v, err := strconv.ParseUint(h, 16, 16)
		if err != nil || s[i+6] != '_' {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteRune(rune(v))
		s = s[i+7:]
	}
}

// cell is one cell as the sheet reader hands it on.
type cell struct {
	Col     int // 1-based
	Value   string
	Formula string // "" when the cell has none; never empty for a formula cell
}

// sheetRow is one row element: its number and the cells that hold
// something (a value or a formula).
type sheetRow struct {
	Num   int
	Cells []cell
}

// sheetReader streams the rows of one worksheet part.
type sheetReader struct {
	p      *pkg
	sheet  string // sheet name, for cell references in errors
	x      *xmlPart
	rc     io.Closer
	sst    []string
	row    sheetRow
	prevR  int               // last row number
	shared map[string]string // shared formula index → the master's text
	err    error
	ref    string // the cell being read, for errors
}

const maxSharedFormulas = 10_000

func (p *pkg) openSheet(sheet, part string, sst []string) (*sheetReader, error) {
	rc, err := p.open(part)
	if err != nil {
		return nil, err
	}
	return &sheetReader{p: p, sheet: sheet, x: newXMLPart(part, rc, p.lim), rc: rc, sst: sst, shared: map[string]string{}}, nil
}

func (s *sheetReader) Close() error { return s.rc.Close() }

// cellRef is Matrix!P7.
func (s *sheetReader) cellRef(col, row int) string {
	return s.sheet + "!" + columnName(col) + strconv.Itoa(row)
}

// fail turns err into the error Next reports, naming the cell being read.
func (s *sheetReader) fail(err error) error {
	var lr *errLongRun
	var le *LimitError
	switch {
	case errors.As(err, &lr):
		where := "on sheet " + s.sheet
		if s.ref != "" {
			where = "in cell " + s.ref
		}
		err = &LimitError{Limit: LimitCellSize, Where: where, Value: runGate(s.p.lim), AtLeast: true, Bound: s.p.lim.MaxCellSize}
	case errors.As(err, &le):
		if le.Limit == LimitDepth && s.ref != "" {
			le.Where = "in cell " + s.ref
		}
	case s.ref != "":
		err = fmt.Errorf("cell %s: %w", s.ref, err)
	}
	s.err = err
	return err
}

// Next reads the next row element. It returns false at the end of the
// sheet data or on an error, which Err then reports.
func (s *sheetReader) Next() bool {
	if s.err != nil {
		return false
	}
	for {
		t, err := s.x.next()
		if err == io.EOF {
			return false
		}
		if err != nil {
			s.fail(err)
			return false
		}
		se, ok := t.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "worksheet", "sheetData":
			continue
		case "row":
			if err := s.readRow(se); err != nil {
				s.fail(err)
				return false
			}
			return true
		default:
			if err := s.x.skip(); err != nil {
				s.fail(err)
				return false
			}
		}
	}
}

func (s *sheetReader) Row() sheetRow { return s.row }
func (s *sheetReader) Err() error    { return s.err }

// readRow reads the row element whose start is se: row numbers ascend,
// cells ascend within a row and stay inside Excel's grid, so that a
// duplicate reference is an error, never a value in another column.
func (s *sheetReader) readRow(se xml.StartElement) error {
	num := s.prevR + 1
	s.ref = ""
	if v, ok := attr(se, "r"); ok {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 1 || n > excelMaxRows {
			return fmt.Errorf("sheet %s: row number %q is outside Excel's rows 1 to %d", s.sheet, v, excelMaxRows)
		}
		num = n
	}
	if num <= s.prevR {
		return fmt.Errorf("sheet %s: row %d appears again or out of order (after row %d): the sheet was written wrongly; a value would land in the wrong row", s.sheet, num, s.prevR)
	}
	if num > excelMaxRows {
		return fmt.Errorf("sheet %s: row %d is outside Excel's rows 1 to %d", s.sheet, num, excelMaxRows)
	}
	s.prevR = num
	s.row = sheetRow{Num: num, Cells: s.row.Cells[:0]}
	depth := len(s.x.stack)
	prevC := 0
	for {
		t, err := s.x.next()
		if err != nil {
			return err
		}
		if _, ok := t.(xml.EndElement); ok && len(s.x.stack) < depth {
			s.ref = ""
			return nil
		}
		c, ok := t.(xml.StartElement)
		if !ok {
			continue
		}
		if c.Name.Local != "c" {
			if err := s.x.skip(); err != nil {
				return err
			}
			continue
		}
		col := prevC + 1
		if v, ok := attr(c, "r"); ok {
			cc, rr, ok := splitRef(v)
			if !ok || cc < 1 || cc > excelMaxCols {
				s.ref = s.sheet + "!" + v
				return fmt.Errorf("the reference %q is not a cell of Excel's grid (columns A to XFD, rows 1 to %d)", v, excelMaxRows)
			}
			if rr != num {
				s.ref = s.sheet + "!" + v
				return fmt.Errorf("the cell is inside row %d: the sheet was written wrongly, so the workbook is refused", num)
			}
			col = cc
		}
		s.ref = s.cellRef(col, num)
		if col > excelMaxCols {
			return fmt.Errorf("the cell is outside Excel's columns A to XFD")
		}
		if col <= prevC {
			if col == prevC {
				return fmt.Errorf("appears twice in row %d: the sheet was written wrongly and which value is meant cannot be told (one would be taken for the next column), so the workbook is refused", num)
			}
			return fmt.Errorf("comes after %s in row %d: cells out of order mean the sheet was written wrongly, so the workbook is refused", s.cellRef(prevC, num), num)
		}
		prevC = col
		v, err := s.readCell(c, col)
		if err != nil {
			return err
		}
		if v.Value != "" || v.Formula != "" {
			s.row.Cells = append(s.row.Cells, v)
		}
	}
}

// readCell reads a <c> element: its value as stored (a shared string
// looked up, an inline string's text, otherwise <v> as written) and its
// formula, if any.
func (s *sheetReader) readCell(c xml.StartElement, col int) (cell, error) {
	typ, _ := attr(c, "t")
	out := cell{Col: col}
	var v, is strings.Builder
	where := 0 // 1 in <v>, 2 in <f>, 3 in a counted <t> of <is>
	var f strings.Builder
	isFormula, fShared, fSI, fRef := false, false, "", false
	depth := len(s.x.stack)
	grow := func(b *strings.Builder, p []byte) error {
		if int64(b.Len()+len(p)) > int64(s.p.lim.MaxCellSize) {
			return &LimitError{Limit: LimitCellSize, Where: "in cell " + s.ref, Value: int64(b.Len() + len(p)), AtLeast: true, Bound: s.p.lim.MaxCellSize}
		}
		b.Write(p)
		return nil
	}
	for {
		t, err := s.x.next()
		if err != nil {
			return out, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "v":
				where = 1
			case "f":
				where = 2
				isFormula = true
				ft, _ := attr(t, "t")
				fShared = ft == "shared"
				fSI, _ = attr(t, "si")
				_, fRef = attr(t, "ref")
			case "rPh":
				if err := s.x.skip(); err != nil {
					return out, err
				}
			case "t":
				if len(s.x.stack) >= 2 && (s.x.stack[len(s.x.stack)-2] == "is" || s.x.stack[len(s.x.stack)-2] == "r") {
					where = 3
				}
			}
		case xml.EndElement:
			if len(s.x.stack) < depth {
				return s.finishCell(out, typ, v.String(), is.String(), isFormula, f.String(), fShared, fSI, fRef)
			}
			where = 0
		case xml.CharData:
			var err error
			switch where {
			case 1:
				err = grow(&v, t)
			case 2:
				err = grow(&f, t)
			case 3:
				err = grow(&is, t)
			}
			if err != nil {
				return out, err
			}
		}
	}
}

func (s *sheetReader) finishCell(out cell, typ, v, is string, isFormula bool, f string, fShared bool, fSI string, fRef bool) (cell, error) {
	switch typ {
	case "s":
		if strings.TrimSpace(v) == "" {
			break
		}
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(s.sst) {
			return out, fmt.Errorf("points to shared string %q, which the workbook does not have (it has %d): the file is damaged", v, len(s.sst))
		}
		out.Value = s.sst[i]
	case "inlineStr":
		if is != "" {
			out.Value = unescapeXString(is)
		} else {
			out.Value = v
		}
	default:
		out.Value = v
	}
	if isFormula {
		f = strings.TrimSpace(f)
		switch {
		case fShared && f != "" && fRef:
			if len(s.shared) < maxSharedFormulas {
				s.shared[fSI] = shorten(f, 200)
			}
		case fShared && f == "":
			f = s.shared[fSI]
			if f == "" {
				f = "a shared formula"
			}
		case f == "":
			f = "an empty formula"
		}
		out.Formula = f
	}
	return out, nil
}

// splitRef splits "P7" into column 16 and row 7.
func splitRef(ref string) (col, row int, ok bool) {
	i := 0
	for i < len(ref) && i < 4 {
		ch := ref[i] | 0x20 // lower case
		if ch < 'a' || ch > 'z' {
			break
		}
		col = col*26 + int(ch-'a'+1)
		i++
	}
	if i == 0 || i == len(ref) || i == 4 {
		return 0, 0, false
	}
	row, err := strconv.Atoi(ref[i:])
	if err != nil || row < 1 || row > excelMaxRows || ref[i] == '+' || ref[i] == '-' {
		return 0, 0, false
	}
	return col, row, true
}

// columnName is the letters of a 1-based column: 16 → P.
func columnName(col int) string {
	var b [8]byte
	i := len(b)
	for col > 0 && i > 0 {
		col--
		i--
		b[i] = byte('A' + col%26)
		col /= 26
	}
	return string(b[i:])
}
