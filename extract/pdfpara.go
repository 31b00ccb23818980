package extract

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// From lines to paragraphs: order the fragments of each page into lines
// (two columns read left then right), take out running headers, footers,
// page numbers and footnotes, then join the body lines into paragraphs,
// repairing hyphenation.

const softHyphen = "\u00ad"

// buildPDFDocument fills doc's Pages, Paragraphs and Footnotes.
func buildPDFDocument(doc *Document, pages []pageText, keepLines bool) {
	lines := make([][]*frag, len(pages))
	for i := range pages {
		lines[i] = orderLines(findTables(pages[i].frags, pages[i].rules), pages[i].width)
	}
	body := bodySize(lines)
	markRunning(lines, pages)
	markFootnotes(lines, pages, body)

	b := paraBuilder{body: body, vocab: vocabulary(lines)}
	b.lineGap = typicalLineGap(lines, body)
	b.headingSizes = headingSizes(lines, body)
	for i := range pages {
		b.page(pages[i].number, lines[i])
	}
	b.flush()
	doc.Paragraphs = b.paras
	doc.Tables = b.tables
	doc.Footnotes = footnoteParagraphs(lines, pages)

	for i, p := range pages {
		pg := Page{Number: p.number, Width: round2(p.width), Height: round2(p.height)}
		if keepLines {
			for _, l := range linesWithTables(lines[i]) {
				pg.Lines = append(pg.Lines, Line{
					Text: strings.ReplaceAll(l.str(), softHyphen, ""),
					X:    round2(l.x0), Y: round2(l.y),
					Size: l.dominantSize(), Font: l.font,
					Bold: share(l.bchars, l.chars), Role: l.role,
				})
			}
		}
		if keepLines {
			for _, l := range p.aside {
				pg.Lines = append(pg.Lines, Line{Text: l.str(), X: round2(l.x0), Y: round2(l.y),
					Size: l.dominantSize(), Font: l.font, Role: "other-direction"})
			}
		}
		doc.Pages = append(doc.Pages, pg)
	}
}

