package mapping

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/index"
)

// MinRepeat is the lowest similarity (cosine of tf·idf stem vectors, 0..1)
// at which an earlier recommendation is suggested as the same
// recommendation repeated. Reworded repeats of one GRETA recommendation
// share a few rare words ("state compensation", "final conviction") and
// little else, so the bar is low; a person confirms every suggestion.
const MinRepeat = 0.25

// Predecessors finds recommendations of earlier rounds or cycles of the
// same body, about the same country, that say what rec says. Each carries
// Kind recommendation and its reasons.
func (e *Engine) Predecessors(ctx context.Context, rec recmap.Item) ([]recmap.Suggestion, error) {
	rd, ok := e.docs[rec.DocID]
	if !ok || rd.Round == "" {
		return nil, nil
	}
	round, err := strconv.Atoi(rd.Round)
	if err != nil {
		return nil, nil
	}
	var earlier []string
	for id, d := range e.docs {
		r, err := strconv.Atoi(d.Round)
		if err != nil || r >= round || d.Body != rd.Body || d.Country != rd.Country || d.Family != rd.Family {
			continue
		}
		earlier = append(earlier, id)
	}
	if len(earlier) == 0 {
		return nil, nil
	}
	sort.Strings(earlier)
	words := salient(rec.Text)
	if len(words) == 0 {
		return nil, nil
	}
	q := index.SimilarQuery{Filters: map[string][]string{"kind": {string(recmap.KindRecommendation)}, "doc": earlier}, Size: 10}
	for _, w := range words {
		q.Terms = append(q.Terms, index.Term{Text: w, Boost: 1})
	}
	hits, err := e.ix.Similar(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("predecessors of %s: %w", rec.ID, err)
	}
	recVec := e.recVector(rec.Text)
	recTopics := map[string]bool{}
	for _, t := range rec.TopicIDs() {
		recTopics[t] = true
	}
	var out []recmap.Suggestion
	for _, h := range hits {
		prev, ok := e.recs[h.ID]
		if !ok {
			continue
		}
		sim, common := cosine(recVec, e.recVector(prev.Text))
		if sim < MinRepeat {
			continue
		}
		var topics []string
		for _, t := range prev.TopicIDs() {
			if recTopics[t] {
				topics = append(topics, t)
			}
		}
		s := recmap.Suggestion{Rec: rec.ID, Target: prev.ID, Kind: recmap.KindRecommendation, Score: round3(sim),
			Reasons: []recmap.Reason{{Kind: "predecessor", Detail: fmt.Sprintf("round %s says the same: %s", e.docs[prev.DocID].Round, strings.Join(common, ", ")), Weight: round3(sim)}}}
		if len(topics) > 0 {
			s.Reasons = append(s.Reasons, recmap.Reason{Kind: "topic", Detail: strings.Join(topics, ", ")})
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if len(out) > 3 {
		out = out[:3]
	}
	return out, nil
}

// recVector is a recommendation's text as tf·idf weights of its stems, the
// document frequencies taken over every recommendation the engine knows.
func (e *Engine) recVector(text string) map[string]float64 {
	e.predDFOnce.Do(func() {
		e.predDF = map[string]int{}
		for _, r := range e.recs {
			for st := range stems(r.Text) {
				e.predDF[st]++
			}
		}
	})
	tf := map[string]int{}
	for _, w := range words(text) {
		if st, ok := stem(w); ok {
			tf[st]++
		}
	}
	n := float64(len(e.recs))
	v := make(map[string]float64, len(tf))
	for st, c := range tf {
		v[st] = (1 + math.Log(float64(c))) * math.Log(1+n/float64(1+e.predDF[st]))
	}
	return v
}

// cosine returns the cosine of two weight vectors and their shared keys,
// heaviest first.
func cosine(a, b map[string]float64) (float64, []string) {
	var dot, na, nb float64
	var common []string
	for k, x := range a {
		na += x * x
		if y, ok := b[k]; ok {
			dot += x * y
			common = append(common, k)
		}
	}
	for _, y := range b {
		nb += y * y
	}
	if na == 0 || nb == 0 {
		return 0, nil
	}
	sort.Slice(common, func(i, j int) bool { return a[common[i]]*b[common[i]] > a[common[j]]*b[common[j]] })
	if len(common) > 6 {
		common = common[:6]
	}
	return dot / math.Sqrt(na*nb), common
}
