package extract

import (
	"context"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/unicode/norm"
)

// The layout layer: it interprets a page's content stream (text operators,
// graphics state, Form XObjects) and rebuilds positioned text fragments from
// the glyphs, with spaces where the glyphs leave a gap.

type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (m applied first).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// gstate is the part of the graphics state that matters for text.
type gstate struct {
	ctm    matrix
	font   *pdfFont
	size   float64
	tc, tw float64
	th     float64 // horizontal scaling, 1 = 100 %
	tl, ts float64
}

// frag is a run of text on one baseline: a line, or the part of a line
// between two wide gaps.
type frag struct {
	text   []byte
	x0, x1 float64
	y      float64
	size   float64 // size of the largest glyph, which sets the baseline
	bold   [][2]int
	font   string
	chars  int
	bchars int
	// firstGap is the gap after the first word in units of size, so that
	// "140.1<tab>Ratify" can be told from "3.7 per cent".
	firstGap float64
	xAfter   float64 // where the second word starts
	gotFirst bool
	lastInk  float64 // right edge of the last non-space glyph
	spaces   int
	role     string
	sizes    map[float64]int // characters per rounded size
	// words are where the words after the first start: byte offset in
	// text and x, so that table detection can cut a line at column bounds.
	words []wordPos
	table *pdfTable // a placeholder standing for a whole table
	// rot is the text direction in quarter turns counter-clockwise; x and
	// y are in that direction's frame (see pageReader.frame).
	rot uint8
}

// wordPos is the start of a word in a frag.
type wordPos struct {
	off int
	x   float64
}

func (f *frag) str() string { return string(f.text) }

// dominantSize is the size most of the characters are set in.
func (f *frag) dominantSize() float64 {
	best, n := f.size, -1
	for s, c := range f.sizes {
		if c > n || (c == n && s > best) {
			best, n = s, c
		}
	}
	return best
}

// pageReader interprets one page.
type pageReader struct {
	ctx     context.Context
	fonts   *fontCache
	frags   []*frag
	cur     *frag
	glyphs  []glyph
	images  int
	maxSize int64
	depth   int
	err     error
	ops     int
	marked  []markedContent // open marked-content sequences
	q       textQuality
	fontBad map[string]int // undecoded glyphs by font name
	width   float64        // page size, for the frames of rotated text
	height  float64
	forms   int // Form XObjects run, bounded: a form may be drawn many times
	// The path being built and the ruling lines painted so far, in page
	// space, for table detection.
	path   []rule
	px, py float64 // current point
	sx, sy float64 // start of the subpath
	rules  []rule
}

const maxFormDepth = 8

