package extract

import (
	"errors"
	"math"

	"github.com/go-text/typesetting/font/cff"
	"github.com/go-text/typesetting/font/opentype"
)

// What the layout layer needs from an embedded CFF font program (FontFile3
// /Subtype /Type1C, Adobe Technical Note #5176): its built-in encoding as
// text per code, and each code's advance width. github.com/go-text's CFF
// parser gives the glyph names (it knows the standard strings); the few
// structures it does not expose (Top DICT offsets, the encoding, the
// Private DICT's widths) are read here with every offset and count checked.

// cffProgram is the part of a CFF font that text extraction uses.
type cffProgram struct {
	// text is the built-in encoding: code → text of the glyph's name,
	// "" where the code has no glyph or the name carries no text.
	text *[256]string
	// widths by code in glyph space units (1/1000 em), 0 where unknown.
	widths [256]float64
}

var errCFF = errors.New("malformed CFF font program")

// cffReader reads big-endian numbers at checked offsets.
type cffReader struct{ b []byte }

func (r cffReader) u8(off int) (int, error) {
	if off < 0 || off >= len(r.b) {
		return 0, errCFF
	}
	return int(r.b[off]), nil
}

func (r cffReader) un(off, n int) (int, error) {
	if off < 0 || n < 1 || n > 4 || off+n > len(r.b) {
		return 0, errCFF
	}
	v := 0
	for i := 0; i < n; i++ {
		v = v<<8 | int(r.b[off+i])
	}
	return v, nil
}

// index reads a CFF INDEX at off: its items and the offset after it.
func (r cffReader) index(off int) (items [][]byte, end int, err error) {
	count, err := r.un(off, 2)
	if err != nil || count == 0 {
		return nil, off + 2, err
	}
	size, err := r.u8(off + 2)
	if err != nil || size < 1 || size > 4 {
		return nil, 0, errCFF
	}
	base := off + 3 + (count+1)*size - 1
	items = make([][]byte, 0, min(count, len(r.b)))
	prev, err := r.un(off+3, size)
	if err != nil {
		return nil, 0, err
	}
	for i := 1; i <= count; i++ {
		o, err := r.un(off+3+i*size, size)
		if err != nil || o < prev || base+o > len(r.b) {
			return nil, 0, errCFF
		}
		items = append(items, r.b[base+prev:base+o])
		prev = o
	}
	return items, base + prev, nil
}

// cffDict reads a DICT into operator → operands. Two-byte operators are
// keyed 1200+second byte.
func cffDict(b []byte) map[int][]float64 {
	d := map[int][]float64{}
	var ops []float64
	for i := 0; i < len(b); {
		c := int(b[i])
		switch {
		case c <= 21:
			op := c
			i++
			if c == 12 && i < len(b) {
				op = 1200 + int(b[i])
				i++
			}
			d[op] = ops
			ops = nil
			continue
		case c == 30:
			i = skipCFFReal(b, i+1)
			ops = append(ops, 0)
			continue
		}
		v, n := cffNumber(b[i:])
		if n == 0 {
			break
		}
		if len(ops) < 48 {
			ops = append(ops, v)
		}
		i += n
	}
	return d
}

// cffNumber decodes one integer operand of a DICT or a Type 2 charstring
// (28: int16, 29: int32 in DICTs, 255: 16.16 fixed in charstrings).
func cffNumber(b []byte) (float64, int) {
	c := int(b[0])
	switch {
	case c >= 32 && c <= 246:
		return float64(c - 139), 1
	case c >= 247 && c <= 250 && len(b) >= 2:
		return float64((c-247)*256 + int(b[1]) + 108), 2
	case c >= 251 && c <= 254 && len(b) >= 2:
		return float64(-(c-251)*256 - int(b[1]) - 108), 2
	case c == 28 && len(b) >= 3:
		return float64(int16(uint16(b[1])<<8 | uint16(b[2]))), 3
	case c == 29 && len(b) >= 5:
		return float64(int32(uint32(b[1])<<24 | uint32(b[2])<<16 | uint32(b[3])<<8 | uint32(b[4]))), 5
	case c == 255 && len(b) >= 5:
		return float64(int32(uint32(b[1])<<24|uint32(b[2])<<16|uint32(b[3])<<8|uint32(b[4]))) / 65536, 5
	}
	return 0, 0
}

