package index

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/hu"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"

	"github.com/recmap/recmap"
)

// SchemaVersion is the version of the index mapping. Bump it whenever a
// change to the mapping, the analyzers or the stored fields makes an index
// built by an older recmap give wrong answers; Open then refuses the old
// index with ErrIncompatible.
const SchemaVersion = "8"

// Bleve field names. The friendly names users type in queries are mapped to
// these by queryFields.
const (
	fKind      = "kind"
	fBody      = "body"
	fFamily    = "family"
	fCountry   = "country"
	fRound     = "round"
	fStrength  = "strength"
	fTopics    = "topics"
	fPosition  = "position"
	fStatus    = "status"
	fDoc       = "doc"
	fSymbol    = "symbol"
	fLang      = "lang"
	fNumber    = "number"
	fPara      = "para"
	fPage      = "page"
	fPublished = "published"
	fSection   = "section" // stored only
	fText      = "text"    // stored only: the item's text, for display and fragments
	fTextEN    = "text_en"
	fTextHU    = "text_hu"
	fTextFR    = "text_fr"
	fTextXX    = "text_xx"
	fTextFold  = "text_fold"
	fPairEN    = "pair_en"
	fPairHU    = "pair_hu"
	fPairFR    = "pair_fr"
	fPairXX    = "pair_xx"
	fPairFold  = "pair_fold"
)

// textFields are the analysed text fields, each with its analyzer. Every
// item's text goes into exactly one language field and into text_fold.
// Each has a twin pair field (pairs.go) holding the word pairs of the same
// token stream, which answers phrases without positions: each token paired
// with the next span tokens. English entries have no pair_fold: pair_en
// answers their phrases, and text_en folds accents too.
var textFields = []struct {
	field, analyzer, pairField, pairAnalyzer string
	span                                     int
}{
	{fTextEN, enAnalyzer, fPairEN, "recmap_pairs_en", 1},
	{fTextHU, huAnalyzer, fPairHU, "recmap_pairs_hu", 1},
	{fTextFR, fr.AnalyzerName, fPairFR, "recmap_pairs_fr", 1},
	{fTextXX, standard.Name, fPairXX, "recmap_pairs_xx", 1},
	{fTextFold, foldAnalyzer, fPairFold, "recmap_pairs_fold", 2},
}

// keywordFields are indexed verbatim (keyword analyzer) for filters.
var keywordFields = []string{
	fKind, fBody, fFamily, fCountry, fRound, fStrength, fTopics,
	fPosition, fStatus, fDoc, fSymbol, fLang, fNumber, fPara,
}

// facetFields are the keyword fields that can be counted. Their values are
// also indexed together in fFacet as "field:value", the only field with doc
// values: counting one field is several times faster than counting nine
// (visiting doc values per field per hit dominated broad searches).
var facetFields = map[string]bool{
	fKind: true, fBody: true, fFamily: true, fCountry: true, fRound: true, fStrength: true,
	fTopics: true, fPosition: true, fStatus: true, fDoc: true,
}

const fFacet = "facet"

// storedFields are loaded for every hit.
var storedFields = []string{
	fKind, fDoc, fSymbol, fNumber, fPara, fPage, fStrength, fPosition,
	fStatus, fTopics, fSection, fLang, fText,
}

const (
	foldAnalyzer = "recmap_fold"
	foldFilter   = "recmap_fold"
	enAnalyzer   = "recmap_en"
	enGuard      = "recmap_en_guard"
	enAtory      = "recmap_en_atory"
	huAnalyzer   = "recmap_hu"
	huRestem     = "recmap_hu_restem"
)

func init() {
	registry.RegisterTokenFilter(foldFilter, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return foldTokenFilter{}, nil
	})
	registry.RegisterTokenFilter(enGuard, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return guardFilter{enStemGuard, enSpelling}, nil
	})
	registry.RegisterTokenFilter(enAtory, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return atoryFilter{}, nil
	})
	registry.RegisterTokenFilter(huRestem, func(_ map[string]any, c *registry.Cache) (analysis.TokenFilter, error) {
		st, err := c.TokenFilterNamed(hu.SnowballStemmerName)
		if err != nil {
			return nil, err
		}
		return restemFilter{st}, nil
	})
	for span, name := range pairFilterNames {
		registry.RegisterTokenFilter(name, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
			return pairFilter{span}, nil
		})
	}
}

