package extract

import (
	"math"
	"slices"
	"sort"
	"strings"
)

// Table detection. A table is found on a page in one of two ways:
//
//   - Ruled: the horizontal and vertical lines the page paints (path
//     operators m/l/re, stroked or filled) that touch each other form a grid
//     with at least one inner vertical line. Its vertical lines are the column
//     bounds; its horizontal lines across the table are the row bounds (when
//     there are none inside, rows are cut where the baselines leave a gap).
//   - Unruled: consecutive lines made of three or more fragments separated by
//     wide gaps, whose fragments start at the same x positions on at least
//     two lines (see unruledTables).
//
// Each line in the table is cut at the column bounds between words, so a
// cell whose text wraps onto several lines is joined back into one cell.
// The fragments of a table are replaced by one placeholder fragment, which
// the paragraph builder turns into one paragraph per row (cells joined by
// " | ", Table set), as the DOCX and HTML readers do. A table that goes on
// at the top of the next page with the same columns continues the same
// Table; a first row there with an empty first cell continues the last row.

// rule is a horizontal (y0 == y1) or vertical (x0 == x1) line painted on a
// page, in page space.
type rule struct{ x0, x1, y0, y1 float64 }

func (r rule) horizontal() bool { return r.y0 == r.y1 }

// pdfTable is a table found on one page.
type pdfTable struct {
	cols  []float64   // left bound of each column
	rows  [][][]piece // row × column → text of the cell, line by line
	frags []*frag     // the fragments it replaced, for Page.Lines
	size  float64
}

// piece is the part of a line that falls in one cell.
type piece struct {
	text string
	bold [][2]int
	x, y float64
}

// maxTableRules bounds the pairwise work of grouping rules into grids.
const maxTableRules = 3000

// findTables returns the page's fragments with each table found replaced
// by a placeholder fragment at the place of its first fragment.
func findTables(frags []*frag, rules []rule) []*frag {
	if len(frags) < 2 {
		return frags
	}
	var tables []*pdfTable
	used := map[*frag]*pdfTable{}
	for _, g := range ruleGrids(rules) {
		if t := ruledTable(frags, g, used); t != nil {
			tables = append(tables, t)
		}
	}
	tables = append(tables, unruledTables(frags, used)...)
	if len(tables) == 0 {
		return frags
	}
	out := make([]*frag, 0, len(frags))
	placed := map[*pdfTable]bool{}
	for _, f := range frags {
		t, ok := used[f]
		if !ok {
			out = append(out, f)
			continue
		}
		if placed[t] {
			continue
		}
		placed[t] = true
		x0, x1, y := math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, g := range t.frags {
			x0, x1, y = min(x0, g.x0), max(x1, g.x1), max(y, g.y)
		}
		out = append(out, &frag{x0: x0, x1: x1, y: y, size: t.size, sizes: map[float64]int{}, table: t})
	}
	return out
}

// grid is a group of rules that touch each other.
type grid struct {
	h, v           []rule
	x0, x1, y0, y1 float64
}

// ruleGrids groups the rules into connected grids with at least three
// vertical and two horizontal lines.
func ruleGrids(rules []rule) []grid {
	if len(rules) < 5 || len(rules) > maxTableRules {
		return nil
	}
	parent := make([]int, len(rules))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	const tol = 2.0
	for i, a := range rules {
		for j := i + 1; j < len(rules); j++ {
			b := rules[j]
			if a.x0 > b.x1+tol || b.x0 > a.x1+tol || a.y0 > b.y1+tol || b.y0 > a.y1+tol {
				continue
			}
			parent[find(i)] = find(j)
		}
	}
	groups := map[int]*grid{}
	var order []int
	for i, r := range rules {
		k := find(i)
		g, ok := groups[k]
		if !ok {
			g = &grid{x0: r.x0, x1: r.x1, y0: r.y0, y1: r.y1}
			groups[k] = g
			order = append(order, k)
		}
		if r.horizontal() {
			g.h = append(g.h, r)
		} else {
			g.v = append(g.v, r)
		}
		g.x0, g.x1, g.y0, g.y1 = min(g.x0, r.x0), max(g.x1, r.x1), min(g.y0, r.y0), max(g.y1, r.y1)
	}
	var out []grid
	for _, k := range order {
		if g := groups[k]; len(g.v) >= 3 && len(g.h) >= 2 && g.x1-g.x0 > 40 && g.y1-g.y0 > 10 {
			out = append(out, *g)
		}
	}
	return out
}

// distinct returns the values sorted, those closer than tol merged.
func distinct(vs []float64, tol float64) []float64 {
	sort.Float64s(vs)
	var out []float64
	for _, v := range vs {
		if n := len(out); n > 0 && v-out[n-1] < tol {
			continue
		}
		out = append(out, v)
	}
	return out
}

