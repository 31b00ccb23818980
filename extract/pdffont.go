package extract

import (
	"strings"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// pdfFont is what the layout layer needs from a font: how to cut a string
// into codes, each code's text and width, and whether it is bold. It is
// built once per font object and shared read-only between page workers.
type pdfFont struct {
	name    string
	bold    bool
	codeLen int // 1 for simple fonts, 2 for Type0 (or from the codespace)
	// space holds the codespace ranges by byte length when the CMap
	// declares mixed lengths; nil means every code is codeLen bytes.
	space [4][][2]uint32

	toUni  map[uint32]string // from ToUnicode
	simple *[256]string      // byte → text for simple fonts without ToUnicode entry

	widths  map[uint32]float64 // glyph space units (1/1000 em)
	dw      float64            // default width
	builtin *[256]float64      // standard-14 metrics when /Widths is absent

	fallback pdf.TextEncoding // the library's decoder, for Type0 fonts without ToUnicode
	wscale   float64          // glyph space to text space: 1/1000, or Type3's FontMatrix
}

// glyph is one decoded code.
type glyph struct {
	text  string
	width float64 // in text space units (em)
	space bool    // single-byte code 32, which gets word spacing
}

// decode cuts raw into codes and appends their glyphs to out.
func (f *pdfFont) decode(raw string, out []glyph) []glyph {
	for i := 0; i < len(raw); {
		n := f.codeLen
		if f.space[0] != nil || f.space[1] != nil || f.space[2] != nil || f.space[3] != nil {
			n = f.codeLength(raw[i:])
		}
		if i+n > len(raw) {
			n = len(raw) - i
		}
		var code uint32
		for k := 0; k < n; k++ {
			code = code<<8 | uint32(raw[i+k])
		}
		i += n
		g := glyph{space: n == 1 && code == 32}
		if t, ok := f.toUni[code]; ok {
			g.text = t
		} else if f.simple != nil && code < 256 {
			g.text = f.simple[code]
		} else if f.fallback != nil {
			g.text = f.fallback.Decode(raw[i-n : i])
		}
		g.width = f.width(code) * f.wscale
		out = append(out, g)
	}
	return out
}

func (f *pdfFont) codeLength(s string) int {
	for n := 1; n <= 4 && n <= len(s); n++ {
		var code uint32
		for k := 0; k < n; k++ {
			code = code<<8 | uint32(s[k])
		}
		for _, r := range f.space[n-1] {
			if code >= r[0] && code <= r[1] {
				return n
			}
		}
	}
	return f.codeLen
}

func (f *pdfFont) width(code uint32) float64 {
	if w, ok := f.widths[code]; ok {
		return w
	}
	if f.builtin != nil && code < 256 {
		if w := f.builtin[code]; w > 0 {
			return w
		}
	}
	return f.dw
}

// loadFont reads a font dictionary. It panics on malformed objects like the
// library does; callers recover.
func loadFont(v pdf.Value) *pdfFont {
	f := &pdfFont{name: v.Key("BaseFont").Name(), codeLen: 1, dw: 500, wscale: 0.001}
	subtype := v.Key("Subtype").Name()
	if subtype == "Type3" {
		if fm := v.Key("FontMatrix"); fm.Len() == 6 && fm.Index(0).Float64() != 0 {
			f.wscale = fm.Index(0).Float64()
		}
		if f.name == "" {
			f.name = "Type3"
		}
	}
	desc := v.Key("FontDescriptor")
	if subtype == "Type0" {
		f.codeLen = 2
		f.dw = 1000
		df := v.Key("DescendantFonts").Index(0)
		if dw := df.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.dw = dw.Float64()
		}
		f.widths = readCIDWidths(df.Key("W"))
		desc = df.Key("FontDescriptor")
		if enc := v.Key("Encoding"); enc.Kind() == pdf.Name && !strings.HasPrefix(enc.Name(), "Identity") {
			// Predefined CJK CMaps are not supported; the ToUnicode map
			// (when present) still gives the text.
			f.codeLen = 2
		}
	} else {
		loadSimpleFont(f, v, desc, subtype)
	}
	f.bold = isBoldName(f.name) || desc.Key("FontWeight").Float64() >= 600 || desc.Key("Flags").Int64()&(1<<18) != 0
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		if data, err := readStream(tu, 1<<24); err == nil {
			m, space := parseCMap(data)
			f.toUni = m
			// A simple font's codes are one byte whatever the CMap's
			// codespace says: Adobe's PDF Library declares <0000> <FFFF>
			// for single-byte fonts.
			if subtype == "Type0" {
				if space.mixed() {
					f.space = space.ranges
				} else if space.n > 0 {
					f.codeLen = space.n
				}
			}
		}
	}
	if subtype == "Type0" && f.toUni == nil {
		loadCIDText(f, v)
	}
	return f
}

