package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/extract"
)

// headParagraphs is how many paragraphs from the start of a document are
// read for its metadata: the cover page and the first page of text.
const headParagraphs = 40

// symbolPatterns recognise document symbols, in the order they are tried
// on each paragraph of the head. The first match in document order wins.
var symbolPatterns = []struct {
	re   *regexp.Regexp
	body string
	norm func(m []string) string
}{
	{regexp.MustCompile(`\bGRETA\s*\(\s*(\d{4})\s*\)\s*(\d{1,3})\b`), "GRETA",
		func(m []string) string { return "GRETA(" + m[1] + ")" + pad2(m[2]) }},
	{regexp.MustCompile(`\bCP\s*/\s*Rec\s*\(\s*(\d{4})\s*\)\s*(\d{1,3})\b`), "CP",
		func(m []string) string { return "CP/Rec(" + m[1] + ")" + pad2(m[2]) }},
	{regexp.MustCompile(`\bA/HRC/(?:WG\.\d+/)?\d+(?:/[A-Z]{3})?/\d+(?:/(?:Add|Corr|Rev)\.\d+)*`), "UN",
		func(m []string) string { return m[0] }},
	{regexp.MustCompile(`\b[A-Z]{2,6}/C/[A-Z]{3}/(?:CO/)?[0-9][0-9-]*\b`), "UN",
		func(m []string) string { return m[0] }},
	{regexp.MustCompile(`\b3(?:19|20)\d{2}[LRDF]\d{4}\b`), "EU",
		func(m []string) string { return m[0] }},
	// A EUR-Lex consolidated version (02011L0036-20240714) is the base
	// act's text as amended: it takes the base act's CELEX number.
	{regexp.MustCompile(`\b0((?:19|20)\d{2}[LRDF]\d{4})(?:-\d{8})?\b`), "EU",
		func(m []string) string { return "3" + m[1] }},
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

// FindSymbol returns the first document symbol in s (GRETA(2023)08,
// A/HRC/28/15/Add.1, A/HRC/WG.6/34/SVN/1, CP/Rec(2024)01, 32011L0036) and the
// body that issues it (GRETA, CP, UN, EU), or "" when s has none.
func FindSymbol(s string) (symbol, body string) {
	best := -1
	for _, sp := range symbolPatterns {
		loc := sp.re.FindStringSubmatchIndex(s)
		if loc == nil || (best >= 0 && loc[0] >= best) {
			continue
		}
		m := make([]string, len(loc)/2)
		for i := range m {
			if loc[2*i] >= 0 {
				m[i] = s[loc[2*i]:loc[2*i+1]]
			}
		}
		best, symbol, body = loc[0], sp.norm(m), sp.body
	}
	return symbol, body
}

// ownLine is the longest paragraph in which a symbol is taken for the
// document's own: a header line ("A/HRC/28/15", "GRETA(2023)08",
// "Distr.: General … A/HRC/28/15/Add.1") rather than running text.
const ownLine = 120

// ownSymbol returns the document's own symbol from its head: the first
// one standing in a header line or a heading. A symbol cited in running
// text (an action plan answering GRETA(2023)08, a list of documents) is
// not the document's.
func ownSymbol(head []extract.Paragraph) (symbol, body string) {
	for _, p := range head {
		if len([]rune(p.Text)) <= ownLine || p.Heading > 0 {
			if symbol, body = FindSymbol(p.Text); symbol != "" {
				return symbol, body
			}
		}
	}
	return "", ""
}

// citedSymbol returns the first symbol the head of doc names, wherever it
// stands.
func citedSymbol(doc *extract.Document) (symbol, body string) {
	for i, p := range doc.Paragraphs {
		if i == headParagraphs {
			break
		}
		if symbol, body = FindSymbol(p.Text); symbol != "" {
			return symbol, body
		}
	}
	return "", ""
}

// celex turns an EU act as cited ("Directive 2011/36/EU", "Directive (EU)
// 2024/1712") into its CELEX number (32011L0036, 32024L1712).
func celex(kind, year, num string) string {
	if len(year) == 2 {
		if year > "50" {
			year = "19" + year
		} else {
			year = "20" + year
		}
	}
	n, err := strconv.Atoi(num)
	if err != nil || n > 9999 {
		return ""
	}
	letter := "L"
	switch strings.ToLower(kind) {
	case "regulation":
		letter = "R"
	case "decision":
		letter = "D"
	case "framework decision":
		letter = "F"
	}
	return "3" + year + letter + pad4(num)
}

func pad4(s string) string {
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}

var (
	euActRe   = regexp.MustCompile(`(?i)\b(Directive|Regulation|Framework Decision|Decision)\s+(?:\((?:EU|EC|EEC)\)\s*(?:No\.?\s*)?)?(\d{2,4})/(\d{1,4})(?:/(?:EU|EC|EEC|JHA))?`)
	cetsRe    = regexp.MustCompile(`(?i)\b(?:CETS|Council of Europe Treaty Series|ETS)\s*(?:No\.?|n°|nr\.?)\s*(\d{1,3})\b`)
	roundRe   = regexp.MustCompile(`(?i)\b(first|second|third|fourth|fifth|sixth|1st|2nd|3rd|4th|5th)\s+(?:evaluation\s+)?(?:round|cycle)\b`)
	ordinalEN = map[string]string{"first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6", "1st": "1", "2nd": "2", "3rd": "3", "4th": "4", "5th": "5"}
)

// baseMeta reads the metadata any document shows on its first page: symbol,
// body, country, round, dates, title and language. Profiles refine it.
func baseMeta(doc *extract.Document) recmap.Document {
	d := recmap.Document{
		FileName: doc.Source.Name, SHA256: doc.Source.SHA256, Format: string(doc.Source.Format),
		Pages: doc.Source.Pages, Title: doc.Source.Title,
	}
	if strings.HasPrefix(d.Title, "Microsoft Word") || strings.HasSuffix(strings.ToLower(d.Title), ".doc") || strings.HasSuffix(strings.ToLower(d.Title), ".docx") {
		d.Title = "" // a word processor's file name, not a title
	}
	head := doc.Paragraphs
	if len(head) > headParagraphs {
		head = head[:headParagraphs]
	}
	var headText strings.Builder
	for _, p := range head {
		headText.WriteString(p.Text)
		headText.WriteString("\n")
		if d.Title == "" && p.Heading > 0 && len(p.Text) > 8 {
			d.Title = p.Text
		}
	}
	d.Symbol, d.Body = ownSymbol(head)
	ht := headText.String()
	if d.Symbol == "" {
		// A legal instrument names itself in its title.
		if m := cetsRe.FindStringSubmatch(ht); m != nil {
			d.Symbol, d.Body = "CETS"+m[1], "CoE"
		} else if m := euActRe.FindStringSubmatch(ht); m != nil && len(head) > 0 && strings.Contains(head[0].Text+d.Title, m[0]) {
			if c := celex(m[1], m[2], m[3]); c != "" {
				d.Symbol, d.Body = c, "EU"
			}
		}
	}
	d.Country = findCountry(ht)
	if m := roundRe.FindStringSubmatch(ht); m != nil {
		d.Round = ordinalEN[strings.ToLower(m[1])]
	}
	d.Adopted, d.Published = headDates(head)
	d.Language = DetectLanguage(doc.Text())
	d.ID = d.Symbol
	if d.ID == "" {
		sum := doc.Source.SHA256
		if len(sum) < 12 {
			h := sha256.Sum256([]byte(doc.Text()))
			sum = hex.EncodeToString(h[:])
		}
		d.ID = "sha256:" + sum[:12]
	}
	return d
}

// headDates finds the adoption and publication dates on the first page:
// "adopted on 30 June 2023", "published on 26 February 2024", or the UN
// "Distr.: General 10 December 2014" line, which is the issue date.
func headDates(head []extract.Paragraph) (adopted, published string) {
	prev := ""
	for _, p := range head {
		lower := strings.ToLower(p.Text)
		ctx := strings.ToLower(prev)
		prev = p.Text
		for _, dm := range findDates(p.Text) {
			before := lower[max(0, dm.start-60):dm.start]
			switch {
			case published == "" && strings.HasSuffix(strings.TrimSpace(ctx), "distr.: general") && dm.start < 3:
				published = dm.iso
			case adopted == "" && (strings.Contains(before, "adopted") || strings.Contains(before, "adopté") || strings.Contains(before, "elfogad")):
				adopted = dm.iso
			case published == "" && (strings.Contains(before, "publi") || strings.Contains(before, "distr")):
				published = dm.iso
			}
		}
	}
	return adopted, published
}

// Months in the languages recmap reads, lower case, by month number.
var metaMonths = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
	"août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
	"január": 1, "február": 2, "március": 3, "április": 4, "május": 5, "június": 6, "július": 7,
	"augusztus": 8, "szeptember": 9, "október": 10,
}

