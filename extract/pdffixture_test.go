package extract

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf16"

	"github.com/recmap/recmap/extract/extracttest"
)

// Builders for the font fixtures of pdffont_test.go: a PDF writer that
// takes arbitrary objects, a bare CFF font writer (Adobe Technical Note
// #5176), an embedded Type 1 program, Type 3 fonts and ToUnicode CMaps.
// Every fixture is generated at test time; nothing is read from disk.

// pdfBuilder writes a PDF from objects its caller adds: font
// dictionaries, font programs, CMaps, images. write adds the catalog, the
// page tree and one page per content stream.
type pdfBuilder struct {
	objs  []string // object bodies; object n is objs[n-1]
	flate bool     // compress the content streams that write adds
}

// add adds an object and returns a reference to it.
func (b *pdfBuilder) add(body string) string {
	b.objs = append(b.objs, body)
	return fmt.Sprintf("%d 0 R", len(b.objs))
}

// stream adds a stream object whose dictionary holds dict and /Length,
// FlateDecode-compressed when flate is set.
func (b *pdfBuilder) stream(dict string, data []byte, flate bool) string {
	return b.add(streamObject(dict, data, flate))
}

func streamObject(dict string, data []byte, flate bool) string {
	if flate {
		var z bytes.Buffer
		w := zlib.NewWriter(&z)
		w.Write(data)
		w.Close()
		data = z.Bytes()
		dict += " /Filter /FlateDecode"
	}
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// write returns the file: every page is 612×792 points, shares the
// resources dictionary res ("<< /Font << /F1 5 0 R >> >>") and shows one of
// contents.
func (b *pdfBuilder) write(res string, contents ...string) []byte {
	objs := append([]string(nil), b.objs...)
	catalog := len(objs) + 1
	objs = append(objs, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", catalog+1), "")
	var kids []string
	for _, c := range contents {
		objs = append(objs, streamObject("", []byte(c), b.flate))
		objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources %s /Contents %d 0 R >>",
			catalog+1, res, len(objs)))
		kids = append(kids, fmt.Sprintf("%d 0 R", len(objs)))
	}
	objs[catalog] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	return extracttest.WritePDF(objs, catalog, "")
}

// fontGlyph is one glyph of a test font: its code in the strings shown,
// its glyph name, the text it stands for and its advance width in 1/1000
// em.
type fontGlyph struct {
	code  byte
	name  string
	text  string
	width int
}

// glyphSet is the glyphs of one test font, in glyph (GID) order.
type glyphSet []fontGlyph

// glyphs cuts a template into glyphs: "{name}" is the glyph of that name,
// any other character the first glyph whose text it is. It panics on a
// template the set cannot show: that is a mistake in the test.
func (gs glyphSet) glyphs(tmpl string) []fontGlyph {
	var out []fontGlyph
	for len(tmpl) > 0 {
		key, byName := "", false
		if tmpl[0] == '{' {
			end := strings.IndexByte(tmpl, '}')
			key, byName, tmpl = tmpl[1:end], true, tmpl[end+1:]
		} else {
			r := []rune(tmpl)[0]
			key, tmpl = string(r), tmpl[len(string(r)):]
		}
		found := false
		for _, g := range gs {
			if (byName && g.name == key) || (!byName && g.text == key) {
				out, found = append(out, g), true
				break
			}
		}
		if !found {
			panic(fmt.Sprintf("glyph set has no glyph for %q", key))
		}
	}
	return out
}

// show returns the PDF hex string of the codes of a template.
func (gs glyphSet) show(tmpl string) string {
	var b strings.Builder
	b.WriteByte('<')
	for _, g := range gs.glyphs(tmpl) {
		fmt.Fprintf(&b, "%02X", g.code)
	}
	b.WriteByte('>')
	return b.String()
}

// advance is the width of a template in em.
func (gs glyphSet) advance(tmpl string) float64 {
	var w int
	for _, g := range gs.glyphs(tmpl) {
		w += g.width
	}
	return float64(w) / 1000
}

// placed shows each part of a line at its own position (a Tm per part), as
// producers do that set each word or syllable apart: a part follows the
// previous one exactly (same word) unless a " " part stands between them,
// which leaves a gap of 0.3 em (a word space, drawn without a glyph).
func (gs glyphSet) placed(font string, size, x, y float64, parts ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "BT /%s %g Tf\n", font, size)
	for _, p := range parts {
		if p == " " {
			x += 0.3 * size
			continue
		}
		fmt.Fprintf(&b, "1 0 0 1 %.3f %g Tm %s Tj\n", x, y, gs.show(p))
		x += gs.advance(p) * size
	}
	b.WriteString("ET\n")
	return b.String()
}

// widthsEntries returns /FirstChar, /LastChar and /Widths for the set,
// with 0 for the codes it does not use, widths scaled by unit/0.001 (Type 3
// glyph space).
func (gs glyphSet) widthsEntries(unit float64) string {
	lo, hi := 255, 0
	for _, g := range gs {
		lo, hi = min(lo, int(g.code)), max(hi, int(g.code))
	}
	w := make([]string, hi-lo+1)
	for i := range w {
		w[i] = "0"
	}
	for _, g := range gs {
		w[int(g.code)-lo] = fmt.Sprintf("%g", float64(g.width)*0.001/unit)
	}
	return fmt.Sprintf("/FirstChar %d /LastChar %d /Widths [%s]", lo, hi, strings.Join(w, " "))
}

