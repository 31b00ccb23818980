package extract

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
)

// Font decoding as in ISO 32000, 9.10 "Extraction of text content":
// ToUnicode first, then /Encoding and /Differences glyph names through the
// Adobe Glyph List, then the embedded program's built-in encoding, then
// the standard encodings. The fixtures are written by pdffixture_test.go;
// each want is what the page shows (and what pdftotext prints, after NFKC,
// which folds the fi ligature to "fi").

// pdfText reads a fixture and returns the document text.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	doc, err := readTestPDF(t, data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return doc.Text()
}

// checkText runs one subtest per case, comparing the text of its fixture.
func checkText(t *testing.T, cases []fontCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := pdfText(t, tc.pdf); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

type fontCase struct {
	name string
	pdf  []byte
	want string
}

// InDesign's line: a ToUnicode CMap with a two-byte codespace but
// one-byte entries, over one-byte strings; glyph217 has no meaning but
// the one ToUnicode gives it.
const (
	inDesignTemplate = "Nationaal rapporteur: o{f_f_i}ciële cijfers 201{five.lining} {endash} het e{f_f}ect ’s avonds. " +
		"H{ohungarumlaut}ség és f{glyph217}tés."
	inDesignWant = "Nationaal rapporteur: officiële cijfers 2015 – het effect ’s avonds. Hőség és fűtés."
)

// TestPDFFontInDesignToUnicode reproduces Adobe InDesign output whose
// ToUnicode codespace (<0000> <FFFF>) does not match the one-byte codes
// of the simple font: the codes are still one byte each.
func TestPDFFontInDesignToUnicode(t *testing.T) {
	checkText(t, []fontCase{{"two-byte codespace, one-byte codes", inDesignFixture(true, inDesignTemplate), inDesignWant}})
}

// TestPDFFontDifferencesGlyphNames reproduces the same InDesign font
// without ToUnicode (older Adobe PDF Library, PDF/X exports): the text
// comes from the /Differences glyph names by the Adobe Glyph List rules,
// over the /BaseEncoding /WinAnsiEncoding for the other codes.
func TestPDFFontDifferencesGlyphNames(t *testing.T) {
	checkText(t, []fontCase{
		{"uniXXXX uXXXX and Latin names", inDesignFixture(false, "H{uni0151}s{eacute}g, f{u0171}t{ohungarumlaut}, k{odieresis}d, {Aacute}llam"),
			"Hőség, fűtő, köd, Állam"},
		{"ligatures", inDesignFixture(false, "o{f_f_i}ciële {fi}ets e{f_f}ect so{f_t}ware"), "officiële fiets effect software"},
		{"suffixed names", inDesignFixture(false, "Dat{a.sc} {one.oldstyle}{five.lining} km"), "Data 15 km"},
		{"quotes and dash", inDesignFixture(false, "{quotedblleft}Ja{quotedblright} {endash} it’s"), "“Ja” – it’s"},
		{"u with five hex digits", inDesignFixture(false, "ok {u1F600}"), "ok 😀"},
		{"all together", inDesignFixture(false, "{quotedblleft}O{f_f_i}ciële {fi}etsroute{quotedblright} {endash} "+
			"{one.oldstyle}{five.lining} km’s. Az {Aacute}llam f{u0171}t{uni0151}je n{ohungarumlaut}, k{odieresis}d, Dat{a.sc}, so{f_t}ware {u1F600}"),
			"“Officiële fietsroute” – 15 km’s. Az Állam fűtője nő, köd, Data, software 😀"},
	})
}

// TestPDFFontCFFBuiltinEncoding reproduces subsets whose only encoding is
// the CFF program's custom one (Ghostscript, Distiller): no /Encoding and
// no ToUnicode; codes 1..11 and 0x8B.. are mapped to glyphs by the CFF
// encoding and named by its charset.
func TestPDFFontCFFBuiltinEncoding(t *testing.T) {
	const tmpl, want = "O{f_f_i}ci{edieresis}le cijfers: h{uni0151}s{eacute}g, Dat{a.sc}.", "Officiële cijfers: hőség, Data."
	checkText(t, []fontCase{
		{"format 0, standard names as SIDs", cffBuiltinFixture(cffFormat0, false, tmpl), want},
		{"format 0, every name a custom string", cffBuiltinFixture(cffFormat0, true, tmpl), want},
		{"format 1", cffBuiltinFixture(cffFormat1, false, tmpl), want},
	})
}

// TestPDFFontStandardEncodings reproduces fonts without /Encoding in Adobe
// StandardEncoding (an embedded CFF subset; Times-Roman, not embedded),
// where 0x27 is ’ and 0x60 ‘, and the named encodings WinAnsiEncoding and
// MacRomanEncoding, alone and as a /BaseEncoding under /Differences.
func TestPDFFontStandardEncodings(t *testing.T) {
	times := "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman %s >>"
	mac := map[rune]byte{'“': 0xD2, '”': 0xD3, '–': 0xD0, '’': 0xD5, 'é': 0x8E, 'ö': 0x9A, 'ß': 0xA7, 'ő': 1}
	checkText(t, []fontCase{
		{"CFF StandardEncoding", cffStandardFixture("{quoteleft}The State{quoteright}s {fi}ndings {endash} in full"),
			"‘The State’s findings – in full"},
		{"Times-Roman without /Encoding", standardFontFixture(strings.Replace(times, "%s", "", 1), "‘The State’s ﬁndings – Straße",
			map[rune]byte{'‘': 0x60, '’': 0x27, 'ﬁ': 0xAE, '–': 0xB1, 'ß': 0xFB}), "‘The State’s findings – Straße"},
		{"WinAnsiEncoding", standardFontFixture(strings.Replace(times, "%s", "/Encoding /WinAnsiEncoding", 1), "“Café” – 5 €, it’s",
			map[rune]byte{'“': 0x93, '”': 0x94, '–': 0x96, '€': 0x80, '’': 0x92, 'é': 0xE9}), "“Café” – 5 €, it’s"},
		{"MacRomanEncoding", standardFontFixture(strings.Replace(times, "%s", "/Encoding /MacRomanEncoding", 1), "“Café” – Köln’s Straße", mac),
			"“Café” – Köln’s Straße"},
		{"MacRoman base under Differences", standardFontFixture(strings.Replace(times, "%s",
			"/Encoding << /Type /Encoding /BaseEncoding /MacRomanEncoding /Differences [1 /ohungarumlaut] >>", 1), "Hőség – Köln’s", mac),
			"Hőség – Köln’s"},
	})
}

// TestPDFFontType1BuiltinEncoding reproduces an embedded Type 1 program
// (FontFile) without /Encoding in the font dictionary: the encoding is
// the "dup 65 /Aacute put" array of the program's clear-text part.
func TestPDFFontType1BuiltinEncoding(t *testing.T) {
	checkText(t, []fontCase{{"Encoding array in the clear-text part", type1Fixture("Árvíztűrő tükörfúrógép"), "Árvíztűrő tükörfúrógép"}})
}

// TestPDFFontType3 reproduces Type 3 fonts with glyph spaces of 1/100 and
// 1/1000 em: with the widths scaled by the FontMatrix the syllables set
// one by one join into words, and the 0.3 em gaps separate them.
func TestPDFFontType3(t *testing.T) {
	parts := []string{"Work", "ing", " ", "Gro", "up", " ", "re", "port"}
	checkText(t, []fontCase{
		{"FontMatrix 0.01", type3Fixture(0.01, parts...), "Working Group report"},
		{"FontMatrix 0.001", type3Fixture(0.001, parts...), "Working Group report"},
	})
}

// TestPDFFontType0ToUnicode reproduces Type0 fonts: Identity-H with a
// ToUnicode CMap in all its forms (bfrange to an array, bfrange with an
// offset, several characters per code, a surrogate pair), and an embedded
// encoding CMap with one- and two-byte codes mixed in one string.
func TestPDFFontType0ToUnicode(t *testing.T) {
	checkText(t, []fontCase{
		{"Identity-H", type0Fixture(), "Hőség: fine 😀"},
		{"mixed one- and two-byte codespace", mixedCodespaceFixture(), "Hős fűtő"},
	})
}

// TestPDFFontWidths reproduces fonts whose widths are not all in /Widths:
// no /Widths at all (the CFF charstrings hold them), and /Widths for the
// lower case only with /MissingWidth for the rest. Words must join where
// the syllables abut and part where the gap is.
func TestPDFFontWidths(t *testing.T) {
	checkText(t, []fontCase{
		{"no /Widths, CFF widths", cffNoWidthsFixture("Re", "port", " ", "of", " ", "the", " ", "Spe", "cial", " ", "Rap", "por", "teur"),
			"Report of the Special Rapporteur"},
		{"/MissingWidth", missingWidthFixture("RE", "PORT", " ", "by", " ", "UNI", "CEF"), "REPORT by UNICEF"},
	})
}

// TestPDFFontActualText reproduces tagged PDF whose glyphs without a
// usable name get their text from /ActualText, in PDFDocEncoding and in
// UTF-16BE with a byte order mark.
func TestPDFFontActualText(t *testing.T) {
	checkText(t, []fontCase{{"Span ActualText", actualTextFixture(), "Effect fűtés"}})
}

// TestPDFFontInvisibleText reproduces the OCR layer of a scan: text in
// render mode 3 over an image is the page's text.
func TestPDFFontInvisibleText(t *testing.T) {
	checkText(t, []fontCase{{"3 Tr", invisibleTextFixture(), "Scanned page: the invisible text layer that OCR software lays over the image."}})
}

// TestPDFFontUnreadable reproduces files whose text layer is there but
// does not decode on most pages: a ToUnicode CMap into the Private Use
// Area, and Identity-H glyph ids without ToUnicode. Reading must fail
// with ErrUnreadableText (the user is told to OCR the file).
func TestPDFFontUnreadable(t *testing.T) {
	for _, tc := range []struct {
		name string
		pdf  []byte
	}{
		{"private use area on every page", garbledFixture(3, 1, 2, 3)},
		{"Identity-H without ToUnicode on 4 of 5 pages", cidGarbledFixture(5)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := readTestPDF(t, tc.pdf, Options{})
			if !errors.Is(err, ErrUnreadableText) {
				t.Errorf("got error %v, want ErrUnreadableText", err)
				if doc != nil {
					t.Logf("text %q", doc.Text())
				}
			}
		})
	}
}

