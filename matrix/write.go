package matrix

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/recmap/recmap"
)

// Write lays wb out as an .xlsx workbook on w: the Matrix, Summary, Reply,
// Actions and Sources sheets and the hidden _recmap baseline that import
// compares against. See the package documentation for the layout.
func Write(w io.Writer, wb *Workbook) error {
	f := excelize.NewFile()
	defer f.Close()
	x := &writer{f: f, wb: wb, quoted: map[int]int{}}
	if err := x.write(); err != nil {
		return fmt.Errorf("matrix write: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("matrix write: %w", err)
	}
	return nil
}

type writer struct {
	f  *excelize.File
	wb *Workbook

	// styles
	header, headerEdit, top, wrap, edit, editWrap, num, title, bold, group, note, noteWrap int
	quoted                                                                                 map[int]int

	truncated int // cells cut at MaxCellChars
	rows      []matrixRow
}

// matrixRow is one rec's exported cell values, in matrixColumns order, kept
// so that the baseline holds exactly what the Matrix shows.
type matrixRow struct {
	cells []string
	page  int
}

func (x *writer) write() error {
	f := x.f
	if err := x.styles(); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetMatrix); err != nil {
		return err
	}
	for _, name := range []string{SheetSummary, SheetReply, SheetActions, SheetSources, SheetBaseline} {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	// Sheet-level settings go before any StreamWriter: afterwards excelize
	// would parse every streamed sheet back into memory to apply them.
	f.SetActiveSheet(0)
	if err := f.SetSheetVisible(SheetBaseline, false, true); err != nil {
		return err
	}
	x.prepare()
	steps := []struct {
		name string
		fn   func() error
	}{
		{SheetMatrix, x.matrix},
		{SheetSummary, x.summary},
		{SheetReply, x.reply},
		{SheetActions, x.actions},
		{SheetSources, x.sources},
		{SheetBaseline, x.baseline},
	}
	for _, s := range steps {
		if err := s.fn(); err != nil {
			return fmt.Errorf("sheet %s: %w", s.name, err)
		}
	}
	title := x.wb.Title
	if title == "" {
		title = "Compliance matrix"
	}
	return f.SetDocProps(&excelize.DocProperties{
		Title:   clean(title),
		Creator: "recmap",
		Created: x.generated().UTC().Format(time.RFC3339),
	})
}

func (x *writer) generated() time.Time {
	if x.wb.Generated.IsZero() {
		return time.Unix(0, 0).UTC()
	}
	return x.wb.Generated
}

func (x *writer) styles() error {
	f := x.f
	border := []excelize.Border{
		{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
	}
	top := &excelize.Alignment{Vertical: "top"}
	wrap := &excelize.Alignment{Vertical: "top", WrapText: true}
	defs := []struct {
		dst *int
		s   *excelize.Style
	}{
		{&x.header, &excelize.Style{
			Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E78"}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
			Border:    border,
		}},
		{&x.headerEdit, &excelize.Style{
			Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"548235"}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
			Border:    border,
		}},
		{&x.top, &excelize.Style{Alignment: top, Border: border}},
		{&x.wrap, &excelize.Style{Alignment: wrap, Border: border}},
		{&x.edit, &excelize.Style{Alignment: top, Border: border,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF9E1"}}}},
		{&x.editWrap, &excelize.Style{Alignment: wrap, Border: border,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF9E1"}}}},
		{&x.num, &excelize.Style{Alignment: top, Border: border, NumFmt: 1}},
		{&x.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Color: "1F4E78"}}},
		{&x.bold, &excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top}},
		{&x.group, &excelize.Style{
			Font:      &excelize.Font{Bold: true, Size: 12, Color: "1F4E78"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		}},
		{&x.note, &excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}, Alignment: top}},
		{&x.noteWrap, &excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}, Alignment: wrap}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(d.s)
		if err != nil {
			return err
		}
		*d.dst = id
	}
	return nil
}

