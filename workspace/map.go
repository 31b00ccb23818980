package workspace

import (
	"context"
	"fmt"
	"time"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/mapping"
	"github.com/recmap/recmap/rules"
)

// MapOptions configure Map.
type MapOptions struct {
	Filter Filter // which recommendations to map; Kinds is ignored
	Limit  int    // suggestions kept per recommendation; 0 means 10
}

// MapReport summarises a Map run.
type MapReport struct {
	Recommendations int           `json:"recommendations"`
	Targets         int           `json:"targets"`          // actions and provisions considered
	WithSuggestions int           `json:"with_suggestions"` // recommendations with at least one suggestion
	WithReference   int           `json:"with_reference"`   // … whose best suggestion is an explicit reference
	Repeated        int           `json:"repeated"`         // recommendations with a predecessor found
	Duration        time.Duration `json:"duration"`
}

// Engine builds a mapping engine over everything in the workspace.
func (ws *Workspace) Engine(ctx context.Context) (*mapping.Engine, error) {
	docs, err := ws.Docs(ctx)
	if err != nil {
		return nil, err
	}
	items, err := ws.Select(ctx, Filter{})
	if err != nil {
		return nil, err
	}
	ds := make([]recmap.Document, len(docs))
	for i, d := range docs {
		ds[i] = d.Document
	}
	tax := ws.tax
	if tax == nil {
		tax = rules.DefaultTaxonomy()
	}
	return mapping.New(ws.ix, tax, ds, items), nil
}

// Map computes and stores suggestions for the selected recommendations:
// candidate actions and provisions, and predecessors in earlier rounds.
// Decisions are never changed; rejected targets are not suggested again.
func (ws *Workspace) Map(ctx context.Context, opts MapOptions) (*MapReport, error) {
	start := time.Now()
	eng, err := ws.Engine(ctx)
	if err != nil {
		return nil, fmt.Errorf("map: %w", err)
	}
	f := opts.Filter
	f.Kinds = []recmap.Kind{recmap.KindRecommendation}
	recs, err := ws.Select(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("map: %w", err)
	}
	states, err := ws.States(ctx)
	if err != nil {
		return nil, fmt.Errorf("map: %w", err)
	}
	rep := &MapReport{Recommendations: len(recs), Targets: eng.Targets()}
	rejected := func(rec recmap.Item) map[string]bool {
		m := map[string]bool{}
		for _, id := range states[rec.ID].Rejected {
			m[id] = true
		}
		return m
	}
	out, err := eng.SuggestAll(ctx, recs, func(rec recmap.Item) mapping.Options {
		return mapping.Options{Limit: opts.Limit, Rejected: rejected(rec)}
	})
	if err != nil {
		return nil, fmt.Errorf("map: %w", err)
	}
	for _, rec := range recs {
		p, err := eng.Predecessors(ctx, rec)
		if err != nil {
			return nil, fmt.Errorf("map: %w", err)
		}
		rj := rejected(rec)
		for _, x := range p {
			if !rj[x.Target] {
				out[rec.ID] = append(out[rec.ID], x)
			}
		}
	}
	for _, s := range out {
		hasAction, hasPred := false, false
		for i, x := range s {
			if x.Kind == recmap.KindRecommendation {
				hasPred = true
				continue
			}
			if !hasAction && len(x.Reasons) > 0 && x.Reasons[0].Kind == "reference" && i == 0 {
				rep.WithReference++
			}
			hasAction = true
		}
		if hasAction {
			rep.WithSuggestions++
		}
		if hasPred {
			rep.Repeated++
		}
	}
	if err := ws.PutSuggestions(ctx, out); err != nil {
		return nil, err
	}
	rep.Duration = time.Since(start)
	return rep, nil
}

// Accept links rec to its best suggested action or provision that is not
// linked or rejected yet.
// A recommendation that has no suggestions (not mapped yet) gives an error
// wrapping ErrNoSuggestions.
func (ws *Workspace) Accept(ctx context.Context, rec, user, note, origin string) (recmap.Decision, error) {
	sugg, err := ws.Suggestions(ctx, rec)
	if err != nil {
		return recmap.Decision{}, err
	}
	st, err := ws.State(ctx, rec)
	if err != nil {
		return recmap.Decision{}, err
	}
	done := map[string]bool{}
	for _, id := range append(append([]string(nil), st.Links...), st.Rejected...) {
		done[id] = true
	}
	for _, s := range sugg {
		if s.Kind == recmap.KindRecommendation || done[s.Target] {
			continue
		}
		d, err := ws.Decide(ctx, recmap.Decision{Rec: rec, Op: recmap.OpLink, Target: s.Target, User: user, Note: note, Origin: origin})
		if err != nil {
			return recmap.Decision{}, err
		}
		return d[0], nil
	}
	if len(sugg) == 0 {
		return recmap.Decision{}, fmt.Errorf("accept %s: %w", rec, ErrNoSuggestions)
	}
	return recmap.Decision{}, fmt.Errorf("accept %s: every suggestion is already linked or rejected", rec)
}