// linesWithTables puts back the fragments of tables in place of their
// placeholders (as body lines: a table is body text).
func linesWithTables(ls []*frag) []*frag {
	var out []*frag
	for _, l := range ls {
		if l.table == nil {
			out = append(out, l)
			continue
		}
		out = append(out, l.table.frags...)
	}
	return out
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

func share(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return math.Round(float64(a)/float64(b)*1000) / 1000
}

// orderLines puts a page's fragments in reading order and joins fragments
// that share a baseline into lines. On a two-column page the left column is
// read before the right one between full-width lines.
func orderLines(frags []*frag, width float64) []*frag {
	if len(frags) == 0 {
		return nil
	}
	if g, ok := gutter(frags, width); ok {
		type keyed struct {
			f         *frag
			band, col int
			y         float64
			streamPos int
		}
		// Bands are separated by full-width fragments, in y order.
		var full []float64
		for _, f := range frags {
			if f.x0 < g-2 && f.x1 > g+2 {
				full = append(full, f.y)
			}
		}
		sort.Sort(sort.Reverse(sort.Float64Slice(full)))
		ks := make([]keyed, len(frags))
		for i, f := range frags {
			// Columns between two full-width lines form a band; a
			// full-width line is a band of its own between them.
			band := 0
			for _, y := range full {
				if f.y < y-0.5 {
					band += 2
				}
			}
			col := 0
			switch {
			case f.x0 < g-2 && f.x1 > g+2:
				col = -1
				band++
			case f.x0 >= g-2:
				col = 1
			}
			ks[i] = keyed{f, band, col, f.y, i}
		}
		sort.SliceStable(ks, func(i, j int) bool {
			a, b := ks[i], ks[j]
			if a.band != b.band {
				return a.band < b.band
			}
			if a.col != b.col {
				return a.col < b.col
			}
			if math.Abs(a.y-b.y) > 0.5*math.Max(a.f.size, b.f.size) {
				return a.y > b.y
			}
			return a.streamPos < b.streamPos
		})
		out := make([]*frag, 0, len(frags))
		for i, k := range ks {
			if i > 0 && ks[i-1].col == k.col && ks[i-1].band == k.band && sameLine(out[len(out)-1], k.f) {
				merge(out[len(out)-1], k.f)
				continue
			}
			out = append(out, k.f)
		}
		return out
	}
	out := make([]*frag, 0, len(frags))
	for _, f := range frags {
		if n := len(out); n > 0 && sameLine(out[n-1], f) {
			merge(out[n-1], f)
			continue
		}
		out = append(out, f)
	}
	return out
}

func sameLine(p, f *frag) bool {
	if p.table != nil || f.table != nil {
		return false
	}
	ref := math.Max(p.size, f.size)
	return math.Abs(p.y-f.y) < 0.4*ref && f.x0 >= p.x1-0.5*ref
}

// merge appends f to p, a space between them.
func merge(p, f *frag) {
	ref := math.Max(p.size, f.size)
	if p.spaces == 0 {
		p.firstGap = (f.x0 - p.x1) / ref
		p.xAfter = f.x0
		p.gotFirst = true
	}
	p.spaces += f.spaces + 1
	off := len(p.text) + 1
	p.text = append(p.text, ' ')
	p.text = append(p.text, f.text...)
	for _, s := range f.bold {
		s[0] += off
		s[1] += off
		if k := len(p.bold); k > 0 && p.bold[k-1][1] == off-1 && s[0] == off {
			p.bold[k-1][1] = s[1]
		} else {
			p.bold = append(p.bold, s)
		}
	}
	p.chars += f.chars
	p.bchars += f.bchars
	for s, c := range f.sizes {
		p.sizes[s] += c
	}
	if f.size > p.size {
		p.size, p.y = f.size, f.y
	}
	p.x1 = math.Max(p.x1, f.x1)
	p.x0 = math.Min(p.x0, f.x0)
}

// gutter finds the empty vertical strip of a two-column page: most lines
// lie entirely left or right of it and few cross it.
func gutter(frags []*frag, width float64) (float64, bool) {
	if len(frags) < 12 || width <= 0 {
		return 0, false
	}
	best, bestCross, bestEnd := 0.0, len(frags), 0.0
	for g := width * 0.35; g <= width*0.65; g += width / 100 {
		left, right, cross := 0, 0, 0
		for _, f := range frags {
			switch {
			case f.x1 <= g:
				left++
			case f.x0 >= g:
				right++
			default:
				cross++
			}
		}
		if left >= len(frags)/4 && right >= len(frags)/4 {
			if cross < bestCross {
				best, bestCross, bestEnd = g, cross, g
			} else if cross == bestCross && g-bestEnd <= width/100+0.01 {
				bestEnd = g // extend the run of equally good positions
			}
		}
	}
	best = (best + bestEnd) / 2
	if bestCross*8 > len(frags) || best == 0 {
		return 0, false
	}
	// Both columns must hold real text lines, not a label column of a table:
	// require lines on each side at many heights.
	ys := map[int]int{}
	for _, f := range frags {
		if f.x1 <= best {
			ys[int(f.y)] |= 1
		} else if f.x0 >= best {
			ys[int(f.y)] |= 2
		}
	}
	both := 0
	for _, v := range ys {
		if v == 3 {
			both++
		}
	}
	if both < 5 {
		return 0, false
	}
	// Text columns are filled: most lines on each side run across most of
	// their column. The short cells of a table's label column do not.
	lx0, lx1, rx0, rx1 := width, 0.0, width, 0.0
	for _, f := range frags {
		if f.x1 <= best {
			lx0, lx1 = math.Min(lx0, f.x0), math.Max(lx1, f.x1)
		} else if f.x0 >= best {
			rx0, rx1 = math.Min(rx0, f.x0), math.Max(rx1, f.x1)
		}
	}
	fullL, fullR, nL, nR := 0, 0, 0, 0
	for _, f := range frags {
		switch {
		case f.x1 <= best:
			nL++
			if f.x1-f.x0 > 0.7*(lx1-lx0) {
				fullL++
			}
		case f.x0 >= best:
			nR++
			if f.x1-f.x0 > 0.7*(rx1-rx0) {
				fullR++
			}
		}
	}
	if fullL*2 < nL || fullR*2 < nR {
		return 0, false
	}
	return best, true
}

// bodySize is the font size most characters are set in.
func bodySize(pages [][]*frag) float64 {
	count := map[float64]int{}
	for _, ls := range pages {
		for _, l := range ls {
			for s, c := range l.sizes {
				count[s] += c
			}
		}
	}
	best, n := 10.0, 0
	for s, c := range count {
		if c > n || (c == n && s < best) {
			best, n = s, c
		}
	}
	return best
}

var rePageNumber = regexp.MustCompile(`(?i)^[\s\-–—]*(page\s*|p\.\s*)?\d{1,4}(\s*(/|of|sur|von)\s*\d{1,4})?[\s\-–—]*$`)

// markRunning marks headers, footers and page numbers: lines near the top
// or bottom edge whose text, digits aside, repeats on many pages.
func markRunning(lines [][]*frag, pages []pageText) {
	n := len(pages)
	const zone = 0.1
	key := func(l *frag) string {
		s := strings.ToLower(l.str())
		b := make([]byte, 0, len(s))
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case c >= '0' && c <= '9':
				if len(b) == 0 || b[len(b)-1] != '#' {
					b = append(b, '#')
				}
			case c == ' ':
			default:
				b = append(b, c)
			}
		}
		// The page number changes sides between odd and even pages
		// ("Title • 75. szám 3269", "3270 Title • 75. szám").
		k := strings.Trim(string(b), "#")
		if k == "" {
			return string(b)
		}
		return k
	}
	// A running line is in the top or bottom tenth of the page and among
	// the three lines nearest that edge.
	zones := make([]map[*frag]int, len(lines))
	for i, ls := range lines {
		h := pages[i].height
		ys := make([]float64, 0, len(ls))
		for _, l := range ls {
			ys = append(ys, l.y)
		}
		sort.Float64s(ys)
		lowCut, highCut := math.Inf(-1), math.Inf(1)
		if len(ys) > 0 {
			lowCut = ys[min(2, len(ys)-1)]
			highCut = ys[max(0, len(ys)-3)]
		}
		zones[i] = map[*frag]int{}
		for _, l := range ls {
			switch {
			case l.table != nil:
			case l.y > h*(1-zone) && l.y >= highCut:
				zones[i][l] = 1
			case l.y < h*zone && l.y <= lowCut:
				zones[i][l] = -1
			}
		}
	}
	inZone := func(i int, l *frag) int { return zones[i][l] }
	// Where each candidate text sits, one entry per page.
	at := map[string][]float64{}
	for i, ls := range lines {
		seen := map[string]bool{}
		for _, l := range ls {
			if inZone(i, l) != 0 {
				k := key(l)
				if !seen[k] {
					seen[k] = true
					at[k] = append(at[k], l.y)
				}
			}
		}
	}
	// count is the number of pages with the same text at the same height.
	count := func(l *frag) int {
		n := 0
		for _, y := range at[key(l)] {
			if math.Abs(y-l.y) < 3 {
				n++
			}
		}
		return n
	}
	need := max(2, int(math.Ceil(0.25*float64(n))))
	for i, ls := range lines {
		for _, l := range ls {
			z := inZone(i, l)
			if z == 0 {
				continue
			}
			switch {
			case rePageNumber.MatchString(l.str()):
				l.role = "page-number"
			case n >= 2 && count(l) >= need:
				if z > 0 {
					l.role = "header"
				} else {
					l.role = "footer"
				}
			}
		}
	}
}