// restemFilter applies the Hungarian Snowball stemmer again until the stem
// stops changing or would get shorter than 4 letters. Snowball's Hungarian
// stemmer is not idempotent: it takes "áldozatok" to "áldozat" but
// "áldozat" to "áldoz", so plural and singular would never meet; applied to
// a fixpoint both become "áldoz" (and "gyermekek", "gyermek" both "gyer").
type restemFilter struct{ stem analysis.TokenFilter }

func (f restemFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, tok := range in {
		for range 4 {
			t := &analysis.Token{Term: append([]byte(nil), tok.Term...)}
			f.stem.Filter(analysis.TokenStream{t})
			if string(t.Term) == string(tok.Term) || utf8.RuneCount(t.Term) < 4 {
				break
			}
			tok.Term = t.Term
		}
	}
	return in
}

// enStemGuard keeps apart words of the field that Porter's stemmer runs
// together: minorities (ethnic) and minors (children), organ removal and
// organisations, internal and international trafficking, a person's
// nationality and national measures, universities and the Universal
// Periodic Review, communities and communications, generations and
// general measures, laboratories and labour. Each word gets a stem of its
// own that the stemmers after it leave alone, as Lucene's
// StemmerOverrideFilter does.
var enStemGuard = map[string]string{
	"minority": "minorit", "minorities": "minorit",
	"international": "internation", "internationally": "internation",
	"internal": "internal", "internally": "internal",
	"nationality": "nationalit", "nationalities": "nationalit",
	"university": "universit", "universities": "universit",
	"community": "communit", "communities": "communit",
	"generation": "generat", "generations": "generat",
	"laboratory": "laboratori", "laboratories": "laboratori",
}

// enSpelling rewrites the American spelling of a word's beginning to the
// British one before stemming, which then meets both: "organization",
// "organizer", "organizational" go with "organisation" (and apart from
// "organ", as Porter would have it), "forced labor" with "forced labour".
var enSpelling = [][2]string{{"organiz", "organis"}, {"labor", "labour"}}

// guardFilter gives the words of stems their stem and marks them as
// keywords, which the stemmers after it leave alone, and rewrites the
// beginnings of the others as spelling says.
type guardFilter struct {
	stems    map[string]string
	spelling [][2]string
}

func (g guardFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, tok := range in {
		if stem, ok := g.stems[string(tok.Term)]; ok {
			tok.Term = []byte(stem)
			tok.KeyWord = true
			continue
		}
		for _, sp := range g.spelling {
			if bytes.HasPrefix(tok.Term, []byte(sp[0])) {
				tok.Term = append([]byte(sp[1]), tok.Term[len(sp[0]):]...)
				break
			}
		}
	}
	return in
}

// atoryFilter turns an English adjective in -atory into the verb in -ate it
// derives from, which Porter's stemmer then takes to the stem of the noun
// in -ation: it leaves "discriminatory" as "discriminatori", apart from
// "discrimination" ("discrimin"), and so "compensatory", "regulatory",
// "migratory", "mandatory".
type atoryFilter struct{}

func (atoryFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, tok := range in {
		if tok.KeyWord {
			continue
		}
		for _, suffix := range []string{"atory", "atories"} {
			if t := tok.Term; len(t) > len(suffix)+2 && strings.HasSuffix(string(t), suffix) {
				tok.Term = append(t[:len(t)-len(suffix)], "ate"...)
				break
			}
		}
	}
	return in
}

// foldTokenFilter removes diacritics from lower-cased tokens: "áldozatok" →
// "aldozatok", "Straße" → "strasse". It changes the term only, so byte
// offsets still point into the original text.
type foldTokenFilter struct{}