// loadCIDText finds text for a composite font without ToUnicode (ISO
// 32000-1, 9.10.2): codes of a Unicode CMap (UniGB-UCS2-H, UniJIS-UTF16-H
// …) are UTF-16; Identity-H/V codes are glyph IDs, whose text the embedded
// TrueType program's cmap gives when it has one. Other codes give no text,
// which the plausibility check then reports.
func loadCIDText(f *pdfFont, v pdf.Value) {
	enc := v.Key("Encoding").Name()
	if strings.HasPrefix(enc, "Uni") && (strings.Contains(enc, "UCS2") || strings.Contains(enc, "UTF16")) {
		f.fallback = utf16Decoder{}
		return
	}
	if !strings.HasPrefix(enc, "Identity") {
		return
	}
	df := v.Key("DescendantFonts").Index(0)
	ff := df.Key("FontDescriptor").Key("FontFile2")
	if ff.Kind() != pdf.Stream || df.Key("CIDToGIDMap").Kind() == pdf.Stream {
		return
	}
	data, err := readStream(ff, 1<<24)
	if err != nil {
		return
	}
	f.toUni = trueTypeText(data)
}

// utf16Decoder decodes codes that are UTF-16BE code units.
type utf16Decoder struct{}

func (utf16Decoder) Decode(raw string) string { return utf16Text(raw) }

// loadSimpleFont reads a one-byte font's widths and its text per code
// (ISO 32000-1, 9.6.6 and 9.10.2): the /Encoding's named base encoding, or
// the embedded program's built-in one, or StandardEncoding, with the
// /Differences glyph names on top. The ToUnicode map, read by the caller,
// comes before all of it.
func loadSimpleFont(f *pdfFont, v, desc pdf.Value, subtype string) {
	prog := fontProgram(desc, subtype)
	first := v.Key("FirstChar").Int64()
	ws := v.Key("Widths")
	switch n := ws.Len(); {
	case n > 0:
		f.widths = make(map[uint32]float64, n)
		for i := 0; i < n && i < 256; i++ {
			f.widths[uint32(first)+uint32(i)] = ws.Index(i).Float64()
		}
	case prog != nil && prog.hasWidths():
		f.widths = make(map[uint32]float64, 256)
		for c, w := range prog.widths {
			if w > 0 {
				f.widths[uint32(c)] = w
			}
		}
	default:
		f.builtin = standardWidths(f.name)
	}
	if mw := desc.Key("MissingWidth").Float64(); mw > 0 {
		f.dw = mw
	}
	enc := v.Key("Encoding")
	base := baseEncoding(enc.Name())
	if enc.Kind() == pdf.Dict {
		base = baseEncoding(enc.Key("BaseEncoding").Name())
	}
	switch {
	case base != nil:
	case prog != nil && prog.text != nil:
		base = prog.text
	case subtype == "TrueType":
		base = winAnsiText
	default:
		base = standardText
	}
	tab := *base
	if diffs := enc.Key("Differences"); diffs.Kind() == pdf.Array {
		applyDifferences(&tab, diffs, v)
	}
	f.simple = &tab
}