// markFootnotes marks the block of small lines at the bottom of a page that
// starts with a footnote mark.
func markFootnotes(lines [][]*frag, pages []pageText, body float64) {
	for i, ls := range lines {
		h := pages[i].height
		// The body lines, bottom-most last.
		var idx []int
		hasBody := false
		for j, l := range ls {
			if l.role != "" {
				continue
			}
			idx = append(idx, j)
			if l.dominantSize() >= body*0.95 {
				hasBody = true
			}
		}
		if !hasBody {
			continue
		}
		// Walk up from the lowest line while lines are small.
		sorted := slices.Clone(idx)
		sort.SliceStable(sorted, func(a, b int) bool { return ls[sorted[a]].y < ls[sorted[b]].y })
		top := -1
		for k, j := range sorted {
			l := ls[j]
			if l.table != nil || l.dominantSize() >= body*0.93 || l.y > h*0.5 {
				break
			}
			if footnoteMark(l) != "" {
				top = k
			}
		}
		for k := 0; k <= top; k++ {
			ls[sorted[k]].role = "footnote"
		}
	}
}

var reFootnoteMark = regexp.MustCompile(`^(\d{1,3}|[*†‡§]+|[a-z])\s`)

// footnoteMark returns the mark a footnote line starts with, or "".
func footnoteMark(l *frag) string {
	s := l.str()
	if m := reFootnoteMark.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	// A superscript mark glued to the text: a first glyph smaller than the
	// line is not visible here; accept a leading number followed by a
	// capital letter.
	i := 0
	for i < len(s) && i < 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) {
		r, _ := utf8.DecodeRuneInString(s[i:])
		if unicode.IsUpper(r) {
			return s[:i]
		}
	}
	return ""
}

