package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
)

// A DOCX file is a zip archive of XML parts. readDOCX reads the main
// document part (found through _rels/.rels, word/document.xml by default),
// word/styles.xml, word/numbering.xml, word/footnotes.xml and
// docProps/core.xml, and nothing else, so oversized or hostile parts that
// the text does not need are never decompressed.
//
// Safety: each part is decompressed through a reader capped at
// Limits.MaxZipEntry, and all parts together at Limits.MaxZipTotal; a part
// whose declared size is already over the limit is refused before it is
// opened. A part that declares a DTD (<!DOCTYPE or <!ENTITY) is refused:
// Word never writes one, and refusing it means no entity is ever expanded.
// encoding/xml would not fetch external entities anyway.
//
// What comes out:
//   - paragraphs in document order, with text from runs, hyperlinks, content
//     controls (w:sdt), inserted (not deleted) tracked changes, field results
//     and text boxes; tabs and breaks become spaces, soft hyphens vanish,
//     hidden text (w:vanish) is left out;
//   - bold from the run's properties, its character style, the paragraph
//     style and the document defaults, in that order of precedence, with
//     styles inheriting through basedOn; w:b wins over w:bCs;
//   - headings from "heading N" / "Title" styles and w:outlineLvl;
//   - Word numbering computed as displayed: a decimal label ("1.", "2.3")
//     becomes Paragraph.Number like a typed number; other labels ("a)",
//     "(iv)") become Marker; bullets become Marker "•". List is the level
//     (ilvl+1) for bullets and markers, and for numbers below the top level;
//   - tables in Document.Tables with one cell per grid column: a cell
//     spanning n columns (gridSpan) is followed by n-1 empty cells, and a
//     vertically merged cell repeats the text of the cell it continues, so
//     every row reads on its own. Paragraphs inside a cell are joined by
//     "\n". Nested tables are flattened into their cell, one line per row
//     with cells joined by " | ". Each row also becomes one paragraph, its
//     cells joined by " | " (spanned and merged continuations left out);
//   - footnotes (separators skipped) numbered in order of first reference.
func readDOCX(ctx context.Context, data []byte, lim Limits) (*Document, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, corrupt("not a readable zip archive: %v", err)
	}
	z := &zipParts{files: map[string]*zip.File{}, lim: lim}
	for _, f := range zr.File {
		if _, dup := z.files[f.Name]; !dup {
			z.files[f.Name] = f
		}
	}
	main := z.mainPart()
	if z.files[main] == nil {
		return nil, fmt.Errorf("%w: not a Word document (the zip has no %s)", ErrUnsupported, main)
	}
	dir := path.Dir(main)
	p := &docxParser{ctx: ctx, doc: &Document{}, footIDs: map[string]int{}}

	if b, err := z.read(path.Join(dir, "styles.xml")); err != nil {
		return nil, err
	} else if b != nil {
		if err := p.styles.parse(b); err != nil {
			p.warn("word/styles.xml: %v (styles ignored)", err)
		}
	}
	if b, err := z.read(path.Join(dir, "numbering.xml")); err != nil {
		return nil, err
	} else if b != nil {
		if err := p.num.parse(b); err != nil {
			p.warn("word/numbering.xml: %v (list numbers ignored)", err)
		}
	}
	body, err := z.read(main)
	if err != nil {
		return nil, err
	}
	if err := p.parse(body, main, false); err != nil {
		return nil, err
	}
	if b, err := z.read(path.Join(dir, "footnotes.xml")); err != nil {
		return nil, err
	} else if b != nil {
		if err := p.parse(b, "word/footnotes.xml", true); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			p.warn("%v (footnotes incomplete)", err)
		}
		slices.SortStableFunc(p.doc.Footnotes, func(a, b Paragraph) int {
			x, _ := strconv.Atoi(a.Number)
			y, _ := strconv.Atoi(b.Number)
			return x - y
		})
	}
	if b, err := z.read("docProps/core.xml"); err == nil && b != nil {
		var core struct {
			Title string `xml:"title"`
		}
		if xml.Unmarshal(b, &core) == nil {
			p.doc.Source.Title = strings.Join(strings.Fields(core.Title), " ")
		}
	}
	return p.doc, nil
}

