package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseCFF feeds mutated CFF font programs to the CFF reader: it must
// return (an error or a program), never panic or loop, whatever the
// offsets and counts say.
func FuzzParseCFF(f *testing.F) {
	gs := builtinGlyphs()
	for _, enc := range []cffEncoding{cffStandard, cffFormat0, cffFormat1} {
		for _, custom := range []bool{false, true} {
			f.Add(cffFont{name: "Seed", glyphs: gs, encoding: enc, allCustom: custom, defaultWidth: 444, nominalWidth: 500}.bytes())
		}
	}
	f.Add([]byte{1, 0, 4, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := parseCFF(data)
		if err == nil && p.text == nil {
			t.Fatal("a program without an encoding table")
		}
	})
}

// FuzzParseCMap feeds mutated ToUnicode CMaps to the CMap reader: every
// range is bounded and every destination is valid UTF-8.
func FuzzParseCMap(f *testing.F) {
	f.Add(cmap([]string{"<0000> <FFFF>"}, "2 beginbfchar <41> <0041> <12> <006600660069> endbfchar"))
	f.Add(cmap([]string{"<00> <80>", "<8140> <FFFF>"}, "1 beginbfrange <0003> <0005> [<0066> <00660069> <D83DDE00>] endbfrange"))
	f.Add(cmap([]string{"<0000> <FFFF>"}, "1 beginbfrange <00F0> <0110> <00F0> endbfrange"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, _ := parseCMap(data)
		if len(m) > 1<<17+1<<16 {
			t.Fatalf("%d mappings", len(m))
		}
		for c, s := range m {
			if !utf8.ValidString(s) {
				t.Fatalf("code %x maps to invalid UTF-8 %q", c, s)
			}
		}
	})
}

// FuzzGlyphText checks the glyph-list rules on any name: the text is valid
// UTF-8 and a uniXXXX name of one code point gives that code point.
func FuzzGlyphText(f *testing.F) {
	for _, s := range []string{"f_f_i", "uni0151", "u1F600", "a.sc", "five.lining", "ohungarumlaut", ".notdef", "uniD800", "g123", "uni00410042_u0043"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		s := glyphText(name)
		if !utf8.ValidString(s) {
			t.Fatalf("glyphText(%q) = %q, not UTF-8", name, s)
		}
		if len(name) == 7 && name[:3] == "uni" && s != "" {
			if r, ok := hexRune(name[3:], true); !ok || s != string(r) {
				t.Fatalf("glyphText(%q) = %q", name, s)
			}
		}
	})
}

// TestPSLexerDeepArrays reads content streams of arrays nested a million
// deep, closed and unclosed: the lexer must neither recurse that deep nor
// take long, and must still find the operators after them.
func TestPSLexerDeepArrays(t *testing.T) {
	for _, tail := range []string{strings.Repeat("]", 1_000_000), ""} {
		lx := psLexer{b: []byte(strings.Repeat("[", 1_000_000) + tail + " 1 0 0 1 5 5 Tm")}
		ops := 0
		for {
			_, op, ok := lx.next()
			if !ok {
				break
			}
			if op != "" {
				ops++
			}
		}
		if tail != "" && ops != 1 {
			t.Errorf("closed nesting: %d operators after the arrays, want 1 (Tm)", ops)
		}
	}
}

// TestParseCMapOverlappingRanges: thousands of bfrange entries over the
// same 65,536 codes must not cost their length each.
func TestParseCMapOverlappingRanges(t *testing.T) {
	body := "20000 beginbfrange " + strings.Repeat("<0000> <FFFF> <0041> ", 20000) + "endbfrange\n"
	m, _ := parseCMap(cmap([]string{"<0000> <FFFF>"}, body))
	if len(m) != 1<<16 {
		t.Errorf("%d codes mapped, want 65536", len(m))
	}
}
