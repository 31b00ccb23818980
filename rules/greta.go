package rules

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/extract"
)

// The GRETA evaluation report profile.
//
// A report is a run of numbered paragraphs (1 … several hundred) under
// chapter headings, an appendix "List of GRETA's conclusions and proposals
// for action" that repeats every recommendation with "(paragraph N)", other
// appendices, and the government's comments. The cutter reads the
// recommendations in the numbered paragraphs:
//
//	54            the one recommendation of paragraph 54
//	54.1, 54.2 …  the bullets of "GRETA urges the authorities to: – …; – …",
//	              and the separate recommendation sentences of paragraph 54,
//	              in the order they are written
//
// Findings ("GRETA welcomes / notes / is concerned") make a paragraph a
// KindFinding item. The appendix is matched to the body by its paragraph
// references and text; every difference is a warning, and a report whose
// body yields no recommendation takes them from the appendix. The
// government's comments become KindParagraph items numbered "comments.N".

func init() {
	register(&profile{family: recmap.FamilyGRETAReport, detect: detectGRETA, cut: cutGRETA})
}

var (
	gretaSymbolRe    = regexp.MustCompile(`\bGRETA\s*\(\s*(\d{4})\s*\)\s*(\d{1,3})\b`)
	gretaNameRe      = regexp.MustCompile(`(?i)Group of Experts on Action against Trafficking in Human Beings|Groupe d['’]experts sur la lutte contre la traite des êtres humains`)
	gretaReportRe    = regexp.MustCompile(`(?i)\bevaluation report\b|\brapport d['’]évaluation\b|\breport concerning the implementation of the Council of Europe Convention\b|\brapport concernant la mise en œuvre\b|\bevaluation round\b|\bcycle d['’]évaluation\b`)
	gretaRoundRe     = regexp.MustCompile(`(?i)\b(first|second|third|fourth|fifth|premier|deuxième|second|troisième|quatrième|cinquième)\s+(?:evaluation\s+round|round\s+of\s+evaluation|cycle\s+d['’]évaluation)`)
	gretaAppendixRe  = regexp.MustCompile(`(?i)list of greta['’]?s?\s+(?:conclusions|proposals)|conclusions and proposals for action|liste des conclusions et (?:des )?propositions|propositions d['’]action du greta`)
	gretaCommentsRe  = regexp.MustCompile(`(?i)^(?:appendix\s+\S+\s*[-–—:]?\s*)?(?:the\s+)?(?:government['’]?s?\s+comments|comments\s+(?:by|of|from)\s+the\s+government|commentaires\s+du\s+gouvernement|government\s+comments)`)
	gretaAppendixHdr = regexp.MustCompile(`(?i)^(?:appendix|annexe?)\b|^list of (?:public bodies|the public bodies|national authorities)|^liste des (?:institutions|autorités)`)
	tocLeaderRe      = regexp.MustCompile(`\.{4,}|…{2,}|\s\d{1,3}$`)
	gretaRoundWords  = map[string]string{"first": "1", "premier": "1", "second": "2", "deuxième": "2", "third": "3", "troisième": "3", "fourth": "4", "quatrième": "4", "fifth": "5", "cinquième": "5"}
)