// differences returns a /Differences array naming the glyphs with codes
// below 32, which no base encoding names: InDesign puts ligatures, small
// caps and figure variants there.
func (gs glyphSet) differences() string {
	sorted := append(glyphSet(nil), gs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].code < sorted[j].code })
	var b strings.Builder
	b.WriteString("[")
	next := -1
	for _, g := range sorted {
		if g.code >= 32 {
			continue
		}
		if int(g.code) != next {
			fmt.Fprintf(&b, " %d", g.code)
		}
		fmt.Fprintf(&b, " /%s", g.name)
		next = int(g.code) + 1
	}
	b.WriteString(" ]")
	return b.String()
}

// toUnicode returns a ToUnicode CMap with the given codespace ranges
// ("<0000> <FFFF>") and one bfchar entry per glyph, each code written as
// one byte: the form some Adobe PDF Library versions write.
func (gs glyphSet) toUnicode(codespace ...string) []byte {
	var pairs []string
	for _, g := range gs {
		if g.text != "" {
			pairs = append(pairs, fmt.Sprintf("<%02X> <%s>", g.code, utf16Hex(g.text)))
		}
	}
	return cmap(codespace, bfchars(pairs))
}

// utf16Hex is s as UTF-16BE hex digits, as CMap destinations are written.
func utf16Hex(s string) string {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	return b.String()
}

// bfchars writes bfchar sections of at most 100 entries each, the limit of
// the CMap specification (Adobe Technical Note #5014).
func bfchars(pairs []string) string {
	var b strings.Builder
	for len(pairs) > 0 {
		n := min(len(pairs), 100)
		fmt.Fprintf(&b, "%d beginbfchar\n%s\nendbfchar\n", n, strings.Join(pairs[:n], "\n"))
		pairs = pairs[n:]
	}
	return b.String()
}

