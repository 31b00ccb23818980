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

// MinRepeat is the lowest similarity (0..1, shared salient terms weighted
// with shared topics) at which an earlier recommendation counts as the same
// recommendation repeated.
const MinRepeat = 0.45

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
	recStems := stems(rec.Text)
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
		// Similarity that does not depend on the index's score scale:
		// overlap of stems (Dice) and of topics.
		ps := stems(prev.Text)
		shared := 0
		var common []string
		for s := range ps {
			if recStems[s] {
				shared++
				common = append(common, s)
			}
		}
		dice := 2 * float64(shared) / float64(len(ps)+len(recStems))
		var topics []string
		for _, t := range prev.TopicIDs() {
			if recTopics[t] {
				topics = append(topics, t)
			}
		}
		tsim := 0.0
		if n := len(recTopics) + len(prev.Topics); n > 0 {
			tsim = 2 * float64(len(topics)) / float64(n)
		}
		sim := 0.7*dice + 0.3*tsim
		if sim < MinRepeat {
			continue
		}
		sort.Strings(common)
		s := recmap.Suggestion{Rec: rec.ID, Target: prev.ID, Kind: recmap.KindRecommendation, Score: round3(sim),
			Reasons: []recmap.Reason{{Kind: "predecessor", Detail: fmt.Sprintf("round %s says the same: %s", e.docs[prev.DocID].Round, strings.Join(common, ", ")), Weight: round3(0.7 * dice)}}}
		if len(topics) > 0 {
			s.Reasons = append(s.Reasons, recmap.Reason{Kind: "topic", Detail: strings.Join(topics, ", "), Weight: round3(0.3 * tsim)})
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if len(out) > 3 {
		out = out[:3]
	}
	_ = math.Abs
	return out, nil
}