func detectGRETA(doc *extract.Document) (float64, []string) {
	head, all := headText(doc, 60), docSample(doc)
	var score float64
	var why []string
	if m := gretaSymbolRe.FindString(head); m != "" {
		score += 0.3
		why = append(why, "symbol "+m)
	}
	if gretaNameRe.MatchString(all) {
		score += 0.15
		why = append(why, "names the Group of Experts on Action against Trafficking in Human Beings")
	}
	if gretaReportRe.MatchString(head) {
		score += 0.25
		why = append(why, "evaluation report title")
	}
	n := 0
	// Every recommendation verb pattern names GRETA: a text without the
	// name cannot match, and the patterns are costly on a long report.
	if strings.Contains(strings.ToLower(all), "greta") {
		for _, r := range gretaRecRules[:6] {
			n += len(r.re.FindAllStringIndex(all, 50))
		}
	}
	if n >= 2 {
		score += 0.25
		why = append(why, fmt.Sprintf("%d GRETA recommendation verbs", n))
	}
	numbered := 0
	for _, p := range doc.Paragraphs {
		if p.Number != "" && !strings.Contains(p.Number, ".") {
			numbered++
		}
	}
	if numbered >= 20 {
		score += 0.1
		why = append(why, fmt.Sprintf("%d numbered paragraphs", numbered))
	}
	// A CP recommendation or a government reply talks about GRETA's report
	// but is not one.
	if cpTitleRe.MatchString(headText(doc, 12)) || replyTitleRe.MatchString(headText(doc, 8)) {
		score -= 0.4
		why = append(why, "reads as a Committee of the Parties recommendation or a government reply")
	}
	return clamp01(score), why
}

func clamp01(f float64) float64 {
	return min(1, max(0, f))
}

// headText joins the first n paragraphs (and the file title).
func headText(doc *extract.Document, n int) string {
	var b strings.Builder
	b.WriteString(doc.Source.Title)
	for i, p := range doc.Paragraphs {
		if i >= n {
			break
		}
		b.WriteString("\n")
		b.WriteString(p.Text)
	}
	return b.String()
}

// docSample joins the document's text up to a bound, for counting cues.
func docSample(doc *extract.Document) string {
	var b strings.Builder
	for _, p := range doc.Paragraphs {
		if b.Len() > 400_000 {
			break
		}
		b.WriteString(p.Text)
		b.WriteString("\n")
	}
	return b.String()
}

// gretaMeta refines the generic metadata with what a GRETA report shows.
func gretaMeta(doc *extract.Document, d *recmap.Document) {
	d.Body = "GRETA"
	head := headText(doc, 60)
	if m := gretaSymbolRe.FindStringSubmatch(head); m != nil && !strings.HasPrefix(d.Symbol, "GRETA(") {
		num := m[2]
		if len(num) == 1 {
			num = "0" + num
		}
		d.Symbol = "GRETA(" + m[1] + ")" + num
		d.ID = d.Symbol
	}
	if d.Round == "" {
		if m := gretaRoundRe.FindStringSubmatch(head); m != nil {
			d.Round = gretaRoundWords[strings.ToLower(m[1])]
		} else if strings.Contains(strings.ToLower(head), "access to justice and effective remedies") {
			d.Round = "3"
		}
	}
	if d.Adopted == "" || d.Published == "" {
		for i, p := range doc.Paragraphs {
			if i > 60 && d.Published != "" {
				break
			}
			l := strings.ToLower(p.Text)
			for _, dm := range scanDates(p.Text) {
				before := l[max(0, dm.start-80):dm.start]
				switch {
				case d.Adopted == "" && (strings.Contains(before, "adopted") || strings.Contains(before, "approved") || strings.Contains(before, "adopté")):
					d.Adopted = dm.iso
				case d.Published == "" && i <= 60 && strings.Contains(before, "publi"):
					d.Published = dm.iso
				}
			}
		}
	}
	if d.Title == "" {
		for i, p := range doc.Paragraphs {
			if i > 30 {
				break
			}
			if gretaReportRe.MatchString(p.Text) && len(p.Text) < 200 {
				d.Title = p.Text
				break
			}
		}
	}
}

// gretaSections are the parts of a report, as paragraph index ranges.
type gretaSections struct {
	bodyEnd       int // first paragraph after the body
	appStart      int // first paragraph of the conclusions appendix, -1 when none
	appEnd        int
	commentsStart int // -1 when none
}

