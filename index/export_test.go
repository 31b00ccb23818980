package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// SetSchemaVersionForTest overwrites the schema version stored in x, to
// simulate an index built by another recmap.
func SetSchemaVersionForTest(x *Index, v string) error {
	return x.bi.SetInternal([]byte(schemaKey), []byte(v))
}

// UseBleveFacetsForTest makes Search count facets with a Bleve facet
// request, the slow path that the facet cache must agree with.
func UseBleveFacetsForTest(x *Index, on bool) {
	x.bleveFacets = on
}

// HitIDsForTest returns the IDs of every entry that text matches, sorted,
// with phrases answered from the pair fields or, with positional, by
// Bleve's positional phrase matching (the reference the pairs must agree
// with).
func HitIDsForTest(ctx context.Context, x *Index, text string, positional bool) ([]string, error) {
	cs, err := parseQuery(text, 0)
	if err != nil {
		return nil, err
	}
	bq, err := x.boolQuery(cs, positional)
	if err != nil {
		return nil, err
	}
	n, err := x.bi.DocCount()
	if err != nil {
		return nil, err
	}
	req := bleve.NewSearchRequestOptions(bq, int(n)+1, 0, false)
	req.SortBy([]string{"_id"})
	res, err := x.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids, nil
}

// ExactPhraseIDsForTest returns the IDs of the entries among ids in which
// phrase occurs word for word: the positional phrase in text_fold, which
// keeps every word (stop words included), lower-cased and unaccented.
func ExactPhraseIDsForTest(ctx context.Context, x *Index, phrase string, ids []string) ([]string, error) {
	pq := query.NewMatchPhraseQuery(phrase)
	pq.SetField(fTextFold)
	q := query.NewConjunctionQuery([]query.Query{query.NewDocIDQuery(ids), pq})
	req := bleve.NewSearchRequestOptions(q, len(ids)+1, 0, false)
	req.SortBy([]string{"_id"})
	res, err := x.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = h.ID
	}
	return out, nil
}

// AnalyzeForTest returns the terms the analyzer named name makes of text.
func AnalyzeForTest(x *Index, name, text string) []string {
	a := x.bi.Mapping().AnalyzerNamed(name)
	if a == nil {
		return nil
	}
	var out []string
	for _, t := range a.Analyze([]byte(text)) {
		out = append(out, fmt.Sprintf("%s@%d", t.Term, t.Position))
	}
	return out
}
