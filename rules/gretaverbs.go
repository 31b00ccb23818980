package rules

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// GRETA grades its recommendations by the verb that introduces them. It
// defines three levels itself: "urges" (law or practice not in line with
// the Convention) > "considers that … should" > "invites" (on the right
// track). "Calls on", "expects" and "recommends" are also met. The tables
// below are the English and French forms, active and passive; findings
// ("welcomes", "notes", "is concerned") are told apart so that they are
// not taken for recommendations.

// Strengths, strongest first.
const (
	StrengthUrge      = "urge"
	StrengthCallOn    = "call-on"
	StrengthExpect    = "expect"
	StrengthConsider  = "consider"
	StrengthRecommend = "recommend"
	StrengthInvite    = "invite"
)

// gretaSubject is GRETA (or "Le GRETA"), possibly followed by an aside
// between commas and adverbs: "GRETA, recalling its earlier report,
// once again urges …".
const gretaSubject = `(?:\bLe\s+|\bthe\s+)?\bGRETA\b(?:\s*,[^,.;:]{1,160},)?\s+` + gretaAdverbs

const gretaAdverbs = `(?:(?:once again|once more|again|also|further|furthermore|therefore|thus|strongly|nevertheless|however|still|now|moreover|firmly|in particular|accordingly|consequently|would like to|wishes to|would|encore une fois|encore|à nouveau|de nouveau|une nouvelle fois|fortement|vivement|aussi|également|donc|en outre|par conséquent|dès lors|toutefois|néanmoins)\s*,?\s+)*`

// A verb rule: the pattern after the subject, the strength it gives, and
// whether the sentence must also say "should" (for "considers that").
type verbRule struct {
	re       *regexp.Regexp
	strength string
	modal    bool // "considers that … should": needs an obligation word after the verb
}

var (
	gretaRecRules = []verbRule{
		{regexp.MustCompile(`(?i)` + gretaSubject + `(urges?|exhorte|prie instamment|demande instamment)\b`), StrengthUrge, false},
		{regexp.MustCompile(`(?i)` + gretaSubject + `(calls?\s+(?:up)?on|calls?\s+for|appelle|demande|asks?|requests?)\b`), StrengthCallOn, false},
		{regexp.MustCompile(`(?i)` + gretaSubject + `(expects?|attend)\b`), StrengthExpect, false},
		{regexp.MustCompile(`(?i)` + gretaSubject + `(considers?\s+it\s+(?:essential|important|necessary|crucial|vital|indispensable|imperative|advisable|appropriate)|(?:considers?|is\s+of\s+the\s+(?:view|opinion)|believes?|estime|considère)(?:\s+que|\s+that|\s+qu['’]))`), StrengthConsider, true},
		{regexp.MustCompile(`(?i)` + gretaSubject + `(recommends?|recommande|reiterates\s+its\s+recommendation|réitère\s+sa\s+recommandation)\b`), StrengthRecommend, false},
		{regexp.MustCompile(`(?i)` + gretaSubject + `(invites?|encourages?|invite|encourage)\b`), StrengthInvite, false},
		// Passive: "the Hungarian authorities are (once again) urged to".
		{regexp.MustCompile(`(?i)\b(?:authorities|government|state|autorités|gouvernement)\s+(?:are|is|sont|est)\s+` + gretaAdverbs + `((?:strongly\s+)?urged|called\s+(?:up)?on|expected|invited|encouraged|instamment\s+priées?|invitée?s?|encouragée?s?|exhortée?s?)\s+(?:to|à)\b`), "", false},
	}

	// The words that turn "GRETA considers that" into a recommendation.
	modalRe = regexp.MustCompile(`(?i)\b(should|must|ought to|needs? to|have to|has to|is (?:essential|important|necessary|crucial|vital)|further (?:steps|efforts|measures|action)|devraient|devrait|doivent|doit|il convient|il est (?:essentiel|important|nécessaire|crucial))\b`)

	gretaFindingRe = regexp.MustCompile(`(?i)` + gretaSubject + `(welcomes?|notes?|takes?\s+note|is\s+(?:(?:seriously|deeply|particularly|very|also)\s+)*(?:concerned|worried|pleased|encouraged|satisfied)|stresses|commends?|regrets?|acknowledges?|recognises?|recognizes?|appreciates?|praises?|observes?|emphasi[sz]es|underlines?|highlights?|deplores?|recalls?|considers?|is\s+of\s+the\s+(?:view|opinion)|reiterates|salue|se\s+félicite|note|prend\s+note|est\s+(?:(?:vivement|très|profondément|particulièrement)\s+)*(?:préoccupé|inquiet|satisfait)|souligne|rappelle|regrette|constate|félicite|considère|estime|reconnaît)\b`)
)

