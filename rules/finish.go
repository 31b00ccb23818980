package rules

import (
	"sort"
	"strconv"
	"strings"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/extract"
)

// minLangWords is how many function words an item needs before its own
// language is trusted over the document's.
const minLangWords = 6

// claim marks paragraphs as used by a cut item, so that finish does not
// make a KindParagraph item of them too. Items claim their own ParaIndex
// without this; cutters call it for the other paragraphs an item spans
// (continuation lines, a heading the item absorbed).
func (p *parser) claim(idx ...int) {
	if p.claimed == nil {
		p.claimed = map[int]bool{}
	}
	for _, i := range idx {
		p.claimed[i] = true
	}
}

// add appends an item and reports whether there is room for more. Cutters
// may also append to p.res.Items directly; finish enforces the cap.
func (p *parser) add(it recmap.Item) bool {
	if len(p.res.Items) >= p.max {
		return false
	}
	p.res.Items = append(p.res.Items, it)
	return len(p.res.Items) < p.max
}

// finish completes what every profile needs: the unclaimed paragraphs as
// KindParagraph items, document order, section paths, stable unique IDs,
// language, references, topics and the item cap.
func (p *parser) finish() {
	doc, res := p.doc, p.res
	claimed := map[int]bool{}
	for i := range res.Items {
		claimed[res.Items[i].ParaIndex] = true
	}
	for i := range p.claimed {
		claimed[i] = true
	}
	for i, para := range doc.Paragraphs {
		if claimed[i] || strings.TrimSpace(para.Text) == "" {
			continue
		}
		res.Items = append(res.Items, recmap.Item{
			Kind: recmap.KindParagraph, Text: para.Text, Page: para.Page,
			Para: para.Number, ParaIndex: i,
		})
	}
	sort.SliceStable(res.Items, func(i, j int) bool { return res.Items[i].ParaIndex < res.Items[j].ParaIndex })

	if len(res.Items) > p.max {
		p.warnf("%d items cut, more than the limit of %d: only the first %d are kept", len(res.Items), p.max, p.max)
		res.Items = res.Items[:p.max]
	}

	sections := headingPaths(doc.Paragraphs)
	reserved := map[string]bool{} // numbers of cut items: paragraph items do not take them
	for i := range res.Items {
		if res.Items[i].Kind != recmap.KindParagraph && res.Items[i].Number != "" {
			reserved[res.Items[i].Number] = true
		}
	}
	used := map[string]int{}
	dups := 0
	for i := range res.Items {
		it := &res.Items[i]
		it.DocID = res.Doc.ID
		if it.Number == "" {
			if it.Kind == recmap.KindParagraph && it.Para != "" && used[it.Para] == 0 && !reserved[it.Para] {
				it.Number = it.Para
			} else {
				it.Number = "p" + strconv.Itoa(it.ParaIndex)
			}
		}
		if it.Section == nil && it.ParaIndex >= 0 && it.ParaIndex < len(sections) {
			it.Section = sections[it.ParaIndex]
		}
		if it.Page == 0 && it.ParaIndex >= 0 && it.ParaIndex < len(doc.Paragraphs) {
			it.Page = doc.Paragraphs[it.ParaIndex].Page
		}
		id := res.Doc.ID + "#" + it.Number
		if n := used[it.Number]; n > 0 {
			if it.Kind != recmap.KindParagraph {
				dups++
			}
			for {
				n++
				cand := id + "~" + strconv.Itoa(n)
				if used[it.Number+"~"+strconv.Itoa(n)] == 0 {
					id = cand
					used[it.Number+"~"+strconv.Itoa(n)] = 1
					break
				}
			}
		}
		used[it.Number]++
		it.ID = id
		if it.Lang == "" {
			it.Lang = itemLanguage(it.Text, res.Doc.Language)
		}
		if !p.noTextRefs || it.Kind == recmap.KindParagraph {
			it.References = mergeRefs(it.References, ParseReferences(it.Text))
		}
		if len(it.Topics) == 0 {
			text := it.Text
			if it.Title != "" {
				text = it.Title + "\n" + text
			}
			it.Topics = p.tax.Tag(text, it.Lang)
		}
	}
	if dups > 0 {
		p.warnf("%d items repeat a number already used in this document: their IDs carry a ~N suffix", dups)
	}
}

// itemLanguage is the language of an item's own text when it says enough
// to tell, else the document's.
func itemLanguage(text, docLang string) string {
	n := 0
	for _, w := range strings.Fields(text) {
		if _, ok := stopwordLang[strings.ToLower(strings.Trim(w, ".,;:()\"'"))]; ok {
			n++
		}
	}
	if n >= minLangWords {
		if l := DetectLanguage(text); l != "" {
			return l
		}
	}
	return docLang
}

func mergeRefs(have, found []recmap.Reference) []recmap.Reference {
	if len(have) == 0 {
		return found
	}
	seen := map[string]bool{}
	for _, r := range have {
		seen[r.Kind+"\x00"+r.Raw] = true
	}
	for _, r := range found {
		if !seen[r.Kind+"\x00"+r.Raw] {
			have = append(have, r)
		}
	}
	return have
}

// headingPaths returns, for every paragraph, the path of headings above
// it, outermost first. A heading's own path includes its parents, not
// itself.
func headingPaths(paras []extract.Paragraph) [][]string {
	out := make([][]string, len(paras))
	var stack []string
	var levels []int
	for i, p := range paras {
		if p.Heading > 0 {
			for len(levels) > 0 && levels[len(levels)-1] >= p.Heading {
				stack, levels = stack[:len(stack)-1], levels[:len(levels)-1]
			}
			out[i] = append([]string(nil), stack...)
			title := p.Text
			if p.Number != "" {
				title = p.Number + ". " + title
			}
			stack = append(stack, title)
			levels = append(levels, p.Heading)
			continue
		}
		if len(stack) > 0 {
			out[i] = stack[:len(stack):len(stack)]
		}
	}
	return out
}