var (
	dateDMY = regexp.MustCompile(`(?i)\b(\d{1,2})(?:er|st|nd|rd|th)?\s+([\p{L}]+)\s+(\d{4})\b`)
	dateMDY = regexp.MustCompile(`(?i)\b([\p{L}]+)\s+(\d{1,2}),\s+(\d{4})\b`)
	dateHU  = regexp.MustCompile(`(?i)\b(\d{4})\.\s*([\p{L}]+)\s+(\d{1,2})\.`)
	dateNum = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
)

type dateMatch struct {
	start int
	iso   string
}

// findDates returns the dates written in s in English ("26 February 2024",
// "February 26, 2024"), French ("1er mars 2024"), Hungarian ("2024. február
// 26.") or ISO form, in order, as ISO dates.
func findDates(s string) []dateMatch {
	var out []dateMatch
	add := func(start int, y, m, d string) {
		mon, ok := metaMonths[strings.ToLower(m)]
		if !ok {
			n, err := strconv.Atoi(m)
			if err != nil {
				return
			}
			mon = n
		}
		day, _ := strconv.Atoi(d)
		year, _ := strconv.Atoi(y)
		if mon < 1 || mon > 12 || day < 1 || day > 31 || year < 1900 || year > 2200 {
			return
		}
		out = append(out, dateMatch{start, strconv.Itoa(year) + "-" + twoDigits(mon) + "-" + twoDigits(day)})
	}
	for _, m := range dateDMY.FindAllStringSubmatchIndex(s, -1) {
		add(m[0], s[m[6]:m[7]], s[m[4]:m[5]], s[m[2]:m[3]])
	}
	for _, m := range dateMDY.FindAllStringSubmatchIndex(s, -1) {
		add(m[0], s[m[6]:m[7]], s[m[2]:m[3]], s[m[4]:m[5]])
	}
	for _, m := range dateHU.FindAllStringSubmatchIndex(s, -1) {
		add(m[0], s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]])
	}
	for _, m := range dateNum.FindAllStringSubmatchIndex(s, -1) {
		add(m[0], s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]])
	}
	// Order by position.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].start < out[j-1].start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// FindDate returns the first date written in s as an ISO date.
