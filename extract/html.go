package extract

import (
	"bytes"
	"context"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// readHTML reads HTML or XHTML.
//
// The character set comes from a byte order mark or a <meta> declaration,
// and is otherwise UTF-8 when the bytes are valid UTF-8 (Windows-1252 when
// not). Character references are decoded by the HTML parser; entities
// declared in a DOCTYPE are never expanded. The content of script, style,
// noscript, template and head is skipped; "<script>" written as text in the
// document (&lt;script&gt;) is data and comes out as literal text.
//
// Block elements (p, div, li, h1–h6, blockquote, pre, dt/dd, …) become
// paragraphs; h1–h6 set Heading; b, strong, th and CSS bold set BoldSpans.
// A list item of an unordered list gets Marker "•"; an item of an ordered
// list gets its number in Number (or a letter or roman Marker for
// type="a"/"i"), and List is the nesting depth, set for numbers only below
// the top level, the same rule as for Word numbering.
//
// Tables: a data table goes to Document.Tables, one cell per column (colspan
// adds empty cells, rowspan repeats the text down), with one paragraph per
// row, cells joined by " | "; tables nested in a data table are flattened
// into their cell. A layout table used for numbered points, as EUR-Lex
// writes "(a)", "1." and "—" points, is not a table: when every row that
// has text has exactly two cells and the first holds only a short marker
// (a bullet, "(a)", "a)", "(iv)", "1.", "1)", "(12)", at most 8 characters),
// each row becomes a paragraph of the second cell's text with the marker in
// Marker (or Number for "1."), and List set to the nesting depth. EUR-Lex
// amendment markers such as "▼B", "▼M1" and "►M1" are kept in the text.
func readHTML(ctx context.Context, data []byte) (*Document, error) {
	r := &htmlReader{ctx: ctx, doc: &Document{}}
	data = r.decode(data)
	if bytes.Contains(bytes.ToUpper(data[:min(len(data), 64<<10)]), []byte("<!ENTITY")) {
		r.doc.Warnings = append(r.doc.Warnings, "entity declarations in the DOCTYPE ignored: they are never expanded")
	}
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, corrupt("html: %v", err)
	}
	r.doc.Source.Title = title(root)
	r.walk(root, 0)
	r.flush()
	if r.err != nil {
		return nil, r.err
	}
	r.doc.Paragraphs = joinLabels(r.doc.Paragraphs)
	return r.doc, nil
}