// quote returns a variant of style id with Excel's quotePrefix set, so that a
// user who opens such a cell for editing and presses Enter keeps text that
// starts with = + - @ as text instead of turning it into a formula.
func (x *writer) quote(id int) int {
	if q, ok := x.quoted[id]; ok {
		return q
	}
	q := id
	if st := x.f.Styles; st != nil && st.CellXfs != nil && id >= 0 && id < len(st.CellXfs.Xf) {
		xf := st.CellXfs.Xf[id]
		t := true
		xf.QuotePrefix = &t
		st.CellXfs.Xf = append(st.CellXfs.Xf, xf)
		st.CellXfs.Count = len(st.CellXfs.Xf)
		q = len(st.CellXfs.Xf) - 1
	}
	x.quoted[id] = q
	return q
}

// text returns a string cell for document-derived or user text: cleaned,
// cut to the cell limit, always a typed string (the StreamWriter writes
// inlineStr), with the quote-prefix style when it looks like a formula.
func (x *writer) text(s string, style int) excelize.Cell {
	s, cut := fit(s)
	if cut {
		x.truncated++
	}
	if risky(s) {
		style = x.quote(style)
	}
	return excelize.Cell{StyleID: style, Value: s}
}

// str returns a typed string cell for text that was already fitted.
func (x *writer) str(s string, style int) excelize.Cell {
	if risky(s) {
		style = x.quote(style)
	}
	return excelize.Cell{StyleID: style, Value: s}
}

func (x *writer) fitted(s string) string {
	s, cut := fit(s)
	if cut {
		x.truncated++
	}
	return s
}

// prepare computes every Matrix cell once; the baseline reuses them.
func (x *writer) prepare() {
	x.rows = make([]matrixRow, len(x.wb.Recs))
	for i := range x.wb.Recs {
		r := &x.wb.Recs[i]
		it := &r.Item
		symbol := docSymbol(r)
		var actIDs, provIDs, acts, provs, resp, dl []string
		seenResp := map[string]bool{}
		for _, l := range r.Actions {
			line := l.Item.ID + ": " + shorten(linkText(&l.Item), 90)
			if l.Confirmed {
				actIDs = append(actIDs, l.Item.ID)
				for _, b := range l.Item.Responsible {
					if !seenResp[b] {
						seenResp[b] = true
						resp = append(resp, b)
					}
				}
				if d := deadline(&l.Item); d != "" {
					if len(r.Actions) > 1 {
						d += " (" + l.Item.ID + ")"
					}
					dl = append(dl, d)
				}
			} else {
				line += " [suggested]"
			}
			acts = append(acts, line)
		}
		for _, l := range r.Provisions {
			line := l.Item.ID + ": " + shorten(linkText(&l.Item), 70)
			if l.Confirmed {
				provIDs = append(provIDs, l.Item.ID)
			} else {
				line += " [suggested]"
			}
			provs = append(provs, line)
		}
		para := it.Para
		if para == "" {
			para = it.Number
		}
		cite := it.Cite(symbol)
		if r.Doc.FileName != "" {
			cite += " (" + r.Doc.FileName + ")"
		}
		cells := []string{
			it.ID, symbol, para, "", it.Strength, it.Position,
			strings.Join(it.TopicIDs(), ", "), it.Text,
			joinIDs(actIDs), strings.Join(acts, "\n"), strings.Join(resp, "\n"), strings.Join(dl, "\n"),
			joinIDs(provIDs), strings.Join(provs, "\n"), strings.Join(r.RepeatedFrom, "\n"),
			r.Status, r.Evidence, r.Comment, lastDecision(r.LastDecision), cite,
		}
		for j := range cells {
			cells[j] = x.fitted(cells[j])
		}
		x.rows[i] = matrixRow{cells: cells, page: it.Page}
	}
}

func docSymbol(r *Rec) string {
	if r.Doc.Symbol != "" {
		return r.Doc.Symbol
	}
	if r.Doc.ID != "" {
		return r.Doc.ID
	}
	return r.Item.DocID
}

func linkText(it *recmap.Item) string {
	if it.Title != "" && it.Kind == recmap.KindProvision {
		return it.Title + " – " + it.Text
	}
	return it.Text
}