func footnoteParagraphs(lines [][]*frag, pages []pageText) []Paragraph {
	var out []Paragraph
	for i, ls := range lines {
		var cur *Paragraph
		for _, l := range ls {
			if l.role != "footnote" {
				continue
			}
			s := strings.ReplaceAll(l.str(), softHyphen, "")
			if m := footnoteMark(l); m != "" || cur == nil {
				out = append(out, Paragraph{Page: pages[i].number, Number: m, Size: l.dominantSize(),
					Text: strings.TrimSpace(strings.TrimPrefix(s, m))})
				cur = &out[len(out)-1]
				continue
			}
			cur.Text = joinText(cur.Text, s, nil)
		}
	}
	return out
}

// typicalLineGap is the most common baseline distance between consecutive
// body lines.
func typicalLineGap(pages [][]*frag, body float64) float64 {
	count := map[float64]int{}
	for _, ls := range pages {
		var prev *frag
		for _, l := range ls {
			if l.role != "" {
				continue
			}
			if l.table != nil {
				prev = nil
				continue
			}
			if prev != nil && math.Abs(prev.dominantSize()-body) < 0.6 && math.Abs(l.dominantSize()-body) < 0.6 {
				d := math.Round((prev.y - l.y) * 2 / 1)
				if d > body*2 && d < body*4 {
					count[d/2]++
				}
			}
			prev = l
		}
	}
	// The smallest common distance: documents with many one-line
	// paragraphs have more paragraph gaps than line gaps.
	most := 0
	for _, c := range count {
		most = max(most, c)
	}
	best := 0.0
	for d, c := range count {
		if c >= max(3, most/4) && (best == 0 || d < best) {
			best = d
		}
	}
	if best == 0 {
		return body * 1.2
	}
	return best
}

// headingSizes are the sizes clearly larger than the body, largest first.
func headingSizes(pages [][]*frag, body float64) []float64 {
	set := map[float64]bool{}
	for _, ls := range pages {
		for _, l := range ls {
			if s := l.dominantSize(); l.role == "" && l.table == nil && s >= body*1.12 {
				set[s] = true
			}
		}
	}
	var out []float64
	for s := range set {
		out = append(out, s)
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(out)))
	if len(out) > 5 {
		out = out[:5]
	}
	return out
}

// lexicon is what the document itself says about hyphens at line ends:
// the words it writes, and whether it hyphenates words (some hyphen at a
// line end joins into a word it also writes closed up).
type lexicon struct {
	words      map[string]bool
	hyphenates bool
}

// has tells whether the document writes w (lower case); a nil lexicon
// knows no word.
func (lx *lexicon) has(w string) bool { return lx != nil && lx.words[w] }

// vocabulary reads the lexicon of a document's lines.
func vocabulary(pages [][]*frag) *lexicon {
	v := map[string]bool{}
	for _, ls := range pages {
		cut := false // the line before ended in a hyphen
		for _, l := range ls {
			if l.table != nil {
				for _, f := range l.table.frags {
					cut = addWords(v, f.str(), cut)
				}
				continue
			}
			cut = addWords(v, l.str(), cut)
		}
	}
	lx := &lexicon{words: v}
	for _, ls := range pages {
		for i := 1; i < len(ls) && !lx.hyphenates; i++ {
			prev := strings.TrimRight(ls[i-1].str(), " ")
			if strings.HasSuffix(prev, "-") {
				left, right := lastWord(strings.TrimSuffix(prev, "-")), firstWord(ls[i].str())
				lx.hyphenates = left != "" && right != "" && v[strings.ToLower(left+right)]
			}
		}
	}
	return lx
}