// joinLabels joins a paragraph that is only a number or list label to the
// paragraph that follows it. EUR-Lex sets "1." in its own element before the
// text (<span class="no-parag">1.</span><div>Member States shall …</div>),
// which reads as two blocks.
func joinLabels(ps []Paragraph) []Paragraph {
	out := ps[:0]
	for i := 0; i < len(ps); i++ {
		p := ps[i]
		if p.Text == "" && (p.Number != "" || p.Marker != "") && i+1 < len(ps) {
			next := ps[i+1]
			if next.Number == "" && next.Marker == "" && next.Heading == 0 && next.Table == 0 && next.Text != "" {
				next.Number, next.Marker, next.List = p.Number, p.Marker, max(p.List, next.List)
				ps[i+1] = next
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// decode converts data to UTF-8.
func (r *htmlReader) decode(data []byte) []byte {
	enc, name, certain := charset.DetermineEncoding(data, "")
	switch {
	case name == "utf-8":
		return bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	case !certain && name == "windows-1252" && utf8.Valid(data):
		return data
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		r.doc.Warnings = append(r.doc.Warnings, "could not decode the text as "+name+": read as UTF-8")
		return data
	}
	return out
}

// maxHTMLDepth bounds the recursion over the element tree; below it a
// subtree's text is read flat.
const maxHTMLDepth = 256

type htmlReader struct {
	ctx   context.Context
	doc   *Document
	err   error
	nodes int

	cur    runText
	props  Paragraph // heading, list and number of the paragraph being built
	marker string    // a layout-table marker waiting for the next paragraph
	bold   int
	lists  []htmlList
	layout int         // depth of layout-table points
	sinks  []*[]styled // open data-table cells, innermost last
}

type htmlList struct {
	ordered bool
	typ     string
	next    int
}

func (r *htmlReader) walk(n *html.Node, depth int) {
	if r.err != nil {
		return
	}
	r.nodes++
	if r.nodes%4096 == 0 && r.ctx.Err() != nil {
		r.err = r.ctx.Err()
		return
	}
	switch n.Type {
	case html.TextNode:
		r.cur.add(n.Data, r.bold > 0, 0)
		return
	case html.DocumentNode:
		r.children(n, depth)
		return
	case html.ElementNode:
	default:
		return
	}
	if depth > maxHTMLDepth {
		r.cur.add(textContent(n, false), r.bold > 0, 0)
		return
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Head, atom.Template, atom.Title:
		return
	case atom.Br:
		r.cur.addSpace()
	case atom.B, atom.Strong:
		r.bold++
		r.children(n, depth)
		r.bold--
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		r.flush()
		r.props = Paragraph{Heading: int(n.Data[1] - '0')}
		r.children(n, depth)
		r.flush()
		r.props = Paragraph{}
	case atom.Ul, atom.Ol, atom.Menu:
		r.flush()
		l := htmlList{ordered: n.DataAtom == atom.Ol, typ: getAttr(n, "type"), next: 1}
		if s, err := strconv.Atoi(getAttr(n, "start")); err == nil && s > -1e6 && s < 1e6 {
			l.next = s
		}
		if len(r.lists) < 64 {
			r.lists = append(r.lists, l)
			r.children(n, depth)
			r.lists = r.lists[:len(r.lists)-1]
		} else {
			r.children(n, depth)
		}
		r.flush()
	case atom.Li:
		r.flush()
		r.props = r.listItem(n)
		r.children(n, depth)
		r.flush()
		r.props = Paragraph{}
	case atom.Pre:
		r.flush()
		for _, block := range blankLine.Split(textContent(n, true), -1) {
			r.cur.add(block, r.bold > 0, 0)
			r.flush()
		}
	case atom.Table:
		r.flush()
		r.table(n, depth)
	case atom.P, atom.Div, atom.Blockquote, atom.Section, atom.Article, atom.Header, atom.Footer,
		atom.Main, atom.Nav, atom.Aside, atom.Address, atom.Figure, atom.Figcaption, atom.Dl, atom.Dt,
		atom.Dd, atom.Center, atom.Form, atom.Fieldset, atom.Legend, atom.Caption, atom.Hr,
		atom.Details, atom.Summary, atom.Tr, atom.Td, atom.Th, atom.Body, atom.Html, atom.Tbody,
		atom.Thead, atom.Tfoot:
		r.flush()
		r.styledChildren(n, depth)
		r.flush()
	default:
		r.styledChildren(n, depth)
	}
}

func (r *htmlReader) children(n *html.Node, depth int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c, depth+1)
	}
}

// styledChildren walks the children in bold when the element's style or
// class says so.
func (r *htmlReader) styledChildren(n *html.Node, depth int) {
	if cssBold(n) {
		r.bold++
		defer func() { r.bold-- }()
	}
	r.children(n, depth)
}

var blankLine = regexp.MustCompile(`\n[ \t\r]*\n`)

var fontWeight = regexp.MustCompile(`(?i)font-weight\s*:\s*(bold|bolder|[6-9]00)`)

func cssBold(n *html.Node) bool {
	return fontWeight.MatchString(getAttr(n, "style")) || strings.Contains(strings.ToLower(getAttr(n, "class")), "bold")
}

// listItem returns the list properties of an li.
func (r *htmlReader) listItem(n *html.Node) Paragraph {
	if len(r.lists) == 0 {
		return Paragraph{List: 1 + r.layout, Marker: "•"}
	}
	l := &r.lists[len(r.lists)-1]
	depth := len(r.lists) + r.layout
	if !l.ordered {
		return Paragraph{List: depth, Marker: "•"}
	}
	if v, err := strconv.Atoi(getAttr(n, "value")); err == nil && v > -1e6 && v < 1e6 {
		l.next = v
	}
	v := l.next
	l.next++
	switch l.typ {
	case "a", "A", "i", "I":
		format := map[string]string{"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}[l.typ]
		return Paragraph{List: depth, Marker: formatNumber(v, format) + "."}
	}
	p := Paragraph{Number: strconv.Itoa(v)}
	if depth > 1 {
		p.List = depth
	}
	return p
}

// flush ends the paragraph being built.
func (r *htmlReader) flush() {
	if r.cur.empty() {
		return
	}
	line := r.cur.line()
	p := r.props
	if r.marker != "" && p.Number == "" && p.Marker == "" {
		if isNumberLabel(r.marker) {
			p.Number = strings.TrimSuffix(r.marker, ".")
		} else {
			p.Marker = r.marker
		}
		if p.Marker != "" || r.layout > 1 {
			p.List = max(p.List, r.layout+len(r.lists))
		}
	}
	r.marker = ""
	r.props = Paragraph{}
	r.cur = runText{}
	if len(r.sinks) > 0 {
		s := r.sinks[len(r.sinks)-1]
		*s = append(*s, labelled(line, p))
		return
	}
	p = paragraphOf(line, p)
	if p.Text != "" || p.Number != "" {
		r.doc.Paragraphs = append(r.doc.Paragraphs, p)
	}
}

// rowsOf returns the cells of each row of a table element, not looking into
// nested tables.
func rowsOf(t *html.Node) [][]*html.Node {
	var rows [][]*html.Node
	var visit func(n *html.Node, depth int)
	visit = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Tr:
				var cells []*html.Node
				for td := c.FirstChild; td != nil; td = td.NextSibling {
					if td.Type == html.ElementNode && (td.DataAtom == atom.Td || td.DataAtom == atom.Th) {
						cells = append(cells, td)
					}
				}
				rows = append(rows, cells)
			case atom.Thead, atom.Tbody, atom.Tfoot:
				if depth < 2 {
					visit(c, depth+1)
				}
			}
		}
	}
	visit(t, 0)
	return rows
}