func findGRETASections(doc *extract.Document) gretaSections {
	ps := doc.Paragraphs
	s := gretaSections{bodyEnd: len(ps), appStart: -1, appEnd: len(ps), commentsStart: -1}
	firstNum := -1
	for i, p := range ps {
		if p.Number != "" && p.Heading == 0 && p.List == 0 {
			firstNum = i
			break
		}
	}
	for i, p := range ps {
		if i <= firstNum || !isHeadingLike(p) || tocLeaderRe.MatchString(strings.TrimSpace(p.Text)) {
			continue
		}
		t := strings.TrimSpace(p.Text)
		switch {
		case s.appStart < 0 && gretaAppendixRe.MatchString(t):
			s.appStart = i + 1
			s.bodyEnd = min(s.bodyEnd, i)
		case s.commentsStart < 0 && gretaCommentsRe.MatchString(t):
			s.commentsStart = i + 1
			s.bodyEnd = min(s.bodyEnd, i)
			if s.appStart >= 0 && s.appEnd > i {
				s.appEnd = i
			}
		case gretaAppendixHdr.MatchString(t):
			s.bodyEnd = min(s.bodyEnd, i)
			if s.appStart >= 0 && i >= s.appStart && s.appEnd > i {
				s.appEnd = i
			}
		}
	}
	return s
}

// isHeadingLike reports whether p is a heading, or reads as one: short,
// unnumbered, without a final full stop.
func isHeadingLike(p extract.Paragraph) bool {
	if p.Heading > 0 {
		return true
	}
	t := strings.TrimSpace(p.Text)
	if p.Number != "" || p.List > 0 || len(t) > 160 || t == "" {
		return false
	}
	return !strings.HasSuffix(t, ".") && !strings.HasSuffix(t, ";") && !strings.HasSuffix(t, ",")
}

// headingLevelOf guesses a level for a heading extraction did not mark:
// "II. Title" → 1, "a. Title" → 3, other → 2.
var (
	romanHeadRe  = regexp.MustCompile(`^[IVX]{1,5}\.\s`)
	letterHeadRe = regexp.MustCompile(`^[a-z]\.\s|^[ivx]{1,4}\.\s`)
)

// sectionTracker keeps the heading path.
type sectionTracker struct{ path []string }

func (st *sectionTracker) see(p extract.Paragraph) {
	t := strings.TrimSpace(p.Text)
	if p.Number != "" && p.Heading > 0 {
		t = p.Number + ". " + t
	}
	level := p.Heading
	if level == 0 {
		switch {
		case romanHeadRe.MatchString(t):
			level = 1
		case letterHeadRe.MatchString(t):
			level = 3
		default:
			level = 2
		}
	}
	if level > 6 {
		level = 6
	}
	if len(st.path) >= level {
		st.path = st.path[:level-1]
	}
	st.path = append(st.path, t)
}

func (st *sectionTracker) current() []string {
	if len(st.path) == 0 {
		return nil
	}
	return append([]string(nil), st.path...)
}

// recUnit is one recommendation being cut: a sentence, or a bullet of a
// list it introduces.
type recUnit struct {
	class    sentenceClass
	text     string
	paraIdx  int
	page     int
	bold     bool // set in bold in the document
	bullet   bool
	refs     []string // paragraph references (appendix)
	fromBold bool     // found by its bold type alone, without a graded verb
}

// segment is a piece of a paragraph group: a paragraph's text, or a bullet.
type segment struct {
	idx  int
	p    *extract.Paragraph
	list int
}

