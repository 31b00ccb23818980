package rules

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/recmap/recmap"
)

// Reference kinds.
const (
	RefParagraph      = "paragraph"
	RefRecommendation = "recommendation"
	RefArticle        = "article"
	RefInstrument     = "instrument"
)

// Bounds on what one reference may expand to, so that "paragraphs 1–99999"
// in hostile input cannot allocate without end.
const (
	maxRangeExpand = 300  // a wider range keeps only its two ends
	maxRefTargets  = 1000 // targets of one reference
)

var (
	refKeywordRe = regexp.MustCompile(`(?i)\b(paragraphs?|paragraphes?|paras?\.?|§§?|recommendations?|recommandations?|recs?\.|articles?|arts?\.|artikelen|artikel)\s*(?:nos?\.?\s*|n°\s*)?`)
	refNumRe     = regexp.MustCompile(`^\d{1,4}(?:\.\d{1,4}){0,3}[a-z]?(?:\s?\([0-9a-z]{1,4}\))*`)
	refRangeRe   = regexp.MustCompile(`^\s*(?:-|–|—|‑|to|à|through)\s*`)
	refSepRe     = regexp.MustCompile(`^(?:\s*,\s*(?:and\s+|et\s+|és\s+|en\s+)?|\s+(?:and|et|és|en|or|ou|&)\s+)`)
	refOfRe      = regexp.MustCompile(`(?i)^\s*(?:of|de|du|van|des)\s+(?:the\s+|la\s+|le\s+|l'|de\s+|het\s+)?`)
	cetsNameRe   = regexp.MustCompile(`(?i)\bCouncil of Europe Convention on Action against Trafficking in Human Beings\b`)
)

// ParseReferences returns the explicit references in text, in order:
// paragraphs ("(paragraph 54)", "paragraphs 45-47", "paras. 12 and 14"),
// recommendations ("Recommendations 78–86, 174–181", "recommendations 115.3
// and 115.7"), articles ("Article 11(4)", "Articles 2 and 3", with Doc set
// when an instrument follows: "Article 2 of Directive 2011/36/EU") and
// instruments ("Directive 2011/36/EU" → Doc 32011L0036, "Directive (EU)
// 2024/1712" → 32024L1712, "CETS No. 197" → CETS197). Ranges are expanded
// (78–86 gives 78 … 86; 115.3–115.7 and 115.3–7 give 115.3 … 115.7) up to
// a bound; Raw keeps the text as written.
func ParseReferences(text string) []recmap.Reference {
	type found struct {
		at  int
		ref recmap.Reference
	}
	var out []found
	if !mayCite(text) {
		return nil
	}
	for _, m := range refKeywordRe.FindAllStringSubmatchIndex(text, -1) {
		kw := strings.ToLower(text[m[2]:m[3]])
		kind := RefParagraph
		switch {
		case strings.HasPrefix(kw, "rec"):
			kind = RefRecommendation
		case strings.HasPrefix(kw, "art"):
			kind = RefArticle
		}
		targets, end := parseRefList(text[m[1]:], kind == RefArticle)
		if len(targets) == 0 {
			continue
		}
		end += m[1]
		ref := recmap.Reference{Raw: strings.TrimSpace(text[m[0]:end]), Kind: kind, Targets: targets}
		if kind == RefArticle {
			if of := refOfRe.FindStringIndex(text[end:]); of != nil {
				rest := text[end+of[1]:]
				if doc, n := instrumentAt(rest); doc != "" {
					ref.Doc = doc
					ref.Raw = strings.TrimSpace(text[m[0] : end+of[1]+n])
				}
			}
		}
		out = append(out, found{m[0], ref})
	}
	for _, m := range euActRe.FindAllStringSubmatchIndex(text, -1) {
		if c := celex(text[m[2]:m[3]], text[m[4]:m[5]], text[m[6]:m[7]]); c != "" {
			out = append(out, found{m[0], recmap.Reference{Raw: text[m[0]:m[1]], Kind: RefInstrument, Doc: c}})
		}
	}
	for _, m := range cetsRe.FindAllStringSubmatchIndex(text, -1) {
		out = append(out, found{m[0], recmap.Reference{Raw: text[m[0]:m[1]], Kind: RefInstrument, Doc: "CETS" + text[m[2]:m[3]]}})
	}
	for _, m := range cetsNameRe.FindAllStringIndex(text, -1) {
		out = append(out, found{m[0], recmap.Reference{Raw: text[m[0]:m[1]], Kind: RefInstrument, Doc: "CETS197"}})
	}
	if len(out) == 0 {
		return nil
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].at < out[j].at })
	refs := make([]recmap.Reference, 0, len(out))
	seen := map[string]bool{}
	for _, f := range out {
		k := f.ref.Kind + "\x00" + f.ref.Raw
		if seen[k] {
			continue
		}
		seen[k] = true
		refs = append(refs, f.ref)
	}
	return refs
}