// cmap wraps codespace ranges and mapping sections in the boilerplate of a
// CMap resource.
func cmap(codespace []string, sections ...string) []byte {
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
	fmt.Fprintf(&b, "%d begincodespacerange\n%s\nendcodespacerange\n", len(codespace), strings.Join(codespace, "\n"))
	for _, s := range sections {
		b.WriteString(s)
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return []byte(b.String())
}

// latinGlyphs returns a glyph for each character of chars (printable
// ASCII), at its ASCII code, named as in the Adobe Glyph List, with widths
// from width.
func latinGlyphs(chars string, width func(rune) int) glyphSet {
	names := map[rune]string{' ': "space", ',': "comma", '.': "period", ':': "colon", ';': "semicolon",
		'-': "hyphen", '(': "parenleft", ')': "parenright", '/': "slash", '!': "exclam", '?': "question"}
	digits := strings.Fields("zero one two three four five six seven eight nine")
	var gs glyphSet
	for _, r := range chars {
		name := names[r]
		switch {
		case r >= '0' && r <= '9':
			name = digits[r-'0']
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			name = string(r)
		}
		if name == "" || r > 126 {
			panic(fmt.Sprintf("latinGlyphs: no name for %q", r))
		}
		gs = append(gs, fontGlyph{code: byte(r), name: name, text: string(r), width: width(r)})
	}
	return gs
}

// bookWidths are widths in the manner of a book face: narrow i, l, f, t,
// wide m and w.
func bookWidths(r rune) int {
	switch {
	case strings.ContainsRune(" .,:;'il", r):
		return 250
	case strings.ContainsRune("frtj-", r):
		return 333
	case strings.ContainsRune("mwMW", r):
		return 833
	case r >= 'A' && r <= 'Z':
		return 667
	}
	return 500
}

const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;-"

// cffStandardStrings are the CFF standard strings with SIDs 0 to 228 (the
// ISOAdobe charset), from Appendix A of the CFF specification. A glyph
// name among them is written as its SID, any other in the String INDEX
// with SID 391 and up.
var cffStandardStrings = strings.Fields(`.notdef space exclam quotedbl numbersign dollar
	percent ampersand quoteright parenleft parenright asterisk plus comma hyphen period
	slash zero one two three four five six seven eight nine colon semicolon less equal
	greater question at A B C D E F G H I J K L M N O P Q R S T U V W X Y Z bracketleft
	backslash bracketright asciicircum underscore quoteleft a b c d e f g h i j k l m n o p
	q r s t u v w x y z braceleft bar braceright asciitilde exclamdown cent sterling
	fraction yen florin section currency quotesingle quotedblleft guillemotleft
	guilsinglleft guilsinglright fi fl endash dagger daggerdbl periodcentered paragraph
	bullet quotesinglbase quotedblbase quotedblright guillemotright ellipsis perthousand
	questiondown grave acute circumflex tilde macron breve dotaccent dieresis ring cedilla
	hungarumlaut ogonek caron emdash AE ordfeminine Lslash Oslash OE ordmasculine ae
	dotlessi lslash oslash oe germandbls onesuperior logicalnot mu trademark Eth onehalf
	plusminus Thorn onequarter divide brokenbar degree thorn threequarters twosuperior
	registered minus eth multiply threesuperior copyright Aacute Acircumflex Adieresis
	Agrave Aring Atilde Ccedilla Eacute Ecircumflex Edieresis Egrave Iacute Icircumflex
	Idieresis Igrave Ntilde Oacute Ocircumflex Odieresis Ograve Otilde Scaron Uacute
	Ucircumflex Udieresis Ugrave Yacute Ydieresis Zcaron aacute acircumflex adieresis
	agrave aring atilde ccedilla eacute ecircumflex edieresis egrave iacute icircumflex
	idieresis igrave ntilde oacute ocircumflex odieresis ograve otilde scaron uacute
	ucircumflex udieresis ugrave yacute ydieresis zcaron`)

// cffEncoding is how a CFF font encodes its glyphs.
type cffEncoding int

const (
	cffStandard cffEncoding = iota // Encoding offset 0: Adobe StandardEncoding
	cffFormat0                     // custom, format 0: one code per glyph
	cffFormat1                     // custom, format 1: ranges of consecutive codes
)

// cffFont describes a bare CFF font program, the FontFile3 /Subtype
// /Type1C that Adobe products and Ghostscript embed.
type cffFont struct {
	name     string
	glyphs   glyphSet // GIDs 1.. in this order; .notdef is GID 0
	encoding cffEncoding
	// allCustom writes every glyph name in the String INDEX, standard
	// strings too, as some subsetters do.
	allCustom bool
	// defaultWidth and nominalWidth are the Private DICT's defaultWidthX
	// and nominalWidthX: a glyph of defaultWidth has no width in its
	// charstring, others store width-nominalWidth.
	defaultWidth, nominalWidth int
}

// bytes writes the font: header, Name INDEX, Top DICT INDEX, String INDEX,
// an empty Global Subr INDEX, then charset (format 0), encoding,
// CharStrings and the Private DICT. The Top DICT's offsets are written as
// 5-byte integers so that its size does not depend on them.
func (c cffFont) bytes() []byte {
	var custom []string
	sid := func(name string) uint16 {
		for i, s := range cffStandardStrings {
			if s == name && !c.allCustom {
				return uint16(i)
			}
		}
		custom = append(custom, name)
		return uint16(390 + len(custom))
	}
	charset := []byte{0}
	charstrings := [][]byte{c.charstring(c.defaultWidth)}
	for _, g := range c.glyphs {
		charset = binary.BigEndian.AppendUint16(charset, sid(g.name))
		charstrings = append(charstrings, c.charstring(g.width))
	}
	private := append(cffDictInt(c.defaultWidth, false), 20)
	private = append(append(private, cffDictInt(c.nominalWidth, false)...), 21)
	enc := c.encodingBytes()

	head := append([]byte{1, 0, 4, 4}, cffIndex([]byte(c.name))...)
	strs := make([][]byte, len(custom))
	for i, s := range custom {
		strs[i] = []byte(s)
	}
	tail := append(cffIndex(strs...), cffIndex()...)
	top := func(charsetAt, encAt, csAt, privAt int) []byte {
		var d []byte
		d = append(append(d, cffDictInt(charsetAt, true)...), 15)
		if c.encoding != cffStandard {
			d = append(append(d, cffDictInt(encAt, true)...), 16)
		}
		d = append(append(d, cffDictInt(csAt, true)...), 17)
		d = append(append(d, cffDictInt(len(private), true)...), cffDictInt(privAt, true)...)
		return cffIndex(append(d, 18))
	}
	at := len(head) + len(top(0, 0, 0, 0)) + len(tail)
	csIndex := cffIndex(charstrings...)
	encAt, csAt := at+len(charset), at+len(charset)+len(enc)
	privAt := csAt + len(csIndex)

	out := append(head, top(at, encAt, csAt, privAt)...)
	out = append(append(out, tail...), charset...)
	out = append(append(out, enc...), csIndex...)
	return append(out, private...)
}

// encodingBytes is the custom encoding: format 0 lists the code of each
// glyph in GID order; format 1 lists ranges of consecutive codes.
func (c cffFont) encodingBytes() []byte {
	switch c.encoding {
	case cffFormat0:
		enc := []byte{0, byte(len(c.glyphs))}
		for _, g := range c.glyphs {
			enc = append(enc, g.code)
		}
		return enc
	case cffFormat1:
		var ranges []byte // first code, number of codes left
		for i, g := range c.glyphs {
			if n := len(ranges); i > 0 && g.code == c.glyphs[i-1].code+1 && ranges[n-1] < 255 {
				ranges[n-1]++
				continue
			}
			ranges = append(ranges, g.code, 0)
		}
		return append([]byte{1, byte(len(ranges) / 2)}, ranges...)
	}
	return nil
}

// charstring is a Type 2 charstring that only sets the advance width:
// "w 0 0 rmoveto endchar", without w when the width is defaultWidthX.
func (c cffFont) charstring(width int) []byte {
	var cs []byte
	if width != c.defaultWidth {
		cs = type2Int(width - c.nominalWidth)
	}
	cs = append(cs, type2Int(0)...)
	cs = append(cs, type2Int(0)...)
	return append(cs, 21, 14) // rmoveto, endchar
}

// type2Int encodes a charstring integer operand (Type 2 charstring format,
// Adobe Technical Note #5177, section 3.2).
func type2Int(v int) []byte {
	switch {
	case v >= -107 && v <= 107:
		return []byte{byte(v + 139)}
	case v >= 108 && v <= 1131:
		v -= 108
		return []byte{byte(v/256 + 247), byte(v % 256)}
	case v >= -1131 && v <= -108:
		v = -v - 108
		return []byte{byte(v/256 + 251), byte(v % 256)}
	}
	return []byte{28, byte(v >> 8), byte(v)}
}

// cffDictInt encodes a DICT integer operand, in 5 bytes when fixed.
func cffDictInt(v int, fixed bool) []byte {
	if !fixed && v >= -107 && v <= 107 {
		return []byte{byte(v + 139)}
	}
	if !fixed && v >= -32768 && v <= 32767 {
		return []byte{28, byte(v >> 8), byte(v)}
	}
	return binary.BigEndian.AppendUint32([]byte{29}, uint32(int32(v)))
}

// cffIndex writes a CFF INDEX: count, offset size, offsets from 1, data.
func cffIndex(items ...[]byte) []byte {
	if len(items) == 0 {
		return []byte{0, 0}
	}
	total := 1
	for _, it := range items {
		total += len(it)
	}
	offSize := 1
	for total >= 1<<(8*offSize) {
		offSize++
	}
	out := binary.BigEndian.AppendUint16(nil, uint16(len(items)))
	out = append(out, byte(offSize))
	off := 1
	for i := 0; i <= len(items); i++ {
		for k := offSize - 1; k >= 0; k-- {
			out = append(out, byte(off>>(8*k)))
		}
		if i < len(items) {
			off += len(items[i])
		}
	}
	for _, it := range items {
		out = append(out, it...)
	}
	return out
}

// fontDescriptor adds a FontDescriptor; fontFile is "" (not embedded) or
// an entry such as "/FontFile3 12 0 R".
func (b *pdfBuilder) fontDescriptor(name string, flags int, fontFile string) string {
	return b.add(fmt.Sprintf("<< /Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [-100 -250 1100 900] "+
		"/ItalicAngle 0 /Ascent 900 /Descent -250 /CapHeight 700 /StemV 80 %s >>", name, flags, fontFile))
}

// cffType1Font adds a /Type1 font with an embedded CFF program; extra is
// added to the font dictionary (/Encoding, /ToUnicode, /Widths).
func (b *pdfBuilder) cffType1Font(c cffFont, flags int, flate bool, extra string) string {
	ff := b.stream("/Subtype /Type1C", c.bytes(), flate)
	fd := b.fontDescriptor(c.name, flags, "/FontFile3 "+ff)
	return b.add(fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /%s /FontDescriptor %s %s >>", c.name, fd, extra))
}

// type1Program writes an embedded Type 1 font program (FontFile): the
// clear-text part with a built-in /Encoding array, "currentfile eexec",
// then an eexec-encrypted part that holds only a stub Private dictionary.
// It returns the program and the lengths of both parts (/Length1,
// /Length2).
func type1Program(name string, gs glyphSet) (prog []byte, clearLen, binLen int) {
	var b strings.Builder
	fmt.Fprintf(&b, "%%!PS-AdobeFont-1.0: %s 001.000\n11 dict begin\n", name)
	fmt.Fprintf(&b, "/FontInfo 2 dict dup begin /FullName (%s) readonly def /Weight (Roman) readonly def end readonly def\n", name)
	fmt.Fprintf(&b, "/FontName /%s def\n/PaintType 0 def\n/FontType 1 def\n", name)
	b.WriteString("/FontMatrix [0.001 0 0 0.001 0 0] readonly def\n/FontBBox {-100 -250 1100 900} readonly def\n")
	b.WriteString("/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n")
	for _, g := range gs {
		fmt.Fprintf(&b, "dup %d /%s put\n", g.code, g.name)
	}
	b.WriteString("readonly def\ncurrentfile eexec\n")
	plain := []byte("\x1b\x3c\x9f\x01dup /Private 3 dict dup begin /BlueValues [] def /password 5839 def end\n")
	r := uint16(55665) // eexec encryption, Adobe Type 1 Font Format, 7.2
	enc := make([]byte, len(plain))
	for i, p := range plain {
		enc[i] = p ^ byte(r>>8)
		r = (uint16(enc[i])+r)*52845 + 22719
	}
	return append([]byte(b.String()), enc...), b.Len(), len(enc)
}

// type3Font adds a Type 3 font with one CharProc per glyph (d0 and a
// filled box), glyph space scaled by unit (0.001 or 0.01), and an
// /Encoding with /Differences naming every glyph.
func (b *pdfBuilder) type3Font(gs glyphSet, unit float64) string {
	var procs, diffs []string
	for _, g := range gs {
		w := float64(g.width) * 0.001 / unit
		ref := b.stream("", []byte(fmt.Sprintf("%g 0 d0\n%g 0 %g %g re f\n", w, w/10, w*0.8, 0.7/unit)), false)
		procs = append(procs, fmt.Sprintf("/%s %s", g.name, ref))
		diffs = append(diffs, fmt.Sprintf("%d /%s", g.code, g.name))
	}
	return b.add(fmt.Sprintf("<< /Type /Font /Subtype /Type3 /Name /T3 /FontBBox [0 0 %g %g] /FontMatrix [%g 0 0 %g 0 0] "+
		"/CharProcs << %s >> /Encoding << /Type /Encoding /Differences [%s] >> %s /Resources << >> >>",
		1/unit, 1/unit, unit, unit, strings.Join(procs, " "), strings.Join(diffs, " "), gs.widthsEntries(unit)))
}

// The fixtures, one function per real-world case. Each returns a whole PDF.

// inDesignGlyphs is the glyph set of an InDesign-style subset: ASCII at
// its WinAnsi codes, a few WinAnsi letters and the quote, and glyphs no
// base encoding has at codes 1.. named through /Differences: ligatures,
// small caps, lining and oldstyle figures, uniXXXX and uXXXX names, Latin
// names, and glyph217, which only the ToUnicode CMap can decode.
func inDesignGlyphs() glyphSet {
	gs := latinGlyphs(alphabet, bookWidths)
	gs = append(gs, glyphSet{
		{0x92, "quoteright", "’", 250}, {0xE9, "eacute", "é", 444}, {0xEB, "edieresis", "ë", 444}, {0xED, "iacute", "í", 278},
		{1, "f_f_i", "ffi", 833}, {2, "f_f", "ff", 600}, {3, "fi", "fi", 556}, {4, "f_t", "ft", 600},
		{5, "five.lining", "5", 500}, {6, "one.oldstyle", "1", 500}, {7, "a.sc", "a", 520},
		{8, "ohungarumlaut", "ő", 500}, {9, "uni0151", "ő", 500}, {10, "u0171", "ű", 500},
		{11, "u1F600", "😀", 1000}, {12, "quotedblleft", "“", 444}, {13, "quotedblright", "”", 444},
		{14, "endash", "–", 500}, {15, "Aacute", "Á", 722}, {16, "odieresis", "ö", 500},
		{17, "glyph217", "ű", 500},
	}...)
	return gs
}

// inDesignFixture reproduces Adobe InDesign (Adobe PDF Library) output: a
// /Type1 font with a FontFile3 /Type1C subset, /Encoding with
// /BaseEncoding /WinAnsiEncoding and /Differences for codes below 32, and,
// when toUnicode is set, a ToUnicode CMap whose codespace is two bytes
// (<0000> <FFFF>) while its bfchar entries and the strings shown are one
// byte per code. tmpl is the line shown (see glyphSet.glyphs).
func inDesignFixture(toUnicode bool, tmpl string) []byte {
	b := &pdfBuilder{flate: true}
	gs := inDesignGlyphs()
	extra := "/Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences " + gs.differences() + " >> " +
		gs.widthsEntries(0.001)
	if toUnicode {
		extra += " /ToUnicode " + b.stream("", gs.toUnicode("<0000> <FFFF>"), true)
	}
	c := cffFont{name: "KLMNOP+MinionPro-Regular", glyphs: gs, encoding: cffFormat0, defaultWidth: 500, nominalWidth: 600}
	f := b.cffType1Font(c, 32, true, extra)
	return b.write("<< /Font << /T1_0 "+f+" >> >>", fmt.Sprintf("BT /T1_0 8 Tf 40 700 Td %s Tj ET\n", gs.show(tmpl)))
}

// builtinGlyphs is a subset re-encoded to codes 1..11 and 0x8B.. in order
// of first use, as Ghostscript and Distiller do for fonts with a custom
// built-in encoding: no code is the ASCII code of its letter.
func builtinGlyphs() glyphSet {
	gs := glyphSet{{0, "O", "O", 778}, {0, "f_f_i", "ffi", 833}, {0, "c", "c", 444}, {0, "i", "i", 278},
		{0, "edieresis", "ë", 444}, {0, "l", "l", 278}, {0, "e", "e", 444}, {0, "space", " ", 250}, {0, "j", "j", 278},
		{0, "f", "f", 333}, {0, "r", "r", 333}, {0, "s", "s", 389}, {0, "colon", ":", 278}, {0, "h", "h", 500},
		{0, "uni0151", "ő", 500}, {0, "eacute", "é", 444}, {0, "g", "g", 500}, {0, "comma", ",", 250},
		{0, "D", "D", 722}, {0, "a", "a", 444}, {0, "t", "t", 278}, {0, "a.sc", "a", 520}, {0, "period", ".", 250}}
	for i := range gs {
		if i <= 10 {
			gs[i].code = byte(1 + i)
		} else {
			gs[i].code = byte(0x80 + i)
		}
	}
	return gs
}

// cffBuiltinFixture reproduces a subset whose only encoding is the CFF
// program's own (format 0 or 1): the font dictionary has no /Encoding and
// no ToUnicode, so the text comes from the charset's glyph names.
func cffBuiltinFixture(enc cffEncoding, allCustom bool, tmpl string) []byte {
	b := &pdfBuilder{}
	gs := builtinGlyphs()
	c := cffFont{name: "GHIJKL+Garamond-Custom", glyphs: gs, encoding: enc, allCustom: allCustom, defaultWidth: 444, nominalWidth: 500}
	f := b.cffType1Font(c, 4, true, gs.widthsEntries(0.001))
	return b.write("<< /Font << /F1 "+f+" >> >>", fmt.Sprintf("BT /F1 12 Tf 72 700 Td %s Tj ET\n", gs.show(tmpl)))
}

// cffStandardFixture reproduces a CFF subset in Adobe StandardEncoding
// (Top DICT without Encoding) and a font dictionary without /Encoding or
// ToUnicode, where code 0x27 is quoteright and 0x60 quoteleft.
func cffStandardFixture(tmpl string) []byte {
	b := &pdfBuilder{}
	gs := append(latinGlyphs(alphabet, bookWidths),
		fontGlyph{0x27, "quoteright", "’", 250}, fontGlyph{0x60, "quoteleft", "‘", 250},
		fontGlyph{0xAE, "fi", "fi", 556}, fontGlyph{0xB1, "endash", "–", 500})
	c := cffFont{name: "MNOPQR+Frutiger-Roman", glyphs: gs, encoding: cffStandard, defaultWidth: 500, nominalWidth: 0}
	f := b.cffType1Font(c, 32, false, gs.widthsEntries(0.001))
	return b.write("<< /Font << /F1 "+f+" >> >>", fmt.Sprintf("BT /F1 12 Tf 72 700 Td %s Tj ET\n", gs.show(tmpl)))
}

// standardFontFixture shows s in a font that is not embedded (fontDict,
// e.g. Times-Roman without /Encoding), each character written as its code
// in codes, or as itself when ASCII and absent from codes.
func standardFontFixture(fontDict, s string, codes map[rune]byte) []byte {
	b := &pdfBuilder{}
	f := b.add(fontDict)
	var hex strings.Builder
	for _, r := range s {
		c, ok := codes[r]
		if !ok && r > 126 {
			panic(fmt.Sprintf("standardFontFixture: no code for %q", r))
		} else if !ok {
			c = byte(r)
		}
		fmt.Fprintf(&hex, "%02X", c)
	}
	return b.write("<< /Font << /F1 "+f+" >> >>", fmt.Sprintf("BT /F1 12 Tf 72 700 Td <%s> Tj ET\n", hex.String()))
}

// type1Fixture reproduces an embedded Type 1 font (FontFile, e.g. from
// dvips or old Distiller): no /Encoding in the font dictionary, so the
// encoding is the /Encoding array of the program's clear-text part, which
// puts Aacute at 65 and the other letters after it.
func type1Fixture(s string) []byte {
	b := &pdfBuilder{}
	var gs glyphSet
	for i, n := range strings.Fields("Aacute r v iacute z t uhungarumlaut ohungarumlaut space udieresis k odieresis f uacute oacute g eacute p") {
		gs = append(gs, fontGlyph{code: byte(65 + i), name: n, width: 500})
	}
	for i, r := range []rune("Árvíztűő üköfúógép") { // the text of each glyph, in the same order
		gs[i].text = string(r)
	}
	prog, l1, l2 := type1Program("QRSTUV+TestSerif", gs)
	ff := b.stream(fmt.Sprintf("/Length1 %d /Length2 %d /Length3 0", l1, l2), prog, true)
	fd := b.fontDescriptor("QRSTUV+TestSerif", 4, "/FontFile "+ff)
	f := b.add(fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /QRSTUV+TestSerif /FontDescriptor %s %s >>", fd, gs.widthsEntries(0.001)))
	return b.write("<< /Font << /F1 "+f+" >> >>", fmt.Sprintf("BT /F1 12 Tf 72 700 Td %s Tj ET\n", gs.show(s)))
}

// type3Fixture reproduces a Type 3 font (bitmap fonts from dvips, fonts of
// matplotlib and of some report generators) with glyph space scaled by
// unit, codes 1.. named by /Differences, and each syllable set by its own
// Tm: the gaps between words and the joins inside words come from the
// widths scaled by the FontMatrix.
func type3Fixture(unit float64, parts ...string) []byte {
	b := &pdfBuilder{}
	gs := latinGlyphs("WorkingGupet", bookWidths)
	for i := range gs {
		gs[i].code = byte(1 + i)
	}
	f := b.type3Font(gs, unit)
	return b.write("<< /Font << /T3 "+f+" >> >>", gs.placed("T3", 14, 72, 700, parts...))
}

// type0Fixture reproduces a Word or LibreOffice Type0 font (Identity-H,
// two-byte CIDs) whose ToUnicode CMap uses a bfrange with an array
// destination, a bfrange with an offset, multi-character destinations
// written with spaces inside the hex string (<0066 0069> for the fi
// ligature) and a surrogate pair (U+1F600).
func type0Fixture() []byte {
	b := &pdfBuilder{flate: true}
	tu := cmap([]string{"<0000> <FFFF>"},
		"2 beginbfrange\n<0010> <0014> [<0048> <0151> <0073> <00E9> <0067>]\n<0020> <007E> <0020>\nendbfrange\n",
		"2 beginbfchar\n<0003> <0066 0069>\n<0004> <D83D DE00>\nendbfchar\n")
	cid := b.add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Calibri /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> " +
		"/FontDescriptor " + b.fontDescriptor("ABCDEF+Calibri", 32, "") + " /DW 1000 /W [3 [520] 16 [623 527 391 498 471] 32 126 500] /CIDToGIDMap /Identity >>")
	f := b.add("<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Calibri /Encoding /Identity-H /DescendantFonts [" + cid + "] /ToUnicode " + b.stream("", tu, true) + " >>")
	// Hőség: fine 😀
	return b.write("<< /Font << /C2_0 "+f+" >> >>", "BT /C2_0 12 Tf 72 700 Td <0010001100120013001400 3A 0020 0003 006E 0065 0020 0004> Tj ET\n")
}

// mixedCodespaceFixture reproduces a Type0 font whose /Encoding is an
// embedded CMap with one-byte (<00>–<80>) and two-byte (<8140>–<FFFF>)
// codes, as in Shift-JIS-like encodings, and a ToUnicode CMap with the
// same mixed codespace: each string mixes one- and two-byte codes.
func mixedCodespaceFixture() []byte {
	b := &pdfBuilder{}
	space := []string{"<00> <80>", "<8140> <FFFF>"}
	enc := strings.Replace(string(cmap(space, "1 begincidrange\n<20> <7E> 1\nendcidrange\n1 begincidrange\n<8140> <81FF> 200\nendcidrange\n")),
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def", "/CMapName /Test-Mixed-H def\n/CMapType 1 def", 1)
	encRef := b.stream("/Type /CMap /CMapName /Test-Mixed-H /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>", []byte(enc), false)
	tu := cmap(space, "1 beginbfrange\n<20> <7E> <0020>\nendbfrange\n", "2 beginbfchar\n<8141> <0151>\n<8142> <0171>\nendbfchar\n")
	cid := b.add("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /MixedSans /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> " +
		"/FontDescriptor " + b.fontDescriptor("MixedSans", 32, "") + " /DW 500 >>")
	f := b.add("<< /Type /Font /Subtype /Type0 /BaseFont /MixedSans /Encoding " + encRef + " /DescendantFonts [" + cid + "] /ToUnicode " + b.stream("", tu, false) + " >>")
	// Hős fűtő: H, ő, s, space, f, ű, t, ő
	return b.write("<< /Font << /F1 "+f+" >> >>", "BT /F1 12 Tf 72 700 Td <48814173206681427481 41> Tj ET\n")
}

// wideWidths are the widths of a wide display face, far from Helvetica's:
// a reader that falls back on standard metrics puts the words wrong.
func wideWidths(r rune) int {
	switch {
	case r == ' ':
		return 400
	case r >= 'A' && r <= 'Z':
		return 1000
	}
	return 800
}

// cffNoWidthsFixture reproduces a font dictionary without /Widths (some
// PDF generators leave it out for embedded fonts): the advance widths are
// only in the CFF charstrings (nominalWidthX + w, or defaultWidthX). Each
// syllable is set by its own Tm at the place the CFF widths give.
func cffNoWidthsFixture(parts ...string) []byte {
	b := &pdfBuilder{}
	gs := latinGlyphs(alphabet, wideWidths)
	c := cffFont{name: "WXYZAB+Wide-Regular", glyphs: gs, encoding: cffStandard, defaultWidth: 800, nominalWidth: 500}
	f := b.cffType1Font(c, 32, false, "")
	return b.write("<< /Font << /F1 "+f+" >> >>", gs.placed("F1", 12, 72, 700, parts...))
}

// missingWidthFixture reproduces /Widths that cover only the lower-case
// codes (/FirstChar 97): the capitals take the descriptor's /MissingWidth.
func missingWidthFixture(parts ...string) []byte {
	b := &pdfBuilder{}
	gs := latinGlyphs(alphabet, wideWidths)
	c := cffFont{name: "WXYZAB+Wide-Regular", glyphs: gs, encoding: cffStandard, defaultWidth: 800, nominalWidth: 500}
	ff := b.stream("/Subtype /Type1C", c.bytes(), false)
	fd := b.fontDescriptor(c.name, 32, "/FontFile3 "+ff+" /MissingWidth 1000")
	lower := latinGlyphs("abcdefghijklmnopqrstuvwxyz", wideWidths)
	f := b.add(fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /%s /FontDescriptor %s %s >>", c.name, fd, lower.widthsEntries(0.001)))
	return b.write("<< /Font << /F1 "+f+" >> >>", gs.placed("F1", 12, 72, 700, parts...))
}

// actualTextFixture reproduces tagged PDF (Word, InDesign) that gives the
// text of glyphs without a usable name in /Span << /ActualText … >> BDC …
// EMC: once as a PDFDocEncoding string, once as UTF-16BE with a BOM.
func actualTextFixture() []byte {
	b := &pdfBuilder{}
	gs := append(latinGlyphs(alphabet, bookWidths), fontGlyph{1, "g7", "", 600}, fontGlyph{2, "g8", "", 600}, fontGlyph{0xE9, "eacute", "é", 444})
	c := cffFont{name: "CDEFGH+Ornament", glyphs: gs, encoding: cffFormat0, defaultWidth: 500, nominalWidth: 500}
	f := b.cffType1Font(c, 4, false, "/Encoding << /BaseEncoding /WinAnsiEncoding /Differences [1 /g7 /g8] >> "+gs.widthsEntries(0.001))
	content := fmt.Sprintf("BT /F1 12 Tf 72 700 Td %s Tj\n/Span << /ActualText (ff) >> BDC %s Tj EMC\n%s Tj\n"+
		"/Span << /ActualText <FEFF00660171> >> BDC %s Tj EMC\n%s Tj ET\n",
		gs.show("E"), gs.show("{g7}"), gs.show("ect "), gs.show("{g8}"), gs.show("tés"))
	return b.write("<< /Font << /F1 "+f+" >> >>", content)
}

// invisibleTextFixture reproduces a scanned page with an OCR text layer
// (ocrmypdf, Acrobat, scanner software): a page-sized image and text in
// render mode 3 (neither fill nor stroke) over it.
func invisibleTextFixture() []byte {
	b := &pdfBuilder{flate: true}
	f := b.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	img := b.stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte{0x20, 0xe0, 0xe0, 0x20}, true)
	content := "q 612 0 0 792 0 0 cm /Im0 Do Q\nBT 3 Tr /F1 11 Tf 72 700 Td (Scanned page: the invisible text layer) Tj\n" +
		"0 -14 Td (that OCR software lays over the image.) Tj ET\n"
	return b.write("<< /Font << /F1 "+f+" >> /XObject << /Im0 "+img+" >> >>", content)
}

// reportSentences are the bodies of the pages of the multi-page fixtures,
// one distinct sentence each.
var reportSentences = []string{
	"The Working Group welcomed the delegation and its detailed report.",
	"Several States commended the adoption of the national action plan.",
	"The delegation described measures taken against domestic violence.",
	"Recommendations on the independence of the judiciary were accepted.",
	"The State under review noted the recommendations on freedom of assembly.",
	"A national preventive mechanism against torture was set up in spring.",
	"Civil society organisations took part in drafting the national report.",
	"The ombudsman received a broader mandate and an increased budget.",
	"Access to education for children with disabilities was improved.",
	"The Government undertook to report back at the next periodic review.",
}

// helveticaPage is a page of readable text: sentence over two lines.
func helveticaPage(font, sentence string) string {
	cut := strings.LastIndexByte(sentence[:len(sentence)/2+8], ' ')
	return text(font, 11, 72, 700, sentence[:cut]) + text(font, 11, 72, 686, sentence[cut+1:])
}

// garbledFixture reproduces a text layer that does not decode: the pages
// listed in garbled show their sentence in /QWERTY+GarbledSans, a simple
// font whose ToUnicode CMap maps every printable code but space to the
// Private Use Area (U+E021…); the other pages are Helvetica.
func garbledFixture(pages int, garbled ...int) []byte {
	b := &pdfBuilder{}
	tu := cmap([]string{"<00> <FF>"}, "2 beginbfrange\n<20> <20> <0020>\n<21> <7E> <E021>\nendbfrange\n")
	g := b.add("<< /Type /Font /Subtype /Type1 /BaseFont /QWERTY+GarbledSans /Encoding /WinAnsiEncoding " +
		latinGlyphs(alphabet, bookWidths).widthsEntries(0.001) + " /ToUnicode " + b.stream("", tu, true) + " >>")
	h := b.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	contents := make([]string, pages)
	for i := range contents {
		contents[i] = helveticaPage("F1", reportSentences[i%len(reportSentences)])
		if slices.Contains(garbled, i+1) {
			contents[i] = helveticaPage("G1", reportSentences[i%len(reportSentences)])
		}
	}
	return b.write("<< /Font << /F1 "+h+" /G1 "+g+" >> >>", contents...)
}

// cidGarbledFixture reproduces a Type0 font with Identity-H and no
// ToUnicode over a TrueType CIDFont (Ordering Identity): the codes are
// glyph ids (letter − 29, as in Arial subsets), which are not text. All
// pages but the last use it.
func cidGarbledFixture(pages int) []byte {
	b := &pdfBuilder{}
	cid := b.add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ZXCVBN+ArialMT /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> " +
		"/FontDescriptor " + b.fontDescriptor("ZXCVBN+ArialMT", 32, "") + " /DW 556 /CIDToGIDMap /Identity >>")
	g := b.add("<< /Type /Font /Subtype /Type0 /BaseFont /ZXCVBN+ArialMT /Encoding /Identity-H /DescendantFonts [" + cid + "] >>")
	h := b.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	contents := make([]string, pages)
	for i := range contents {
		s := reportSentences[i%len(reportSentences)]
		if i == pages-1 {
			contents[i] = helveticaPage("F1", s)
			continue
		}
		var hex strings.Builder
		for _, r := range s {
			fmt.Fprintf(&hex, "%04X", max(int(r)-29, 3))
		}
		contents[i] = fmt.Sprintf("BT /C1 11 Tf 72 700 Td <%s> Tj ET\n", hex.String())
	}
	return b.write("<< /Font << /F1 "+h+" /C1 "+g+" >> >>", contents...)
}
