package rules

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/extract"
)

// The Committee of the Parties recommendation profile.
//
// After GRETA's report, the Committee of the Parties to the Convention
// adopts a short recommendation (CP/Rec(2024)05, older ones CP(2019)03):
// preambular "Having regard to …" clauses, then "Recommends that the
// Government of Hungary:" and the measures, commonly "1. Take the measures
// … with priority to the following:" and dash bullets that cite GRETA's
// report "(paragraph 54)", then a request to report back within two years.
//
// Each measure is a KindRecommendation with Strength "recommend":
//
//	1, 2 …         a numbered measure without bullets
//	1.1, 1.2 …     the bullets under numbered measure 1
//	1, 2 …         bullets directly under "Recommends", when nothing is numbered
//
// The request to report back stays a measure (it is one); everything else
// is left to the generic paragraph items.

func init() {
	register(&profile{family: recmap.FamilyCPRecommendation, detect: detectCP, cut: cutCP})
}

var (
	cpTitleRe     = regexp.MustCompile(`(?i)\bRecommendation\s+CP\s*(?:/\s*Rec\s*)?\(\s*\d{4}\s*\)|\bCP\s*/\s*Rec\s*\(\s*\d{4}\s*\)|\bRecommandation\s+CP`)
	cpSymbolRe    = regexp.MustCompile(`\bCP\s*(/\s*Rec\s*)?\(\s*(\d{4})\s*\)\s*(\d{1,3})\b`)
	cpCommitteeRe = regexp.MustCompile(`(?i)Committee of the Parties|Comité des Parties`)
	cpRecommendRe = regexp.MustCompile(`(?i)\b(Recommends|Recommande)\b\s*(?:that|que|à)?\s*(?:the\s+|le\s+)?((?:Government|Gouvernement|authorities|autorités)[^:]{0,80}?)?(?:\s*:|\s+(?:to|de|take|prendre)\b)`)
	cpRoundRe     = regexp.MustCompile(`(?i)\b(first|second|third|fourth|fifth)\s+(?:evaluation\s+)?report\b`)
	cpClosingRe   = regexp.MustCompile(`(?i)^(?:Invites|Requests|Decides|Asks|Invite|Demande|Décide)\b`)
	cpAddresseeRe = regexp.MustCompile(`(?i)\b(?:the\s+)?(Government of (?:the\s+)?[A-Z][\p{L}]+(?:\s+[A-Z][\p{L}]+)*|Gouvernement (?:de |du |de la |des )?[\p{L}]+)`)
)

func detectCP(doc *extract.Document) (float64, []string) {
	head := headText(doc, 12)
	var score float64
	var why []string
	if m := cpTitleRe.FindString(head); m != "" {
		score += 0.5
		why = append(why, "title "+m)
	}
	if cpCommitteeRe.MatchString(head) {
		score += 0.2
		why = append(why, "Committee of the Parties")
	}
	all := docSample(doc)
	if cpRecommendRe.MatchString(all) {
		score += 0.2
		why = append(why, `"Recommends that the Government"`)
	}
	if len(doc.Paragraphs) < 150 {
		score += 0.1
	} else {
		score -= 0.3
		why = append(why, "too long for a Committee of the Parties recommendation")
	}
	return clamp01(score), why
}