// instrumentAt recognises an instrument named at the start of s and returns
// its identifier and the length of its name.
func instrumentAt(s string) (string, int) {
	if m := euActRe.FindStringSubmatchIndex(s); m != nil && m[0] == 0 {
		if c := celex(s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]]); c != "" {
			return c, m[1]
		}
	}
	if m := cetsRe.FindStringSubmatchIndex(s); m != nil && m[0] == 0 {
		return "CETS" + s[m[2]:m[3]], m[1]
	}
	if m := cetsNameRe.FindStringIndex(s); m != nil && m[0] == 0 {
		return "CETS197", m[1]
	}
	return "", 0
}

// parseRefList reads a list of numbers and ranges at the start of s ("78–86,
// 174–181", "12 and 14", "11(4)") and returns the expanded targets and the
// length of the list.
func parseRefList(s string, article bool) ([]string, int) {
	var targets []string
	pos, end := 0, 0
	add := func(t string) {
		if len(targets) < maxRefTargets {
			targets = append(targets, t)
		}
	}
	for {
		m := refNumRe.FindString(s[pos:])
		if m == "" {
			break
		}
		if !article && strings.Contains(m, "(") {
			m = m[:strings.IndexByte(m, '(')]
			m = strings.TrimRight(m, " ")
		}
		if !article && hasLetterSuffix(m) {
			break
		}
		from := normRefNum(m)
		pos += len(m)
		end = pos
		if r := refRangeRe.FindString(s[pos:]); r != "" {
			if m2 := refNumRe.FindString(s[pos+len(r):]); m2 != "" && !strings.Contains(m2, "(") && !hasLetterSuffix(m2) {
				to := normRefNum(m2)
				for _, t := range expandRange(from, to) {
					add(t)
				}
				pos += len(r) + len(m2)
				end = pos
				goto next
			}
		}
		add(from)
	next:
		sep := refSepRe.FindString(s[pos:])
		if sep == "" {
			break
		}
		// A separator must be followed by another number, or the list ends.
		if refNumRe.FindString(s[pos+len(sep):]) == "" {
			break
		}
		// A year after "and" is not a paragraph: "paragraph 4 and 2023".
		if n := refNumRe.FindString(s[pos+len(sep):]); !article && len(n) == 4 && !strings.Contains(n, ".") && (strings.HasPrefix(n, "19") || strings.HasPrefix(n, "20")) {
			break
		}
		pos += len(sep)
	}
	return targets, end
}

func hasLetterSuffix(m string) bool {
	c := m[len(m)-1]
	return c >= 'a' && c <= 'z'
}

// normRefNum removes spaces inside a number as cited: "11 (4)" → "11(4)".
func normRefNum(s string) string { return strings.ReplaceAll(s, " ", "") }

// expandRange expands "78".."86" and "115.3".."115.7" (or "115.3".."7"). A
// range that is reversed, mixes prefixes or is wider than maxRangeExpand
// gives its two ends.
func expandRange(from, to string) []string {
	prefix := ""
	lastFrom := from
	if i := strings.LastIndexByte(from, '.'); i >= 0 {
		prefix, lastFrom = from[:i+1], from[i+1:]
	}
	lastTo := to
	if strings.Contains(to, ".") {
		i := strings.LastIndexByte(to, '.')
		if to[:i+1] != prefix {
			return []string{from, to}
		}
		lastTo = to[i+1:]
	}
	a, err1 := strconv.Atoi(lastFrom)
	b, err2 := strconv.Atoi(lastTo)
	if err1 != nil || err2 != nil || b < a || b-a >= maxRangeExpand {
		return []string{from, prefix + lastTo}
	}
	out := make([]string, 0, b-a+1)
	for n := a; n <= b; n++ {
		out = append(out, prefix+strconv.Itoa(n))
	}
	return out
}

// citeWords are substrings (lower case) that every reference pattern
// contains: a text without any of them cites nothing, and the
// case-insensitive patterns are costly on long reports.
var citeWords = []string{"para", "§", "rec", "art", "directive", "regulation", "decision", "ets", "council of europe"}

func mayCite(text string) bool {
	l := strings.ToLower(text)
	for _, w := range citeWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}