// keepInformedRe is GRETA's closing formula, "GRETA invites the
// authorities to keep it informed of developments": not a recommendation.
var keepInformedRe = regexp.MustCompile(`(?i)\bto\s+keep\s+(?:it|GRETA)\s+(?:regularly\s+)?informed\b|\btenir\s+le\s+GRETA\s+(?:régulièrement\s+)?informé`)

// passiveStrength maps a passive verb to its strength.
func passiveStrength(v string) string {
	v = strings.ToLower(v)
	switch {
	case strings.Contains(v, "urged"), strings.Contains(v, "instamment"), strings.Contains(v, "exhort"):
		return StrengthUrge
	case strings.Contains(v, "called"):
		return StrengthCallOn
	case strings.Contains(v, "expected"):
		return StrengthExpect
	}
	return StrengthInvite
}

// sentenceClass says what a sentence of a GRETA report is.
type sentenceClass struct {
	rec       bool   // a recommendation
	finding   bool   // a finding: welcomes, notes, is concerned …
	strength  string // for rec
	verb      string // the verb phrase as written
	addressee string // "the Hungarian authorities"
}

// classify reads one sentence. The earliest recommendation verb wins;
// findings count only when there is none.
func classify(s string) sentenceClass {
	best := sentenceClass{}
	at := len(s) + 1
	for _, r := range gretaRecRules {
		for _, m := range r.re.FindAllStringSubmatchIndex(s, 4) {
			if m[0] >= at {
				break
			}
			verb := s[m[2]:m[3]]
			rest := s[m[1]:]
			if r.modal && !strings.Contains(strings.ToLower(verb), " it ") && !modalRe.MatchString(rest) {
				continue
			}
			st := r.strength
			addr := ""
			if st == "" {
				st = passiveStrength(verb)
				addr = passiveAddressee(s[:m[2]])
			} else {
				addr = addresseeAfter(rest, r.modal)
			}
			best = sentenceClass{rec: true, strength: st, verb: verb, addressee: addr}
			at = m[0]
			break
		}
	}
	if best.rec && !keepInformedRe.MatchString(s) {
		return best
	}
	if m := gretaFindingRe.FindStringSubmatch(s); m != nil {
		return sentenceClass{finding: true, verb: m[1]}
	}
	return sentenceClass{}
}

var (
	addrToRe    = regexp.MustCompile(`(?i)^\s*((?:the|all|relevant|les|l['’])\s?[^,;:.()]{0,80}?|them|[A-Z][^,;:.()]{0,60}?)\s+(?:to|à|de|d['’]|that|qu['’]|que)\b`)
	addrModalRe = regexp.MustCompile(`(?i)^\s*((?:the|all|relevant|les|l['’])\s?[^,;:.()]{0,80}?)\s+(?:should|must|ought|need|have|has|devraient|devrait|doivent|doit|continue)\b`)
	addrPassRe  = regexp.MustCompile(`(?i)((?:the|les)\s+[^,;:.()]{0,60}?(?:authorities|government|state|autorités|gouvernement)(?:\s+\p{L}+)?)\s+(?:are|is|sont|est)\s+\S*\s*$`)
)

// addresseeAfter reads the addressee after the verb: "urges [the
// Hungarian authorities] to", "considers that [the authorities] should".
func addresseeAfter(rest string, modal bool) string {
	re := addrToRe
	if modal {
		re = addrModalRe
	}
	m := re.FindStringSubmatch(rest)
	if m == nil {
		return ""
	}
	a := strings.TrimSpace(m[1])
	if !looksLikeAddressee(a) {
		return ""
	}
	return a
}

func passiveAddressee(before string) string {
	if m := addrPassRe.FindStringSubmatch(before); m != nil {
		return strings.TrimSpace(m[1])
	}
	return ""
}