func deadline(it *recmap.Item) string {
	if it.Deadline != "" {
		return it.Deadline
	}
	return it.DeadlineText
}

func lastDecision(d *recmap.Decision) string {
	if d == nil {
		return ""
	}
	what := string(d.Op)
	switch {
	case d.Target != "":
		what += " " + d.Target
	case d.Value != "":
		what += ": " + shorten(d.Value, 40)
	}
	who := d.User
	if who == "" {
		who = "unknown"
	}
	when := ""
	if !d.Time.IsZero() {
		when = ", " + d.Time.UTC().Format("2006-01-02 15:04")
	}
	return what + "\nby " + who + when
}

// printSetup makes a sheet print in landscape on paper (9 = A4, 8 = A3),
// wide pages across, the header row repeated on every page. It must run
// before the sheet's StreamWriter is created.
func (x *writer) printSetup(sheet string, paper, wide int) error {
	f := x.f
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	land, tall := "landscape", 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &paper, Orientation: &land,
		FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sheet + "'!$1:$1", Scope: sheet})
}

// rowHeight estimates the height in points a row needs to show its wrapped
// cells, because Excel does not fit rows written by a stream.
func rowHeight(cells []string) float64 {
	lines := 1
	for j, c := range matrixColumns {
		if !c.wrap || cells[j] == "" {
			continue
		}
		n := wrappedLines(cells[j], c.width)
		lines = max(lines, n)
	}
	return float64(min(lines, 20)) * 15
}

func wrappedLines(s string, width float64) int {
	per := max(int(width*1.1), 1)
	n := 0
	for line := range strings.SplitSeq(s, "\n") {
		n += max(1, (utf8.RuneCountInString(line)+per-1)/per)
		if n > 20 {
			break
		}
	}
	return n
}

