package rules

import (
	"context"
	"regexp"
	"strings"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/extract"
)

// Legal instruments: directives, conventions, protocols, statutes. Articles
// ("Article 10", title on the next line), numbered paragraphs ("1.") and
// points ("(a)") become KindProvision items numbered "Art.10", "Art.10(2)",
// "Art.10(2)(a)", with the article number and title, the obligation the
// text imposes (shall / shall-not / may) and the EUR-Lex amendment marker
// (▼M1, ►M1) when present. Chapters go into the section path. A text that
// repeats itself in a second language (the CoE and UN texts in
// ../shared/corpus give English, then Dutch) is cut in its first language
// only; the rest stays as paragraph items, with a warning.

func init() {
	register(&profile{family: recmap.FamilyLegal, detect: detectLegal, cut: cutLegal})
}

var (
	articleRe     = regexp.MustCompile(`^(?i:(Article|Artikel|Art\.|Artículo|Articolo|cikk))\s+(\d{1,3}[a-z]?)\s*\.?$`)
	huArticleRe   = regexp.MustCompile(`^(\d{1,3}[a-z]?)\.\s*cikk$`)
	chapterRe     = regexp.MustCompile(`^(?i:(chapter|chapitre|hoofdstuk|titel|title|section|fejezet))\s+([IVXLC]+|\d+)\s*$|^([IVXLC]{1,6})\s*$`)
	amendRe       = regexp.MustCompile(`[▼►]\s*(B|M\d{1,2}|A\d{1,2}|C\d{1,2})\b`)
	shallNotRe    = regexp.MustCompile(`(?i)\b(shall not|may not|must not|shall in no case)\b`)
	shallRe       = regexp.MustCompile(`(?i)\b(shall|must|undertake[s]? to)\b`)
	mayRe         = regexp.MustCompile(`(?i)\bmay\b`)
	palermoNameRe = regexp.MustCompile(`(?i)Protocol to Prevent, Suppress and Punish Trafficking in Persons`)
)

func detectLegal(doc *extract.Document) (float64, []string) {
	arts, shall := 0, 0
	for _, p := range doc.Paragraphs {
		t := strings.TrimSpace(p.Text)
		if len(t) < 16 && (articleRe.MatchString(t) || huArticleRe.MatchString(t)) {
			arts++
		}
		if shallRe.MatchString(t) {
			shall++
		}
	}
	var s float64
	var why []string
	if arts >= 3 {
		s += 0.5
		why = append(why, "article headings")
	}
	if shall >= 3 {
		s += 0.2
		why = append(why, `"shall" provisions`)
	}
	head := uprHead(doc, 12)
	for _, w := range []string{"Directive", "Convention", "Protocol", "Regulation", "Verdrag", "Richtlijn", "irányelv", "törvény"} {
		if strings.Contains(head, w) {
			s += 0.3
			why = append(why, "instrument named in the title: "+w)
			break
		}
	}
	return uprClamp(s), why
}

type legalState struct {
	article, title, para string
	chapter              []string
	amended              string
	artKeyword           string
	maxArt, lastArt      int
}