// addWords adds the words of a line to v but its last, which hyphenation
// may have cut, and its first when the line before ended in a hyphen. It
// tells whether this line ends in one.
func addWords(v map[string]bool, line string, cut bool) bool {
	words := strings.Fields(line)
	for k, w := range words {
		if k == len(words)-1 || k == 0 && cut {
			continue
		}
		w = strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }))
		if w != "" {
			v[w] = true
		}
	}
	return strings.HasSuffix(line, "-") || strings.HasSuffix(line, softHyphen) || strings.HasSuffix(line, "\u2010")
}

// paraBuilder joins body lines into paragraphs.
type paraBuilder struct {
	body         float64
	lineGap      float64
	headingSizes []float64
	vocab        *lexicon

	paras    []Paragraph
	cur      *Paragraph
	curH     int // heading level of the open paragraph
	nlines   int // lines in the open paragraph
	prev     *frag
	prevPage int
	right    float64 // right edge of the text on the current page
	sizes    map[float64]int

	tables    []Table
	lastTable *pdfTable // the table the last paragraph is a row of
}

// headingLevel is the heading level that the line's size gives. Bold
// headings at body size are found per paragraph in flush.
func (b *paraBuilder) headingLevel(l *frag) int {
	s := l.dominantSize()
	for i, hs := range b.headingSizes {
		if math.Abs(s-hs) < 0.3 {
			return i + 1
		}
	}
	return 0
}

func (b *paraBuilder) page(num int, lines []*frag) {
	b.right = 0
	for _, l := range lines {
		if l.role == "" && l.table == nil && l.x1 > b.right {
			b.right = l.x1
		}
	}
	first := true
	for _, l := range lines {
		if l.role != "" {
			continue
		}
		if l.table != nil {
			b.table(num, l.table, first)
		} else {
			b.line(num, l, first)
			b.lastTable = nil
		}
		first = false
	}
}

// table emits a table's rows as paragraphs, continuing the table of the
// page before when this one starts the page with the same columns.
func (b *paraBuilder) table(page int, t *pdfTable, firstOnPage bool) {
	b.flush()
	b.prev = nil
	rows := t.rows
	cont := b.lastTable != nil && firstOnPage && sameColumns(b.lastTable.cols, t.cols, 3)
	if cont && len(b.paras) > 0 {
		// A first row with an empty first cell is the rest of the last row,
		// cut by the page break.
		tb := &b.tables[len(b.tables)-1]
		last := b.lastTable.rows[len(b.lastTable.rows)-1]
		if len(rows[0][0]) == 0 && len(last[0]) > 0 && len(tb.Rows) > 0 {
			merged := make([][]piece, len(last))
			for c := range last {
				merged[c] = append(slices.Clone(last[c]), rows[0][c]...)
			}
			b.lastTable.rows[len(b.lastTable.rows)-1] = merged
			cells, text := b.rowCells(merged)
			tb.Rows[len(tb.Rows)-1] = text
			p := &b.paras[len(b.paras)-1]
			*p = paragraphOf(joinStyled(cells, " | "), Paragraph{Page: p.Page, Table: p.Table, Size: p.Size})
			rows = rows[1:]
		}
		b.lastTable.rows = append(b.lastTable.rows, rows...)
	} else {
		b.tables = append(b.tables, Table{Page: page})
		b.lastTable = &pdfTable{cols: t.cols, rows: slices.Clone(t.rows), size: t.size}
	}
	n := len(b.tables)
	for _, row := range rows {
		cells, text := b.rowCells(row)
		if len(cells) == 0 {
			continue
		}
		b.tables[n-1].Rows = append(b.tables[n-1].Rows, text)
		b.paras = append(b.paras, paragraphOf(joinStyled(cells, " | "), Paragraph{Page: page, Table: n, Size: t.size}))
	}
}

// rowCells returns the non-empty cells of a row and the text of every cell.
func (b *paraBuilder) rowCells(row [][]piece) ([]styled, []string) {
	var cells []styled
	text := make([]string, len(row))
	for c, ps := range row {
		s := cellText(ps, b.vocab)
		text[c] = s.text
		if s.text != "" {
			cells = append(cells, s)
		}
	}
	return cells, text
}

var reTerminal = regexp.MustCompile(`[.:;!?)"”’]$`)

