package rules

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/extract"
)

// UPR documents. Three profiles share this file:
//
//   - upr-report: the Working Group report. Its conclusions hold the
//     recommendations as numbered lists inside one or more paragraphs:
//     "115.62 Continue efforts … (Philippines);" from the 2nd cycle on, and
//     "1. To ratify … (Spain)/… (Argentina);" in the 1st cycle, numbered
//     here "111.1" after the paragraph that introduces the list. Each list
//     item is a KindRecommendation with its recommending States.
//   - upr-responses: the State's responses (…/Add.1). Each recommendation
//     it gives a position on becomes a KindRecommendation item numbered as
//     the response cites it ("140.7", or the bare "7" of 2015-style
//     responses), with Position "supported" or "noted" and one Reference
//     {Kind: recommendation, Doc: <WG report symbol>, Targets: [number]}.
//     ApplyPositions copies the positions onto the WG report's items.
//   - upr-national-report: the State's national report. Numbered
//     paragraphs become KindAction items under their section headings;
//     the "Recommendations 78–86, 174–181" lines under a heading become
//     recommendation References of every action below them, resolved to
//     the previous WG report's numbering ("115.78") when the report says
//     which paragraph numbers them ("numbered as in paragraph 115 of …
//     A/HRC/28/15"); otherwise Targets stay bare, for ResolveReferences
//     to resolve against the WG report's items (ingest does not call it
//     yet).

func init() {
	register(&profile{family: recmap.FamilyUPRReport, detect: detectUPRReport, cut: cutUPRReport})
	register(&profile{family: recmap.FamilyUPRResponses, detect: detectUPRResponses, cut: cutUPRResponses})
	register(&profile{family: recmap.FamilyUPRNationalReport, detect: detectUPRNational, cut: cutUPRNational})
}

var (
	hrcSymbolRe = regexp.MustCompile(`^A/HRC/(\d+)/\d+$`)
	addSymbolRe = regexp.MustCompile(`^(A/HRC/\d+/\d+)/Add\.\d+$`)
	wgSymbolRe  = regexp.MustCompile(`^A/HRC/WG\.6/(\d+)/[A-Z]{3}/\d+$`)
)