func (x *writer) matrix() error {
	f, sh := x.f, SheetMatrix
	n := len(x.rows)
	last := n + 1
	lastCol, _ := excelize.ColumnNumberToName(len(matrixColumns))
	colOf := func(name string) string {
		s, _ := excelize.ColumnNumberToName(ci[name] + 1)
		return s
	}

	// Validation, conditional formats, autofilter and hyperlinks must be in
	// place before the StreamWriter is created (see LIBNOTES).
	stCol := colOf(ColStatus)
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s2:%s%d", stCol, stCol, max(last, 2))
	if err := dv.SetDropList(recmap.Statuses); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "Unknown status",
		"Pick a status from the list: "+strings.Join(recmap.Statuses, ", ")+".")
	dv.SetInput("Status", "Pick the implementation status from the list.")
	if err := f.AddDataValidation(sh, dv); err != nil {
		return err
	}
	if err := x.conditional(sh, fmt.Sprintf("%s2:%s%d", stCol, stCol, max(last, 2)), statusColours); err != nil {
		return err
	}
	sgCol := colOf(ColStrength)
	if err := x.conditional(sh, fmt.Sprintf("%s2:%s%d", sgCol, sgCol, max(last, 2)), strengthColours); err != nil {
		return err
	}
	if err := f.AutoFilter(sh, fmt.Sprintf("A1:%s%d", lastCol, max(last, 2)), nil); err != nil {
		return err
	}
	// The Document cell links to the document's row on the Sources sheet
	// (symbol, file, SHA-256) and shows the citation as its tooltip. Links
	// inside the workbook need no relationship part, which keeps 10,000 of
	// them cheap; the citation is also a plain-text column, because a
	// re-saved workbook may drop link targets.
	srcRow := map[string]int{}
	for i, d := range x.wb.Sources {
		srcRow[d.ID] = i + 2
	}
	docCol := colOf(ColDocument)
	for i := range x.wb.Recs {
		r := &x.wb.Recs[i]
		sr, ok := srcRow[r.Doc.ID]
		if !ok {
			continue
		}
		tip := x.rows[i].cells[ci[ColCitation]]
		if err := f.SetCellHyperLink(sh, docCol+strconv.Itoa(i+2), fmt.Sprintf("%s!A%d", SheetSources, sr), "Location",
			excelize.HyperlinkOpts{Tooltip: &tip}); err != nil {
			return err
		}
	}

	if err := x.printSetup(sh, 8, 2); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sh)
	if err != nil {
		return err
	}
	for i, c := range matrixColumns {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "B2", ActiveCell: "B2", Pane: "bottomRight"}}}); err != nil {
		return err
	}
	head := make([]any, len(matrixColumns))
	for i, c := range matrixColumns {
		st := x.header
		if c.editable {
			st = x.headerEdit
		}
		head[i] = excelize.Cell{StyleID: st, Value: c.name}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 32}); err != nil {
		return err
	}
	styles := make([]int, len(matrixColumns))
	for i, c := range matrixColumns {
		switch {
		case c.editable && c.wrap:
			styles[i] = x.editWrap
		case c.editable:
			styles[i] = x.edit
		case c.wrap:
			styles[i] = x.wrap
		default:
			styles[i] = x.top
		}
	}
	vals := make([]any, len(matrixColumns))
	for i, row := range x.rows {
		for j, s := range row.cells {
			vals[j] = x.str(s, styles[j])
		}
		vals[ci[ColPage]] = excelize.Cell{StyleID: x.num}
		if row.page > 0 {
			vals[ci[ColPage]] = excelize.Cell{StyleID: x.num, Value: row.page}
		}
		if err := sw.SetRow("A"+strconv.Itoa(i+2), vals, excelize.RowOpts{Height: rowHeight(row.cells)}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

type colour struct{ value, fill, font string }

var statusColours = []colour{
	{"not started", "FFC7CE", "9C0006"},
	{"in progress", "DDEBF7", "1F4E78"},
	{"partially implemented", "FFEB9C", "9C5700"},
	{"implemented", "C6EFCE", "006100"},
	{"not applicable", "EDEDED", "595959"},
}

var strengthColours = []colour{
	{"urge", "F8CBAD", "833C0B"},
	{"consider", "FFE699", "7F6000"},
	{"invite", "E2EFDA", "375623"},
}

func (x *writer) conditional(sheet, ref string, cs []colour) error {
	var opts []excelize.ConditionalFormatOptions
	for _, c := range cs {
		id, err := x.f.NewConditionalStyle(&excelize.Style{
			Font: &excelize.Font{Color: c.font},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c.fill}},
		})
		if err != nil {
			return err
		}
		opts = append(opts, excelize.ConditionalFormatOptions{
			Type: "cell", Criteria: "==", Value: strconv.Quote(c.value), Format: &id,
		})
	}
	return x.f.SetConditionalFormat(sheet, ref, opts)
}

// strengthKey is the Summary column a rec counts under: its graded verb, or
// its UPR position.
func strengthKey(r *Rec) string {
	switch {
	case r.Item.Strength != "":
		return r.Item.Strength
	case r.Item.Position != "":
		return "UPR " + r.Item.Position
	}
	return "(none)"
}

var strengthOrder = []string{"urge", "consider", "invite", "call-on", "expect", "recommend", "UPR supported", "UPR noted"}

