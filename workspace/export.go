package workspace

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/matrix"
)

// ExportOptions select what goes into the matrix.
type ExportOptions struct {
	Filter   Filter
	Statuses []string // only recommendations with these statuses ("" for none set)
	// Suggested is how many unconfirmed suggestions to show per
	// recommendation beside the confirmed links (marked as suggested).
	Suggested int
	Title     string
}

// Workbook assembles the compliance matrix: every selected recommendation
// with its confirmed links, its best suggestions, its status and history.
func (ws *Workspace) Workbook(ctx context.Context, opts ExportOptions) (*matrix.Workbook, error) {
	docs, err := ws.Docs(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[string]recmap.Document{}
	wb := &matrix.Workbook{Title: opts.Title, Generated: time.Now().UTC(), Filter: describe(opts)}
	for _, d := range docs {
		byID[d.ID] = d.Document
		wb.Sources = append(wb.Sources, d.Document)
	}
	if wb.Title == "" {
		wb.Title = "Compliance matrix"
	}
	f := opts.Filter
	f.Kinds = []recmap.Kind{recmap.KindRecommendation}
	recs, err := ws.Select(ctx, f)
	if err != nil {
		return nil, err
	}
	states, err := ws.States(ctx)
	if err != nil {
		return nil, err
	}
	items := map[string]recmap.Item{}
	lookup := func(id string) (recmap.Item, bool) {
		if it, ok := items[id]; ok {
			return it, true
		}
		it, err := ws.Item(ctx, id)
		if err != nil {
			return it, false
		}
		items[id] = it
		return it, true
	}
	for _, r := range recs {
		st := states[r.ID]
		if len(opts.Statuses) > 0 && !containsFold(opts.Statuses, st.Status) {
			continue
		}
		row := matrix.Rec{Item: r, Doc: byID[r.DocID], Status: st.Status, Evidence: st.Evidence, Comment: st.Comment, LastDecision: st.Last}
		linked := map[string]bool{}
		for _, id := range st.Links {
			it, ok := lookup(id)
			if !ok {
				continue
			}
			linked[id] = true
			l := matrix.Link{Item: it, Symbol: byID[it.DocID].Symbol, Confirmed: true}
			if it.Kind == recmap.KindProvision {
				row.Provisions = append(row.Provisions, l)
			} else {
				row.Actions = append(row.Actions, l)
			}
		}
		for _, id := range st.Repeats {
			if it, ok := lookup(id); ok {
				row.RepeatedFrom = append(row.RepeatedFrom, fmt.Sprintf("%s (round %s)", it.ID, byID[it.DocID].Round))
				linked[id] = true
			}
		}
		sugg, err := ws.Suggestions(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		shown := 0
		for _, s := range sugg {
			if linked[s.Target] {
				continue
			}
			it, ok := lookup(s.Target)
			if !ok {
				continue
			}
			if s.Kind == recmap.KindRecommendation {
				row.RepeatedFrom = append(row.RepeatedFrom, fmt.Sprintf("%s (round %s, suggested)", it.ID, byID[it.DocID].Round))
				continue
			}
			if shown >= opts.Suggested {
				continue
			}
			shown++
			l := matrix.Link{Item: it, Symbol: byID[it.DocID].Symbol}
			if it.Kind == recmap.KindProvision {
				row.Provisions = append(row.Provisions, l)
			} else {
				row.Actions = append(row.Actions, l)
			}
		}
		wb.Recs = append(wb.Recs, row)
	}
	// The inverse view lists every national action, answered or not.
	answers := map[string][]string{}
	for rec, st := range states {
		for _, id := range st.Links {
			answers[id] = append(answers[id], rec)
		}
	}
	actions, err := ws.Select(ctx, Filter{Kinds: []recmap.Kind{recmap.KindAction}})
	if err != nil {
		return nil, err
	}
	wb.Actions = make([]matrix.ActionRow, 0, len(actions))
	for _, a := range actions {
		recs := answers[a.ID]
		sort.Strings(recs)
		wb.Actions = append(wb.Actions, matrix.ActionRow{Item: a, Symbol: byID[a.DocID].Symbol, Recs: recs})
	}
	return wb, nil
}

func describe(o ExportOptions) string {
	var parts []string
	add := func(name string, v []string) {
		if len(v) > 0 {
			parts = append(parts, name+" "+strings.Join(v, ", "))
		}
	}
	add("document", o.Filter.Docs)
	add("body", o.Filter.Bodies)
	add("round", o.Filter.Rounds)
	add("topic", o.Filter.Topics)
	add("status", o.Statuses)
	return strings.Join(parts, "; ")
}