// ruledTable reads the table that grid g draws, or returns nil when the
// grid does not hold a table of text.
func ruledTable(frags []*frag, g grid, used map[*frag]*pdfTable) *pdfTable {
	var xs []float64
	for _, v := range g.v {
		if v.y1-v.y0 > 4 {
			xs = append(xs, v.x0)
		}
	}
	bounds := distinct(append(xs, g.x0, g.x1), 2)
	var ys []float64
	for _, h := range g.h {
		if h.x1-h.x0 >= 0.2*(g.x1-g.x0) {
			ys = append(ys, h.y0)
		}
	}
	ys = distinct(append(ys, g.y0, g.y1), 1.5)
	slices.Reverse(ys) // top first
	var in []*frag
	for _, f := range frags {
		if used[f] == nil && f.y > g.y0 && f.y < g.y1 && f.x0 >= g.x0-2 && f.x1 <= g.x1+2 {
			in = append(in, f)
		}
	}
	if len(in) < 2 || len(bounds) < 3 {
		return nil
	}
	rowOf := func(f *frag) int {
		for i := 0; i+1 < len(ys); i++ {
			if f.y < ys[i] && f.y >= ys[i+1] {
				return i
			}
		}
		return len(ys) - 2
	}
	if len(ys) == 2 {
		rowOf = baselineRows(in)
	}
	t := buildTable(in, bounds[:len(bounds)-1], rowOf)
	if t == nil {
		return nil
	}
	for _, f := range in {
		used[f] = t
	}
	return t
}

// baselineRows groups fragments into rows where the baselines leave a gap
// wider than a wrapped line's.
func baselineRows(in []*frag) func(*frag) int {
	var bs []float64
	size := 0.0
	for _, f := range in {
		bs = append(bs, f.y)
		size = max(size, f.size)
	}
	bs = distinct(bs, 1)
	slices.Reverse(bs)
	row := make([]int, len(bs))
	for i := 1; i < len(bs); i++ {
		row[i] = row[i-1]
		if bs[i-1]-bs[i] > 1.5*size {
			row[i]++
		}
	}
	return func(f *frag) int {
		best, d := 0, math.Inf(1)
		for i, b := range bs {
			if math.Abs(b-f.y) < d {
				best, d = row[i], math.Abs(b-f.y)
			}
		}
		return best
	}
}

// buildTable cuts the fragments into cells: rows by rowOf, columns at the
// left bounds cols, between words. Empty rows and columns are dropped. It
// returns nil unless at least two rows and two columns hold text.
func buildTable(in []*frag, cols []float64, rowOf func(*frag) int) *pdfTable {
	colOf := func(x float64) int {
		c := 0
		for i, b := range cols {
			if x >= b-1 {
				c = i
			}
		}
		return c
	}
	cells := map[[2]int][]piece{}
	nrows := 0
	sizes := map[float64]int{}
	for _, f := range in {
		r := rowOf(f)
		nrows = max(nrows, r+1)
		for s, c := range f.sizes {
			sizes[s] += c
		}
		starts := append([]wordPos{{0, f.x0}}, f.words...)
		for i := 0; i < len(starts); {
			c := colOf(starts[i].x)
			j := i + 1
			for j < len(starts) && colOf(starts[j].x) == c {
				j++
			}
			a, b := min(starts[i].off, len(f.text)), len(f.text)
			if j < len(starts) {
				b = min(starts[j].off, len(f.text))
			}
			if a < b {
				cells[[2]int{r, c}] = append(cells[[2]int{r, c}], f.piece(a, b, starts[i].x))
			}
			i = j
		}
	}
	usedCol := make([]bool, len(cols))
	usedRow := make([]bool, nrows)
	for k := range cells {
		usedRow[k[0]], usedCol[k[1]] = true, true
	}
	t := &pdfTable{frags: in}
	var keep []int
	for c, ok := range usedCol {
		if ok {
			keep = append(keep, c)
			t.cols = append(t.cols, cols[c])
		}
	}
	for r, ok := range usedRow {
		if !ok {
			continue
		}
		row := make([][]piece, len(keep))
		for i, c := range keep {
			ps := cells[[2]int{r, c}]
			sort.SliceStable(ps, func(a, b int) bool {
				if math.Abs(ps[a].y-ps[b].y) > 1 {
					return ps[a].y > ps[b].y
				}
				return ps[a].x < ps[b].x
			})
			row[i] = ps
		}
		t.rows = append(t.rows, row)
	}
	if len(t.rows) < 2 || len(t.cols) < 2 {
		return nil
	}
	best, n := 0.0, 0
	for s, c := range sizes {
		if c > n || c == n && s > best {
			best, n = s, c
		}
	}
	t.size = best
	return t
}

// piece returns text[a:b] of the fragment with its bold spans.
func (f *frag) piece(a, b int, x float64) piece {
	s := strings.TrimRight(string(f.text[a:b]), " ")
	p := piece{text: s, x: x, y: f.y}
	for _, sp := range f.bold {
		lo, hi := max(sp[0], a)-a, min(sp[1], a+len(s))-a
		if lo < hi {
			p.bold = append(p.bold, [2]int{lo, hi})
		}
	}
	return p
}