func ordered(seen map[string]bool, canon []string, tail string) []string {
	var out []string
	for _, k := range canon {
		if seen[k] {
			out = append(out, k)
		}
	}
	var rest []string
	for k := range seen {
		if !slices.Contains(canon, k) && k != tail {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	out = append(out, rest...)
	if seen[tail] {
		out = append(out, tail)
	}
	return out
}

func statusKey(s string) string {
	if v, ok := recmap.ValidStatus(s); ok {
		return v
	}
	if strings.TrimSpace(s) == "" {
		return "(no status)"
	}
	return s
}

func hasConfirmed(ls []Link) bool {
	for _, l := range ls {
		if l.Confirmed {
			return true
		}
	}
	return false
}

// rowWriter numbers the rows of a streamed sheet.
type rowWriter struct {
	sw  *excelize.StreamWriter
	row int
}

func (r *rowWriter) put(vals ...any) error {
	r.row++
	return r.sw.SetRow("A"+strconv.Itoa(r.row), vals)
}

func (r *rowWriter) putH(h float64, vals ...any) error {
	r.row++
	return r.sw.SetRow("A"+strconv.Itoa(r.row), vals, excelize.RowOpts{Height: h})
}

func (r *rowWriter) skip() { r.row++ }

func (x *writer) summary() error {
	f, sh := x.f, SheetSummary
	recs := x.wb.Recs

	// Counts.
	strengths, statuses, topicsSeen := map[string]bool{}, map[string]bool{}, map[string]bool{}
	grid := map[[2]string]int{}
	type topicCount struct {
		n, covered int
		status     map[string]int
	}
	topics := map[string]*topicCount{}
	for i := range recs {
		r := &recs[i]
		sk, st := strengthKey(r), statusKey(r.Status)
		strengths[sk], statuses[st] = true, true
		grid[[2]string{st, sk}]++
		ids := r.Item.TopicIDs()
		if len(ids) == 0 {
			ids = []string{"(no topic)"}
		}
		for _, t := range ids {
			tc := topics[t]
			if tc == nil {
				tc = &topicCount{status: map[string]int{}}
				topics[t] = tc
				topicsSeen[t] = true
			}
			tc.n++
			if hasConfirmed(r.Actions) {
				tc.covered++
			}
			tc.status[st]++
		}
	}
	sCols := ordered(strengths, strengthOrder, "(none)")
	sRows := ordered(statuses, recmap.Statuses, "(no status)")
	tRows := ordered(topicsSeen, nil, "(no topic)")
	slices.SortStableFunc(tRows, func(a, b string) int { return cmp.Compare(topics[b].n, topics[a].n) })

	// Layout: fixed header block, then status × strength, then topics, then gaps.
	gridTop := 12
	topicTop := gridTop + len(sRows) + 4
	gapTop := topicTop + len(tRows) + 4

	// Chart of status by topic, added before the StreamWriter.
	if len(tRows) > 0 {
		var series []excelize.ChartSeries
		for j, st := range sRows {
			col, _ := excelize.ColumnNumberToName(5 + j)
			series = append(series, excelize.ChartSeries{
				Name:       fmt.Sprintf("%s!$%s$%d", sh, col, topicTop),
				Categories: fmt.Sprintf("%s!$A$%d:$A$%d", sh, topicTop+1, topicTop+len(tRows)),
				Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", sh, col, topicTop+1, col, topicTop+len(tRows)),
				Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{statusFill(st)}},
			})
		}
		col, _ := excelize.ColumnNumberToName(6 + len(sRows) + 1)
		if err := f.AddChart(sh, col+"3", &excelize.Chart{
			Type:      excelize.BarStacked,
			Series:    series,
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Status by topic"}}},
			Legend:    excelize.ChartLegend{Position: "bottom"},
			Dimension: excelize.ChartDimension{Width: 720, Height: uint(max(320, 60+22*len(tRows)))},
			YAxis:     excelize.ChartAxis{MajorGridLines: true},
			XAxis:     excelize.ChartAxis{ReverseOrder: true},
		}); err != nil {
			return err
		}
	}

	sw, err := f.NewStreamWriter(sh)
	if err != nil {
		return err
	}
	for _, c := range []struct {
		col int
		w   float64
	}{{1, 30}, {2, 16}, {3, 12}, {4, 12}} {
		if err := sw.SetColWidth(c.col, c.col, c.w); err != nil {
			return err
		}
	}
	if err := sw.SetColWidth(5, 5+max(len(sRows), len(sCols)), 13); err != nil {
		return err
	}
	rw := &rowWriter{sw: sw}
	title := x.wb.Title
	if title == "" {
		title = "Compliance matrix"
	}
	filter := x.wb.Filter
	if filter == "" {
		filter = "all recommendations"
	}
	gaps := 0
	for i := range recs {
		if !hasConfirmed(recs[i].Actions) {
			gaps++
		}
	}
	lines := [][]any{
		{x.text(title, x.title)},
		{x.str("Generated", x.bold), x.str(x.generated().UTC().Format("2006-01-02 15:04 MST"), x.top)},
		{x.str("Filter", x.bold), x.text(filter, x.top)},
		{x.str("Recommendations", x.bold), len(recs)},
		{x.str("Without a confirmed action", x.bold), gaps},
		{x.str("Documents", x.bold), len(x.wb.Sources)},
		{x.str("Matrix cells truncated", x.bold), x.truncated},
		nil,
	}
	for _, l := range lines {
		if l == nil {
			rw.skip()
			continue
		}
		if err := rw.put(l...); err != nil {
			return err
		}
	}
	rw.row++
	if err := sw.MergeCell(fmt.Sprintf("A%d", rw.row), fmt.Sprintf("H%d", rw.row)); err != nil {
		return err
	}
	if err := sw.SetRow(fmt.Sprintf("A%d", rw.row), []any{x.str(howToEdit, x.noteWrap)}, excelize.RowOpts{Height: 48}); err != nil {
		return err
	}

	// Status × strength.
	rw.row = gridTop - 2
	if err := rw.put(x.str("Status × strength", x.bold)); err != nil {
		return err
	}
	head := []any{x.str("Status", x.header)}
	for _, s := range sCols {
		head = append(head, x.str(s, x.header))
	}
	head = append(head, x.str("Total", x.header))
	if err := rw.put(head...); err != nil {
		return err
	}
	colTotals := make([]int, len(sCols))
	for _, st := range sRows {
		row := []any{x.str(st, x.top)}
		tot := 0
		for j, s := range sCols {
			n := grid[[2]string{st, s}]
			row = append(row, excelize.Cell{StyleID: x.num, Value: n})
			colTotals[j] += n
			tot += n
		}
		row = append(row, excelize.Cell{StyleID: x.num, Value: tot})
		if err := rw.put(row...); err != nil {
			return err
		}
	}
	row := []any{x.str("Total", x.bold)}
	for _, n := range colTotals {
		row = append(row, excelize.Cell{StyleID: x.bold, Value: n})
	}
	row = append(row, excelize.Cell{StyleID: x.bold, Value: len(recs)})
	if err := rw.put(row...); err != nil {
		return err
	}

	// By topic.
	rw.row = topicTop - 2
	if err := rw.put(x.str("By topic", x.bold)); err != nil {
		return err
	}
	head = []any{x.str("Topic", x.header), x.str("Recommendations", x.header),
		x.str("With confirmed action", x.header), x.str("Gaps", x.header)}
	for _, st := range sRows {
		head = append(head, x.str(st, x.header))
	}
	if err := rw.putH(30, head...); err != nil {
		return err
	}
	for _, t := range tRows {
		tc := topics[t]
		row := []any{x.text(t, x.top), excelize.Cell{StyleID: x.num, Value: tc.n},
			excelize.Cell{StyleID: x.num, Value: tc.covered}, excelize.Cell{StyleID: x.num, Value: tc.n - tc.covered}}
		for _, st := range sRows {
			row = append(row, excelize.Cell{StyleID: x.num, Value: tc.status[st]})
		}
		if err := rw.put(row...); err != nil {
			return err
		}
	}

	// Gaps.
	rw.row = gapTop - 2
	if err := rw.put(x.str("Gaps: recommendations with no confirmed national action", x.bold)); err != nil {
		return err
	}
	if err := rw.put(x.str("ID", x.header), x.str("Document", x.header), x.str("Para.", x.header),
		x.str("Strength", x.header), x.str("Status", x.header), x.str("Suggested actions", x.header),
		x.str("Recommendation", x.header)); err != nil {
		return err
	}
	for i, r := range x.rows {
		rec := &recs[i]
		if hasConfirmed(rec.Actions) {
			continue
		}
		sugg := len(rec.Actions)
		if err := rw.put(x.str(r.cells[ci[ColID]], x.top), x.str(r.cells[ci[ColDocument]], x.top), x.str(r.cells[ci[ColPara]], x.top),
			x.str(r.cells[ci[ColStrength]], x.top), x.str(r.cells[ci[ColStatus]], x.top), excelize.Cell{StyleID: x.num, Value: sugg},
			x.text(shorten(rec.Item.Text, 200), x.top)); err != nil {
			return err
		}
	}
	return sw.Flush()
}

const howToEdit = "How to edit: on the Matrix sheet change only the columns with a green header " +
	"(Status, Evidence, Comments, Action IDs, Provision IDs), then run \"recmap import\" on the file. " +
	"Do not edit the ID column, add or delete rows: import reports such edits with their cell and applies nothing for them."

func statusFill(st string) string {
	for _, c := range statusColours {
		if c.value == st {
			return c.fill
		}
	}
	return "A6A6A6"
}

func (x *writer) reply() error {
	f, sh := x.f, SheetReply
	recs := x.wb.Recs
	if err := x.printSetup(sh, 9, 1); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sh)
	if err != nil {
		return err
	}
	widths := []float64{8, 22, 70, 70, 30, 16, 20, 40}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	rw := &rowWriter{sw: sw}
	hv := make([]any, len(replyHeads))
	for i, h := range replyHeads {
		hv[i] = x.str(h, x.header)
	}
	if err := rw.putH(24, hv...); err != nil {
		return err
	}
	for _, g := range replyGroups(x.wb) {
		rw.row++
		if err := sw.MergeCell(fmt.Sprintf("A%d", rw.row), fmt.Sprintf("H%d", rw.row)); err != nil {
			return err
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", rw.row), []any{x.text(g.label, x.group)}, excelize.RowOpts{Height: 22}); err != nil {
			return err
		}
		for _, i := range g.recs {
			cells := x.rows[i].cells
			m := measuresOf(&recs[i])
			vals := []any{
				x.str(cells[ci[ColPara]], x.top), x.str(cells[ci[ColID]], x.top), x.str(cells[ci[ColText]], x.wrap),
				x.text(strings.Join(m.lines, "\n"), x.wrap), x.text(strings.Join(m.responsible, "\n"), x.wrap),
				x.text(strings.Join(m.deadlines, "\n"), x.wrap), x.str(cells[ci[ColStatus]], x.top), x.str(cells[ci[ColEvidence]], x.wrap),
			}
			h := max(wrappedLines(cells[ci[ColText]], 70), wrappedLines(strings.Join(m.lines, "\n"), 70), 1)
			if err := rw.putH(float64(min(h, 20))*15, vals...); err != nil {
				return err
			}
		}
	}
	return sw.Flush()
}

