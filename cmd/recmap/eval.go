package main

import (
	"context"
	"fmt"
	"os"

	"github.com/recmap/recmap/extract"
	"github.com/recmap/recmap/mapping"
	"github.com/recmap/recmap/workspace"
)

func init() {
	register(&command{
		name:    "eval",
		args:    "--gold GOLD.jsonl --recommendations REPORT --actions NATIONAL_REPORT [--keep-references] [--json]",
		summary: "measure the mapping against a published recommendation → action mapping (recall@k, MRR)",
		run:     runEval,
	})
}

func runEval(ctx context.Context, e *env, args []string) error {
	var (
		gold, recs, acts string
		keep, asJSON     bool
		verbose          bool
		keepDir          string
	)
	fs := e.flags(commands["eval"])
	fs.StringVar(&gold, "gold", "", "gold file: one JSON object per line {\"rec\": \"115.62\", \"paras\": [36, 37]}")
	fs.StringVar(&recs, "recommendations", "", "the report whose recommendations are mapped")
	fs.StringVar(&acts, "actions", "", "the national report or action plan whose paragraphs answer them")
	fs.BoolVar(&keep, "keep-references", false, "keep explicit references (\"Recommendations 78–86\") in the national document")
	fs.BoolVar(&asJSON, "json", false, "print the per-recommendation detail as JSON")
	fs.BoolVar(&verbose, "v", false, "print every miss")
	fs.StringVar(&keepDir, "data", "", "build the evaluation workspace in this (new) folder and keep it, for inspection with 'recmap map --show'")
	if err := parse(fs, args); err != nil {
		return err
	}
	if gold == "" || recs == "" || acts == "" {
		return usagef("eval: --gold, --recommendations and --actions are all required")
	}
	gf, err := os.Open(gold)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	entries, err := mapping.ReadGold(gf)
	gf.Close()
	if err != nil {
		return fmt.Errorf("eval %s: %w", gold, err)
	}
	dir := keepDir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "recmap-eval-*")
		if err != nil {
			return fmt.Errorf("eval: %w", err)
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	} else if _, err := os.Stat(dir); err == nil {
		return usagef("eval: --data %s exists: give a new folder", dir)
	}
	w, err := workspace.Open(ctx, dir, workspace.Options{Isolate: true})
	if err != nil {
		return err
	}
	defer w.Close()

	rr, err := w.Ingest(ctx, workspace.Inputs([]string{recs}), workspace.IngestOptions{})
	if err != nil {
		return err
	}
	if rr.Files[0].Outcome == workspace.Failed {
		return fmt.Errorf("eval: %w", rr.Files[0].Err)
	}
	removed := 0
	opts := workspace.IngestOptions{}
	if !keep {
		opts.Transform = func(d *extract.Document) { removed += mapping.StripReferences(d) }
	}
	ar, err := w.Ingest(ctx, workspace.Inputs([]string{acts}), opts)
	if err != nil {
		return err
	}
	if ar.Files[0].Outcome == workspace.Failed {
		return fmt.Errorf("eval: %w", ar.Files[0].Err)
	}
	recDoc, actDoc := rr.Files[0].DocID, ar.Files[0].DocID
	if _, err := w.Map(ctx, workspace.MapOptions{Filter: workspace.Filter{Docs: []string{recDoc}}, Limit: 10}); err != nil {
		return err
	}
	results, m, err := w.Evaluate(ctx, recDoc, actDoc, entries)
	if err != nil {
		return err
	}
	if asJSON {
		if err := e.printJSON(struct {
			Metrics mapping.Metrics      `json:"metrics"`
			Results []mapping.EvalResult `json:"results"`
		}{m, results}); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(e.stdout, "recommendations: %s (%s), answers: %s (%s)\n", recDoc, recs, actDoc, acts)
		if keep {
			fmt.Fprintln(e.stdout, "explicit references kept")
		} else {
			fmt.Fprintf(e.stdout, "explicit references removed from the answers: %d\n", removed)
		}
		if verbose {
			for _, r := range results {
				if r.Rank != 1 {
					fmt.Fprintf(e.stdout, "  miss %-8s rank %d gold %v ranked %v %s\n", r.Rec, r.Rank, r.Gold, r.Ranked[:min(5, len(r.Ranked))], r.Section)
				}
			}
		}
		fmt.Fprintf(e.stdout, "%d gold recommendations, %d not extracted\n", m.N, m.Missing)
	}
	fmt.Fprintln(e.stdout, m)
	return nil
}