func cutLegal(ctx context.Context, p *parser) error {
	d := &p.res.Doc
	head := uprHead(p.doc, 12)
	if d.Symbol == "" || strings.HasPrefix(d.ID, "sha256:") {
		switch {
		case cetsNameRe.MatchString(head):
			d.Symbol, d.ID, d.Body = "CETS197", "CETS197", "CoE"
		case palermoNameRe.MatchString(head):
			d.Symbol, d.ID, d.Body = "A/RES/55/25/AnnexII", "A/RES/55/25/AnnexII", "UN"
		}
	}
	if d.Title == "" || DetectLanguage(d.Title) != d.Language {
		for _, para := range p.doc.Paragraphs[:min(len(p.doc.Paragraphs), 12)] {
			if para.Heading > 0 && len(para.Text) > 20 && (d.Title == "" || DetectLanguage(para.Text) == d.Language) {
				d.Title = para.Text
			}
		}
	}
	var st legalState
	pendingTitle := false
	pendingChapter := false
	arts := 0
	for i, para := range p.doc.Paragraphs {
		if i%256 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		t := strings.TrimSpace(para.Text)
		if m := amendRe.FindStringSubmatch(t); m != nil {
			st.amended = m[1]
			if m[1] == "B" {
				st.amended = ""
			}
			if strings.TrimSpace(amendRe.ReplaceAllString(t, "")) == "" {
				p.claim(i)
				continue
			}
		}
		if m := chapterRe.FindStringSubmatch(t); m != nil && len(t) < 24 {
			st.chapter = []string{t}
			pendingChapter, pendingTitle = true, false
			p.claim(i)
			continue
		}
		num, kw := "", ""
		if m := articleRe.FindStringSubmatch(t); m != nil {
			kw, num = strings.ToLower(m[1]), m[2]
		} else if m := huArticleRe.FindStringSubmatch(t); m != nil {
			kw, num = "cikk", m[1]
		}
		if num != "" {
			n := leadingInt(num)
			if st.artKeyword != "" && kw != st.artKeyword && n <= st.maxArt/2 {
				p.warnf("a second language version starts at paragraph %d (%q): it is kept as paragraph items, not cut", i, t)
				return nil
			}
			st.artKeyword = kw
			st.maxArt = max(st.maxArt, n)
			st.article, st.title, st.para = num, "", ""
			pendingTitle, pendingChapter = true, false
			arts++
			p.claim(i)
			continue
		}
		if pendingChapter && para.Heading > 0 {
			st.chapter = []string{st.chapter[0] + " – " + t}
			pendingChapter = false
			p.claim(i)
			continue
		}
		if pendingTitle && (para.Heading > 0 || (len(t) < 90 && !strings.HasSuffix(t, ".") && para.Number == "" && para.List == 0)) {
			st.title = t
			pendingTitle = false
			p.claim(i)
			continue
		}
		pendingTitle, pendingChapter = false, false
		if st.article == "" || para.Heading > 0 {
			continue // preamble, recitals, headings: paragraph items
		}
		number := "Art." + st.article
		switch {
		case para.Number != "" && !strings.Contains(para.Number, "."):
			st.para = para.Number
			number += "(" + para.Number + ")"
		case para.List > 0 && isPointMarker(para.Marker):
			if st.para != "" {
				number += "(" + st.para + ")"
			}
			number += "(" + strings.Trim(para.Marker, "()") + ")"
		default:
			if st.para != "" {
				number += "(" + st.para + ")"
			}
		}
		it := recmap.Item{
			Kind: recmap.KindProvision, Number: number, Text: amendRe.ReplaceAllString(t, ""), Page: para.Page,
			Para: para.Number, ParaIndex: i, Article: st.article, Title: st.title,
			Obligation: obligation(t), Amended: st.amended,
			Section: append(append([]string(nil), st.chapter...), "Article "+st.article+titleSuffix(st.title)),
		}
		if !p.add(it) {
			break
		}
	}
	if arts == 0 {
		p.warnf("no article headings found (\"Article 1\"): the text is kept as paragraph items")
	}
	return nil
}

func titleSuffix(t string) string {
	if t == "" {
		return ""
	}
	return " – " + t
}

func isPointMarker(m string) bool {
	m = strings.Trim(m, "()")
	return m != "" && len(m) <= 4 && strings.Trim(m, "abcdefghijklmnopqrstuvwxyz") == ""
}

func leadingInt(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// obligation classifies a provision: "shall-not" (a prohibition), "shall"
// (an obligation), "may" (an option), or "" when the text says none.
func obligation(t string) string {
	switch {
	case shallNotRe.MatchString(t):
		return "shall-not"
	case shallRe.MatchString(t):
		return "shall"
	case mayRe.MatchString(t):
		return "may"
	}
	return ""
}