var numberedCell = regexp.MustCompile(`^\(?[0-9]{1,3}[a-z]?\)$`)

// isMarkerCell reports whether a layout cell holds only a point marker.
func isMarkerCell(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > 8 {
		return false
	}
	if m, rest := SplitBullet(s + " x"); m != "" && rest == "x" {
		return true
	}
	return isNumberLabel(s) || numberedCell.MatchString(s)
}

// layoutMarkers returns the marker of each row when t is a layout table for
// numbered points, nil when it is a data table.
func layoutMarkers(rows [][]*html.Node) []string {
	markers := make([]string, len(rows))
	found := false
	for i, cells := range rows {
		if len(cells) == 0 {
			continue
		}
		if len(cells) != 2 {
			if strings.TrimSpace(textContent(cells[0], false)) == "" && len(cells) == 1 {
				continue
			}
			return nil
		}
		m := strings.Join(strings.Fields(strings.ReplaceAll(textContent(cells[0], false), "\u00a0", " ")), " ")
		if !isMarkerCell(m) {
			return nil
		}
		markers[i] = m
		found = true
	}
	if !found {
		return nil
	}
	return markers
}

func (r *htmlReader) table(t *html.Node, depth int) {
	rows := rowsOf(t)
	if markers := layoutMarkers(rows); markers != nil {
		r.layout++
		for i, cells := range rows {
			if len(cells) != 2 {
				continue
			}
			r.flush()
			r.marker = markers[i]
			r.styledChildren(cells[1], depth+1)
			r.flush()
			r.marker = ""
		}
		r.layout--
		return
	}

	type carry struct {
		left  int
		lines []styled
	}
	var carries []carry
	var grid [][]docxCell
	for _, cells := range rows {
		var row []docxCell
		col := 0
		take := func() {
			for col < len(carries) && carries[col].left > 0 {
				carries[col].left--
				row = append(row, docxCell{lines: carries[col].lines, merged: true})
				col++
			}
		}
		for _, c := range cells {
			take()
			var lines []styled
			r.sinks = append(r.sinks, &lines)
			if c.DataAtom == atom.Th {
				r.bold++
			}
			r.styledChildren(c, depth+1)
			r.flush()
			if c.DataAtom == atom.Th {
				r.bold--
			}
			r.sinks = r.sinks[:len(r.sinks)-1]
			span := clampAttr(c, "colspan", 64)
			if down := clampAttr(c, "rowspan", 1000); down > 1 {
				for len(carries) < col+span {
					carries = append(carries, carry{})
				}
				carries[col] = carry{left: down - 1, lines: lines}
			}
			row = append(row, docxCell{lines: lines})
			col++
			for i := 1; i < span; i++ {
				row = append(row, docxCell{filler: true})
				col++
			}
			if r.err != nil {
				return
			}
		}
		take()
		grid = append(grid, row)
	}
	r.emitTable(grid)
}

// emitTable records a data table: at the top level in Document.Tables with
// one paragraph per row, inside another table's cell as lines of that cell.
func (r *htmlReader) emitTable(grid [][]docxCell) {
	table, rows := flattenTable(grid)
	if len(table.Rows) == 0 {
		return
	}
	if len(r.sinks) > 0 {
		s := r.sinks[len(r.sinks)-1]
		*s = append(*s, rows...)
		return
	}
	r.doc.Tables = append(r.doc.Tables, table)
	for _, row := range rows {
		if row.text != "" {
			r.doc.Paragraphs = append(r.doc.Paragraphs, paragraphOf(row, Paragraph{Table: len(r.doc.Tables)}))
		}
	}
}

func clampAttr(n *html.Node, key string, most int) int {
	v, err := strconv.Atoi(strings.TrimSpace(getAttr(n, key)))
	if err != nil || v < 1 {
		return 1
	}
	return min(v, most)
}

func getAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// textContent returns the text under n, skipping scripts and styles,
// without recursion. With raw it keeps white space as written.
func textContent(n *html.Node, raw bool) string {
	var b strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
			continue
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				continue
			case atom.Br:
				b.WriteByte('\n')
			}
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
	if raw {
		return b.String()
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// title returns the text of the first <title> element.
func title(root *html.Node) string {
	stack := []*html.Node{root}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c.Type == html.ElementNode && c.DataAtom == atom.Title {
			return textContent(c, false)
		}
		if c.Type == html.ElementNode && c.DataAtom == atom.Body {
			continue
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
	return ""
}