func (b *paraBuilder) line(page int, l *frag, firstOnPage bool) {
	text := l.str()
	h := b.headingLevel(l)
	p := b.prev
	newPara := b.cur == nil || p == nil
	pText := ""
	if p != nil {
		pText = strings.TrimRight(p.str(), " ")
	}
	num, _ := SplitNumber(text)
	if num != "" {
		multi := strings.Contains(num, ".")
		ok := p == nil || reTerminal.MatchString(pText) || b.curH > 0 || l.firstGap >= 0.6 || math.Abs(l.x0-p.x0) > 1
		if !multi && strings.HasPrefix(strings.TrimLeft(text, " "), num+".") {
			ok = true
		}
		if !ok {
			num = ""
		}
	}
	switch {
	case newPara:
	case num != "":
		newPara = true
	case h != b.curH:
		newPara = true
	case h > 0:
		// consecutive heading lines of one heading
		newPara = page != b.prevPage || p.y-l.y > 2.2*l.dominantSize()
	case func() bool { m, _ := SplitBullet(text); return m != "" }():
		newPara = true
	case page == b.prevPage && p.y-l.y > b.lineGapFor(l.dominantSize())+0.3*l.dominantSize():
		newPara = true
	case page == b.prevPage && p.y < l.y-1:
		// moved up: a new column or block, unless a sentence cut at the
		// foot of a column goes on at the head of the next one
		newPara = !(l.x0 > p.x1 && !reTerminal.MatchString(pText) && startsLower(text))
	case math.Abs(l.dominantSize()-p.dominantSize()) > 1.2:
		newPara = true
	case p.bchars*10 >= p.chars*9 && boldShare(b.cur.Text, b.cur.BoldSpans) > 0.9 && l.bchars*2 < l.chars && !reTerminal.MatchString(pText) && lastRune(pText) != ',':
		// a bold line, then regular text: the bold was a heading
		newPara = true
	case l.x0 > p.x0+1.5*l.size && b.nlines > 1 && page == b.prevPage:
		// first-line indent; a hanging indent after the first line is not one
		newPara = true
	case page == b.prevPage && p.x1 < b.right-0.15*(b.right-p.x0) && strings.ContainsRune(".:!?", lastRune(pText)) && startsUpperOrDigit(text):
		newPara = true
	case firstOnPage && reTerminal.MatchString(pText) && startsUpperOrDigit(text) && lastRune(pText) != ';':
		newPara = true
	case firstOnPage && l.bchars*10 >= l.chars*9 && p.bchars*2 < p.chars && startsUpperOrDigit(text):
		// a bold heading at the head of a page after regular text
		newPara = true
	}
	if newPara {
		b.flush()
		b.cur = &Paragraph{Page: page, Heading: h}
		b.curH = h
		b.sizes = map[float64]int{}
		b.cur.Text, b.cur.BoldSpans = text, slices.Clone(l.bold)
		b.nlines = 0
	} else {
		b.cur.Text = joinText(b.cur.Text, text, b.vocab)
		b.appendSpans(l, text)
	}
	for s, c := range l.sizes {
		b.sizes[s] += c
	}
	b.prev = l
	b.prevPage = page
	b.nlines++
}

// lineGapFor is the line distance expected for text of a size: the body's,
// scaled for text clearly larger or smaller (an introduction set larger
// than the two-column body after it).
func (b *paraBuilder) lineGapFor(size float64) float64 {
	if b.body > 0 && math.Abs(size-b.body) > 0.6 {
		return b.lineGap * size / b.body
	}
	return b.lineGap
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func startsUpperOrDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("(“\"'‘", r)
}

// appendSpans adds the line's bold spans at the end of the paragraph text,
// which joinText has just extended with text.
func (b *paraBuilder) appendSpans(l *frag, text string) {
	off := len(b.cur.Text) - len(text)
	if off < 0 || !strings.HasSuffix(b.cur.Text, text) {
		return
	}
	// Clip spans that the hyphen repair cut.
	for k := range b.cur.BoldSpans {
		if b.cur.BoldSpans[k][1] > off {
			b.cur.BoldSpans[k][1] = off
		}
	}
	for _, s := range l.bold {
		s[0] += off
		s[1] += off
		if k := len(b.cur.BoldSpans); k > 0 && b.cur.BoldSpans[k-1][1] >= s[0]-1 {
			b.cur.BoldSpans[k-1][1] = s[1]
		} else {
			b.cur.BoldSpans = append(b.cur.BoldSpans, s)
		}
	}
}