// headText joins the first paragraphs of doc, for detection.
func uprHead(doc *extract.Document, n int) string {
	var b strings.Builder
	for i, p := range doc.Paragraphs {
		if i >= n {
			break
		}
		b.WriteString(p.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

func detectUPRReport(doc *extract.Document) (float64, []string) {
	head := strings.ToLower(uprHead(doc, headParagraphs))
	sym, _ := FindSymbol(uprHead(doc, 10))
	var s float64
	var why []string
	if strings.Contains(head, "report of the working group on the universal periodic") {
		s += 0.6
		why = append(why, `title "Report of the Working Group on the Universal Periodic Review"`)
	}
	if hrcSymbolRe.MatchString(sym) {
		s += 0.2
		why = append(why, "symbol "+sym)
	}
	if strings.Contains(head, "addendum") || strings.Contains(head, "views on conclusions") {
		s -= 0.5
		why = append(why, "but an addendum")
	}
	if len(findRecLists(doc)) > 0 {
		s += 0.2
		why = append(why, "numbered recommendation list")
	}
	return uprClamp(s), why
}

func detectUPRResponses(doc *extract.Document) (float64, []string) {
	head := strings.ToLower(uprHead(doc, headParagraphs))
	sym, _ := FindSymbol(uprHead(doc, 10))
	var s float64
	var why []string
	if addSymbolRe.MatchString(sym) {
		s += 0.4
		why = append(why, "addendum symbol "+sym)
	}
	if strings.Contains(head, "views on conclusions") {
		s += 0.4
		why = append(why, `"Views on conclusions and/or recommendations"`)
	}
	if strings.Contains(head, "universal periodic review") {
		s += 0.2
		why = append(why, "universal periodic review")
	}
	return uprClamp(s), why
}

func detectUPRNational(doc *extract.Document) (float64, []string) {
	head := strings.ToLower(uprHead(doc, 15))
	sym, _ := FindSymbol(uprHead(doc, 10))
	var s float64
	var why []string
	if wgSymbolRe.MatchString(sym) {
		s += 0.5
		why = append(why, "national report symbol "+sym)
	}
	if strings.Contains(head, "national report submitted") {
		s += 0.5
		why = append(why, `"National report submitted in accordance with …"`)
	}
	return uprClamp(s), why
}

func uprClamp(s float64) float64 { return max(0, min(1, s)) }

// uprMeta sets what every UPR document shares: body, cycle, country, title.
func uprMeta(p *parser, title string) {
	d := &p.res.Doc
	d.Body = "UPR"
	if c := uprCycle(uprSymbol(p)); c != "" {
		d.Round = c
	}
	{
		d.Title = title
		if d.Country != "" {
			for name, code := range countryNames {
				if code == d.Country && strings.Contains(uprHead(p.doc, headParagraphs), name) && !strings.ContainsAny(name, "áéíóöőúüű") {
					d.Title = title + " – " + name
					break
				}
			}
		}
	}
}

// uprSymbol is the document's own symbol or, for a document without one,
// the one it cites first: OHCHR's thematic list of recommendations gives
// the addendum its positions come from ("Source of position:
// A/HRC/59/15/Add.1") in every row.
func uprSymbol(p *parser) string {
	if p.res.Doc.Symbol != "" {
		return p.res.Doc.Symbol
	}
	sym, _ := citedSymbol(p.doc)
	return sym
}

// uprCycle derives the UPR cycle from a document symbol: the Human Rights
// Council session of a WG report or its addendum, or the Working Group
// session of a national report.
func uprCycle(sym string) string {
	if m := wgSymbolRe.FindStringSubmatch(sym); m != nil {
		n, _ := strconv.Atoi(m[1])
		switch {
		case n <= 12:
			return "1"
		case n <= 26:
			return "2"
		case n <= 40:
			return "3"
		case n <= 54:
			return "4"
		}
		return "5"
	}
	if m := addSymbolRe.FindStringSubmatch(sym); m != nil {
		sym = m[1]
	}
	if m := hrcSymbolRe.FindStringSubmatch(sym); m != nil {
		n, _ := strconv.Atoi(m[1])
		switch {
		case n <= 19:
			return "1"
		case n <= 34:
			return "2"
		case n <= 51:
			return "3"
		case n <= 66:
			return "4"
		}
		return "5"
	}
	return ""
}

// recList is one numbered list of recommendations inside a paragraph.
type recList struct {
	intro    int    // index of the introducing paragraph ("115. The recommendations …")
	para     string // its number: "115"
	dotted   bool   // items numbered "115.1" (else "1", "2" …)
	position string // "supported" or "noted" when the intro says so
}

// paraNumber returns the number printed before paragraph i and its text,
// splitting it from the text when the reader did not.
func paraNumber(p extract.Paragraph) (string, string) {
	if p.Number != "" {
		return p.Number, p.Text
	}
	return extract.SplitNumber(p.Text)
}

// findRecLists finds the paragraphs that introduce recommendation lists: a
// paragraph with a plain number whose text speaks of recommendations and
// that is followed by "N.1" or "1".
func findRecLists(doc *extract.Document) []recList {
	var out []recList
	for i := 0; i < len(doc.Paragraphs); i++ {
		num, text := paraNumber(doc.Paragraphs[i])
		if num == "" || strings.Contains(num, ".") {
			continue
		}
		lower := strings.ToLower(text)
		if !strings.Contains(lower, "recommendation") {
			continue
		}
		for j := i + 1; j < len(doc.Paragraphs) && j <= i+4; j++ {
			n, _ := paraNumber(doc.Paragraphs[j])
			if n == "" {
				continue
			}
			if n == num+".1" || n == "1" {
				l := recList{intro: i, para: num, dotted: n != "1"}
				switch {
				case strings.Contains(lower, "did not enjoy") || strings.Contains(lower, "noted") || strings.Contains(lower, "will not"):
					l.position = "noted"
				case strings.Contains(lower, "enjoy the support") || strings.Contains(lower, "enjoyed the support") || strings.Contains(lower, "have been examined and are supported"):
					l.position = "supported"
				}
				out = append(out, l)
			}
			break
		}
	}
	return out
}

// pageFurniture matches what a page header or footer leaves in the body
// when the reader did not remove it: a page number, the symbol, a job number.
var pageFurniture = regexp.MustCompile(`^(?:\d{1,3}\s+)?(?:A/HRC/\S+|GE\.\d{2}-\d+\s*\(E\)|\d{1,3})(?:\s+\d{1,3})?$`)

func isFurniture(text string) bool {
	t := strings.TrimSpace(text)
	return t == "" || pageFurniture.MatchString(t) || strings.HasPrefix(t, "*")
}

func cutUPRReport(ctx context.Context, p *parser) error {
	uprMeta(p, "Report of the Working Group on the Universal Periodic Review")
	lists := findRecLists(p.doc)
	if len(lists) == 0 {
		p.warnf("no numbered recommendation list found: expected a paragraph such as \"115. The recommendations listed below …\" followed by 115.1, 115.2 …")
		return nil
	}
	section := conclusionsSection(p.doc, lists[0].intro)
	for _, l := range lists {
		if err := ctx.Err(); err != nil {
			return err
		}
		p.claim(l.intro)
		last := 0
		var cur *recmap.Item
		count := 0
		flush := func() {
			if cur == nil {
				return
			}
			cur.States = recommendingStates(cur.Text)
			if len(cur.States) == 0 {
				p.warnf("recommendation %s: no recommending State in parentheses", cur.Number)
			}
			p.add(*cur)
			cur = nil
			count++
		}
		for j := l.intro + 1; j < len(p.doc.Paragraphs); j++ {
			para := p.doc.Paragraphs[j]
			num, text := paraNumber(para)
			k := 0
			if num != "" {
				sub := num
				if l.dotted {
					if !strings.HasPrefix(num, l.para+".") {
						sub = ""
					} else {
						sub = num[len(l.para)+1:]
					}
				} else if strings.Contains(num, ".") {
					sub = ""
				}
				k, _ = strconv.Atoi(sub)
				if k == 0 || k <= last || (!l.dotted && k > last+3) {
					k = 0
				}
			}
			if k == 0 {
				switch {
				case num != "":
					// The next numbered paragraph of the report: the list is over.
				case cur == nil:
					p.claim(j) // the rest of the introducing paragraph
					continue
				case isFurniture(text):
					p.claim(j)
					continue
				case !endsItem(cur.Text) || uprLowerStart(text):
					cur.Text += " " + strings.TrimSpace(text)
					p.claim(j)
					continue
				case nextInList(p.doc, j, l, last+1):
					continue // a footnote or page furniture between two items
				}
				break
			}
			if k != last+1 {
				p.warnf("recommendation list of paragraph %s: %d follows %d, %d missing", l.para, k, last, k-last-1)
			}
			flush()
			last = k
			cur = &recmap.Item{
				Kind: recmap.KindRecommendation, Number: l.para + "." + strconv.Itoa(k),
				Text: strings.TrimSpace(text), Page: para.Page, Para: l.para, ParaIndex: j,
				Position: l.position, Section: section,
			}
		}
		flush()
		if count == 0 {
			p.warnf("recommendation list of paragraph %s is empty", l.para)
		}
	}
	return nil
}

// uprLowerStart reports whether s starts with a lower-case letter: the next
// clause of a merged recommendation ("…(Armenia); continue its efforts …").
func uprLowerStart(s string) bool {
	for _, r := range strings.TrimSpace(s) {
		return unicode.IsLower(r)
	}
	return false
}

// nextInList reports whether the item numbered want follows paragraph j
// closely, so that what lies between is noise, not the end of the list.
func nextInList(doc *extract.Document, j int, l recList, want int) bool {
	w := strconv.Itoa(want)
	if l.dotted {
		w = l.para + "." + w
	}
	for i := j + 1; i < len(doc.Paragraphs) && i <= j+6; i++ {
		if n, _ := paraNumber(doc.Paragraphs[i]); n != "" {
			return n == w
		}
	}
	return false
}

// endsItem reports whether a list item's text is complete: it ends with
// ";" or "." after its States.
func endsItem(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, ";") || strings.HasSuffix(s, ".") || strings.HasSuffix(s, ";”")
}

// conclusionsSection returns the heading above the recommendation lists
// ("II. Conclusions and/or recommendations") as a section path.
func conclusionsSection(doc *extract.Document, intro int) []string {
	for i := intro - 1; i >= 0 && i >= intro-8; i-- {
		t := strings.TrimSpace(doc.Paragraphs[i].Text)
		if strings.Contains(strings.ToLower(t), "conclusions and/or recommendations") && len(t) < 80 {
			return []string{t}
		}
	}
	return nil
}

// recommendingStates returns the States named in the parenthesised groups
// that close a recommendation or one of its clauses: "(Philippines);",
// "(Egypt)/… (Argentina)", "(Armenia); continue … (Costa Rica);". Nested
// parentheses stay inside a name: "Iran (Islamic Republic of)".
func recommendingStates(text string) []string {
	var out []string
	seen := map[string]bool{}
	depth, start := 0, -1
	for i, r := range text {
		switch r {
		case '(':
			if depth == 0 {
				start = i + 1
			}
			depth++
		case ')':
			if depth == 0 {
				continue
			}
			depth--
			if depth > 0 {
				continue
			}
			after := strings.TrimLeft(text[i+1:], " ")
			if after != "" && !strings.HasPrefix(after, ";") && !strings.HasPrefix(after, "/") && !strings.HasPrefix(after, ".") && !strings.HasPrefix(after, ",") {
				continue
			}
			group := text[start:i]
			names := splitStates(group)
			if names == nil {
				continue
			}
			for _, n := range names {
				if !seen[n] {
					seen[n] = true
					out = append(out, n)
				}
			}
		}
	}
	return out
}

// splitStates splits "Senegal, Sierra Leone, Venezuela (Bolivarian Republic
// of)" into names, or returns nil when the group does not look like a list
// of States (an acronym, a number, a lower-case phrase).
func splitStates(group string) []string {
	var parts []string
	depth, start := 0, 0
	for i, r := range group {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ',', ';':
			if depth == 0 {
				parts = append(parts, group[start:i])
				start = i + 1
			}
		}
	}
	parts = append(parts, group[start:])
	var out []string
	for _, part := range parts {
		n := strings.Join(strings.Fields(part), " ")
		n = strings.TrimPrefix(n, "and ")
		if n == "" {
			continue
		}
		r := []rune(strings.TrimPrefix(strings.TrimPrefix(n, "the "), "former "))
		if len(r) == 0 || !unicode.IsUpper(r[0]) || strings.ContainsAny(n, "0123456789") || len(strings.Fields(n)) > 9 || n == strings.ToUpper(n) {
			return nil
		}
		out = append(out, n)
	}
	return out
}

var (
	positionRe = regexp.MustCompile(`(?i)\b(accepts|accepted|supports|supported|enjoy(?:s|ed)? the support of|notes|noted|takes note of|took note of|rejects|rejected|does not (?:accept|support)|did not (?:accept|support))\b[^0-9]{0,80}?\brecommendations?\b(?:[^0-9.;]{0,120}:)?\s*`)
	recListRe  = regexp.MustCompile(`^(\d{1,3}(?:\.\d{1,3})?)(?:\s*[-–—‑]\s*(\d{1,3}(?:\.\d{1,3})?))?`)
	recSepRe   = regexp.MustCompile(`^(?:\s*[,.;]\s*(?:and\s+)?|\s+and\s+|\s+)`)
	numbered   = regexp.MustCompile(`(?i)numbered as in paragraph (\d{1,3}) of\b.{0,200}?(A/HRC/\d+/\d+)`)
)

// positionWord maps the verbs of a response to a position.
func positionWord(verb string) string {
	v := strings.ToLower(verb)
	if strings.HasPrefix(v, "accept") || strings.HasPrefix(v, "support") || strings.HasPrefix(v, "enjoy") {
		return "supported"
	}
	return "noted"
}

// scanRecNumbers reads "1–5, 14– 16, 140.35. 140.36 and 163" from the start
// of s.
func scanRecNumbers(s string) []string {
	var out []string
	pos := 0
	for {
		m := recListRe.FindStringSubmatch(s[pos:])
		if m == nil {
			break
		}
		if m[2] != "" {
			out = append(out, expandRange(m[1], m[2])...)
		} else {
			out = append(out, m[1])
		}
		pos += len(m[0])
		sep := recSepRe.FindString(s[pos:])
		if sep == "" || recListRe.FindString(s[pos+len(sep):]) == "" {
			break
		}
		pos += len(sep)
		if len(out) > maxRefTargets {
			break
		}
	}
	return out
}

func cutUPRResponses(ctx context.Context, p *parser) error {
	uprMeta(p, "Report of the Working Group on the Universal Periodic Review – Addendum: views on recommendations")
	wg := ""
	if m := addSymbolRe.FindStringSubmatch(uprSymbol(p)); m != nil {
		wg = m[1]
	}
	p.noTextRefs = true // an item's one reference is its recommendation, not the whole list
	positions := map[string]string{}
	var order []string
	where := map[string]int{}
	for i, para := range p.doc.Paragraphs {
		if i%256 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if para.Table > 0 {
			tableRowPosition(para.Text, positions, &order, where, i)
			continue
		}
		for _, m := range positionRe.FindAllStringSubmatchIndex(para.Text, -1) {
			nums := scanRecNumbers(para.Text[m[1]:])
			pos := positionWord(para.Text[m[2]:m[3]])
			for _, n := range nums {
				if old, ok := positions[n]; ok && old != pos {
					p.warnf("recommendation %s is both %s and %s: keeping %s", n, old, pos, old)
					continue
				} else if ok {
					continue
				}
				positions[n] = pos
				order = append(order, n)
				where[n] = i
			}
		}
	}
	if len(order) == 0 {
		p.warnf("no position found: expected \"accepts the recommendations 1–5, …\" or \"takes note of recommendations …\"")
		return nil
	}
	for _, n := range order {
		para := p.doc.Paragraphs[where[n]]
		it := recmap.Item{
			Kind: recmap.KindRecommendation, Number: n, Position: positions[n],
			Text: para.Text, Page: para.Page, Para: para.Number, ParaIndex: where[n],
			References: []recmap.Reference{{Raw: n, Kind: RefRecommendation, Targets: []string{n}, Doc: wg}},
		}
		if !p.add(it) {
			break
		}
	}
	return nil
}

var tableRecRe = regexp.MustCompile(`^\s*(\d{1,3}(?:\.\d{1,3})?)\b`)

// tableRowPosition reads a responses table row "115.3 | … | Supported".
func tableRowPosition(row string, positions map[string]string, order *[]string, where map[string]int, i int) {
	cells := strings.Split(row, " | ")
	m := tableRecRe.FindStringSubmatch(cells[0])
	if m == nil {
		return
	}
	for _, c := range cells[1:] {
		c = strings.ToLower(strings.TrimSpace(c))
		var pos string
		switch {
		case strings.HasPrefix(c, "supported"), strings.HasPrefix(c, "accepted"):
			pos = "supported"
		case strings.HasPrefix(c, "noted"), strings.HasPrefix(c, "rejected"), strings.HasPrefix(c, "not supported"):
			pos = "noted"
		default:
			continue
		}
		if _, ok := positions[m[1]]; !ok {
			positions[m[1]] = pos
			*order = append(*order, m[1])
			where[m[1]] = i
		}
		return
	}
}

// ApplyPositions sets the Position of a WG report's recommendations from
// the items of its State responses (upr-responses). A response number
// "140.7" matches the recommendation numbered 140.7; a bare "7" matches
// the only recommendation whose number ends in ".7" when the report has a
// single list (the 2015-style responses cite "recommendations 1–5" for
// 115.1–115.5). It returns how many were set and the numbers that matched
// no recommendation.
func ApplyPositions(wg []recmap.Item, responses []recmap.Item) (applied int, missing []string) {
	byNum := map[string]int{}
	prefixes := map[string]bool{}
	for i, it := range wg {
		if it.Kind == recmap.KindRecommendation {
			byNum[it.Number] = i
			if j := strings.LastIndexByte(it.Number, '.'); j > 0 {
				prefixes[it.Number[:j]] = true
			}
		}
	}
	for _, r := range responses {
		if r.Kind != recmap.KindRecommendation || r.Position == "" {
			continue
		}
		n := r.Number
		i, ok := byNum[n]
		if !ok && !strings.Contains(n, ".") && len(prefixes) == 1 {
			for pre := range prefixes {
				i, ok = byNum[pre+"."+n]
			}
		}
		if !ok {
			missing = append(missing, n)
			continue
		}
		wg[i].Position = r.Position
		applied++
	}
	return applied, missing
}

// ResolveReferences rewrites bare recommendation targets ("78") of items
// to the numbering of a WG report's recommendations ("115.78") when the
// report has a single list, and sets Doc to docID. The national report
// cutter does this itself when the report states the paragraph; this is
// for when it did not. Ingest does not call it yet: a national report
// ingested without that paragraph keeps bare targets.
func ResolveReferences(items []recmap.Item, wg []recmap.Item, docID string) {
	prefixes := map[string]bool{}
	for _, it := range wg {
		if it.Kind == recmap.KindRecommendation {
			if j := strings.LastIndexByte(it.Number, '.'); j > 0 {
				prefixes[it.Number[:j]] = true
			}
		}
	}
	if len(prefixes) != 1 {
		return
	}
	var prefix string
	for pre := range prefixes {
		prefix = pre
	}
	for i := range items {
		for j := range items[i].References {
			resolveRef(&items[i].References[j], prefix, docID)
		}
	}
}

func resolveRef(r *recmap.Reference, prefix, doc string) {
	if r.Kind != RefRecommendation {
		return
	}
	for k, t := range r.Targets {
		if !strings.Contains(t, ".") && prefix != "" {
			r.Targets[k] = prefix + "." + t
		}
	}
	if r.Doc == "" {
		r.Doc = doc
	}
}

var (
	romanHeadingRe  = regexp.MustCompile(`^([IVX]{1,5})\.\s+(\p{Lu}.*)$`)
	letterHeadingRe = regexp.MustCompile(`^([A-Z])\.\s+(\p{Lu}.*)$`)
	recLineRe       = regexp.MustCompile(`(?i)\(?\s*recommendations?\s+\d[\d\s,.–—‑\-and]*\)?\s*$`)
)

func cutUPRNational(ctx context.Context, p *parser) error {
	uprMeta(p, "National report submitted in accordance with paragraph 5 of the annex to Human Rights Council resolution 16/21")
	prefix, wgDoc := "", ""
	for _, para := range p.doc.Paragraphs {
		if m := numbered.FindStringSubmatch(para.Text); m != nil {
			prefix, wgDoc = m[1], m[2]
			break
		}
	}
	if prefix == "" {
		p.warnf("the report does not say which paragraph of the previous WG report numbers its recommendations: recommendation references keep bare numbers, which the mapping matches to the last component of the previous report's numbered list (\"Recommendation 62\" → 115.62)")
	}
	var path []string // [roman, letter]
	var lastLetter byte
	var secRefs []recmap.Reference
	var last *int // index in p.res.Items of the last action
	actions := 0
	for i, para := range p.doc.Paragraphs {
		if i%256 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		text := strings.TrimSpace(para.Text)
		num, body := paraNumber(para)
		if num != "" && !strings.Contains(num, ".") && para.Heading == 0 {
			it := recmap.Item{
				Kind: recmap.KindAction, Number: num, Para: num, Text: body, Page: para.Page,
				ParaIndex: i, Section: append([]string(nil), path...),
			}
			it.References = append(it.References, cloneRefs(secRefs)...)
			for _, r := range ParseReferences(body) {
				resolveRef(&r, prefix, wgDoc)
				it.References = append(it.References, r)
			}
			if !p.add(it) {
				break
			}
			n := len(p.res.Items) - 1
			last = &n
			actions++
			continue
		}
		// Headings: "II. Implementation of …", "F. The national communities …",
		// possibly followed by "(Recommendations 78–86)" or a "Recommendations …" line.
		heading := para.Heading > 0
		refPart := ""
		if loc := recLineRe.FindStringIndex(text); loc != nil {
			refPart = text[loc[0]:]
			text = strings.TrimSpace(text[:loc[0]])
		}
		if text != "" && len(text) < 160 && !endsItem(text) {
			rm := romanHeadingRe.FindStringSubmatch(text)
			lm := letterHeadingRe.FindStringSubmatch(text)
			// "I." after "H." is the ninth letter, not a new Roman part.
			if rm != nil && lm != nil && lastLetter != 0 && lm[1][0] == lastLetter+1 {
				rm = nil
			}
			if rm != nil {
				path, secRefs, heading, lastLetter = []string{text}, nil, true, 0
			} else if lm != nil {
				if len(path) > 1 {
					path = path[:1]
				}
				path, secRefs, heading, lastLetter = append(path, text), nil, true, lm[1][0]
			}
		}
		if refPart != "" {
			refs := ParseReferences(refPart)
			for k := range refs {
				resolveRef(&refs[k], prefix, wgDoc)
			}
			secRefs = refs
			it := recmap.Item{Kind: recmap.KindParagraph, Text: para.Text, Page: para.Page, ParaIndex: i,
				Section: append([]string(nil), path...), References: cloneRefs(refs)}
			if heading {
				it.Section = it.Section[:max(0, len(it.Section)-1)]
			}
			p.add(it)
			continue
		}
		if heading {
			continue
		}
		// A continuation of the last action across a page break.
		if last != nil && !isFurniture(text) && !endsItem(p.res.Items[*last].Text) && para.Table == 0 {
			p.res.Items[*last].Text += " " + text
			p.claim(i)
		} else if isFurniture(text) {
			p.claim(i)
		}
	}
	if actions == 0 {
		p.warnf("no numbered paragraphs found")
	}
	return nil
}

func cloneRefs(refs []recmap.Reference) []recmap.Reference {
	out := make([]recmap.Reference, len(refs))
	for i, r := range refs {
		r.Targets = append([]string(nil), r.Targets...)
		out[i] = r
	}
	return out
}