func (foldTokenFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, tok := range in {
		tok.Term = []byte(fold(string(tok.Term)))
	}
	return in
}

// fold lower-cases s and strips its diacritics.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || ('A' <= s[i] && s[i] <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case 'ß':
			b.WriteString("ss")
		case 'ø', 'Ø':
			b.WriteByte('o')
		case 'ł', 'Ł':
			b.WriteByte('l')
		case 'đ', 'Đ':
			b.WriteByte('d')
		case 'æ', 'Æ':
			b.WriteString("ae")
		case 'œ', 'Œ':
			b.WriteString("oe")
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// newMapping builds the index mapping: one document type per item kind, all
// sharing the same fields.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	if err := im.AddCustomAnalyzer(foldAnalyzer, analyzerConfig(foldAnalyzer)); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(enAnalyzer, analyzerConfig(enAnalyzer)); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(huAnalyzer, analyzerConfig(huAnalyzer)); err != nil {
		return nil, err
	}
	for _, tf := range textFields {
		if err := im.AddCustomAnalyzer(tf.pairAnalyzer, pairAnalyzerConfig(tf.analyzer, tf.span)); err != nil {
			return nil, err
		}
	}
	im.DefaultAnalyzer = standard.Name
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	dm := mapping.NewDocumentStaticMapping()
	for _, tf := range textFields {
		fm := mapping.NewTextFieldMapping()
		fm.Analyzer = tf.analyzer
		fm.Store = false
		fm.IncludeTermVectors = true // phrases and locations need them
		fm.IncludeInAll = false
		fm.DocValues = false
		dm.AddFieldMappingsAt(tf.field, fm)
		pm := mapping.NewTextFieldMapping()
		pm.Analyzer = tf.pairAnalyzer
		pm.Store = false
		pm.IncludeTermVectors = false // pairs are looked up, never positioned
		pm.IncludeInAll = false
		pm.DocValues = false
		dm.AddFieldMappingsAt(tf.pairField, pm)
	}
	for _, f := range keywordFields {
		fm := mapping.NewKeywordFieldMapping()
		fm.Analyzer = keyword.Name
		fm.IncludeTermVectors = false
		fm.IncludeInAll = false
		fm.DocValues = false
		dm.AddFieldMappingsAt(f, fm)
	}
	facet := mapping.NewKeywordFieldMapping()
	facet.Store = false
	facet.IncludeTermVectors = false
	facet.IncludeInAll = false
	dm.AddFieldMappingsAt(fFacet, facet)
	stored := func(f string) {
		fm := mapping.NewTextFieldMapping()
		fm.Index = false
		fm.Store = true
		fm.IncludeTermVectors = false
		fm.IncludeInAll = false
		fm.DocValues = false
		dm.AddFieldMappingsAt(f, fm)
	}
	stored(fText)
	stored(fSection)
	// Page and date are single terms that sort as they compare
	// (pageTerm, dateTerm), searched by term ranges: a Bleve numeric or
	// date field indexes sixteen terms per value, a third of an
	// entry's terms.
	for _, f := range []string{fPage, fPublished} {
		fm := mapping.NewKeywordFieldMapping()
		fm.Store = f == fPage
		fm.IncludeTermVectors = false
		fm.IncludeInAll = false
		fm.DocValues = false
		dm.AddFieldMappingsAt(f, fm)
	}

	im.DefaultMapping = dm
	for _, k := range []recmap.Kind{recmap.KindRecommendation, recmap.KindProvision,
		recmap.KindAction, recmap.KindFinding, recmap.KindParagraph} {
		im.AddDocumentMapping(string(k), dm)
	}
	return im, im.Validate()
}

// bleveDoc is what one Entry looks like to Bleve. Empty values are left out
// so that facets do not count them.
type bleveDoc map[string]any

// BleveType selects the document mapping by item kind.
func (d bleveDoc) BleveType() string {
	k, _ := d[fKind].(string)
	return k
}