// looksLikeAddressee rejects what follows a verb but is not a body:
// "urges further steps to", "recommends that steps be taken".
func looksLikeAddressee(a string) bool {
	l := strings.ToLower(a)
	if l == "them" || l == "it" {
		return true
	}
	for _, w := range []string{"authorit", "government", "state", "ministr", "police", "parliament", "prosecut", "agenc", "inspect", "service", "office", "body", "bodies", "court", "judge", "coordinat", "rapporteur", "autorit", "gouvernement", "municipal", "institution", "partie", "party", "parties"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// splitSentences returns the byte ranges of the sentences of s. It does
// not split after common abbreviations ("e.g.", "para.", "No."), initials,
// or inside a bulleted list that runs on after a colon.
func splitSentences(s string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		// closing quotes, brackets and footnote marks
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if strings.ContainsRune(`"')]”’»`, r) || (r >= '0' && r <= '9' && j-i <= 3) || strings.ContainsRune("¹²³⁴⁵⁶⁷⁸⁹⁰", r) {
				j += n
				continue
			}
			break
		}
		if j >= len(s) {
			break
		}
		if s[j] != ' ' && s[j] != '\t' && s[j] != '\n' {
			continue
		}
		k := j
		for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n') {
			k++
		}
		if k >= len(s) {
			break
		}
		r, _ := utf8.DecodeRuneInString(s[k:])
		if !unicode.IsUpper(r) && !strings.ContainsRune(`"“«(`, r) {
			continue
		}
		if c == '.' && isAbbrev(s[start:i]) {
			continue
		}
		out = append(out, [2]int{start, j})
		start = k
	}
	if start < len(s) && strings.TrimSpace(s[start:]) != "" {
		out = append(out, [2]int{start, len(s)})
	}
	return out
}

var abbrevs = map[string]bool{
	"e.g": true, "i.e": true, "no": true, "nos": true, "para": true, "paras": true, "art": true,
	"p": true, "pp": true, "cf": true, "mr": true, "mrs": true, "ms": true, "dr": true, "st": true,
	"vol": true, "seq": true, "al": true, "op": true, "cit": true, "nr": true, "ff": true, "fig": true,
	"v": true, "vs": true, "ibid": true, "ca": true, "approx": true, "incl": true, "n°": true, "sz": true,
	"dec": true, "rec": true, "chap": true, "sect": true, "ch": true, "prof": true, "jan": true, "feb": true,
}

// isAbbrev reports whether the text before a dot ends in an abbreviation.
func isAbbrev(before string) bool {
	w := before
	if i := strings.LastIndexAny(before, " \t\n(\"“"); i >= 0 {
		w = before[i+1:]
	}
	if w == "" {
		return false
	}
	if utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(w)[0]) {
		return true // an initial
	}
	return abbrevs[strings.ToLower(w)]
}

// stopword-free word sets for comparing a recommendation with its
// repetition in the appendix.
var simStop = map[string]bool{
	"the": true, "and": true, "of": true, "to": true, "in": true, "a": true, "an": true, "for": true,
	"on": true, "that": true, "with": true, "by": true, "as": true, "be": true, "are": true, "is": true,
	"greta": true, "urges": true, "considers": true, "invites": true, "should": true, "authorities": true,
	"hungarian": true, "further": true, "steps": true, "take": true, "ensure": true, "their": true,
	"les": true, "des": true, "de": true, "la": true, "le": true, "et": true, "à": true, "du": true,
	"paragraph": true, "paragraphs": true, "paragraphe": true, "paragraphes": true, "or": true, "this": true,
}

func wordSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(w) < 3 || simStop[w] {
			continue
		}
		if len(w) > 7 {
			w = w[:7] // a crude stem: "identification" ~ "identified"
		}
		set[w] = true
	}
	return set
}

// similarity is the Dice coefficient of two word sets.
func similarity(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return 2 * float64(n) / float64(len(a)+len(b))
}

// containment is the share of a's words found in b.
func containment(a, b map[string]bool) float64 {
	if len(a) == 0 {
		return 0
	}
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

var paraRefTokRe = regexp.MustCompile(`\d+|–|-|—|to`)

var paraRefRe = regexp.MustCompile(`(?i)\bparagraph(?:e)?s?\s+(\d{1,3}(?:\s*(?:,|and|et|&|–|-|—|to)\s*\d{1,3})*)`)

// paraRefs returns the paragraph numbers s cites ("(paragraph 54)",
// "(paragraphs 54 and 56)", "(paragraphes 45-47)"), ranges expanded.
func paraRefs(s string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(n int) {
		k := strconv.Itoa(n)
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for _, m := range paraRefRe.FindAllStringSubmatch(s, -1) {
		toks := paraRefTokRe.FindAllString(m[1], -1)
		for i := 0; i < len(toks); i++ {
			t := toks[i]
			if t[0] < '0' || t[0] > '9' {
				continue
			}
			a := dateAtoi(t)
			if i+2 < len(toks) && (toks[i+1] == "–" || toks[i+1] == "-" || toks[i+1] == "—" || toks[i+1] == "to") {
				b := dateAtoi(toks[i+2])
				if b >= a && b-a <= 50 {
					for n := a; n <= b; n++ {
						add(n)
					}
					i += 2
					continue
				}
			}
			add(a)
		}
	}
	return out
}
