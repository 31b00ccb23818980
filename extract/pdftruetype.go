package extract

import (
	"golang.org/x/image/font/sfnt"
)

// textRanges are the blocks searched when a TrueType program's cmap is
// turned around: Latin, Greek, Cyrillic, punctuation, currency, letterlike
// symbols, arrows, mathematical operators, shapes and Latin ligatures.
var textRanges = [][2]rune{
	{0x20, 0x24F}, {0x370, 0x4FF}, {0x2000, 0x206F}, {0x20A0, 0x20CF}, {0x2100, 0x21FF},
	{0x2200, 0x22FF}, {0x25A0, 0x25FF}, {0xFB00, 0xFB06},
}

// trueTypeText maps glyph IDs of an embedded TrueType program to the
// characters its cmap gives them, or returns nil when the program cannot
// be read or has no cmap.
func trueTypeText(data []byte) map[uint32]string {
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil
	}
	var buf sfnt.Buffer
	m := map[uint32]string{}
	for _, r := range textRanges {
		for c := r[0]; c <= r[1]; c++ {
			g, err := f.GlyphIndex(&buf, c)
			if err != nil {
				return nil
			}
			if g == 0 {
				continue
			}
			if _, ok := m[uint32(g)]; !ok {
				m[uint32(g)] = string(c)
			}
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}