// langField returns the text field for a language code ("en", "hu-HU",
// "fra"...).
func langField(lang string) string {
	l := strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(l, "-_"); i >= 0 {
		l = l[:i]
	}
	switch l {
	case "en", "eng", "english":
		return fTextEN
	case "hu", "hun", "hungarian", "magyar":
		return fTextHU
	case "fr", "fra", "fre", "french", "français", "francais":
		return fTextFR
	}
	return fTextXX
}

func toBleveDoc(e *Entry) bleveDoc {
	it, d := &e.Item, &e.Doc
	m := bleveDoc{}
	set := func(f, v string) {
		if v = strings.TrimSpace(v); v != "" {
			m[f] = v
		}
	}
	set(fKind, string(it.Kind))
	docID := it.DocID
	if docID == "" {
		docID = d.ID
	}
	set(fDoc, docID)
	set(fBody, d.Body)
	set(fFamily, string(d.Family))
	set(fCountry, d.Country)
	set(fRound, d.Round)
	set(fStrength, it.Strength)
	set(fPosition, it.Position)
	set(fStatus, e.Status)
	set(fSymbol, d.Symbol)
	set(fNumber, it.Number)
	set(fPara, it.Para)
	lang := it.Lang
	if lang == "" {
		lang = d.Language
	}
	set(fLang, strings.ToLower(lang))
	if topics := it.TopicIDs(); len(topics) > 0 {
		m[fTopics] = topics
	}
	if len(it.Section) > 0 {
		m[fSection] = strings.Join(it.Section, " › ")
	}
	if it.Page > 0 {
		m[fPage] = pageTerm(it.Page)
	}
	if t, ok := parseDate(d.Published); ok {
		m[fPublished] = dateTerm(t)
	}
	var facets []string
	for f, v := range m {
		if !facetFields[f] {
			continue
		}
		switch v := v.(type) {
		case string:
			facets = append(facets, f+":"+v)
		case []string:
			for _, s := range v {
				facets = append(facets, f+":"+s)
			}
		}
	}
	if len(facets) > 0 {
		m[fFacet] = facets
	}
	if it.Text != "" {
		m[fText] = it.Text
		f := langField(lang)
		m[f] = it.Text
		m[pairField(f)] = it.Text
		m[fTextFold] = it.Text
		if f != fTextEN {
			m[fPairFold] = it.Text
		}
	}
	return m
}

// pageTerm is a page number as a term that sorts as the numbers do.
func pageTerm(p int) string {
	return fmt.Sprintf("%0*d", pageDigits, min(max(p, 0), maxPage))
}

const (
	pageDigits = 6
	maxPage    = 999999
)

// dateTerm is a date as a term that sorts as the dates do.
func dateTerm(t time.Time) string {
	return t.UTC().Format("2006-01-02")
}

// parseDate reads an ISO date or a prefix of one (2023, 2023-06, 2023-06-30).
func parseDate(s string) (time.Time, bool) {
	t, _, ok := parseDateRange(s)
	return t, ok
}

// parseDateRange returns the half-open interval [start, end) that an ISO date
// or date prefix covers.
func parseDateRange(s string) (start, end time.Time, ok bool) {
	s = strings.TrimSpace(s)
	for _, f := range []struct {
		layout  string
		y, m, d int
	}{{"2006-01-02", 0, 0, 1}, {"2006-01", 0, 1, 0}, {"2006", 1, 0, 0}} {
		if t, err := time.Parse(f.layout, s); err == nil {
			return inDateRange(t, t.AddDate(f.y, f.m, f.d))
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		// Dates are indexed by the day (dateTerm): a time stands for its
		// day in UTC.
		t = t.UTC()
		day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		return inDateRange(day, day.AddDate(0, 0, 1))
	}
	return time.Time{}, time.Time{}, false
}

// inDateRange refuses ranges whose ends dateTerm cannot write as terms
// that sort as the dates do: years of four digits.
func inDateRange(start, end time.Time) (time.Time, time.Time, bool) {
	if start.Year() < 0 || end.Year() > 9999 {
		return time.Time{}, time.Time{}, false
	}
	return start, end, true
}
