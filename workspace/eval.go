package workspace

import (
	"context"
	"fmt"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/mapping"
)

// Evaluate measures the stored suggestions for the recommendations of
// recDoc against gold answers that are items of ansDoc, identified by their
// numbers (a national report's paragraph numbers, an action plan's measure
// numbers). Run Map first.
func (ws *Workspace) Evaluate(ctx context.Context, recDoc, ansDoc string, gold []mapping.GoldEntry) ([]mapping.EvalResult, mapping.Metrics, error) {
	rd, err := ws.Doc(ctx, recDoc)
	if err != nil {
		return nil, mapping.Metrics{}, fmt.Errorf("evaluate: %w", err)
	}
	ad, err := ws.Doc(ctx, ansDoc)
	if err != nil {
		return nil, mapping.Metrics{}, fmt.Errorf("evaluate: %w", err)
	}
	answers, err := ws.Items(ctx, ad.ID)
	if err != nil {
		return nil, mapping.Metrics{}, err
	}
	number := map[string]string{}
	for _, it := range answers {
		number[it.ID] = it.Number
	}
	var out []mapping.EvalResult
	for _, g := range gold {
		id := rd.ID + "#" + g.Rec
		r := mapping.EvalResult{Rec: g.Rec, Gold: g.Answers(), Section: g.Section}
		if it, err := ws.Item(ctx, id); err == nil && it.Kind == recmap.KindRecommendation {
			r.Found = true
			sugg, err := ws.Suggestions(ctx, id)
			if err != nil {
				return nil, mapping.Metrics{}, err
			}
			for _, s := range sugg {
				if n, ok := number[s.Target]; ok {
					r.Ranked = append(r.Ranked, n)
				}
			}
			r.Rank = mapping.RankOf(r.Ranked, r.Gold)
		}
		out = append(out, r)
	}
	return out, mapping.Score(out), nil
}