func skipCFFReal(b []byte, i int) int {
	for ; i < len(b); i++ {
		if b[i]&0x0F == 0x0F || b[i]>>4 == 0x0F {
			return i + 1
		}
	}
	return i
}

func dictInt(d map[int][]float64, op, k int) (int, bool) {
	v := d[op]
	if k >= len(v) || v[k] < 0 || v[k] > math.MaxInt32 {
		return 0, false
	}
	return int(v[k]), true
}

// parseCFF reads the built-in encoding and widths of a bare CFF font.
// A CID-keyed font (no encoding of its own) gives errCFF.
func parseCFF(data []byte) (*cffProgram, error) {
	r := cffReader{data}
	hdr, err := r.u8(2)
	if err != nil || data[0] != 1 {
		return nil, errCFF
	}
	_, end, err := r.index(hdr) // Name INDEX
	if err != nil {
		return nil, err
	}
	tops, end, err := r.index(end)
	if err != nil || len(tops) == 0 {
		return nil, errCFF
	}
	top := cffDict(tops[0])
	if _, cid := top[1230]; cid {
		return nil, errCFF
	}
	strs, _, err := r.index(end)
	if err != nil {
		return nil, err
	}
	csOff, ok := dictInt(top, 17, 0)
	if !ok {
		return nil, errCFF
	}
	charstrings, _, err := r.index(csOff)
	if err != nil || len(charstrings) == 0 {
		return nil, errCFF
	}
	charset := r.charset(top, len(charstrings))
	names := cffNames(data, charset, strs)
	gids := r.encoding(top, charset, names)
	widths := glyphWidths(r, top, charstrings)
	p := &cffProgram{text: &[256]string{}}
	for c, g := range gids {
		if g > 0 {
			p.text[c] = glyphText(names[g])
			p.widths[c] = widths[g]
		}
	}
	if off, _ := dictInt(top, 16, 0); off == 0 {
		p.text = standardText
	}
	return p, nil
}

// charset returns each glyph's string ID (SID); glyph 0 is .notdef.
func (r cffReader) charset(top map[int][]float64, n int) []int {
	sids := make([]int, n)
	off, _ := dictInt(top, 15, 0)
	if off <= 2 { // predefined charsets: ISOAdobe is SID = GID
		for i := range sids {
			if off == 0 {
				sids[i] = i
			}
		}
		return sids
	}
	format, err := r.u8(off)
	if err != nil {
		return sids
	}
	pos := off + 1
	for g := 1; g < n; {
		first, err := r.un(pos, 2)
		if err != nil {
			return sids
		}
		if format == 0 {
			sids[g] = first
			g, pos = g+1, pos+2
			continue
		}
		left, err := r.un(pos+2, format) // format 1: one byte, 2: two
		if err != nil || format > 2 {
			return sids
		}
		for k := 0; k <= left && g < n; k++ {
			sids[g] = first + k
			g++
		}
		pos += 2 + format
	}
	return sids
}

// cffNames returns each glyph's name: go-text's parser resolves the
// standard strings; when it cannot read the font, custom strings and the
// ASCII standard strings (SIDs 1–95, in code order) still give names.
func cffNames(data []byte, sids []int, strs [][]byte) []string {
	names := make([]string, len(sids))
	var parsed *cff.CFF
	func() {
		defer func() { _ = recover() }()
		parsed, _ = cff.Parse(data)
	}()
	for g, sid := range sids {
		switch {
		case parsed != nil:
			names[g] = parsed.GlyphName(opentype.GID(g))
		case sid >= 391 && sid-391 < len(strs):
			names[g] = string(strs[sid-391])
		case sid >= 1 && sid <= 95:
			names[g] = string(rune(sid + 31))
		}
	}
	return names
}