// joinText joins a line to the text before it, repairing hyphenation: a
// soft hyphen always goes; a hard hyphen goes only when the document writes
// the joined word without it elsewhere ("imple-" "mentation"), so
// "Inter-" "Ministerial" keeps it.
func joinText(prev, next string, vocab *lexicon) string {
	prev = strings.TrimRight(prev, " ")
	switch {
	case strings.HasSuffix(prev, softHyphen):
		cut := strings.TrimSuffix(prev, softHyphen)
		left, right := lastWord(cut), firstWord(next)
		joined, hyphened := strings.ToLower(left+right), strings.ToLower(left+"-"+right)
		if vocab.has(hyphened) && !vocab.has(joined) || hyphenPrefix[strings.ToLower(left)] && !vocab.has(joined) {
			return cut + "-" + next
		}
		return cut + next
	case strings.HasSuffix(prev, "-") || strings.HasSuffix(prev, "\u2010"):
		cut := strings.TrimSuffix(strings.TrimSuffix(prev, "-"), "\u2010")
		before := lastRune(cut)
		after, _ := utf8.DecodeRuneInString(next)
		if !unicode.IsLetter(before) {
			return prev + " " + next
		}
		if unicode.IsLower(after) && vocab != nil {
			left, right := lastWord(cut), firstWord(next)
			joined, hyphened := strings.ToLower(left+right), strings.ToLower(left+"-"+right)
			// Join when the document writes the word closed up, or, in a
			// document that hyphenates words, when the rest is no word of
			// its own ("zoge-" "naamde"); keep compounds ("anti-"
			// "trafficking") and hyphens of documents that do not
			// hyphenate ("munkaerő-" "kölcsönzők").
			l, r := strings.ToLower(left), strings.ToLower(right)
			compound := vocab.has(r) || hyphenPrefix[l] || !vocab.hyphenates
			if !vocab.has(hyphened) && (vocab.has(joined) || !compound) {
				return cut + next
			}
		}
		return prev + next
	}
	return prev + " " + next
}

// hyphenPrefix are English prefixes written with a hyphen: a line that
// ends in one of them keeps the hyphen unless the document writes the word
// closed up elsewhere ("non-" "governmental").
var hyphenPrefix = map[string]bool{"non": true, "self": true, "anti": true, "ex": true, "cross": true, "well": true}

func lastWord(s string) string {
	return s[strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })+1:]
}

func firstWord(s string) string {
	if i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
		return s[:i]
	}
	return s
}

func (b *paraBuilder) flush() {
	p := b.cur
	b.cur = nil
	if p == nil {
		return
	}
	raw := p.Text
	text := raw
	if strings.Contains(text, softHyphen) {
		text = strings.ReplaceAll(text, softHyphen, "")
		p.BoldSpans = nil // offsets moved; rare enough to drop
	}
	if m, rest := SplitBullet(text); m != "" && p.Heading == 0 {
		p.List, p.Marker = 1, m
		p.BoldSpans = shiftSpans(p.BoldSpans, len(text)-len(rest))
		text = rest
	} else if n, rest := SplitNumber(text); n != "" {
		p.Number = n
		p.BoldSpans = shiftSpans(p.BoldSpans, len(text)-len(rest))
		text = rest
	}
	trimmed := strings.TrimRight(text, " ")
	p.Text = trimmed
	p.BoldSpans = clipSpans(p.BoldSpans, len(trimmed))
	p.Bold = math.Round(boldShare(p.Text, p.BoldSpans)*1000) / 1000
	if p.Heading == 0 && p.List == 0 && p.Bold > 0.9 && len(p.Text) < 200 && !strings.ContainsRune(".;:,", lastRune(p.Text)) {
		p.Heading = len(b.headingSizes) + 1
	}
	best, n := 0.0, 0
	for s, c := range b.sizes {
		if c > n {
			best, n = s, c
		}
	}
	p.Size = best
	if p.Text != "" || p.Number != "" {
		b.paras = append(b.paras, *p)
	}
}

func clipSpans(spans [][2]int, n int) [][2]int {
	out := spans[:0]
	for _, s := range spans {
		if s[1] > n {
			s[1] = n
		}
		if s[0] < s[1] {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