// cutUnits reads the recommendations of one paragraph group (a numbered
// paragraph with its bullets and run-on paragraphs, or an appendix entry).
// It reports whether the group holds a finding.
func cutUnits(doc *extract.Document, idxs []int, boldRecs bool) (units []recUnit, finding bool) {
	var intro *recUnit // a recommendation that introduces bullets
	open := -1         // index in units of the unit neutral sentences run on into
	lastBullet := -1
	for n, i := range idxs {
		p := &doc.Paragraphs[i]
		text := strings.TrimSpace(p.Text)
		if text == "" {
			continue
		}
		if p.List > 0 && n > 0 {
			bt := trimBullet(text)
			switch {
			case p.List > 1 && lastBullet >= 0:
				units[lastBullet].text += " " + bt
			case intro != nil:
				u := recUnit{class: intro.class, text: joinIntro(intro.text, bt), paraIdx: i, page: p.Page, bold: intro.bold || p.Bold > 0.5, bullet: true}
				units = append(units, u)
				lastBullet = len(units) - 1
			default:
				if c := classify(bt); c.rec {
					units = append(units, recUnit{class: c, text: bt, paraIdx: i, page: p.Page, bold: p.Bold > 0.5})
					lastBullet = len(units) - 1
				} else if c.finding {
					finding = true
				}
			}
			open = -1
			continue
		}
		// A paragraph that runs on from a bullet cut by a page break.
		if n > 0 && lastBullet >= 0 && startsLower(text) {
			units[lastBullet].text += " " + text
			continue
		}
		sents := splitSentences(text)
		for k, sp := range sents {
			st := strings.TrimSpace(text[sp[0]:sp[1]])
			c := classify(st)
			bold := boldShare(p, sp) > 0.6
			last := k == len(sents)-1
			nextIsBullet := last && n+1 < len(idxs) && doc.Paragraphs[idxs[n+1]].List > 0
			switch {
			case c.rec:
				u := recUnit{class: c, text: st, paraIdx: i, page: p.Page, bold: bold}
				if bl := inlineBullets(st); len(bl) >= 2 {
					head := st[:bl[0][0]]
					for _, b := range bl {
						units = append(units, recUnit{class: c, text: joinIntro(head, trimBullet(st[b[0]:b[1]])), paraIdx: i, page: p.Page, bold: bold, bullet: true})
					}
					intro, open, lastBullet = nil, -1, len(units)-1
					continue
				}
				if strings.HasSuffix(st, ":") || nextIsBullet {
					intro, open = &u, -1
					lastBullet = -1
					continue
				}
				units = append(units, u)
				intro, open, lastBullet = nil, len(units)-1, -1
			case c.finding:
				finding = true
				intro, open, lastBullet = nil, -1, -1
			case open >= 0:
				units[open].text += " " + st
			case boldRecs && bold && modalRe.MatchString(st) && len(st) > 40:
				units = append(units, recUnit{class: sentenceClass{rec: true}, text: st, paraIdx: i, page: p.Page, bold: true, fromBold: true})
				intro, open, lastBullet = nil, len(units)-1, -1
			}
		}
	}
	if intro != nil && lastBullet < 0 {
		// A list introduction without bullets: keep the sentence itself.
		units = append(units, *intro)
	}
	return units, finding
}

// inlineBulletRe finds list markers inside a sentence whose bullets the
// extraction joined: "to: – take …; – ensure …" or "to: (a) …; (b) …".
var inlineBulletRe = regexp.MustCompile(`(?:[:;]\s*|\s)(?:[–—•▪]|-|\([a-z]\)|[a-z]\))\s+`)

// inlineBullets returns the byte ranges of the bullets after the colon of
// st, or nil.
func inlineBullets(st string) [][2]int {
	colon := strings.Index(st, ":")
	if colon < 0 {
		return nil
	}
	locs := inlineBulletRe.FindAllStringIndex(st[colon:], -1)
	if len(locs) < 2 || locs[0][0] != 0 {
		return nil
	}
	var out [][2]int
	for k, l := range locs {
		start := colon + l[1]
		end := len(st)
		if k+1 < len(locs) {
			end = colon + locs[k+1][0] + 1
		}
		if start < end {
			out = append(out, [2]int{start, end})
		}
	}
	// The first range must start right after the colon.
	if len(out) > 0 {
		out[0][0] = colon + locs[0][1]
		// head text is st[:colon+1]: callers use st[:out[0][0]]
	}
	return out
}

// joinIntro makes a bullet a whole sentence: "GRETA urges the authorities
// to:" + "take steps;" → "GRETA urges the authorities to take steps".
func joinIntro(intro, bullet string) string {
	intro = strings.TrimSpace(intro)
	intro = strings.TrimRight(intro, " :–—-•")
	return strings.TrimSpace(intro + " " + bullet)
}

