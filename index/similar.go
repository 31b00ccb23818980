package index

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// SimilarQuery asks for the entries that share most of a weighted list of
// terms: the candidate retrieval of the mapping engine ("which actions
// answer this recommendation?").
type SimilarQuery struct {
	Terms   []Term
	Filters map[string][]string // as in Query.Filters
	Size    int                 // 0 means 20; at most 1,000
}

// Term is one word (or a few words that must all occur) with its weight.
type Term struct {
	Text  string
	Boost float64 // 0 means 1
}

// Similar returns the entries that match any of q.Terms, best first, scored
// by Bleve (tf-idf like) with each term's boost. Every hit lists in Matched
// the texts of the terms it contains. Hits carry their stored fields except
// Text and Fragments, to stay fast.
func (x *Index) Similar(ctx context.Context, q SimilarQuery) ([]Hit, error) {
	size := q.Size
	if size <= 0 {
		size = 20
	}
	size = min(size, maxSize)
	m := x.bi.Mapping()
	// want[field][token] lists the terms an analysed token comes from;
	// need[i][field] is how many distinct tokens term i has in field.
	want := make(map[string]map[string][]int, len(textFields))
	need := make([]map[string]int, len(q.Terms))
	var disj []query.Query
	for i, t := range q.Terms {
		text := strings.TrimSpace(t.Text)
		if text == "" {
			continue
		}
		need[i] = map[string]int{}
		qs := make([]query.Query, 0, len(textFields))
		for _, tf := range textFields {
			a := m.AnalyzerNamed(tf.analyzer)
			if a == nil {
				return nil, fmt.Errorf("similar: no analyzer %s", tf.analyzer)
			}
			seen := map[string]bool{}
			for _, tok := range a.Analyze([]byte(text)) {
				s := string(tok.Term)
				if seen[s] {
					continue
				}
				seen[s] = true
				if want[tf.field] == nil {
					want[tf.field] = map[string][]int{}
				}
				want[tf.field][s] = append(want[tf.field][s], i)
			}
			if len(seen) == 0 {
				continue
			}
			need[i][tf.field] = len(seen)
			mq := query.NewMatchQuery(text)
			mq.SetField(tf.field)
			mq.SetOperator(query.MatchQueryOperatorAnd)
			qs = append(qs, mq)
		}
		if len(qs) == 0 {
			continue
		}
		dq := query.NewDisjunctionQuery(qs)
		if t.Boost > 0 {
			dq.SetBoost(t.Boost)
		}
		disj = append(disj, dq)
	}
	if len(disj) == 0 {
		return nil, nil
	}
	filter, err := filterQuery(q.Filters)
	if err != nil {
		return nil, fmt.Errorf("similar: %w", err)
	}
	req := bleve.NewSearchRequestOptions(withFilter(query.NewBooleanQuery(nil, disj, nil), filter), size, 0, false)
	req.Fields = similarFields
	req.IncludeLocations = true
	res, err := x.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("similar: %w", err)
	}
	hits := make([]Hit, len(res.Hits))
	for i, dm := range res.Hits {
		hits[i] = hitFrom(dm)
		// got[term][field] counts the term's tokens found in field.
		got := map[int]map[string]int{}
		for field, terms := range dm.Locations {
			for tok := range terms {
				for _, ti := range want[field][tok] {
					if got[ti] == nil {
						got[ti] = map[string]int{}
					}
					got[ti][field]++
				}
			}
		}
		for ti := range q.Terms {
			for field, n := range got[ti] {
				if n >= need[ti][field] {
					hits[i].Matched = append(hits[i].Matched, q.Terms[ti].Text)
					break
				}
			}
		}
	}
	return hits, nil
}

// similarFields are the stored fields Similar loads: all but the text.
var similarFields = []string{
	fKind, fDoc, fSymbol, fNumber, fPara, fPage, fStrength, fPosition,
	fStatus, fTopics, fSection, fLang,
}
