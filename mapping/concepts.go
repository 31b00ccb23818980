package mapping

import (
	"math"
	"sort"
	"strings"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/index"
)

// Concepts are the fine subjects of the taxonomy (rules.Topic with a
// Parent): "free legal aid", "state compensation", "financial
// investigations", each with its terms in every language. They carry a
// recommendation across the language gap precisely: an English
// recommendation on legal aid is looked for with the Hungarian terms of
// legal aid only, not with every term of its broad topic, and each concept
// counts as much as it is rare among the candidates (a concept every action
// mentions tells them apart no better than none).

// conceptsOf returns the concepts text matches in lang, each with the
// words of text that matched it.
func (e *Engine) conceptsOf(text, lang string) map[string][]string {
	out := map[string][]string{}
	for _, tg := range e.tax.Match(text, lang) {
		if e.tax.Parent(tg.Topic) != "" {
			out[tg.Topic] = tg.Terms
		}
	}
	return out
}

// addForms records the words by which a candidate in lang expresses a
// concept: the expansion looks for these, as the candidates write them, so
// that a prefix term ("menekültügy*") finds its inflected forms through the
// index's own analysis. Forms with the same crude stem are kept once.
func (e *Engine) addForms(c, lang string, forms []string) {
	byLang := e.forms[c]
	if byLang == nil {
		byLang = map[string]map[string]string{}
		e.forms[c] = byLang
	}
	m := byLang[lang]
	if m == nil {
		m = map[string]string{}
		byLang[lang] = m
	}
	for _, f := range forms {
		key := stemKey(f)
		if old, ok := m[key]; !ok || f < old {
			m[key] = f
		}
	}
}

// stemKey is a phrase's crude stems, for telling inflected forms apart
// from different words.
func stemKey(phrase string) string {
	var ks []string
	for _, w := range words(phrase) {
		r := []rune(w)
		if len(r) > stemLen {
			r = r[:stemLen]
		}
		ks = append(ks, string(r))
	}
	return strings.Join(ks, " ")
}

// conceptForms returns the forms of concept c that candidates in lang use,
// sorted.
func (e *Engine) conceptForms(c, lang string) []string {
	m := e.forms[c][lang]
	out := make([]string, 0, len(m))
	for _, f := range m {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// targetLang is the language of an item, or else of its document.
func targetLang(it recmap.Item, d recmap.Document) string {
	if it.Lang != "" {
		return it.Lang
	}
	return d.Language
}

// conceptIDF is a concept's rarity among the candidates, in 0..1: 1 for a
// concept only one candidate matches, falling towards 0 as more do.
func (e *Engine) conceptIDF(c string) float64 {
	n := float64(len(e.targets))
	df := float64(e.conceptDF[c])
	if df == 0 || n == 0 {
		return 0
	}
	return math.Log(1+n/df) / math.Log(1+n)
}

// expansion returns, with the language of each, the query terms that carry the recommendation's
// concepts into the candidates' other languages: the terms of exactly the
// concepts it matched, weighted by the concept's rarity. Concepts no
// candidate mentions add nothing.
func (e *Engine) expansion(concepts map[string]bool, recLang string) (terms []index.Term, langs []string) {
	// The candidates' own forms of each concept; see addForms.
	ids := make([]string, 0, len(concepts))
	for c := range concepts {
		ids = append(ids, c)
	}
	sort.Strings(ids)
	for _, c := range ids {
		w := e.conceptIDF(c)
		if w == 0 {
			continue
		}
		for _, lang := range e.langs {
			if lang == recLang {
				continue
			}
			for _, form := range e.conceptForms(c, lang) {
				terms = append(terms, index.Term{Text: form, Boost: wExpand * w})
				langs = append(langs, lang)
			}
		}
	}
	return terms, langs
}

// wExpand is the boost of an expansion term of a concept matched by a
// single candidate, relative to the recommendation's own words (1).
const wExpand = 0.8

// conceptOverlap scores how much of the recommendation's concepts (by
// rarity) a set of concepts covers, in 0..1, and names the shared ones.
func (e *Engine) conceptOverlap(rec map[string]bool, norm float64, has func(string) float64) (float64, []string) {
	if norm == 0 {
		return 0, nil
	}
	s := 0.0
	var shared []string
	for c := range rec {
		if v := has(c); v > 0 {
			s += v * e.conceptIDF(c)
			shared = append(shared, c)
		}
	}
	sort.Strings(shared)
	return s / norm, shared
}

// conceptNorm is the total rarity of a recommendation's concepts.
func (e *Engine) conceptNorm(rec map[string]bool) float64 {
	n := 0.0
	for c := range rec {
		n += e.conceptIDF(c)
	}
	return n
}

// sectionConcepts scores every section by the recommendation's concepts
// its targets match: each concept counts by rarity, saturating with the
// number of targets of the section that match it.
func (e *Engine) sectionConcepts(rec map[string]bool) map[string]float64 {
	out := map[string]float64{}
	norm := e.conceptNorm(rec)
	if norm == 0 {
		return out
	}
	for sec, counts := range e.secConcepts {
		s, _ := e.conceptOverlap(rec, norm, func(c string) float64 {
			n := float64(counts[c])
			return n / (n + 0.5)
		})
		if s > 0 {
			out[sec] = s
		}
	}
	return out
}

// conceptWeight is how much shared concepts count between a
// recommendation and a target in these languages. Across languages they
// are the main evidence; within one language the words themselves are
// compared already, and concepts count only a little.
func (e *Engine) conceptWeight(recLang, targetLang string) float64 {
	if recLang != "" && targetLang != "" && recLang == targetLang {
		return sameLangConcepts
	}
	return 1
}

// sameLangConcepts is conceptWeight within one language.
const sameLangConcepts = 0.0
