package rules

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/extract"
)

// The government reply profile: the comments of the government on GRETA's
// report when published on their own, the reply to GRETA's questionnaire,
// and the report the government sends the Committee of the Parties on the
// measures taken to comply with its recommendation.
//
// Every body paragraph is a KindAction item: what the authorities say they
// did. Its number is the one printed ("12"), or for a reply without
// numbered paragraphs its order ("1", "2" …); an unnumbered paragraph after
// printed number 12 is "12-1", "12-2". A heading or a quoted recommendation
// that cites "paragraph 54" or "Recommendation 3" gives its references to
// the answers under it.

func init() {
	register(&profile{family: recmap.FamilyGovernmentReply, detect: detectReply, cut: cutReply})
}

var replyTitleRe = regexp.MustCompile(`(?i)(?:comments|observations|reply|response|answer|information)\s+(?:submitted\s+)?(?:of|by|from)\s+(?:the\s+)?(?:government|authorities)|government['’]?s?\s+comments|commentaires\s+du\s+gouvernement|measures\s+taken\s+to\s+comply\s+with\s+(?:the\s+)?committee\s+of\s+the\s+parties|reply\s+to\s+(?:the\s+)?(?:GRETA\s+)?questionnaire|report\s+submitted\s+by\s+the\s+(?:government|authorities)`)

func detectReply(doc *extract.Document) (float64, []string) {
	head := headText(doc, 8)
	var score float64
	var why []string
	if m := replyTitleRe.FindString(head); m != "" {
		score += 0.6
		why = append(why, "title "+m)
	}
	if strings.Contains(head, "GRETA") || cpCommitteeRe.MatchString(head) {
		score += 0.2
		why = append(why, "answers GRETA or the Committee of the Parties")
	}
	if gretaSymbolRe.MatchString(head) || cpSymbolRe.MatchString(head) {
		score += 0.1
	}
	return clamp01(score), why
}

func cutReply(ctx context.Context, p *parser) error {
	doc := p.doc
	d := &p.res.Doc
	if d.Body == "" || d.Body == "GRETA" || d.Body == "CP" {
		d.Body = "national"
	}
	// The symbol on a reply's first page, in a header line or cited in
	// its title, is that of the report or recommendation it answers; the
	// reply has none of its own.
	answered := d.Symbol
	if answered == "" {
		answered, _ = citedSymbol(doc)
	}
	if strings.HasPrefix(answered, "GRETA(") || strings.HasPrefix(answered, "CP") {
		d.ID = answered + "/reply"
		if d.Country != "" {
			d.ID += "-" + d.Country
		}
		d.Symbol = ""
	}
	lang := d.Language
	anyNumber := false
	for _, q := range doc.Paragraphs {
		if q.Number != "" && q.Heading == 0 && q.List == 0 {
			anyNumber = true
			break
		}
	}
	var st sectionTracker
	var ctxRefs []recmap.Reference // references of the heading or quotation above
	last, sub, seq := "", 0, 0
	used := map[string]bool{}
	for i, q := range doc.Paragraphs {
		if i%256 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		t := strings.TrimSpace(q.Text)
		if t == "" {
			continue
		}
		if i < 8 && replyTitleRe.MatchString(t) {
			continue // the title
		}
		if q.Heading > 0 || (isHeadingLike(q) && len(t) < 100 && q.Table == 0) {
			st.see(q)
			ctxRefs = headingRefs(t)
			continue
		}
		// A quoted recommendation: context for the answers that follow.
		if c := classify(t); c.rec && (q.Bold > 0.5 || strings.HasPrefix(t, "\"") || strings.HasPrefix(t, "“") || strings.Contains(t, "GRETA")) && !strings.Contains(strings.ToLower(t[:min(len(t), 40)]), "government") {
			if r := headingRefs(t); len(r) > 0 {
				ctxRefs = r
			}
			continue
		}
		var num string
		switch {
		case q.Number != "" && q.List == 0:
			num, last, sub = q.Number, q.Number, 0
		case anyNumber && last != "":
			sub++
			num = fmt.Sprintf("%s-%d", last, sub)
		default:
			seq++
			num = fmt.Sprint(seq)
		}
		for used[num] {
			num += "'"
		}
		used[num] = true
		it := recmap.Item{
			Kind: recmap.KindAction, Number: num, Para: q.Number, Text: t, Page: q.Page, ParaIndex: i,
			Section: st.current(), Lang: lang,
		}
		if len(ParseReferences(t)) == 0 && len(ctxRefs) > 0 {
			it.References = append([]recmap.Reference(nil), ctxRefs...)
		}
		p.res.Items = append(p.res.Items, it)
	}
	if len(p.res.Items) == 0 {
		p.warnf("%s: no paragraph found in the reply", doc.Source.Name)
	}
	return nil
}

// headingRefs returns the paragraph and recommendation references of a
// heading ("Paragraph 54", "Recommendation 3", "Ad 54.").
func headingRefs(t string) []recmap.Reference {
	var out []recmap.Reference
	for _, r := range ParseReferences(t) {
		if r.Kind == RefParagraph || r.Kind == RefRecommendation {
			out = append(out, r)
		}
	}
	return out
}
