package main

import (
	"context"
	"fmt"

	"github.com/recmap/recmap"
)

func init() {
	register(&command{name: "gaps", args: "[--data DIR] [--doc DOC] [--body BODY] [--topic TOPIC]", summary: "list recommendations with no confirmed action or provision", run: runGaps})
}

func runGaps(ctx context.Context, e *env, args []string) error {
	var (
		ws     wsFlags
		f      filterFlags
		asJSON bool
	)
	fs := e.flags(commands["gaps"])
	ws.register(fs, e)
	f.register(fs)
	fs.BoolVar(&asJSON, "json", false, "print JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	w, err := ws.open(ctx)
	if err != nil {
		return err
	}
	defer w.Close()
	flt := f.filter()
	flt.Kinds = []recmap.Kind{recmap.KindRecommendation}
	recs, err := w.Select(ctx, flt)
	if err != nil {
		return err
	}
	states, err := w.States(ctx)
	if err != nil {
		return err
	}
	type gap struct {
		recmap.Item
		Best *recmap.Suggestion `json:"best_suggestion,omitempty"`
	}
	var gaps []gap
	for _, r := range recs {
		if len(states[r.ID].Links) > 0 {
			continue
		}
		g := gap{Item: r}
		if s, _ := w.Suggestions(ctx, r.ID); len(s) > 0 && s[0].Kind != recmap.KindRecommendation {
			g.Best = &s[0]
		}
		gaps = append(gaps, g)
	}
	if asJSON {
		return e.printJSON(gaps)
	}
	for _, g := range gaps {
		fmt.Fprintf(e.stdout, "%-26s %-9s %s\n", g.ID, g.Strength+g.Position, clip(g.Text, 90))
		if g.Best != nil {
			fmt.Fprintf(e.stdout, "%26s best suggestion %s (%.2f)\n", "", g.Best.Target, g.Best.Score)
		}
	}
	fmt.Fprintf(e.stdout, "%d of %d recommendations have no confirmed action or provision\n", len(gaps), len(recs))
	return nil
}