// compareNumbers orders item numbers the way a reader does: 54.2 < 54.10 < 55.
func compareNumbers(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		na, ea := strconv.Atoi(as[i])
		nb, eb := strconv.Atoi(bs[i])
		if ea == nil && eb == nil {
			if c := cmp.Compare(na, nb); c != 0 {
				return c
			}
			continue
		}
		if c := cmp.Compare(as[i], bs[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(as), len(bs))
}

func (x *writer) actionRows() []ActionRow {
	if x.wb.Actions != nil {
		return x.wb.Actions
	}
	idx := map[string]int{}
	var out []ActionRow
	for i := range x.wb.Recs {
		r := &x.wb.Recs[i]
		for _, l := range r.Actions {
			if !l.Confirmed {
				continue
			}
			j, ok := idx[l.Item.ID]
			if !ok {
				j = len(out)
				idx[l.Item.ID] = j
				out = append(out, ActionRow{Item: l.Item, Symbol: l.Symbol})
			}
			out[j].Recs = append(out[j].Recs, r.Item.ID)
		}
	}
	slices.SortStableFunc(out, func(a, b ActionRow) int { return cmp.Compare(a.Item.ID, b.Item.ID) })
	return out
}

func (x *writer) actions() error {
	if err := x.printSetup(SheetActions, 9, 1); err != nil {
		return err
	}
	sw, err := x.f.NewStreamWriter(SheetActions)
	if err != nil {
		return err
	}
	heads := []string{"Action ID", "Document", "No.", "Action", "Responsible", "Partners", "Deadline", "Indicator", "Answers recommendations", "Count"}
	widths := []float64{24, 18, 8, 70, 28, 24, 16, 30, 30, 8}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	rw := &rowWriter{sw: sw}
	hv := make([]any, len(heads))
	for i, h := range heads {
		hv[i] = x.str(h, x.header)
	}
	if err := rw.putH(24, hv...); err != nil {
		return err
	}
	for _, a := range x.actionRows() {
		it := &a.Item
		text := it.Text
		if it.Title != "" {
			text = it.Title + "\n" + text
		}
		recs := joinIDs(a.Recs)
		vals := []any{
			x.text(it.ID, x.top), x.text(a.Symbol, x.top), x.text(it.Number, x.top), x.text(text, x.wrap),
			x.text(strings.Join(it.Responsible, "\n"), x.wrap), x.text(strings.Join(it.Partners, "\n"), x.wrap),
			x.text(deadline(it), x.top), x.text(it.Indicator, x.wrap), x.text(recs, x.wrap),
			excelize.Cell{StyleID: x.num, Value: len(a.Recs)},
		}
		h := max(wrappedLines(text, 70), len(a.Recs), 1)
		if err := rw.putH(float64(min(h, 20))*15, vals...); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func (x *writer) sources() error {
	sw, err := x.f.NewStreamWriter(SheetSources)
	if err != nil {
		return err
	}
	heads := []string{"Symbol", "Title", "Family", "Body", "Country", "Round", "Language", "Adopted", "Published", "Pages", "File", "Format", "SHA-256", "Ingested", "Document ID"}
	widths := []float64{18, 50, 18, 10, 8, 7, 9, 12, 12, 7, 30, 8, 66, 20, 20}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	rw := &rowWriter{sw: sw}
	hv := make([]any, len(heads))
	for i, h := range heads {
		hv[i] = x.str(h, x.header)
	}
	if err := rw.put(hv...); err != nil {
		return err
	}
	for _, d := range x.wb.Sources {
		ing := ""
		if !d.Ingested.IsZero() {
			ing = d.Ingested.UTC().Format("2006-01-02 15:04")
		}
		vals := []any{
			x.text(d.Symbol, x.top), x.text(d.Title, x.wrap), x.text(string(d.Family), x.top), x.text(d.Body, x.top),
			x.text(d.Country, x.top), x.text(d.Round, x.top), x.text(d.Language, x.top), x.text(d.Adopted, x.top),
			x.text(d.Published, x.top), excelize.Cell{StyleID: x.num, Value: d.Pages}, x.text(d.FileName, x.top),
			x.text(d.Format, x.top), x.text(d.SHA256, x.top), x.text(ing, x.top), x.text(d.ID, x.top),
		}
		if err := rw.put(vals...); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// baseline writes the hidden sheet import compares against: per Matrix row
// the rec ID, the fingerprint of its text and the exported editable values.
func (x *writer) baseline() error {
	sw, err := x.f.NewStreamWriter(SheetBaseline)
	if err != nil {
		return err
	}
	rw := &rowWriter{sw: sw}
	if err := rw.put(baselineMarker, baselineVersion, x.generated().UTC().Format(time.RFC3339), SheetMatrix); err != nil {
		return err
	}
	hv := make([]any, len(baselineHeader))
	for i, h := range baselineHeader {
		hv[i] = h
	}
	if err := rw.put(hv...); err != nil {
		return err
	}
	for i, r := range x.rows {
		c := r.cells
		if err := rw.put(c[ci[ColID]], Fingerprint(x.wb.Recs[i].Item.Text), c[ci[ColStatus]], c[ci[ColEvidence]], c[ci[ColComments]], c[ci[ColActionIDs]], c[ci[ColProvisionIDs]], i+2); err != nil {
			return err
		}
	}
	return sw.Flush()
}