// unruledTables finds tables drawn without lines: runs of consecutive
// baselines, each made of three or more fragments apart by wide gaps, the
// fragments starting at the same x positions on every line of the run.
func unruledTables(frags []*frag, used map[*frag]*pdfTable) []*pdfTable {
	// Baselines, in stream order of their first fragment.
	type baseline struct {
		y     float64
		frags []*frag
	}
	var bls []*baseline
	for _, f := range frags {
		if used[f] != nil {
			continue
		}
		var b *baseline
		for _, c := range bls {
			if math.Abs(c.y-f.y) < 0.4*f.size {
				b = c
				break
			}
		}
		if b == nil {
			b = &baseline{y: f.y}
			bls = append(bls, b)
		}
		b.frags = append(b.frags, f)
	}
	sort.SliceStable(bls, func(i, j int) bool { return bls[i].y > bls[j].y })
	starts := func(b *baseline) []float64 {
		var xs []float64
		for _, f := range b.frags {
			xs = append(xs, f.x0)
		}
		return distinct(xs, 2)
	}
	// fits reports whether every fragment of b lies inside one column of
	// xs, and whether one starts the first column.
	fits := func(b *baseline, xs []float64) (ok, first bool) {
		for _, f := range b.frags {
			c := -1
			for k := range xs {
				if f.x0 >= xs[k]-2 {
					c = k
				}
			}
			if c < 0 || c+1 < len(xs) && f.x1 > xs[c+1]-f.size/2 {
				return false, false
			}
			first = first || c == 0 && f.x0 < xs[0]+2
		}
		return true, first
	}
	var out []*pdfTable
	for i := 0; i < len(bls); {
		xs := starts(bls[i])
		if len(xs) < 3 {
			i++
			continue
		}
		// The run: lines with all the columns start rows, other lines that
		// fit the columns start a row when they fill the first column and
		// continue the row above otherwise (a wrapped cell).
		row := map[*frag]int{}
		r, full := 0, 1
		for _, f := range bls[i].frags {
			row[f] = 0
		}
		j := i + 1
		for ; j < len(bls) && bls[j-1].y-bls[j].y < 2.5*bls[j].frags[0].size; j++ {
			ok, first := fits(bls[j], xs)
			if !ok {
				break
			}
			if sameColumns(xs, starts(bls[j]), 2) {
				full++
			}
			if first {
				r++
			}
			for _, f := range bls[j].frags {
				row[f] = r
			}
		}
		var in []*frag
		for _, b := range bls[i:j] {
			in = append(in, b.frags...)
		}
		if full < 2 || columnMajor(frags, in, row) {
			i++
			continue
		}
		// Cut at the column starts only: words inside a fragment stay.
		cut := make([]*frag, 0, len(in))
		for _, f := range in {
			g := *f
			g.words = nil
			cut = append(cut, &g)
			row[&g] = row[f]
		}
		t := buildTable(cut, xs, func(f *frag) int { return row[f] })
		if t != nil {
			t.frags = in
			for _, f := range in {
				used[f] = t
			}
			out = append(out, t)
		}
		i = j
	}
	return out
}

// sameColumns reports whether two lists of column positions match, each
// within tol points.
func sameColumns(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > tol {
			return false
		}
	}
	return true
}

// columnMajor reports whether the page draws the fragments in of a grid
// down each column rather than along each row: a list set in columns
// (names of countries), not a table.
func columnMajor(frags, in []*frag, row map[*frag]int) bool {
	member := map[*frag]bool{}
	for _, f := range in {
		member[f] = true
	}
	var prev *frag
	along, down := 0, 0
	for _, f := range frags {
		if !member[f] {
			continue
		}
		if prev != nil {
			switch {
			case row[f] == row[prev]:
				along++
			case row[f] > row[prev] && math.Abs(f.x0-prev.x0) < 2:
				down++
			}
		}
		prev = f
	}
	return down > along
}

// cellText joins the lines of a cell, repairing hyphenation.
func cellText(ps []piece, vocab *lexicon) styled {
	var s styled
	for i, p := range ps {
		if i == 0 {
			s.text = p.text
			s.spans = slices.Clone(p.bold)
			continue
		}
		if l, r := lastWord(s.text), firstWord(p.text); l != "" && r != "" && vocab.has(strings.ToLower(l+r)) && !vocab.has(strings.ToLower(l)) {
			// a long word broken without a hyphen in a narrow column
			s.text += p.text
		} else {
			s.text = joinText(s.text, p.text, vocab)
		}
		off := len(s.text) - len(p.text)
		if !strings.HasSuffix(s.text, p.text) {
			continue
		}
		for _, sp := range p.bold {
			s.spans = append(s.spans, [2]int{sp[0] + off, sp[1] + off})
		}
	}
	if strings.Contains(s.text, softHyphen) {
		s.text = strings.ReplaceAll(s.text, softHyphen, "")
		s.spans = nil
	}
	s.spans = clipSpans(s.spans, len(s.text))
	return s
}