func FindDate(s string) (string, bool) {
	if d := findDates(s); len(d) > 0 {
		return d[0].iso, true
	}
	return "", false
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// countryNames maps country names in English, French and Hungarian to ISO
// 3166-1 alpha-2 codes: the member States of the Council of Europe and
// the States most often met in UPR and GRETA documents.
var countryNames = map[string]string{
	"Albania": "AL", "Albanie": "AL", "Albánia": "AL",
	"Andorra": "AD", "Andorre": "AD",
	"Armenia": "AM", "Arménie": "AM", "Örményország": "AM",
	"Austria": "AT", "Autriche": "AT", "Ausztria": "AT",
	"Azerbaijan": "AZ", "Azerbaïdjan": "AZ", "Azerbajdzsán": "AZ",
	"Belgium": "BE", "Belgique": "BE",
	"Bosnia and Herzegovina": "BA", "Bosnie-Herzégovine": "BA", "Bosznia-Hercegovina": "BA",
	"Bulgaria": "BG", "Bulgarie": "BG", "Bulgária": "BG",
	"Croatia": "HR", "Croatie": "HR", "Horvátország": "HR",
	"Cyprus": "CY", "Chypre": "CY", "Ciprus": "CY",
	"Czech Republic": "CZ", "Czechia": "CZ", "République tchèque": "CZ", "Csehország": "CZ",
	"Denmark": "DK", "Danemark": "DK", "Dánia": "DK",
	"Estonia": "EE", "Estonie": "EE", "Észtország": "EE",
	"Finland": "FI", "Finlande": "FI", "Finnország": "FI",
	"France": "FR", "Franciaország": "FR",
	"Georgia": "GE", "Géorgie": "GE", "Grúzia": "GE",
	"Germany": "DE", "Allemagne": "DE", "Németország": "DE",
	"Greece": "GR", "Grèce": "GR", "Görögország": "GR",
	"Hungary": "HU", "Hongrie": "HU", "Magyarország": "HU", "Magyarországon": "HU", "Magyarországnak": "HU",
	"Iceland": "IS", "Islande": "IS", "Izland": "IS",
	"Ireland": "IE", "Irlande": "IE", "Írország": "IE",
	"Italy": "IT", "Italie": "IT", "Olaszország": "IT",
	"Latvia": "LV", "Lettonie": "LV", "Lettország": "LV",
	"Liechtenstein": "LI",
	"Lithuania":     "LT", "Lituanie": "LT", "Litvánia": "LT",
	"Luxembourg": "LU", "Luxemburg": "LU",
	"Malta": "MT", "Malte": "MT", "Málta": "MT",
	"Republic of Moldova": "MD", "Moldova": "MD", "République de Moldova": "MD",
	"Monaco":     "MC",
	"Montenegro": "ME", "Monténégro": "ME", "Montenegró": "ME",
	"Netherlands": "NL", "Pays-Bas": "NL", "Hollandia": "NL", "Nederland": "NL",
	"North Macedonia": "MK", "Macédoine du Nord": "MK", "Észak-Macedónia": "MK",
	"Norway": "NO", "Norvège": "NO", "Norvégia": "NO",
	"Poland": "PL", "Pologne": "PL", "Lengyelország": "PL",
	"Portugal": "PT", "Portugália": "PT",
	"Romania": "RO", "Roumanie": "RO", "Románia": "RO",
	"San Marino": "SM", "Saint-Marin": "SM",
	"Serbia": "RS", "Serbie": "RS", "Szerbia": "RS",
	"Slovak Republic": "SK", "Slovakia": "SK", "Slovaquie": "SK", "Szlovákia": "SK",
	"Slovenia": "SI", "Slovénie": "SI", "Szlovénia": "SI",
	"Spain": "ES", "Espagne": "ES", "Spanyolország": "ES",
	"Sweden": "SE", "Suède": "SE", "Svédország": "SE",
	"Switzerland": "CH", "Suisse": "CH", "Svájc": "CH",
	"Türkiye": "TR", "Turkey": "TR", "Turquie": "TR", "Törökország": "TR",
	"Ukraine": "UA", "Ukrajna": "UA",
	"United Kingdom": "GB", "Royaume-Uni": "GB", "Egyesült Királyság": "GB",
	"Belarus": "BY", "Bélarus": "BY", "Fehéroroszország": "BY",
	"Israel": "IL", "Israël": "IL", "Izrael": "IL",
}

// findCountry returns the ISO code of the country named most often in s,
// "" when none is named. Names in parentheses count only when no other is
// named and they name one country: in UPR texts they are the States that
// made a recommendation ("… (Portugal)"), not the State the document is
// about, but "Report of the Working Group (Slovenia)" is about Slovenia.
func findCountry(s string) string {
	if c, _ := countryIn(outsideParens(s)); c != "" {
		return c
	}
	if c, named := countryIn(s); named == 1 {
		return c
	}
	return ""
}

// countriesIn returns how often s names each country, and where first.
func countriesIn(s string) (counts, first map[string]int) {
	counts, first = map[string]int{}, map[string]int{}
	for name, code := range countryNames {
		name = strings.TrimSpace(name)
		for idx := 0; ; {
			i := strings.Index(s[idx:], name)
			if i < 0 {
				break
			}
			i += idx
			if wordBoundary(s, i, i+len(name)) {
				counts[code]++
				if f, ok := first[code]; !ok || i < f {
					first[code] = i
				}
			}
			idx = i + len(name)
		}
	}
	return counts, first
}

// countryIn returns the code of the country s names most often, the first
// named on a tie, and how many countries s names.
func countryIn(s string) (code string, named int) {
	counts, first := countriesIn(s)
	for c, n := range counts {
		if code == "" || n > counts[code] || (n == counts[code] && first[c] < first[code]) {
			code = c
		}
	}
	return code, len(counts)
}

// outsideParens returns s with what stands between parentheses blanked
// out (same length, so offsets keep their meaning).
func outsideParens(s string) string {
	if !strings.Contains(s, "(") {
		return s
	}
	b := []byte(s)
	depth := 0
	for i, c := range b {
		switch {
		case c == '\n':
			depth = 0 // a parenthesis left open does not run on
		case c == '(':
			depth++
		case c == ')' && depth > 0:
			depth--
		case depth > 0:
			b[i] = ' '
		}
	}
	return string(b)
}

// wordBoundary reports whether s[i:j] is not part of a longer word.
func wordBoundary(s string, i, j int) bool {
	if i > 0 {
		r := lastRune(s[:i])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if j < len(s) {
		for _, r := range s[j:] {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}
	}
	return true
}

func lastRune(s string) rune {
	var last rune
	for _, r := range s[max(0, len(s)-4):] {
		last = r
	}
	return last
}

// stopwords are frequent words that tell the languages recmap reads apart.
// Words shared by two of them ("de", "is", "a") are left out.
var stopwords = map[string][]string{
	"en": {"the", "and", "of", "to", "that", "with", "for", "which", "this", "are", "be", "by", "on", "its"},
	"hu": {"az", "és", "hogy", "nem", "egy", "meg", "valamint", "szerint", "vagy", "kell", "által", "számára", "között", "pedig"},
	"fr": {"le", "la", "les", "des", "et", "du", "est", "que", "dans", "pour", "sur", "une", "par", "aux"},
	"nl": {"het", "een", "en", "van", "dat", "voor", "met", "niet", "zijn", "worden", "wordt", "door", "bij", "ook"},
	"de": {"der", "die", "das", "und", "nicht", "mit", "von", "ist", "für", "auf", "dem", "den", "sich", "wird"},
}

var stopwordLang = func() map[string]string {
	m := map[string]string{}
	for lang, ws := range stopwords {
		for _, w := range ws {
			m[w] = lang
		}
	}
	return m
}()

// DetectLanguage guesses the language of text (en, hu, fr, nl, de) by
// counting frequent function words. It returns "" when the text is too
// short to tell.
func DetectLanguage(text string) string {
	if len(text) > 200_000 {
		text = text[:200_000]
	}
	counts := map[string]int{}
	total := 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(w) > 12 {
			continue
		}
		if lang, ok := stopwordLang[strings.ToLower(w)]; ok {
			counts[lang]++
			total++
		}
	}
	best, second := "", 0
	for lang, n := range counts {
		if best == "" || n > counts[best] || (n == counts[best] && lang < best) {
			if best != "" {
				second = max(second, counts[best])
			}
			best = lang
		} else {
			second = max(second, n)
		}
	}
	if best == "" || counts[best] < 2 || counts[best] <= second {
		return ""
	}
	return best
}