func cutCP(ctx context.Context, p *parser) error {
	doc := p.doc
	d := &p.res.Doc
	d.Body = "CP"
	head := headText(doc, 20)
	if m := cpSymbolRe.FindStringSubmatch(head); m != nil {
		sym := "CP(" + m[2] + ")" + pad2(m[3])
		if m[1] != "" {
			sym = "CP/Rec(" + m[2] + ")" + pad2(m[3])
		}
		d.Symbol, d.ID = sym, sym
	}
	if d.Title == "" {
		for _, q := range doc.Paragraphs[:min(len(doc.Paragraphs), 12)] {
			if cpTitleRe.MatchString(q.Text) {
				d.Title = q.Text
				break
			}
		}
	}
	// "Adopted at the … meeting of the Committee of the Parties on 21 June
	// 2024" – not the date GRETA adopted its report, cited below it.
	for _, q := range doc.Paragraphs[:min(len(doc.Paragraphs), 20)] {
		l := strings.ToLower(q.Text)
		if strings.HasPrefix(l, "adopted") || strings.HasPrefix(l, "adoptée") || (strings.Contains(l, "adopted") && cpCommitteeRe.MatchString(q.Text) && !strings.Contains(l, "greta")) {
			if ds := scanDates(q.Text); len(ds) > 0 {
				d.Adopted = ds[0].iso
				break
			}
		}
	}
	if d.Round == "" {
		if m := cpRoundRe.FindStringSubmatch(head); m != nil {
			d.Round = gretaRoundWords[strings.ToLower(m[1])]
		}
	}
	lang := d.Language

	// Find "Recommends that the Government of X:".
	start, addressee := -1, ""
	for i, q := range doc.Paragraphs {
		if m := cpRecommendRe.FindStringSubmatchIndex(q.Text); m != nil {
			start = i
			if m[4] >= 0 {
				addressee = strings.TrimSpace(q.Text[m[4]:m[5]])
			}
			if a := cpAddresseeRe.FindString(q.Text[m[0]:]); a != "" {
				addressee = strings.TrimSpace(a)
			}
			// Measures written in the same paragraph after the colon.
			rest := strings.TrimSpace(q.Text[m[1]:])
			if bl := inlineBullets(":" + " " + rest); len(bl) >= 2 && strings.HasSuffix(q.Text[:m[1]], ":") {
				src := ": " + rest
				for k, b := range bl {
					p.res.Items = append(p.res.Items, cpItem(fmt.Sprint(k+1), trimBullet(src[b[0]:b[1]]), q, i, addressee, lang))
				}
				return nil
			}
			break
		}
	}
	if start < 0 {
		p.warnf("%s: no \"Recommends that the Government …\" clause found; no measures cut", doc.Source.Name)
		return nil
	}
	top, sub := "", 0
	seq := 0
	numbered := false
	for i := start + 1; i < len(doc.Paragraphs); i++ {
		if i%256 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		q := doc.Paragraphs[i]
		t := strings.TrimSpace(q.Text)
		switch {
		case t == "" || q.Heading > 0:
			continue
		case q.Number != "" && q.List == 0:
			numbered = true
			top, sub = q.Number, 0
			// A numbered measure that introduces bullets is cut by its
			// bullets; otherwise it is a measure itself.
			if !(strings.HasSuffix(t, ":") && i+1 < len(doc.Paragraphs) && doc.Paragraphs[i+1].List > 0) {
				p.res.Items = append(p.res.Items, cpItem(top, t, q, i, addressee, lang))
			}
		case q.List > 0:
			if numbered && top != "" {
				sub++
				p.res.Items = append(p.res.Items, cpItem(fmt.Sprintf("%s.%d", top, sub), trimBullet(t), q, i, addressee, lang))
			} else {
				seq++
				p.res.Items = append(p.res.Items, cpItem(fmt.Sprint(seq), trimBullet(t), q, i, addressee, lang))
			}
		case cpClosingRe.MatchString(t):
			seq++
			if numbered {
				p.warnf("%s: paragraph index %d: unnumbered closing request after numbered measures, cut as %d", doc.Source.Name, i, seq)
			}
			p.res.Items = append(p.res.Items, cpItem(fmt.Sprint(seq), t, q, i, addressee, lang))
		}
	}
	if len(p.res.Items) == 0 {
		p.warnf("%s: \"Recommends\" clause is not followed by any measure", doc.Source.Name)
	}
	return nil
}

func cpItem(num, text string, q extract.Paragraph, idx int, addressee, lang string) recmap.Item {
	return recmap.Item{
		Kind: recmap.KindRecommendation, Number: num, Text: text, Page: q.Page, ParaIndex: idx,
		Strength: StrengthRecommend, Verb: "recommends", Addressee: addressee, Lang: lang,
	}
}