// applyDifferences sets the text of each code the /Differences array
// names. A name the glyph list rules do not know is looked up in the
// library's copy of the Adobe Glyph List, which it applies to the same
// array.
func applyDifferences(tab *[256]string, diffs, font pdf.Value) {
	var lib pdf.TextEncoding
	code := -1
	for i := 0; i < diffs.Len() && i < 1024; i++ {
		x := diffs.Index(i)
		switch x.Kind() {
		case pdf.Integer:
			code = int(x.Int64())
			continue
		case pdf.Name:
		default:
			continue
		}
		if code < 0 || code > 255 {
			code = -1
			continue
		}
		name := x.Name()
		t := glyphText(name)
		if t == "" && name != ".notdef" {
			if lib == nil {
				lf := pdf.Font{V: font}
				lib = lf.Encoder()
			}
			if s := lib.Decode(string([]byte{byte(code)})); s != string(rune(code)) {
				t = s
			}
		}
		tab[code] = t
		code++
	}
}

// fontProgram reads the built-in encoding and widths of an embedded Type 1
// or CFF font program, or returns nil.
func fontProgram(desc pdf.Value, subtype string) *cffProgram {
	if subtype != "Type1" && subtype != "MMType1" {
		return nil
	}
	if ff := desc.Key("FontFile3"); ff.Kind() == pdf.Stream && ff.Key("Subtype").Name() == "Type1C" {
		data, err := readStream(ff, 1<<24)
		if err != nil {
			return nil
		}
		p, err := parseCFF(data)
		if err != nil {
			return nil
		}
		return p
	}
	if ff := desc.Key("FontFile"); ff.Kind() == pdf.Stream {
		data, err := readStream(ff, 1<<24)
		if err != nil {
			return nil
		}
		if n := ff.Key("Length1").Int64(); n > 0 && n < int64(len(data)) {
			data = data[:n]
		}
		return type1Encoding(data)
	}
	return nil
}