// trimBullet drops a bullet's marker and the list punctuation at its end.
func trimBullet(s string) string {
	if m, rest := extract.SplitBullet(s); m != "" {
		s = rest
	}
	s = strings.TrimSpace(s)
	for _, suf := range []string{"; and", "; or", ", and", "; et", ";", ","} {
		s = strings.TrimSuffix(s, suf)
	}
	return strings.TrimSpace(s)
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// boldShare is the share of the bytes in span sp of p set in bold.
func boldShare(p *extract.Paragraph, sp [2]int) float64 {
	if sp[1] <= sp[0] {
		return 0
	}
	if len(p.BoldSpans) == 0 {
		if p.Bold > 0.9 {
			return 1
		}
		return 0
	}
	n := 0
	for _, b := range p.BoldSpans {
		lo, hi := max(b[0], sp[0]), min(b[1], sp[1])
		if hi > lo {
			n += hi - lo
		}
	}
	// Ignore the spaces and closing punctuation the bold run may leave out.
	return float64(n) / float64(max(1, len(strings.TrimSpace(p.Text[min(sp[0], len(p.Text)):min(sp[1], len(p.Text))]))-1))
}

// usesBoldRecs reports whether the document sets its recommendations in
// bold: most sentences with a graded verb are bold.
func usesBoldRecs(doc *extract.Document, end int) bool {
	bold, all := 0, 0
	for i := 0; i < end && i < len(doc.Paragraphs); i++ {
		p := &doc.Paragraphs[i]
		if p.Number == "" || (p.Bold == 0 && len(p.BoldSpans) == 0 && all > 20 && bold == 0) {
			if p.Number == "" {
				continue
			}
		}
		for _, sp := range splitSentences(p.Text) {
			if c := classify(p.Text[sp[0]:sp[1]]); c.rec {
				all++
				if boldShare(p, sp) > 0.6 {
					bold++
				}
			}
		}
	}
	return all > 0 && bold*2 > all
}

func cutGRETA(ctx context.Context, p *parser) error {
	doc := p.doc
	gretaMeta(doc, &p.res.Doc)
	sec := findGRETASections(doc)
	boldRecs := usesBoldRecs(doc, sec.bodyEnd)
	lang := p.res.Doc.Language

	// Group the body: each numbered paragraph with what runs on from it.
	type group struct {
		num     string
		idxs    []int
		section []string
	}
	var groups []group
	var st sectionTracker
	inGroup := false
	for i := 0; i < sec.bodyEnd; i++ {
		if i%256 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		q := doc.Paragraphs[i]
		switch {
		case q.Table > 0:
			inGroup = false
		case q.Heading > 0 || (q.Number == "" && q.List == 0 && isHeadingLike(q) && (q.Bold > 0.5 || romanHeadRe.MatchString(q.Text) || letterHeadRe.MatchString(q.Text))):
			if tocLeaderRe.MatchString(strings.TrimSpace(q.Text)) && q.Heading == 0 {
				continue
			}
			st.see(q)
			inGroup = false
		case q.Number != "" && q.List == 0 && !strings.Contains(q.Number, "."):
			if tocLeaderRe.MatchString(q.Text) && strings.Contains(q.Text, "....") {
				continue
			}
			groups = append(groups, group{num: q.Number, idxs: []int{i}, section: st.current()})
			inGroup = true
		case inGroup:
			groups[len(groups)-1].idxs = append(groups[len(groups)-1].idxs, i)
		}
	}

	seenNum := map[string]int{}
	var body []recmap.Item
	findings := 0
	for _, g := range groups {
		seenNum[g.num]++
		num := g.num
		if seenNum[g.num] > 1 {
			p.warnf("%s: paragraph %s is numbered twice; the second is cut as %s-%d", doc.Source.Name, g.num, g.num, seenNum[g.num])
			num = fmt.Sprintf("%s-%d", g.num, seenNum[g.num])
		}
		units, finding := cutUnits(doc, g.idxs, boldRecs)
		if len(units) > 0 || finding {
			p.claim(g.idxs...)
		}
		if len(units) == 0 {
			if finding {
				first := doc.Paragraphs[g.idxs[0]]
				p.res.Items = append(p.res.Items, recmap.Item{
					Kind: recmap.KindFinding, Number: num, Para: g.num, Text: groupText(doc, g.idxs),
					Page: first.Page, ParaIndex: g.idxs[0], Section: g.section, Lang: lang,
				})
				findings++
			}
			continue
		}
		for k, u := range units {
			n := num
			if len(units) > 1 {
				n = fmt.Sprintf("%s.%d", num, k+1)
			}
			if u.fromBold {
				p.warnf("%s: paragraph %s: bold sentence without a graded verb taken as recommendation %s", doc.Source.Name, g.num, n)
			}
			body = append(body, recItem(u, n, g.num, g.section, lang))
		}
	}
	inheritAddressee(body)

	var app []recUnit
	if sec.appStart >= 0 {
		app = cutAppendix(doc, sec.appStart, sec.appEnd, boldRecs)
		if len(app) == 0 {
			p.warnf("%s: the list of GRETA's conclusions (paragraph index %d) holds no recommendation", doc.Source.Name, sec.appStart)
		}
	}
	switch {
	case len(body) == 0 && len(app) > 0:
		p.warnf("%s: no recommendation found in the numbered paragraphs; taking the %d of the list of GRETA's conclusions", doc.Source.Name, len(app))
		body = itemsFromAppendix(doc, app, lang)
	case len(app) > 0:
		body = reconcileAppendix(p, body, app, lang)
	}
	if len(body) == 0 {
		p.warnf("%s: no GRETA recommendation found", doc.Source.Name)
	}
	p.res.Items = append(p.res.Items, body...)

	if sec.commentsStart >= 0 {
		n := 0
		for i := sec.commentsStart; i < len(doc.Paragraphs); i++ {
			q := doc.Paragraphs[i]
			if q.Heading > 0 || strings.TrimSpace(q.Text) == "" {
				continue
			}
			n++
			p.res.Items = append(p.res.Items, recmap.Item{
				Kind: recmap.KindParagraph, Number: fmt.Sprintf("comments.%d", n), Para: q.Number, Text: q.Text,
				Page: q.Page, ParaIndex: i, Section: []string{"Government's comments"},
			})
		}
	}
	sortItems(p.res.Items)
	return nil
}

func recItem(u recUnit, num, para string, section []string, lang string) recmap.Item {
	return recmap.Item{
		Kind: recmap.KindRecommendation, Number: num, Para: para, Text: u.text, Page: u.page,
		ParaIndex: u.paraIdx, Section: section, Lang: lang,
		Strength: u.class.strength, Verb: u.class.verb, Addressee: u.class.addressee,
	}
}

// inheritAddressee replaces "them" and fills a missing addressee from the
// recommendation before it in the same paragraph.
func inheritAddressee(items []recmap.Item) {
	last := ""
	for i := range items {
		a := items[i].Addressee
		if (a == "" || strings.EqualFold(a, "them")) && last != "" {
			items[i].Addressee = last
		} else if a != "" && !strings.EqualFold(a, "them") {
			last = a
		}
	}
}

func groupText(doc *extract.Document, idxs []int) string {
	var b strings.Builder
	for k, i := range idxs {
		if k > 0 {
			b.WriteString("\n")
			if m := doc.Paragraphs[i].Marker; m != "" {
				b.WriteString(m + " ")
			}
		}
		b.WriteString(doc.Paragraphs[i].Text)
	}
	return b.String()
}

// cutAppendix reads the entries of the list of conclusions: each
// paragraph with the bullets that follow it. Every "(paragraph N)" ends an
// entry, so entries that extraction ran together are cut apart again.
func cutAppendix(doc *extract.Document, start, end int, boldRecs bool) []recUnit {
	// Pieces of the appendix, each ending at most at one reference.
	flat := &extract.Document{Source: doc.Source}
	var orig []int
	for i := start; i < end && i < len(doc.Paragraphs); i++ {
		q := doc.Paragraphs[i]
		text := q.Text
		first := true
		for text != "" {
			piece := text
			if loc := stripParaRefsRe.FindStringIndex(text); loc != nil && strings.TrimSpace(text[loc[1]:]) != "" {
				piece, text = text[:loc[1]], strings.TrimSpace(text[loc[1]:])
			} else {
				text = ""
			}
			np := extract.Paragraph{Text: strings.TrimSpace(piece), Page: q.Page, Heading: q.Heading}
			if first {
				np.List, np.Marker = q.List, q.Marker
			}
			first = false
			flat.Paragraphs = append(flat.Paragraphs, np)
			orig = append(orig, i)
		}
	}
	var out []recUnit
	var entry []int
	flush := func() {
		if len(entry) == 0 {
			return
		}
		units, _ := cutUnits(flat, entry, false)
		var entryRefs []string
		for _, k := range entry {
			entryRefs = append(entryRefs, paraRefs(flat.Paragraphs[k].Text)...)
		}
		for _, u := range units {
			u.refs = paraRefs(u.text)
			if len(u.refs) == 0 {
				u.refs = entryRefs
			}
			u.text = stripParaRefs(u.text)
			u.paraIdx = orig[u.paraIdx]
			out = append(out, u)
		}
		entry = entry[:0]
	}
	for k, q := range flat.Paragraphs {
		switch {
		case q.Heading > 0 || (q.List == 0 && isHeadingLike(q) && !gretaSubjectRe.MatchString(q.Text)):
			flush()
		case q.List > 0 && len(entry) > 0 && !gretaSubjectRe.MatchString(q.Text):
			entry = append(entry, k)
		default:
			flush()
			entry = append(entry, k)
		}
		// A reference closes the entry, unless bullets follow and the
		// reference belongs to the last of them.
		if len(entry) > 0 && q.List == 0 && stripParaRefsRe.MatchString(q.Text) {
			flush()
		}
	}
	flush()
	return out
}

var (
	gretaSubjectRe  = regexp.MustCompile(`\bGRETA\b`)
	stripParaRefsRe = regexp.MustCompile(`(?i)\s*\((?:see\s+)?paragraph(?:e)?s?\s+[^)]*\)\s*`)
)

func stripParaRefs(s string) string {
	s = stripParaRefsRe.ReplaceAllString(s, " ")
	s = strings.TrimSpace(s)
	return strings.TrimRight(s, " ;,")
}

// itemsFromAppendix makes the recommendations of a report whose body has
// none: numbered by the paragraph each entry cites (54, or 54.1, 54.2 when
// several cite it), "conclusions.N" when an entry cites none.
func itemsFromAppendix(doc *extract.Document, app []recUnit, lang string) []recmap.Item {
	count := map[string]int{}
	for _, u := range app {
		if len(u.refs) > 0 {
			count[u.refs[0]]++
		}
	}
	seen := map[string]int{}
	var out []recmap.Item
	free := 0
	for _, u := range app {
		var num, para string
		if len(u.refs) > 0 {
			para = u.refs[0]
			seen[para]++
			num = para
			if count[para] > 1 {
				num = fmt.Sprintf("%s.%d", para, seen[para])
			}
		} else {
			free++
			num = fmt.Sprintf("conclusions.%d", free)
		}
		it := recItem(u, num, para, []string{"List of GRETA's conclusions and proposals for action"}, lang)
		out = append(out, it)
	}
	inheritAddressee(out)
	return out
}

// reconcileAppendix matches the appendix entries to the body
// recommendations by paragraph reference and wording, and warns about
// every difference. Entries citing a paragraph where the body has no
// recommendation at all become items of that paragraph.
func reconcileAppendix(p *parser, body []recmap.Item, app []recUnit, lang string) []recmap.Item {
	name := p.doc.Source.Name
	bw := make([]map[string]bool, len(body))
	for i := range body {
		bw[i] = wordSet(body[i].Text)
	}
	type pair struct {
		a, b  int
		score float64
	}
	var pairs []pair
	for ai, u := range app {
		aw := wordSet(u.text)
		for bi := range body {
			sim := similarity(aw, bw[bi])
			cites := false
			for _, r := range u.refs {
				if r == body[bi].Para {
					cites = true
				}
			}
			switch {
			case cites:
				pairs = append(pairs, pair{ai, bi, 1 + sim})
			case sim >= 0.6:
				pairs = append(pairs, pair{ai, bi, sim})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].score > pairs[j].score })
	aMatch := make([]int, len(app))
	bMatch := make([]int, len(body))
	for i := range aMatch {
		aMatch[i] = -1
	}
	for i := range bMatch {
		bMatch[i] = -1
	}
	for _, pr := range pairs {
		if aMatch[pr.a] >= 0 || bMatch[pr.b] >= 0 {
			continue
		}
		aMatch[pr.a], bMatch[pr.b] = pr.b, pr.a
	}
	// A body bullet whose words an already matched entry of the same
	// paragraph contains was merged into that entry by the appendix.
	for bi := range body {
		if bMatch[bi] >= 0 {
			continue
		}
		for ai, u := range app {
			if aMatch[ai] < 0 || body[aMatch[ai]].Para != body[bi].Para {
				continue
			}
			if containment(bw[bi], wordSet(u.text)) >= 0.7 {
				bMatch[bi] = ai
				break
			}
		}
	}
	if len(app) != len(body) {
		p.warnf("%s: the list of GRETA's conclusions has %d recommendations, the numbered paragraphs %d", name, len(app), len(body))
	}
	bodyParas := map[string]bool{}
	for _, it := range body {
		bodyParas[it.Para] = true
	}
	for bi, it := range body {
		switch ai := bMatch[bi]; {
		case ai < 0:
			p.warnf("%s: paragraph %s: recommendation %s is not in the list of GRETA's conclusions", name, it.Para, it.Number)
		case app[ai].class.strength != "" && it.Strength != "" && app[ai].class.strength != it.Strength && aMatch[ai] == bi:
			p.warnf("%s: paragraph %s: recommendation %s %s in the body but %s in the list of GRETA's conclusions", name, it.Para, it.Number, it.Verb, app[ai].class.verb)
		case it.Strength == "" && app[ai].class.strength != "":
			body[bi].Strength, body[bi].Verb = app[ai].class.strength, app[ai].class.verb
		}
	}
	// Entries only in the appendix.
	extra := map[string][]recUnit{}
	var extraOrder []string
	for ai, u := range app {
		if aMatch[ai] >= 0 {
			continue
		}
		merged := false
		for bi := range body {
			if bMatch[bi] == ai {
				merged = true
			}
		}
		if merged {
			continue
		}
		cite := strings.Join(u.refs, ", ")
		if cite == "" {
			cite = "no paragraph"
		}
		p.warnf("%s: list of GRETA's conclusions: entry citing %s has no recommendation in the numbered paragraphs: %q", name, cite, shorten(u.text, 90))
		if len(u.refs) > 0 && !bodyParas[u.refs[0]] {
			if _, ok := extra[u.refs[0]]; !ok {
				extraOrder = append(extraOrder, u.refs[0])
			}
			extra[u.refs[0]] = append(extra[u.refs[0]], u)
		}
	}
	for _, para := range extraOrder {
		us := extra[para]
		for k, u := range us {
			num := para
			if len(us) > 1 {
				num = fmt.Sprintf("%s.%d", para, k+1)
			}
			body = append(body, recItem(u, num, para, []string{"List of GRETA's conclusions and proposals for action"}, lang))
			p.warnf("%s: paragraph %s: recommendation %s taken from the list of GRETA's conclusions", name, para, num)
		}
	}
	return body
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// sortItems orders items by their place in the document.
func sortItems(items []recmap.Item) {
	sort.SliceStable(items, func(i, j int) bool { return items[i].ParaIndex < items[j].ParaIndex })
}
