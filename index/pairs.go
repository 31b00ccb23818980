package index

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/hu"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Phrases without positions.
//
// A positional phrase query makes Bleve read and compare the term locations
// of every document that holds all the words of the phrase, in every text
// field: 110–150 ms for a phrase with 15,000 hits in 100,000 entries.
// Instead, each text field has a twin pair field (text_en → pair_en …)
// analysed by the same chain of tokenizer and filters followed by
// pairFilter, which indexes each token joined to the next one (to the next
// two in pair_fold) as one term, when they are at most maxPairGap
// positions apart: the two terms joined by as many spaces as positions
// separate them ("victim  traffick" is victim at p and traffick at p+2, the
// stop word "of" between them removed by the English analyzer). A phrase is
// then the conjunction of the same pairs of its tokens, plain term lookups.
// pair_fold is left out for English entries, whose phrases pair_en answers.
//
// Distances count positions, not surviving tokens, as Bleve's phrase
// matching does, so a stop word of the phrase matches any stop word in a
// language field ("victims to trafficking" finds "victims of
// trafficking"). Unlike Bleve's, pairs do not let a word that is not a
// stop word stand in a stop word's place ("domestic work. the authorities"
// does not find "domestic work. local authorities"). A pair conjunction
// finds every entry that holds the phrase; it over-matches only when the
// pairs occur apart in one text (the phrase "a b c" with "a b" in one
// sentence and "b c" in another), rare with content words, and made rarer
// in pair_fold, which keeps stop words, by its span of two: "victims of
// trafficking" there needs "victims of", "victims  trafficking" and "of
// trafficking". TestPhrasePairs measures both.
//
// A phrase that the pairs cannot express is searched by position, in that
// field only: fuzzy phrases, one whose analysed tokens are further than
// maxPairGap apart, or that put two terms at one position.

// maxPairGap is the largest distance in positions between two tokens that
// pairFilter joins.
const maxPairGap = 3

// pairFilterNames are the registered pair filters by span.
var pairFilterNames = map[int]string{1: "recmap_pairs", 2: "recmap_pairs2"}

// analyzerChains are the tokenizer and filters of each text field's
// analyzer, from which the pair analyzers are made. The Bleve analyzers
// (en, fr, standard) are repeated here filter by filter; TestPairAnalyzers
// checks that each chain gives the tokens of its analyzer.
var analyzerChains = map[string]struct {
	tokenizer string
	filters   []string
}{
	enAnalyzer:      {unicodetok.Name, []string{en.PossessiveName, lowercase.Name, en.StopName, enGuard, enAtory, porter.Name, foldFilter}},
	fr.AnalyzerName: {unicodetok.Name, []string{lowercase.Name, fr.ElisionName, fr.StopName, fr.LightStemmerName}},
	standard.Name:   {unicodetok.Name, []string{lowercase.Name, en.StopName}},
	huAnalyzer:      {unicodetok.Name, []string{lowercase.Name, hu.StopName, hu.SnowballStemmerName, huRestem}},
	foldAnalyzer:    {unicodetok.Name, []string{lowercase.Name, foldFilter}},
}

// analyzerConfig is the custom analyzer config of a chain, with extra
// filters appended.
func analyzerConfig(base string, extra ...string) map[string]any {
	ch := analyzerChains[base]
	filters := make([]any, 0, len(ch.filters)+len(extra))
	for _, f := range ch.filters {
		filters = append(filters, f)
	}
	for _, f := range extra {
		filters = append(filters, f)
	}
	return map[string]any{"type": custom.Name, "tokenizer": ch.tokenizer, "token_filters": filters}
}

// pairAnalyzerConfig is the analyzer of the pair field of the text field
// analysed by base.
func pairAnalyzerConfig(base string, span int) map[string]any {
	return analyzerConfig(base, pairFilterNames[span])
}

// pairField returns the pair field of a text field.
func pairField(textField string) string {
	for _, tf := range textFields {
		if tf.field == textField {
			return tf.pairField
		}
	}
	return fPairXX
}

// pairTerm joins a and b, d positions apart.
func pairTerm(a, b []byte, d int) []byte {
	t := make([]byte, 0, len(a)+d+len(b))
	t = append(t, a...)
	for range d {
		t = append(t, ' ')
	}
	return append(t, b...)
}

// pairFilter replaces a token stream with its pairs: each token with each
// of the next span tokens at a later position, when they are at most
// maxPairGap positions apart. Tokens never contain spaces (the unicode
// tokenizer splits at them), so the number of spaces says the distance.
type pairFilter struct{ span int }

func (f pairFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, f.span*len(in))
	for i, a := range in {
		for _, b := range nextTokens(in, i, f.span) {
			out = append(out, &analysis.Token{
				Term:     pairTerm(a.Term, b.Term, b.Position-a.Position),
				Position: a.Position,
				Start:    a.Start,
				End:      b.End,
				Type:     analysis.Shingle,
			})
		}
	}
	return out
}

// nextTokens returns the (at most span) tokens that follow in[i] at later
// positions no more than maxPairGap after it.
func nextTokens(in analysis.TokenStream, i, span int) analysis.TokenStream {
	j := i + 1
	for j < len(in) && in[j].Position <= in[i].Position {
		j++ // two terms at one position: pair with what follows both
	}
	k := j
	for k < len(in) && k-j < span && in[k].Position-in[i].Position <= maxPairGap {
		k++
	}
	return in[j:k]
}

// pairQuery returns the conjunction of the pair terms of phrase as analysed
// by a (the analyzer of the text field), searched in pairField; a term
// query when the phrase is one token; a match-none query when it has no
// tokens (as Bleve's phrase query); nil when pairs cannot express it.
func pairQuery(a analysis.Analyzer, phrase, textField, pairField string, span int) query.Query {
	if a == nil {
		return nil
	}
	toks := a.Analyze([]byte(phrase))
	switch len(toks) {
	case 0:
		return query.NewMatchNoneQuery()
	case 1:
		tq := query.NewTermQuery(string(toks[0].Term))
		tq.SetField(textField)
		return tq
	}
	var terms []string
	seen := map[string]bool{}
	for i, t := range toks {
		if i > 0 {
			if d := t.Position - toks[i-1].Position; d <= 0 || d > maxPairGap {
				return nil
			}
		}
		for _, u := range nextTokens(toks, i, span) {
			if s := string(pairTerm(t.Term, u.Term, u.Position-t.Position)); !seen[s] {
				seen[s] = true
				terms = append(terms, s)
			}
		}
	}
	qs := make([]query.Query, len(terms))
	for i, s := range terms {
		tq := query.NewTermQuery(s)
		tq.SetField(pairField)
		qs[i] = tq
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewConjunctionQuery(qs)
}