// readCIDWidths reads a CIDFont /W array: "c [w1 w2 …]" or "c1 c2 w".
func readCIDWidths(w pdf.Value) map[uint32]float64 {
	m := map[uint32]float64{}
	n := min(w.Len(), 1<<16)
	for i := 0; i < n; {
		c := w.Index(i)
		if i+1 >= n {
			break
		}
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			start := uint32(c.Int64())
			for k := 0; k < next.Len() && k < 1<<16; k++ {
				m[start+uint32(k)] = next.Index(k).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		lo, hi, wd := c.Int64(), next.Int64(), w.Index(i+2).Float64()
		if hi >= lo && hi-lo <= 1<<16 && len(m) < 1<<17 {
			for k := lo; k <= hi; k++ {
				m[uint32(k)] = wd
			}
		}
		i += 3
	}
	return m
}

// isBoldName tells bold from the font name: "ABCDEF+Calibri-Bold",
// "Times New Roman,Bold", "DejaVuSerif-Bold", fpdf's "utf8dvB".
func isBoldName(name string) bool {
	if i := strings.IndexByte(name, '+'); i >= 0 {
		name = name[i+1:]
	}
	l := strings.ToLower(name)
	for _, w := range []string{"bold", "black", "heavy", "semibold", "demibold", "extrabold"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	n := len(name)
	if n >= 3 {
		if name[n-1] == 'B' && name[n-2] >= 'a' && name[n-2] <= 'z' {
			return true
		}
		if name[n-2:] == "BI" && name[n-3] >= 'a' && name[n-3] <= 'z' {
			return true
		}
	}
	return false
}

// cmapSpace is the codespace of a CMap.
type cmapSpace struct {
	ranges [4][][2]uint32
	n      int // the single code length, 0 if none, -1 if mixed
}

func (s cmapSpace) mixed() bool { return s.n < 0 }

// parseCMap reads bfchar and bfrange mappings. Unlike the library it adds
// range offsets to the destination as a number, so a range that crosses a
// 256 boundary (<00F0> <0110> <00F0>) decodes right.
func parseCMap(data []byte) (map[uint32]string, cmapSpace) {
	m := map[uint32]string{}
	var space cmapSpace
	// budget bounds the codes all bfrange entries may assign together:
	// overlapping ranges would otherwise cost their length each, without
	// end.
	budget := 1 << 18
	lx := psLexer{b: data}
	var stack []psObj
	for {
		obj, op, ok := lx.next()
		if !ok {
			break
		}
		if op == "" {
			if len(stack) < 1<<16 {
				stack = append(stack, obj)
			}
			continue
		}
		switch op {
		case "endcodespacerange":
			for i := 0; i+1 < len(stack); i += 2 {
				lo, hi := stack[i].str, stack[i+1].str
				if len(lo) == 0 || len(lo) > 4 || len(lo) != len(hi) {
					continue
				}
				space.ranges[len(lo)-1] = append(space.ranges[len(lo)-1], [2]uint32{codeOf(lo), codeOf(hi)})
				switch {
				case space.n == 0:
					space.n = len(lo)
				case space.n != len(lo):
					space.n = -1
				}
			}
		case "endbfchar":
			for i := 0; i+1 < len(stack); i += 2 {
				if stack[i].kind == psStr && stack[i+1].kind == psStr {
					m[codeOf(stack[i].str)] = utf16Text(stack[i+1].str)
				} else if stack[i].kind == psStr && stack[i+1].kind == psName {
					m[codeOf(stack[i].str)] = glyphNameText(stack[i+1].str)
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(stack); i += 3 {
				lo, hi := codeOf(stack[i].str), codeOf(stack[i+1].str)
				if hi < lo || hi-lo > 1<<16 || len(m) > 1<<17 || int(hi-lo) >= budget {
					continue
				}
				budget -= int(hi-lo) + 1
				dst := stack[i+2]
				switch dst.kind {
				case psStr:
					units := utf16Units(dst.str)
					if len(units) == 0 {
						continue
					}
					for c := lo; c <= hi; c++ {
						u := append([]uint16(nil), units...)
						u[len(u)-1] += uint16(c - lo)
						m[c] = string(utf16.Decode(u))
					}
				case psArr:
					for k, d := range dst.arr {
						if uint32(k) > hi-lo {
							break
						}
						m[lo+uint32(k)] = utf16Text(d.str)
					}
				}
			}
		}
		stack = stack[:0]
	}
	return m, space
}

func codeOf(s string) uint32 {
	var c uint32
	for i := 0; i < len(s) && i < 4; i++ {
		c = c<<8 | uint32(s[i])
	}
	return c
}

func utf16Units(s string) []uint16 {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	if len(s)%2 == 1 { // a one-byte destination: take it as a code point
		u = append(u, uint16(s[len(s)-1]))
	}
	return u
}

func utf16Text(s string) string {
	return string(utf16.Decode(utf16Units(s)))
}

// glyphNameText maps the few glyph names found in bfchar entries.
func glyphNameText(n string) string {
	switch n {
	case "space":
		return " "
	case "hyphen":
		return "-"
	case "period":
		return "."
	case "comma":
		return ","
	}
	if len(n) == 1 {
		return n
	}
	return ""
}

// standardWidths returns approximate metrics for the standard 14 fonts,
// which files may use without /Widths. Only the width matters here (word
// gaps), so the regular faces stand in for bold and italic.
func standardWidths(name string) *[256]float64 {
	l := strings.ToLower(name)
	var t [256]float64
	switch {
	case strings.Contains(l, "courier"):
		for i := range t {
			t[i] = 600
		}
		return &t
	case strings.Contains(l, "times"):
		fill(&t, timesWidths)
	default:
		fill(&t, helveticaWidths)
	}
	return &t
}

func fill(t *[256]float64, w []float64) {
	for i := range t {
		t[i] = 500
	}
	for i, v := range w {
		t[32+i] = v
	}
}

// Widths of codes 32..126 (AFM, regular faces).
var (
	helveticaWidths = []float64{
		278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
		556, 556, 556, 556, 556, 556, 556, 556, 556, 556,
		278, 278, 584, 584, 584, 556, 1015,
		667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611,
		278, 278, 278, 469, 556, 333,
		556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500,
		334, 260, 334, 584,
	}
	timesWidths = []float64{
		250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
		500, 500, 500, 500, 500, 500, 500, 500, 500, 500,
		278, 278, 564, 564, 564, 444, 921,
		722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611,
		333, 278, 333, 469, 500, 333,
		444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444,
		480, 200, 480, 541,
	}
)