// run interprets a content stream with its resources.
func (pr *pageReader) run(content []byte, res pdf.Value, gs gstate) {
	lx := psLexer{b: content}
	var stack []psObj
	var saved []gstate
	tm, tlm := identity, identity
	fontRes := res.Key("Font")
	pageFonts := map[string]*pdfFont{}
	for {
		obj, op, ok := lx.next()
		if !ok {
			break
		}
		if op == "" {
			if len(stack) < 64 {
				stack = append(stack, obj)
			}
			continue
		}
		pr.ops++
		if pr.ops&4095 == 0 && pr.ctx != nil && pr.ctx.Err() != nil {
			return
		}
		args := stack
		stack = stack[:0]
		num := func(i int) float64 {
			if i < len(args) && args[i].kind == psNum {
				return args[i].num
			}
			return 0
		}
		switch op {
		case "q":
			if len(saved) < 256 {
				saved = append(saved, gs)
			}
		case "Q":
			if n := len(saved); n > 0 {
				gs = saved[n-1]
				saved = saved[:n-1]
			}
		case "cm":
			if len(args) == 6 {
				gs.ctm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(gs.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if len(args) >= 2 {
				name := args[0].str
				f, ok := pageFonts[name]
				if !ok {
					f = pr.fonts.get(fontRes.Key(name))
					pageFonts[name] = f
				}
				gs.font = f
				gs.size = num(1)
			}
		case "Tc":
			gs.tc = num(0)
		case "Tw":
			gs.tw = num(0)
		case "Tz":
			gs.th = num(0) / 100
		case "TL":
			gs.tl = num(0)
		case "Ts":
			gs.ts = num(0)
		case "Td":
			tlm = matrix{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
			tm = tlm
		case "TD":
			gs.tl = -num(1)
			tlm = matrix{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
			tm = tlm
		case "Tm":
			if len(args) == 6 {
				tlm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}
				tm = tlm
			}
		case "T*":
			tlm = matrix{1, 0, 0, 1, 0, -gs.tl}.mul(tlm)
			tm = tlm
		case "Tj":
			if len(args) >= 1 {
				pr.show(&gs, &tm, args[0].str)
			}
		case "\"":
			// aw ac string ": set the word and character spacing, then '.
			if len(args) >= 3 {
				gs.tw, gs.tc = num(0), num(1)
			}
			fallthrough
		case "'":
			tlm = matrix{1, 0, 0, 1, 0, -gs.tl}.mul(tlm)
			tm = tlm
			if len(args) >= 1 {
				pr.show(&gs, &tm, args[len(args)-1].str)
			}
		case "TJ":
			if len(args) >= 1 {
				for _, e := range args[0].arr {
					switch e.kind {
					case psStr:
						pr.show(&gs, &tm, e.str)
					case psNum:
						tx := -e.num / 1000 * gs.size * gs.th
						tm = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
					}
				}
			}
		case "m":
			pr.px, pr.py = gs.ctm.apply(num(0), num(1))
			pr.sx, pr.sy = pr.px, pr.py
		case "l":
			x, y := gs.ctm.apply(num(0), num(1))
			pr.segment(pr.px, pr.py, x, y)
			pr.px, pr.py = x, y
		case "c", "v", "y":
			if n := len(args); n >= 2 {
				pr.px, pr.py = gs.ctm.apply(num(n-2), num(n-1))
			}
		case "h":
			pr.segment(pr.px, pr.py, pr.sx, pr.sy)
			pr.px, pr.py = pr.sx, pr.sy
		case "re":
			if len(args) == 4 {
				x, y, w, h := num(0), num(1), num(2), num(3)
				x0, y0 := gs.ctm.apply(x, y)
				x1, y1 := gs.ctm.apply(x+w, y)
				x2, y2 := gs.ctm.apply(x+w, y+h)
				x3, y3 := gs.ctm.apply(x, y+h)
				bx0, bx1 := min(x0, x1, x2, x3), max(x0, x1, x2, x3)
				by0, by1 := min(y0, y1, y2, y3), max(y0, y1, y2, y3)
				switch {
				case by1-by0 < 3: // a thin filled rectangle is a rule
					pr.segment(bx0, (by0+by1)/2, bx1, (by0+by1)/2)
				case bx1-bx0 < 3:
					pr.segment((bx0+bx1)/2, by0, (bx0+bx1)/2, by1)
				default:
					pr.segment(x0, y0, x1, y1)
					pr.segment(x1, y1, x2, y2)
					pr.segment(x2, y2, x3, y3)
					pr.segment(x3, y3, x0, y0)
				}
				pr.px, pr.py, pr.sx, pr.sy = x0, y0, x0, y0
			}
		case "S", "s", "f", "F", "f*", "B", "B*", "b", "b*":
			if len(pr.rules)+len(pr.path) <= maxRules {
				pr.rules = append(pr.rules, pr.path...)
			}
			pr.path = pr.path[:0]
		case "n":
			pr.path = pr.path[:0]
		case "BMC":
			pr.marked = append(pr.marked, markedContent{})
		case "BDC":
			pr.beginMarked(args, res)
		case "EMC":
			pr.endMarked()
		case "ID":
			lx.skipInlineImage()
			pr.images++
		case "Do":
			if len(args) >= 1 && args[0].kind == psName {
				pr.doXObject(res, args[0].str, gs)
			}
		}
	}
}

// maxRules bounds the ruling lines kept for one page.
const maxRules = 20000

// apply maps the point x, y through m.
func (m matrix) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

// segment adds a line of the current path if it is horizontal or vertical
// and long enough to be a table rule.
func (pr *pageReader) segment(x0, y0, x1, y1 float64) {
	if len(pr.path) >= maxRules {
		return
	}
	switch {
	case math.Abs(y1-y0) < 1 && math.Abs(x1-x0) >= 4:
		pr.path = append(pr.path, rule{x0: min(x0, x1), x1: max(x0, x1), y0: (y0 + y1) / 2, y1: (y0 + y1) / 2})
	case math.Abs(x1-x0) < 1 && math.Abs(y1-y0) >= 4:
		pr.path = append(pr.path, rule{x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0: min(y0, y1), y1: max(y0, y1)})
	}
}

// doXObject runs a Form XObject (footers, logos with text) and counts
// images.
func (pr *pageReader) doXObject(res pdf.Value, name string, gs gstate) {
	xo := res.Key("XObject").Key(name)
	switch xo.Key("Subtype").Name() {
	case "Image":
		pr.images++
		return
	case "Form":
	default:
		return
	}
	if pr.depth >= maxFormDepth || pr.forms > 1000 {
		return
	}
	data, err := readStream(xo, pr.maxSize)
	if err != nil {
		if pr.err == nil {
			pr.err = err
		}
		return
	}
	if m := xo.Key("Matrix"); m.Len() == 6 {
		var fm matrix
		for i := range fm {
			fm[i] = m.Index(i).Float64()
		}
		gs.ctm = fm.mul(gs.ctm)
	}
	formRes := xo.Key("Resources")
	if formRes.Kind() != pdf.Dict {
		formRes = res
	}
	pr.depth++
	pr.forms++
	pr.run(data, formRes, gs)
	pr.depth--
}

// show lays out one string in the current font.
func (pr *pageReader) show(gs *gstate, tm *matrix, raw string) {
	f := gs.font
	if f == nil {
		return
	}
	pr.glyphs = f.decode(raw, pr.glyphs[:0])
	actual := pr.actualText()
	rot := rotation(tm.mul(gs.ctm))
	// LibreOffice draws the hyphen of an automatic line break as a text
	// object of its own; keep it as a soft hyphen until text follows it.
	lone := len(pr.glyphs) == 1 && pr.glyphs[0].text == "-" && pr.cur != nil && endsWithLetter(pr.cur.text)
	for _, g := range pr.glyphs {
		if lone {
			g.text = softHyphen
		}
		trm := tm.mul(gs.ctm)
		dx, dy := gs.ts*trm[2]+trm[4], gs.ts*trm[3]+trm[5]
		x, y := pr.frame(rot, dx, dy)
		vscale := math.Hypot(trm[2], trm[3])
		hscale := math.Hypot(trm[0], trm[1])
		size := gs.size * vscale
		w := g.width * gs.size * gs.th * hscale
		tx := (g.width*gs.size + gs.tc) * gs.th
		if g.space {
			tx += gs.tw * gs.th
		}
		*tm = matrix{1, 0, 0, 1, tx, 0}.mul(*tm)
		if pr.offPage(dx, dy) {
			continue // set outside the page, as on a spread's other half
		}
		if actual != nil {
			actual.extend(x, y, w, math.Abs(size), f, rot)
			continue
		}
		pr.count(g, f)
		if g.text == "" {
			continue
		}
		pr.add(g.text, x, y, w, math.Abs(size), f, rot)
	}
}

// count adds a glyph to the page's plausibility figures.
func (pr *pageReader) count(g glyph, f *pdfFont) {
	if g.space {
		return
	}
	pr.q.glyphs++
	for _, r := range g.text {
		if !badRune(r) {
			return
		}
	}
	pr.q.undecoded++
	if pr.fontBad == nil {
		pr.fontBad = map[string]int{}
	}
	pr.fontBad[f.name]++
}

// offPage tells whether a glyph origin lies outside the page box, where no
// viewer shows it (InDesign places a spread's other page there).
func (pr *pageReader) offPage(x, y float64) bool {
	if pr.width <= 0 || pr.height <= 0 {
		return false
	}
	const margin = 2
	return x < -margin || y < -margin || x > pr.width+margin || y > pr.height+margin
}

// rotation is the direction of a text matrix's baseline in quarter turns
// counter-clockwise: 0 for ordinary text, 1 for text running up the page
// (a landscape scan's OCR layer, a rotated table), 2 upside down, 3 down.
func rotation(trm matrix) uint8 {
	dx, dy := trm[0], trm[1]
	switch {
	case math.Abs(dx) >= math.Abs(dy) && dx >= 0:
		return 0
	case math.Abs(dx) >= math.Abs(dy):
		return 2
	case dy > 0:
		return 1
	}
	return 3
}

// frame turns a device point into the frame of text running in direction
// rot, where the text runs left to right and lines go down the page as on
// an upright page of the rotated size.
func (pr *pageReader) frame(rot uint8, x, y float64) (float64, float64) {
	switch rot {
	case 1:
		return y, pr.width - x
	case 2:
		return pr.width - x, pr.height - y
	case 3:
		return pr.height - y, x
	}
	return x, y
}

// add appends a glyph's text at device position x, y.
func (pr *pageReader) add(t string, x, y, w, size float64, f *pdfFont, rot uint8) {
	if size < 0.5 {
		size = 0.5
	}
	if !isASCII(t) {
		t = norm.NFKC.String(t)
	}
	space := t == " " || strings.TrimSpace(t) == ""
	c := pr.cur
	if c != nil {
		ref := math.Max(size, c.size)
		dy := math.Abs(y - c.y)
		gap := x - c.x1
		switch {
		case c.rot != rot, dy > 0.5*ref, gap < -ref*1.5, gap > 3*ref && !space:
			pr.flush()
			c = nil
		case gap > 0.15*ref && !space && len(c.text) > 0 && c.text[len(c.text)-1] != ' ':
			c.appendSpace()
		}
	}
	if c == nil {
		if space {
			return
		}
		c = &frag{x0: x, x1: x, y: y, size: size, font: f.name, sizes: map[float64]int{}, lastInk: x, rot: rot}
		pr.cur = c
	}
	if space {
		if len(c.text) > 0 && c.text[len(c.text)-1] != ' ' {
			c.appendSpace()
		}
		c.x1 = math.Max(c.x1, x+w)
		return
	}
	if size > c.size {
		c.size = size
		c.y = y
	}
	if c.spaces == 1 && !c.gotFirst {
		c.gotFirst = true
		c.firstGap = (x - c.lastInk) / math.Max(size, c.size)
		c.xAfter = x
	}
	c.lastInk = x + w
	if t != softHyphen && len(c.text) >= 2 && string(c.text[len(c.text)-2:]) == softHyphen {
		// the lone hyphen was not at the end of the line after all
		c.text = append(c.text[:len(c.text)-2], '-')
	}
	if sup := c.size > 0 && size < 0.8*c.size && y > c.y+0.2*c.size && isMark(t); sup && c.chars > 0 {
		// a superscript footnote mark inside body text: not part of the words
		c.x1 = math.Max(x+w, c.x1)
		return
	}
	start := len(c.text)
	if start > 0 && c.text[start-1] == ' ' {
		c.words = append(c.words, wordPos{start, x})
	}
	c.text = append(c.text, t...)
	n := utf8.RuneCountInString(t)
	c.chars += n
	c.sizes[math.Round(size*2)/2] += n
	if f.bold {
		c.bchars += n
		if k := len(c.bold); k > 0 && (c.bold[k-1][1] == start || c.bold[k-1][1] == start-1 && c.text[start-1] == ' ') {
			c.bold[k-1][1] = len(c.text)
		} else {
			c.bold = append(c.bold, [2]int{start, len(c.text)})
		}
	}
	if x < c.x0 {
		c.x0 = x
	}
	c.x1 = math.Max(x+w, c.x1)
	if f.name != c.font && n > 0 && c.chars == n {
		c.font = f.name
	}
}

func (c *frag) appendSpace() {
	c.spaces++
	c.text = append(c.text, ' ')
}

func (pr *pageReader) flush() {
	c := pr.cur
	pr.cur = nil
	if c == nil {
		return
	}
	c.text = []byte(strings.TrimRight(string(c.text), " "))
	if len(c.text) == 0 {
		return
	}
	pr.frags = append(pr.frags, c)
}

func endsWithLetter(b []byte) bool {
	r, _ := utf8.DecodeLastRune(b)
	return unicode.IsLetter(r)
}

// isMark tells the characters of footnote marks.
func isMark(t string) bool {
	for _, r := range t {
		if !unicode.IsDigit(r) && !strings.ContainsRune("*†‡§", r) {
			return false
		}
	}
	return t != ""
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// upright keeps the text of the page's main direction, in that direction's
// frame: a landscape page drawn rotated reads like an upright one. Text in
// other directions (a vertical label in the margin) is dropped, and the
// ruling lines are turned with the text.
func (pr *pageReader) upright(pt *pageText) {
	var chars [4]int
	for _, f := range pr.frags {
		chars[f.rot&3] += f.chars
	}
	var rot uint8
	for r := uint8(1); r < 4; r++ {
		if chars[r] > chars[rot] {
			rot = r
		}
	}
	var kept []*frag
	for _, f := range pr.frags {
		if f.rot == rot {
			kept = append(kept, f)
		} else {
			pt.aside = append(pt.aside, f)
		}
	}
	pr.frags = kept
	for _, f := range kept {
		pr.q.add(string(f.text))
	}
	for name, n := range pr.fontBad {
		if n > pr.fontBad[pr.q.worstFont] || pr.q.worstFont == "" {
			pr.q.worstFont = name
		}
	}
	if rot == 0 {
		return
	}
	for i, r := range pr.rules {
		x0, y0 := pr.frame(rot, r.x0, r.y0)
		x1, y1 := pr.frame(rot, r.x1, r.y1)
		pr.rules[i] = rule{x0: min(x0, x1), x1: max(x0, x1), y0: min(y0, y1), y1: max(y0, y1)}
	}
	if rot == 1 || rot == 3 {
		pt.width, pt.height = pt.height, pt.width
	}
}

// markedContent is an open BMC/BDC sequence. One with /ActualText stands
// for the glyphs shown inside it: they are placed, and their text is the
// ActualText (a ligature without a name, a hyphenated word written whole).
type markedContent struct {
	actual    string
	hasActual bool
	shown     bool // a glyph was shown inside: where, in what
	x0, x1, y float64
	size      float64
	font      *pdfFont
	rot       uint8
}

func (pr *pageReader) beginMarked(args []psObj, res pdf.Value) {
	if len(pr.marked) >= 64 {
		pr.marked = append(pr.marked, markedContent{})
		return
	}
	var mc markedContent
	if len(args) >= 2 {
		switch p := args[len(args)-1]; p.kind {
		case psDict:
			if s, ok := dictString(p.str, "ActualText"); ok {
				mc.actual, mc.hasActual = textString(s), true
			}
		case psName:
			if v := res.Key("Properties").Key(p.str).Key("ActualText"); v.Kind() == pdf.String {
				mc.actual, mc.hasActual = textString(v.RawString()), true
			}
		}
	}
	pr.marked = append(pr.marked, mc)
}

// actualText returns the innermost open sequence with ActualText, or nil.
func (pr *pageReader) actualText() *markedContent {
	for i := len(pr.marked) - 1; i >= 0; i-- {
		if pr.marked[i].hasActual {
			return &pr.marked[i]
		}
	}
	return nil
}

func (mc *markedContent) extend(x, y, w, size float64, f *pdfFont, rot uint8) {
	if !mc.shown {
		mc.shown, mc.x0, mc.x1, mc.y, mc.size, mc.font, mc.rot = true, x, x+w, y, size, f, rot
		return
	}
	mc.x1 = math.Max(mc.x1, x+w)
}

// endMarked closes a sequence, placing its ActualText where its glyphs were.
func (pr *pageReader) endMarked() {
	n := len(pr.marked)
	if n == 0 {
		return
	}
	mc := pr.marked[n-1]
	pr.marked = pr.marked[:n-1]
	if !mc.hasActual || !mc.shown || mc.actual == "" {
		return
	}
	if outer := pr.actualText(); outer != nil {
		outer.extend(mc.x0, mc.y, mc.x1-mc.x0, mc.size, mc.font, mc.rot)
		return
	}
	pr.q.glyphs += utf8.RuneCountInString(mc.actual)
	pr.add(mc.actual, mc.x0, mc.y, mc.x1-mc.x0, mc.size, mc.font, mc.rot)
}