// zipParts reads parts of a zip archive within the size limits.
type zipParts struct {
	files map[string]*zip.File
	lim   Limits
	total int64
}

// mainPart returns the name of the main document part.
func (z *zipParts) mainPart() string {
	const def = "word/document.xml"
	b, err := z.read("_rels/.rels")
	if err != nil || b == nil {
		return def
	}
	var rels struct {
		Rel []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(b, &rels) != nil {
		return def
	}
	for _, r := range rels.Rel {
		if strings.HasSuffix(r.Type, "/officeDocument") && r.Target != "" {
			t := strings.TrimPrefix(path.Clean("/"+r.Target), "/")
			if z.files[t] != nil && strings.HasSuffix(t, ".xml") {
				return t
			}
		}
	}
	return def
}

// read returns the decompressed bytes of a part, nil when it is absent.
func (z *zipParts) read(name string) ([]byte, error) {
	f := z.files[name]
	if f == nil {
		return nil, nil
	}
	limit := z.lim.MaxZipEntry
	tooBig := func() error {
		return &LimitError{Limit: "MaxZipEntry", Text: fmt.Sprintf("%s decompresses to more than %d MB (possible zip bomb)", name, limit>>20)}
	}
	tooBigTotal := func() error {
		return &LimitError{Limit: "MaxZipTotal", Text: fmt.Sprintf("the parts read decompress to more than %d MB in all (possible zip bomb)", z.lim.MaxZipTotal>>20)}
	}
	if f.UncompressedSize64 > uint64(limit) {
		return nil, tooBig()
	}
	left := z.lim.MaxZipTotal - z.total
	if int64(f.UncompressedSize64) > left {
		return nil, tooBigTotal()
	}
	rc, err := f.Open()
	if err != nil {
		return nil, corrupt("%s: %v", name, err)
	}
	defer rc.Close()
	capped := min(limit, left)
	var buf bytes.Buffer
	buf.Grow(int(min(int64(f.UncompressedSize64), capped)) + 512)
	n, err := io.Copy(&buf, io.LimitReader(rc, capped+1))
	z.total += n
	if n > capped {
		if capped == limit {
			return nil, tooBig()
		}
		return nil, tooBigTotal()
	}
	if err != nil {
		if errors.Is(err, zip.ErrFormat) {
			// archive/zip stops an entry that inflates past the size its
			// header declares: a crafted header hiding a zip bomb.
			return nil, corrupt("%s inflates to more than the %d bytes its zip header declares (possible zip bomb)", name, f.UncompressedSize64)
		}
		return nil, corrupt("%s: %v", name, err)
	}
	b := buf.Bytes()
	if hasDTD(b) {
		return nil, corrupt("%s declares a DTD (<!DOCTYPE or <!ENTITY), which Word never writes; refused so that no entity is expanded (possible XXE attack)", name)
	}
	return b, nil
}

func hasDTD(b []byte) bool {
	return bytes.Contains(b, []byte("<!DOCTYPE")) || bytes.Contains(b, []byte("<!ENTITY")) ||
		bytes.Contains(b, []byte("<!doctype")) || bytes.Contains(b, []byte("<!entity"))
}

// WordprocessingML namespaces: transitional (what Word writes) and strict.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

func isW(n xml.Name) bool { return n.Space == nsW || n.Space == nsWStrict }

// xVal is an element whose w:val attribute carries its value.
type xVal struct {
	Val string `xml:"val,attr"`
}

type xNumPr struct {
	Ilvl  *xVal `xml:"ilvl"`
	NumID *xVal `xml:"numId"`
}

type xPPr struct {
	PStyle     *xVal   `xml:"pStyle"`
	NumPr      *xNumPr `xml:"numPr"`
	OutlineLvl *xVal   `xml:"outlineLvl"`
}

type xRPr struct {
	RStyle *xVal `xml:"rStyle"`
	B      *xVal `xml:"b"`
	BCs    *xVal `xml:"bCs"`
	Sz     *xVal `xml:"sz"`
	Vanish *xVal `xml:"vanish"`
}

// bold returns the bold setting of these properties, nil when they have none.
func (r *xRPr) bold() *bool {
	if r == nil {
		return nil
	}
	v := r.B
	if v == nil {
		v = r.BCs
	}
	if v == nil {
		return nil
	}
	b := onOff(v)
	return &b
}

func (r *xRPr) size() float64 {
	if r == nil || r.Sz == nil {
		return 0
	}
	n, err := strconv.ParseFloat(r.Sz.Val, 64)
	if err != nil || n <= 0 || n > 3276 {
		return 0
	}
	return n / 2
}

func onOff(v *xVal) bool {
	switch strings.ToLower(v.Val) {
	case "0", "false", "off", "none":
		return false
	}
	return true
}

type xStyle struct {
	Type    string `xml:"type,attr"`
	ID      string `xml:"styleId,attr"`
	Default string `xml:"default,attr"`
	Name    xVal   `xml:"name"`
	BasedOn *xVal  `xml:"basedOn"`
	PPr     *xPPr  `xml:"pPr"`
	RPr     *xRPr  `xml:"rPr"`
}

// docxStyles resolves style properties through basedOn chains.
type docxStyles struct {
	byID     map[string]*xStyle
	defPara  string
	defaults *xRPr
}

func (s *docxStyles) parse(b []byte) error {
	var x struct {
		Defaults struct {
			RPr struct {
				RPr *xRPr `xml:"rPr"`
			} `xml:"rPrDefault"`
		} `xml:"docDefaults"`
		Styles []*xStyle `xml:"style"`
	}
	if err := xml.Unmarshal(b, &x); err != nil {
		return err
	}
	s.byID = make(map[string]*xStyle, len(x.Styles))
	s.defaults = x.Defaults.RPr.RPr
	for _, st := range x.Styles {
		if _, dup := s.byID[st.ID]; !dup {
			s.byID[st.ID] = st
		}
		if st.Type == "paragraph" && onOff(&xVal{st.Default}) && st.Default != "" && s.defPara == "" {
			s.defPara = st.ID
		}
	}
	return nil
}

// chain calls f on the style id and its ancestors until f returns true.
func (s *docxStyles) chain(id string, f func(*xStyle) bool) {
	for i := 0; i < 32 && id != ""; i++ {
		st := s.byID[id]
		if st == nil || f(st) {
			return
		}
		if st.BasedOn == nil {
			return
		}
		id = st.BasedOn.Val
	}
}

func (s *docxStyles) bold(id string) *bool {
	var out *bool
	s.chain(id, func(st *xStyle) bool {
		out = st.RPr.bold()
		return out != nil
	})
	return out
}

func (s *docxStyles) size(id string) float64 {
	var out float64
	s.chain(id, func(st *xStyle) bool {
		out = st.RPr.size()
		return out > 0
	})
	return out
}

// heading returns the heading level a paragraph style gives, 0 for none.
func (s *docxStyles) heading(id string) int {
	level := 0
	s.chain(id, func(st *xStyle) bool {
		if st.PPr != nil && st.PPr.OutlineLvl != nil {
			level = outlineLevel(st.PPr.OutlineLvl)
			return true
		}
		name := strings.ToLower(strings.TrimSpace(st.Name.Val))
		if name == "title" || st.ID == "Title" {
			level = 1
			return true
		}
		if n, ok := strings.CutPrefix(name, "heading "); ok {
			if d, err := strconv.Atoi(n); err == nil && d >= 1 && d <= 9 {
				level = d
				return true
			}
		}
		return false
	})
	return level
}

func outlineLevel(v *xVal) int {
	n, err := strconv.Atoi(v.Val)
	if err != nil || n < 0 || n >= 9 {
		return 0
	}
	return n + 1
}

// numbering returns the list a paragraph style puts its paragraphs in.
func (s *docxStyles) numbering(id string) *xNumPr {
	var out *xNumPr
	s.chain(id, func(st *xStyle) bool {
		if st.PPr != nil && st.PPr.NumPr != nil {
			out = st.PPr.NumPr
			return true
		}
		return false
	})
	return out
}

// docxNumbering computes list labels as Word displays them.
type docxNumbering struct {
	abstract map[string]map[int]numLevel // abstractNumId → ilvl → level
	nums     map[string]numInstance
	counters map[string]*[9]int // per abstract list; 0 = not started
	seen     map[string]bool    // numIds whose overrides were applied
}

type numLevel struct {
	format, text string
	start        int
}

type numInstance struct {
	abstract string
	starts   map[int]int
}

func (n *docxNumbering) parse(b []byte) error {
	type xLvl struct {
		Ilvl   string `xml:"ilvl,attr"`
		Start  *xVal  `xml:"start"`
		NumFmt *xVal  `xml:"numFmt"`
		Text   *xVal  `xml:"lvlText"`
	}
	var x struct {
		Abstract []struct {
			ID  string `xml:"abstractNumId,attr"`
			Lvl []xLvl `xml:"lvl"`
		} `xml:"abstractNum"`
		Num []struct {
			ID       string `xml:"numId,attr"`
			Abstract xVal   `xml:"abstractNumId"`
			Override []struct {
				Ilvl  string `xml:"ilvl,attr"`
				Start *xVal  `xml:"startOverride"`
			} `xml:"lvlOverride"`
		} `xml:"num"`
	}
	if err := xml.Unmarshal(b, &x); err != nil {
		return err
	}
	n.abstract = map[string]map[int]numLevel{}
	for _, a := range x.Abstract {
		levels := map[int]numLevel{}
		for _, l := range a.Lvl {
			i, err := strconv.Atoi(l.Ilvl)
			if err != nil || i < 0 || i > 8 {
				continue
			}
			nl := numLevel{format: "decimal", start: 1}
			if l.NumFmt != nil {
				nl.format = l.NumFmt.Val
			}
			if l.Text != nil {
				nl.text = l.Text.Val
			}
			if l.Start != nil {
				if s, err := strconv.Atoi(l.Start.Val); err == nil && s >= 0 && s < 1e6 {
					nl.start = s
				}
			}
			levels[i] = nl
		}
		n.abstract[a.ID] = levels
	}
	n.nums = map[string]numInstance{}
	for _, m := range x.Num {
		inst := numInstance{abstract: m.Abstract.Val}
		for _, o := range m.Override {
			i, err := strconv.Atoi(o.Ilvl)
			if err != nil || i < 0 || i > 8 || o.Start == nil {
				continue
			}
			if s, err := strconv.Atoi(o.Start.Val); err == nil && s >= 0 && s < 1e6 {
				if inst.starts == nil {
					inst.starts = map[int]int{}
				}
				inst.starts[i] = s
			}
		}
		n.nums[m.ID] = inst
	}
	n.counters = map[string]*[9]int{}
	n.seen = map[string]bool{}
	return nil
}

// next advances list numId at level ilvl and returns the label Word shows,
// its format, and whether there is a list at all.
func (n *docxNumbering) next(numID string, ilvl int) (label, format string, ok bool) {
	if n.nums == nil || numID == "" || numID == "0" || ilvl < 0 || ilvl > 8 {
		return "", "", false
	}
	inst, found := n.nums[numID]
	if !found {
		return "", "", false
	}
	levels := n.abstract[inst.abstract]
	lvl, found := levels[ilvl]
	if !found {
		return "", "", false
	}
	c := n.counters[inst.abstract]
	if c == nil {
		c = new([9]int)
		n.counters[inst.abstract] = c
	}
	if !n.seen[numID] {
		n.seen[numID] = true
		for i, s := range inst.starts {
			// The next item at level i shows s.
			c[i] = s - 1
			if s == 0 {
				c[i] = -1
			}
		}
	}
	if c[ilvl] == 0 {
		c[ilvl] = lvl.start
	} else {
		c[ilvl]++
	}
	for i := ilvl + 1; i < 9; i++ {
		c[i] = 0
	}
	if lvl.format == "bullet" {
		return "•", "bullet", true
	}
	if lvl.format == "none" {
		return strings.TrimSpace(lvl.text), "none", lvl.text != ""
	}
	var b strings.Builder
	t := lvl.text
	for i := 0; i < len(t); i++ {
		if t[i] == '%' && i+1 < len(t) && t[i+1] >= '1' && t[i+1] <= '9' {
			k := int(t[i+1] - '1')
			v := c[k]
			if v == 0 {
				v = levels[k].start
			}
			b.WriteString(formatNumber(v, levels[k].format))
			i++
			continue
		}
		b.WriteByte(t[i])
	}
	return strings.TrimSpace(b.String()), lvl.format, true
}

func formatNumber(v int, format string) string {
	switch format {
	case "lowerLetter", "upperLetter":
		s := ""
		if v >= 1 {
			// Word repeats the letter: a … z, aa … zz.
			s = strings.Repeat(string(rune('a'+(v-1)%26)), min((v-1)/26+1, 8))
		}
		if format == "upperLetter" {
			s = strings.ToUpper(s)
		}
		return s
	case "lowerRoman", "upperRoman":
		s := roman(v)
		if format == "lowerRoman" {
			s = strings.ToLower(s)
		}
		return s
	case "decimalZero":
		if v < 10 && v >= 0 {
			return "0" + strconv.Itoa(v)
		}
	}
	return strconv.Itoa(v)
}

func roman(v int) string {
	if v <= 0 || v >= 4000 {
		return strconv.Itoa(v)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, n := range vals {
		for v >= n {
			b.WriteString(syms[i])
			v -= n
		}
	}
	return b.String()
}

// maxTableDepth bounds table nesting; deeper tables are read as plain
// paragraphs of the innermost cell kept.
const maxTableDepth = 16

// docxParser reads the paragraphs, tables and footnotes of WordprocessingML.
type docxParser struct {
	ctx     context.Context
	doc     *Document
	styles  docxStyles
	num     docxNumbering
	footIDs map[string]int // footnote id → number shown, in order of reference

	paras  []*docxPara // open paragraphs (text boxes nest them)
	tables []*docxTable
	skipT  int // >0 while inside a table deeper than maxTableDepth
	foot   []styled
}

type docxPara struct {
	ppr   xPPr
	text  runText
	run   *xRPr
	inRun bool
}

type docxTable struct {
	rows  [][]docxCell
	row   []docxCell
	cell  *docxCell
	props docxCellProps
}

type docxCell struct {
	lines  []styled
	filler bool // a column covered by the cell before it (gridSpan)
	merged bool // continues the cell above (vMerge)
}

type docxCellProps struct {
	span   int
	merged bool
}

func (p *docxParser) warn(format string, args ...any) {
	p.doc.Warnings = append(p.doc.Warnings, fmt.Sprintf(format, args...))
}

// parse reads one part: the main document, or the footnotes part.
func (p *docxParser) parse(b []byte, name string, footnotes bool) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	p.paras, p.tables, p.skipT = nil, nil, 0
	footNum := ""
	inFoot := false
	for n := 0; ; n++ {
		if n%4096 == 0 && p.ctx.Err() != nil {
			return p.ctx.Err()
		}
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if len(p.doc.Paragraphs) > 0 && !footnotes {
				p.warn("%s: %v (text after this point is missing)", name, err)
				break
			}
			return corrupt("%s: %v", name, err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return corrupt("%s declares a DTD, which Word never writes; refused so that no entity is expanded (possible XXE attack)", name)
		case xml.StartElement:
			if t.Name.Space == nsMC && t.Name.Local == "Fallback" {
				// The same content as mc:Choice, for older readers.
				if err := d.Skip(); err != nil {
					return corrupt("%s: %v", name, err)
				}
				continue
			}
			if !isW(t.Name) {
				continue
			}
			if err := p.start(d, t, footnotes, &inFoot, &footNum); err != nil {
				return corrupt("%s: %v", name, err)
			}
		case xml.EndElement:
			if !isW(t.Name) {
				continue
			}
			p.end(t, footnotes, &inFoot, footNum)
		case xml.CharData:
			// Text is read inside w:t by start.
		}
	}
	return nil
}

func (p *docxParser) para() *docxPara {
	if len(p.paras) == 0 {
		return nil
	}
	return p.paras[len(p.paras)-1]
}

func (p *docxParser) table() *docxTable {
	if len(p.tables) == 0 {
		return nil
	}
	return p.tables[len(p.tables)-1]
}

func (p *docxParser) start(d *xml.Decoder, t xml.StartElement, footnotes bool, inFoot *bool, footNum *string) error {
	switch t.Name.Local {
	case "footnote":
		if !footnotes {
			return nil
		}
		typ := attr(t, "type")
		if typ == "separator" || typ == "continuationSeparator" || typ == "continuationNotice" {
			return d.Skip()
		}
		id := attr(t, "id")
		num, ok := p.footIDs[id]
		if !ok {
			num = len(p.footIDs) + 1
			p.footIDs[id] = num
		}
		*footNum = strconv.Itoa(num)
		*inFoot = true
		p.foot = p.foot[:0]
	case "footnoteReference":
		if id := attr(t, "id"); id != "" {
			if _, ok := p.footIDs[id]; !ok {
				p.footIDs[id] = len(p.footIDs) + 1
			}
		}
	case "p":
		if len(p.paras) >= 64 {
			// Text boxes nested this deep are not real; keep the text in
			// the paragraph already open.
			return nil
		}
		p.paras = append(p.paras, &docxPara{})
	case "pPr":
		if par := p.para(); par != nil {
			return d.DecodeElement(&par.ppr, &t)
		}
		return d.Skip()
	case "r":
		if par := p.para(); par != nil {
			par.inRun, par.run = true, nil
		}
	case "rPr":
		par := p.para()
		if par == nil || !par.inRun {
			return d.Skip()
		}
		par.run = &xRPr{}
		return d.DecodeElement(par.run, &t)
	case "t":
		s, err := charData(d)
		if err != nil {
			return err
		}
		if par := p.para(); par != nil && (par.run == nil || par.run.Vanish == nil || !onOff(par.run.Vanish)) {
			par.text.add(s, p.runBold(par), p.runSize(par))
		}
	case "tab", "br", "cr", "ptab":
		if par := p.para(); par != nil {
			par.text.addSpace()
		}
	case "noBreakHyphen":
		if par := p.para(); par != nil {
			par.text.add("-", p.runBold(par), p.runSize(par))
		}
	case "del", "moveFrom", "instrText", "delText", "sdtPr", "commentReference", "endnoteReference", "footnoteRef", "endnoteRef":
		return d.Skip()
	case "tbl":
		if len(p.tables) >= maxTableDepth || p.skipT > 0 {
			p.skipT++
			return nil
		}
		p.tables = append(p.tables, &docxTable{})
	case "tr":
		if tb := p.table(); tb != nil && p.skipT == 0 {
			tb.row = nil
		}
	case "tc":
		if tb := p.table(); tb != nil && p.skipT == 0 {
			tb.cell = &docxCell{}
			tb.props = docxCellProps{span: 1}
		}
	case "tcPr":
		tb := p.table()
		if tb == nil || p.skipT > 0 {
			return d.Skip()
		}
		var x struct {
			GridSpan *xVal `xml:"gridSpan"`
			VMerge   *xVal `xml:"vMerge"`
			HMerge   *xVal `xml:"hMerge"`
		}
		if err := d.DecodeElement(&x, &t); err != nil {
			return err
		}
		if x.GridSpan != nil {
			if n, err := strconv.Atoi(x.GridSpan.Val); err == nil && n > 1 && n <= 64 {
				tb.props.span = n
			}
		}
		if x.VMerge != nil && x.VMerge.Val != "restart" {
			tb.props.merged = true
		}
		if x.HMerge != nil && x.HMerge.Val != "restart" && tb.cell != nil {
			tb.cell.filler = true
		}
	case "tblPr", "trPr", "tblGrid", "sectPr", "tblPrEx", "rubyPr":
		return d.Skip()
	}
	return nil
}

func (p *docxParser) end(t xml.EndElement, footnotes bool, inFoot *bool, footNum string) {
	switch t.Name.Local {
	case "r":
		if par := p.para(); par != nil {
			par.inRun, par.run = false, nil
		}
	case "p":
		if len(p.paras) == 0 {
			return
		}
		par := p.paras[len(p.paras)-1]
		p.paras = p.paras[:len(p.paras)-1]
		p.endPara(par, footnotes, *inFoot)
	case "footnote":
		if !footnotes || !*inFoot {
			return
		}
		*inFoot = false
		s := joinStyled(p.foot, " ")
		if s.text != "" {
			p.doc.Footnotes = append(p.doc.Footnotes, paragraphOf(s, Paragraph{Number: footNum}))
		}
	case "tc":
		if p.skipT > 0 {
			return
		}
		if tb := p.table(); tb != nil && tb.cell != nil {
			c := *tb.cell
			c.merged = tb.props.merged
			tb.row = append(tb.row, c)
			for i := 1; i < tb.props.span; i++ {
				tb.row = append(tb.row, docxCell{filler: true})
			}
			tb.cell = nil
		}
	case "tr":
		if p.skipT > 0 {
			return
		}
		if tb := p.table(); tb != nil {
			tb.rows = append(tb.rows, tb.row)
			tb.row = nil
		}
	case "tbl":
		if p.skipT > 0 {
			p.skipT--
			return
		}
		if len(p.tables) == 0 {
			return
		}
		tb := p.tables[len(p.tables)-1]
		p.tables = p.tables[:len(p.tables)-1]
		p.endTable(tb, footnotes, *inFoot)
	}
}

// runBold resolves whether the current run is bold.
func (p *docxParser) runBold(par *docxPara) bool {
	if b := par.run.bold(); b != nil {
		return *b
	}
	if par.run != nil && par.run.RStyle != nil {
		if b := p.styles.bold(par.run.RStyle.Val); b != nil {
			return *b
		}
	}
	if b := p.styles.bold(p.paraStyle(par)); b != nil {
		return *b
	}
	if b := p.styles.defaults.bold(); b != nil {
		return *b
	}
	return false
}

func (p *docxParser) runSize(par *docxPara) float64 {
	if s := par.run.size(); s > 0 {
		return s
	}
	if par.run != nil && par.run.RStyle != nil {
		if s := p.styles.size(par.run.RStyle.Val); s > 0 {
			return s
		}
	}
	if s := p.styles.size(p.paraStyle(par)); s > 0 {
		return s
	}
	return p.styles.defaults.size()
}

func (p *docxParser) paraStyle(par *docxPara) string {
	if par.ppr.PStyle != nil {
		return par.ppr.PStyle.Val
	}
	return p.styles.defPara
}

// endPara turns a finished w:p into a paragraph, a cell line or a footnote
// line.
func (p *docxParser) endPara(par *docxPara, footnotes, inFoot bool) {
	style := p.paraStyle(par)
	out := Paragraph{Size: par.text.size()}
	if par.ppr.OutlineLvl != nil {
		out.Heading = outlineLevel(par.ppr.OutlineLvl)
	} else {
		out.Heading = p.styles.heading(style)
	}
	numPr := par.ppr.NumPr
	if numPr == nil || numPr.NumID == nil {
		if s := p.styles.numbering(style); s != nil {
			if numPr == nil {
				numPr = s
			} else if s.NumID != nil {
				numPr = &xNumPr{Ilvl: numPr.Ilvl, NumID: s.NumID}
			}
		}
	}
	if numPr != nil && numPr.NumID != nil {
		ilvl := 0
		if numPr.Ilvl != nil {
			ilvl, _ = strconv.Atoi(numPr.Ilvl.Val)
		}
		if label, format, ok := p.num.next(numPr.NumID.Val, ilvl); ok && label != "" {
			switch {
			case format == "bullet":
				out.List, out.Marker = ilvl+1, "•"
			case isNumberLabel(label):
				out.Number = strings.TrimSuffix(label, ".")
				if ilvl > 0 {
					out.List = ilvl + 1
				}
			default:
				out.List, out.Marker = ilvl+1, label
			}
		}
	}
	line := par.text.line()
	if line.text == "" {
		return
	}
	switch {
	case len(p.tables) > 0:
		if tb := p.table(); tb.cell != nil {
			tb.cell.lines = append(tb.cell.lines, labelled(line, out))
		}
	case footnotes:
		if inFoot {
			p.foot = append(p.foot, line)
		}
	default:
		p.doc.Paragraphs = append(p.doc.Paragraphs, paragraphOf(line, out))
	}
}

// labelled puts a list label back in front of a cell line, where there is
// no Paragraph to carry it.
func labelled(s styled, p Paragraph) styled {
	label := p.Marker
	if p.Number != "" {
		label = p.Number + "."
	}
	if label == "" {
		return s
	}
	return joinStyled([]styled{{text: label}, s}, " ")
}

// isNumberLabel reports whether a list label is a paragraph number such as
// "1." or "2.3" (and not "a)" or "(1)").
func isNumberLabel(label string) bool {
	n, rest := SplitNumber(label + " x")
	return n != "" && rest == "x"
}

// endTable records a finished table: a top-level table goes to
// Document.Tables with one paragraph per row; a nested one is flattened into
// the cell that holds it.
func (p *docxParser) endTable(tb *docxTable, footnotes, inFoot bool) {
	// Repeat vertically merged text so that every row reads on its own.
	for i := 1; i < len(tb.rows); i++ {
		for j := range tb.rows[i] {
			c := &tb.rows[i][j]
			if c.merged && len(c.lines) == 0 && j < len(tb.rows[i-1]) {
				c.lines = tb.rows[i-1][j].lines
			}
		}
	}
	table, rows := flattenTable(tb.rows)
	if len(table.Rows) == 0 {
		return
	}
	if outer := p.table(); outer != nil {
		if outer.cell != nil {
			outer.cell.lines = append(outer.cell.lines, rows...)
		}
		return
	}
	if footnotes {
		if inFoot {
			p.foot = append(p.foot, rows...)
		}
		return
	}
	p.doc.Tables = append(p.doc.Tables, table)
	for _, r := range rows {
		if r.text == "" {
			continue
		}
		p.doc.Paragraphs = append(p.doc.Paragraphs, paragraphOf(r, Paragraph{Table: len(p.doc.Tables)}))
	}
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// charData reads the text of the element just started, up to its end.
func charData(d *xml.Decoder) (string, error) {
	var b strings.Builder
	depth := 1
	for depth > 0 {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return "", io.ErrUnexpectedEOF
			}
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if depth == 1 {
				b.Write(t)
			}
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return b.String(), nil
}

// flattenTable turns a grid of cells into a Table (each cell's lines joined
// by newlines) and one styled line per non-empty row (cells joined by
// " | ", merged and filler cells left out). DOCX and HTML tables share it.
func flattenTable(grid [][]docxCell) (Table, []styled) {
	var table Table
	var rows []styled
	for _, row := range grid {
		var cells []styled
		texts := make([]string, len(row))
		empty := true
		for j, c := range row {
			s := joinStyled(c.lines, "\n")
			texts[j] = s.text
			if s.text != "" {
				empty = false
			}
			if c.filler || c.merged || s.text == "" {
				continue
			}
			cells = append(cells, joinStyled(c.lines, " "))
		}
		if empty {
			continue
		}
		table.Rows = append(table.Rows, texts)
		rows = append(rows, joinStyled(cells, " | "))
	}
	return table, rows
}