// encoding returns the built-in encoding: the glyph of each code, 0 for
// none.
func (r cffReader) encoding(top map[int][]float64, sids []int, names []string) (gids [256]int) {
	off, _ := dictInt(top, 16, 0)
	if off == 0 { // StandardEncoding, by glyph name
		byText := map[string]int{}
		for g := len(names) - 1; g > 0; g-- {
			byText[glyphText(names[g])] = g
		}
		for c, t := range standardText {
			if t != "" {
				gids[c] = byText[t]
			}
		}
		return gids
	}
	format, err := r.u8(off)
	if off == 1 || err != nil { // Expert encoding: small caps and figures
		return gids
	}
	set := func(code, gid int) {
		if code < 256 && gid > 0 && gid < len(sids) {
			gids[code] = gid
		}
	}
	n, _ := r.u8(off + 1)
	pos := off + 2
	gid := 1
	for i := 0; i < n; i++ {
		if format&0x7F == 0 {
			code, err := r.u8(pos + i)
			if err != nil {
				return gids
			}
			set(code, gid)
			gid++
			continue
		}
		first, err1 := r.u8(pos + 2*i)
		left, err2 := r.u8(pos + 2*i + 1)
		if err1 != nil || err2 != nil {
			return gids
		}
		for k := 0; k <= left && gid < len(sids); k++ {
			set(first+k, gid)
			gid++
		}
	}
	if format&0x80 != 0 {
		r.supplements(pos+n*(1+format&1), sids, set)
	}
	return gids
}

// supplements reads an encoding's extra code → SID pairs.
func (r cffReader) supplements(pos int, sids []int, set func(code, gid int)) {
	n, err := r.u8(pos)
	if err != nil {
		return
	}
	for i := 0; i < n; i++ {
		code, err1 := r.u8(pos + 1 + 3*i)
		sid, err2 := r.un(pos+2+3*i, 2)
		if err1 != nil || err2 != nil {
			return
		}
		for g, s := range sids {
			if s == sid {
				set(code, g)
				break
			}
		}
	}
}

// glyphWidths reads each glyph's advance width in 1/1000 em: the optional
// first operand of a Type 2 charstring added to the Private DICT's
// nominalWidthX, or its defaultWidthX, scaled by the FontMatrix.
func glyphWidths(r cffReader, top map[int][]float64, charstrings [][]byte) []float64 {
	var dflt, nominal float64
	if size, ok := dictInt(top, 18, 0); ok {
		if off, ok := dictInt(top, 18, 1); ok && off+size <= len(r.b) {
			priv := cffDict(r.b[off : off+size])
			if v := priv[20]; len(v) == 1 {
				dflt = v[0]
			}
			if v := priv[21]; len(v) == 1 {
				nominal = v[0]
			}
		}
	}
	scale := 1.0
	if fm := top[1207]; len(fm) == 6 && fm[0] > 0 && fm[0] < 1 {
		scale = fm[0] * 1000
	}
	widths := make([]float64, len(charstrings))
	for g, cs := range charstrings {
		w, ok := charstringWidth(cs)
		if ok {
			widths[g] = (nominal + w) * scale
		} else {
			widths[g] = dflt * scale
		}
	}
	return widths
}

// charstringWidth reads the width operand a Type 2 charstring may start
// with: an operand more than its first operator takes.
func charstringWidth(cs []byte) (float64, bool) {
	var args []float64
	for i := 0; i < len(cs) && len(args) < 48; {
		c := cs[i]
		if c <= 31 && c != 28 {
			n := len(args)
			switch c {
			case 1, 3, 18, 23, 19, 20: // stem hints, hintmask, cntrmask
				return first(args), n%2 == 1
			case 21: // rmoveto
				return first(args), n == 3
			case 4, 22: // vmoveto, hmoveto
				return first(args), n == 2
			case 14: // endchar
				return first(args), n == 1 || n == 5
			}
			return 0, false
		}
		v, k := cffNumber(cs[i:])
		if k == 0 {
			return 0, false
		}
		args = append(args, v)
		i += k
	}
	return 0, false
}

func first(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	return v[0]
}

// hasWidths tells whether the program gave any width.
func (p *cffProgram) hasWidths() bool {
	for _, w := range p.widths {
		if w > 0 {
			return true
		}
	}
	return false
}
