package index

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Terms returns the terms the index makes of text in language lang (an ISO
// code as in Item.Lang: "en", "hu", "fr"; anything else gets the
// language-neutral analysis), in text order, repeats included: English
// drops stopwords and possessives and takes Porter stems ("rights",
// "right" → "right"), Hungarian takes Snowball stems to a fixpoint
// ("áldozatok", "áldozat" → "áldoz"), French its Snowball stems. Other
// packages use it to compare texts the way the index does, without
// importing Bleve.
func Terms(text, lang string) []string {
	a := analyzerFor(lang)
	if a == nil {
		return nil
	}
	toks := a.Analyze([]byte(text))
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		out = append(out, string(t.Term))
	}
	return out
}

var (
	termsOnce      sync.Once
	termsMapping   *mapping.IndexMappingImpl
	termsAnalyzers sync.Map // field → analysis.Analyzer
)

// analyzerFor returns the analyser of lang's text field, from a mapping
// built once.
func analyzerFor(lang string) analysis.Analyzer {
	termsOnce.Do(func() {
		m, err := newMapping()
		if err == nil {
			termsMapping = m
		}
	})
	if termsMapping == nil {
		return nil
	}
	field := langField(lang)
	if a, ok := termsAnalyzers.Load(field); ok {
		return a.(analysis.Analyzer)
	}
	for _, tf := range textFields {
		if tf.field == field {
			a := termsMapping.AnalyzerNamed(tf.analyzer)
			if a != nil {
				termsAnalyzers.Store(field, a)
			}
			return a
		}
	}
	return nil
}
