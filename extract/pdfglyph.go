package extract

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Glyph names and the standard encodings of simple fonts (ISO 32000-1,
// Annex D), and how a glyph name becomes text (the Adobe Glyph List
// specification's rules: a suffix after a period is dropped, underscores
// join the components of a ligature, and uniXXXX and uXXXX[XX] name code
// points directly).

// glyphText returns the text a glyph name stands for, or "" when the name
// carries no text (.notdef, g123, glyph names a subsetter made up).
func glyphText(name string) string {
	if i := strings.IndexByte(name, '.'); i >= 0 {
		name = name[:i]
	}
	if name == "" || len(name) > 128 {
		return ""
	}
	if !strings.Contains(name, "_") {
		return glyphComponent(name)
	}
	var b strings.Builder
	for _, part := range strings.Split(name, "_") {
		t := glyphComponent(part)
		if t == "" {
			return ""
		}
		b.WriteString(t)
	}
	return b.String()
}

// glyphComponent maps one component of a glyph name.
func glyphComponent(name string) string {
	if name == "" {
		return ""
	}
	if r, ok := glyphNames[name]; ok {
		return r
	}
	if strings.HasPrefix(name, "uni") && len(name) >= 7 && (len(name)-3)%4 == 0 {
		var b strings.Builder
		for i := 3; i < len(name); i += 4 {
			r, ok := hexRune(name[i:i+4], true)
			if !ok {
				return ""
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	if name[0] == 'u' && len(name) >= 5 && len(name) <= 7 {
		if r, ok := hexRune(name[1:], true); ok {
			return string(r)
		}
	}
	if len(name) == 1 && name[0] < utf8.RuneSelf && name[0] > ' ' {
		return name
	}
	return ""
}

// hexRune parses upper-case hex digits as a code point that is a
// character: not a surrogate, not beyond U+10FFFF.
func hexRune(s string, upper bool) (rune, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || !upper && c >= 'a' && c <= 'f') {
			return 0, false
		}
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil || v > 0x10FFFF || v >= 0xD800 && v <= 0xDFFF {
		return 0, false
	}
	return rune(v), true
}

// glyphNames maps the glyph names that real fonts use for text to their
// characters: ASCII, Latin-1 and Latin Extended-A by their standard names,
// punctuation, ligatures, figures, Greek and common symbols. Names outside
// it are read by the uniXXXX and uXXXX rules.
var glyphNames = buildGlyphNames()

func buildGlyphNames() map[string]string {
	m := make(map[string]string, 600)
	block := func(first rune, names string) {
		for i, n := range strings.Fields(names) {
			if n != "-" {
				m[n] = string(first + rune(i))
			}
		}
	}
	block(0x20, `space exclam quotedbl numbersign dollar percent ampersand quotesingle
		parenleft parenright asterisk plus comma hyphen period slash
		zero one two three four five six seven eight nine colon semicolon less equal greater question
		at A B C D E F G H I J K L M N O P Q R S T U V W X Y Z
		bracketleft backslash bracketright asciicircum underscore
		grave a b c d e f g h i j k l m n o p q r s t u v w x y z
		braceleft bar braceright asciitilde`)
	block(0xA0, `nbspace exclamdown cent sterling currency yen brokenbar section
		dieresis copyright ordfeminine guillemotleft logicalnot sfthyphen registered macron
		degree plusminus twosuperior threesuperior acute mu paragraph periodcentered
		cedilla onesuperior ordmasculine guillemotright onequarter onehalf threequarters questiondown
		Agrave Aacute Acircumflex Atilde Adieresis Aring AE Ccedilla
		Egrave Eacute Ecircumflex Edieresis Igrave Iacute Icircumflex Idieresis
		Eth Ntilde Ograve Oacute Ocircumflex Otilde Odieresis multiply
		Oslash Ugrave Uacute Ucircumflex Udieresis Yacute Thorn germandbls
		agrave aacute acircumflex atilde adieresis aring ae ccedilla
		egrave eacute ecircumflex edieresis igrave iacute icircumflex idieresis
		eth ntilde ograve oacute ocircumflex otilde odieresis divide
		oslash ugrave uacute ucircumflex udieresis yacute thorn ydieresis`)
	block(0x100, `Amacron amacron Abreve abreve Aogonek aogonek Cacute cacute
		Ccircumflex ccircumflex Cdotaccent cdotaccent Ccaron ccaron Dcaron dcaron
		Dcroat dcroat Emacron emacron Ebreve ebreve Edotaccent edotaccent
		Eogonek eogonek Ecaron ecaron Gcircumflex gcircumflex Gbreve gbreve
		Gdotaccent gdotaccent Gcommaaccent gcommaaccent Hcircumflex hcircumflex Hbar hbar
		Itilde itilde Imacron imacron Ibreve ibreve Iogonek iogonek
		Idotaccent dotlessi IJ ij Jcircumflex jcircumflex Kcommaaccent kcommaaccent
		kgreenlandic Lacute lacute Lcommaaccent lcommaaccent Lcaron lcaron Ldot
		ldot Lslash lslash Nacute nacute Ncommaaccent ncommaaccent Ncaron
		ncaron napostrophe Eng eng Omacron omacron Obreve obreve
		Ohungarumlaut ohungarumlaut OE oe Racute racute Rcommaaccent rcommaaccent
		Rcaron rcaron Sacute sacute Scircumflex scircumflex Scedilla scedilla
		Scaron scaron Tcommaaccent tcommaaccent Tcaron tcaron Tbar tbar
		Utilde utilde Umacron umacron Ubreve ubreve Uring uring
		Uhungarumlaut uhungarumlaut Uogonek uogonek Wcircumflex wcircumflex Ycircumflex ycircumflex
		Ydieresis Zacute zacute Zdotaccent zdotaccent Zcaron zcaron longs`)
	block(0x391, `Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi
		Rho - Sigma Tau Upsilon Phi Chi Psi Omega`)
	block(0x3B1, `alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi
		rho sigma1 sigma tau upsilon phi chi psi omega`)
	block(0x2010, `- - figuredash endash emdash - -
		underscoredbl quoteleft quoteright quotesinglbase quotereversed quotedblleft quotedblright
		quotedblbase - dagger daggerdbl bullet - onedotenleader twodotenleader ellipsis`)
	block(0x2030, `perthousand - minute second - - - - - guilsinglleft guilsinglright`)
	block(0xFB00, `ff fi fl ffi ffl`)
	for n, r := range map[string]rune{
		"florin": 0x192, "Scommaaccent": 0x218, "scommaaccent": 0x219, "Tcommaaccent2": 0x21A,
		"circumflex": 0x2C6, "caron": 0x2C7, "breve": 0x2D8, "dotaccent": 0x2D9, "ring": 0x2DA,
		"ogonek": 0x2DB, "tilde": 0x2DC, "hungarumlaut": 0x2DD, "dotlessj": 0x237,
		"fraction": 0x2044, "Euro": 0x20AC, "trademark": 0x2122,
		"estimated": 0x212E, "partialdiff": 0x2202, "product": 0x220F, "summation": 0x2211,
		"minus": 0x2212, "radical": 0x221A, "infinity": 0x221E, "integral": 0x222B,
		"approxequal": 0x2248, "notequal": 0x2260, "lessequal": 0x2264, "greaterequal": 0x2265,
		"lozenge": 0x25CA, "arrowleft": 0x2190, "arrowup": 0x2191, "arrowright": 0x2192,
		"arrowdown": 0x2193, "arrowboth": 0x2194, "mu1": 0xB5, "increment": 0x2206,
		"periodcentered": 0xB7, "middot": 0xB7, "space1": 0x20, "nonbreakingspace": 0xA0,
		"softhyphen": 0xAD, "twodotleader": 0x2025, "afii61352": 0x2116, "numero": 0x2116,
		"afii00208": 0x2015, "horizontalbar": 0x2015, "quotedblprime": 0x2033, "prime": 0x2032,
		"bulletoperator": 0x2219, "blackcircle": 0x25CF, "whitebullet": 0x25E6, "checkmark": 0x2713,
		"filledbox": 0x25A0, "H22073": 0x25A1, "H18533": 0x25CF, "H18543": 0x25AA, "H18551": 0x25AB,
		"openbullet": 0x25E6, "Lslashsmall": 0x142, "dottedcircle": 0x25CC, "commaaccent": 0x326,
		"apostrophe": 0x2019, "hyphentwo": 0x2010, "nbhyphen": 0x2011, "emspace": 0x2003,
		"enspace": 0x2002, "thinspace": 0x2009, "hairspace": 0x200A, "zerowidthspace": 0x200B,
		"figurespace": 0x2007, "ellipsis1": 0x2026, "copyrightsans": 0xA9, "registersans": 0xAE,
	} {
		m[n] = string(r)
	}
	delete(m, "Tcommaaccent2")
	return m
}

// Base encodings of simple fonts, as text per code.
var (
	winAnsiText  = charmapText(charmap.Windows1252)
	macRomanText = charmapText(charmap.Macintosh)
	standardText = buildStandardText()
)

// charmapText reads a single-byte code page into a code → text table,
// printable codes only.
func charmapText(cm *charmap.Charmap) *[256]string {
	var t [256]string
	for c := 32; c < 256; c++ {
		r := cm.DecodeByte(byte(c))
		if r == utf8.RuneError || r < ' ' || r == 0x7F || r >= 0x80 && r < 0xA0 {
			continue
		}
		t[c] = string(r)
	}
	return &t
}

// buildStandardText is Adobe StandardEncoding: ASCII with typographic
// quotes at 047 and 0140, and its own upper half.
func buildStandardText() *[256]string {
	var t [256]string
	for c := 32; c < 127; c++ {
		t[c] = string(rune(c))
	}
	t[0x27], t[0x60] = "’", "‘"
	high := map[byte]string{
		0xA1: "exclamdown", 0xA2: "cent", 0xA3: "sterling", 0xA4: "fraction", 0xA5: "yen",
		0xA6: "florin", 0xA7: "section", 0xA8: "currency", 0xA9: "quotesingle",
		0xAA: "quotedblleft", 0xAB: "guillemotleft", 0xAC: "guilsinglleft",
		0xAD: "guilsinglright", 0xAE: "fi", 0xAF: "fl", 0xB1: "endash", 0xB2: "dagger",
		0xB3: "daggerdbl", 0xB4: "periodcentered", 0xB6: "paragraph", 0xB7: "bullet",
		0xB8: "quotesinglbase", 0xB9: "quotedblbase", 0xBA: "quotedblright",
		0xBB: "guillemotright", 0xBC: "ellipsis", 0xBD: "perthousand", 0xBF: "questiondown",
		0xC1: "grave", 0xC2: "acute", 0xC3: "circumflex", 0xC4: "tilde", 0xC5: "macron",
		0xC6: "breve", 0xC7: "dotaccent", 0xC8: "dieresis", 0xCA: "ring", 0xCB: "cedilla",
		0xCD: "hungarumlaut", 0xCE: "ogonek", 0xCF: "caron", 0xD0: "emdash", 0xE1: "AE",
		0xE3: "ordfeminine", 0xE8: "Lslash", 0xE9: "Oslash", 0xEA: "OE", 0xEB: "ordmasculine",
		0xF1: "ae", 0xF5: "dotlessi", 0xF8: "lslash", 0xF9: "oslash", 0xFA: "oe", 0xFB: "germandbls",
	}
	for c, n := range high {
		t[c] = glyphText(n)
	}
	return &t
}

// baseEncoding returns the text table of a named base encoding, or nil.
func baseEncoding(name string) *[256]string {
	switch name {
	case "WinAnsiEncoding":
		return winAnsiText
	case "MacRomanEncoding":
		return macRomanText
	case "StandardEncoding":
		return standardText
	}
	return nil
}
