package main

import (
	"context"
	"fmt"
	"text/tabwriter"
)

func init() {
	register(&command{name: "docs", args: "[--data DIR] [--json]", summary: "list the documents in the workspace", run: runDocs})
	register(&command{name: "remove", args: "[--data DIR] DOC...", summary: "remove documents (by ID, symbol, file name or SHA-256 prefix) from the workspace", run: runRemove})
}

func runDocs(ctx context.Context, e *env, args []string) error {
	var ws wsFlags
	var asJSON bool
	fs := e.flags(commands["docs"])
	ws.register(fs, e)
	fs.BoolVar(&asJSON, "json", false, "print JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	w, err := ws.open(ctx)
	if err != nil {
		return err
	}
	defer w.Close()
	docs, err := w.Docs(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		return e.printJSON(docs)
	}
	if len(docs) == 0 {
		fmt.Fprintln(e.stdout, "no documents yet: add some with 'recmap ingest FILE|DIR'")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tFAMILY\tCOUNTRY\tROUND\tLANG\tPAGES\tITEMS\tFILE")
	for _, d := range docs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", d.ID, d.Family, d.Country, d.Round, d.Language, d.Pages, countsLine(d.Counts)+unreadableNote(d.Unreadable), d.FileName)
	}
	return tw.Flush()
}

func runRemove(ctx context.Context, e *env, args []string) error {
	var ws wsFlags
	fs := e.flags(commands["remove"])
	ws.register(fs, e)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("remove: name at least one document (see 'recmap docs')")
	}
	w, err := ws.open(ctx)
	if err != nil {
		return err
	}
	defer w.Close()
	failed := 0
	for _, ref := range fs.Args() {
		d, err := w.Remove(ctx, ref)
		if err != nil {
			failed++
			fmt.Fprintf(e.stderr, "recmap: %v\n", err)
			if h := notFoundHint(err); h != "" {
				fmt.Fprintf(e.stderr, "  what to do: %s\n", h)
			}
			continue
		}
		fmt.Fprintf(e.stdout, "removed %s (%s); its decisions stay in the audit log\n", d.ID, d.FileName)
	}
	if failed > 0 {
		return &partialError{failed: failed, total: fs.NArg()}
	}
	return nil
}
