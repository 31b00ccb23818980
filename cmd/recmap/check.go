package main

import (
	"context"
	"fmt"

	"github.com/recmap/recmap/workspace"
)

func init() {
	register(&command{name: "check", args: "[--data DIR] [--repair]", summary: "check that the index agrees with the store; --repair fixes it", run: runCheck})
	register(&command{name: "reindex", args: "[--data DIR]", summary: "rebuild the search index from the store (decisions are kept)", run: runReindex})
}

func runCheck(ctx context.Context, e *env, args []string) error {
	var ws wsFlags
	var repair, asJSON bool
	fs := e.flags(commands["check"])
	ws.register(fs, e)
	fs.BoolVar(&repair, "repair", false, "re-index documents that differ and remove stray index entries")
	fs.BoolVar(&asJSON, "json", false, "print JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	w, err := ws.open(ctx)
	if err != nil {
		return err
	}
	defer w.Close()
	rep, err := w.Check(ctx, repair)
	if err != nil {
		return err
	}
	return printCheck(e, rep, asJSON, repair)
}

func printCheck(e *env, rep *workspace.CheckReport, asJSON, repair bool) error {
	if asJSON {
		if err := e.printJSON(rep); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(e.stdout, "%d documents, %d items, %d index entries, %d decisions\n", rep.Documents, rep.Items, rep.Indexed, rep.Decisions)
		for _, p := range rep.Problems {
			fmt.Fprintf(e.stdout, "  problem: %s: %s\n", p.Doc, p.Detail)
		}
		switch {
		case len(rep.Problems) == 0:
			fmt.Fprintln(e.stdout, "ok")
		case rep.Repaired:
			fmt.Fprintln(e.stdout, "repaired; run 'recmap check' again to confirm")
		}
	}
	if len(rep.Problems) > 0 && !repair {
		return fmt.Errorf("check: %d problems found: run 'recmap check --repair'", len(rep.Problems))
	}
	return nil
}

func runReindex(ctx context.Context, e *env, args []string) error {
	var ws wsFlags
	fs := e.flags(commands["reindex"])
	ws.register(fs, e)
	if err := parse(fs, args); err != nil {
		return err
	}
	rep, err := workspace.Reindex(ctx, ws.data, workspace.Options{})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "index rebuilt from the store")
	return printCheck(e, rep, false, false)
}