// TestPDFFontUnreadablePages reproduces a report with two pages (3 and 4
// of 10) set in a font that does not decode: the document is read, the
// pages are listed in Unreadable and named with the font in a warning,
// and their garbage is kept out of the text.
func TestPDFFontUnreadablePages(t *testing.T) {
	doc, err := readTestPDF(t, garbledFixture(10, 3, 4), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(doc.Unreadable, []int{3, 4}) {
		t.Errorf("Unreadable = %v, want [3 4]", doc.Unreadable)
	}
	if !slices.ContainsFunc(doc.Warnings, func(w string) bool {
		return strings.Contains(w, "pages 3–4") && strings.Contains(w, "GarbledSans")
	}) {
		t.Errorf("warnings %q, want one naming pages 3–4 and GarbledSans", doc.Warnings)
	}
	got := doc.Text()
	if strings.ContainsFunc(got, func(r rune) bool { return unicode.Is(unicode.Co, r) }) {
		t.Errorf("text holds private-use characters: %q", got)
	}
	for i, s := range reportSentences {
		if want := i != 2 && i != 3; strings.Contains(got, s) != want {
			t.Errorf("page %d: text contains %q = %v, want %v", i+1, s, !want, want)
		}
	}
}

// fontFixtures are all the fixtures above, the seeds of FuzzPDFFonts.
func fontFixtures() [][]byte {
	return [][]byte{
		inDesignFixture(true, inDesignTemplate),
		inDesignFixture(false, "{quotedblleft}O{f_f_i}ciële {fi}ets{quotedblright} {endash} Dat{a.sc} {u1F600}"),
		cffBuiltinFixture(cffFormat0, false, "O{f_f_i}ci{edieresis}le"),
		cffBuiltinFixture(cffFormat0, true, "h{uni0151}s{eacute}g"),
		cffBuiltinFixture(cffFormat1, false, "Dat{a.sc}."),
		cffStandardFixture("{quoteleft}The State{quoteright}s {fi}ndings"),
		standardFontFixture("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>", "it's", nil),
		type1Fixture("Árvíztűrő tükörfúrógép"),
		type3Fixture(0.01, "Work", "ing", " ", "Gro", "up"),
		type0Fixture(),
		mixedCodespaceFixture(),
		cffNoWidthsFixture("Re", "port", " ", "of"),
		missingWidthFixture("RE", "PORT", " ", "by"),
		actualTextFixture(),
		invisibleTextFixture(),
		garbledFixture(3, 2),
		cidGarbledFixture(2),
	}
}

// FuzzPDFFonts feeds damaged copies of the font fixtures to the reader:
// font programs, CMaps and encodings that are cut or mutated must not
// panic (Options.Read turns a panic into "internal error while reading",
// which fails here) nor hang.
//
//	go test ./extract -run '^$' -fuzz '^FuzzPDFFonts$' -fuzztime 30s -fuzzminimizetime 2s
func FuzzPDFFonts(f *testing.F) {
	for _, seed := range fontFixtures() {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := Limits{MaxStreamSize: 1 << 20, MaxPages: 20, Timeout: 2 * time.Second}
		start := time.Now()
		_, err := readTestPDF(t, data, Options{Limits: lim, Workers: 1})
		if err != nil && strings.Contains(err.Error(), "internal error") {
			t.Errorf("panic: %v", err)
		}
		if el := time.Since(start); el > 5*time.Second {
			t.Errorf("took %v", el)
		}
	})
}
