package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/recmap/recmap/extract"
)

func init() {
	register(&command{
		name:    "extract",
		args:    "[--json] FILE...",
		summary: "print the text recmap extracts from documents (PDF, DOCX, HTML, TXT, MD)",
		run:     runExtract,
	})
}

type extractOptions struct {
	json  bool
	lines bool
	limits
}

func runExtract(ctx context.Context, e *env, args []string) error {
	var o extractOptions
	fs := e.flags(commands["extract"])
	fs.BoolVar(&o.json, "json", false, "print JSON: source, pages, paragraphs with page, number, heading level and bold share")
	fs.BoolVar(&o.lines, "lines", false, "with --json, include every page's lines with positions and fonts")
	o.limits.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("extract: name at least one file")
	}
	opts := extract.Options{Limits: o.limits.extract(), KeepLines: o.lines, Isolate: true}
	failed := 0
	for i, path := range fs.Args() {
		if err := ctx.Err(); err != nil {
			return err
		}
		doc, err := opts.File(ctx, path)
		if err != nil {
			failed++
			printFileError(e, err)
			continue
		}
		if o.json {
			if err := e.printJSON(doc); err != nil {
				return fmt.Errorf("extract %s: write json: %w", path, err)
			}
			continue
		}
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		printDocument(e, doc)
	}
	if failed > 0 {
		return &partialError{failed: failed, total: fs.NArg()}
	}
	return nil
}

// printFileError prints an error about one input with what to do about it.
func printFileError(e *env, err error) {
	fmt.Fprintf(e.stderr, "recmap: %v\n", err)
	var le *extract.LimitError
	if errors.As(err, &le) && limitFlags[le.Limit] != "" {
		fmt.Fprintf(e.stderr, "  what to do: if the file is genuine, raise the limit with %s\n", limitFlags[le.Limit])
	} else if h := extract.Hint(err); h != "" {
		fmt.Fprintf(e.stderr, "  what to do: %s\n", h)
	}
}

func printDocument(e *env, doc *extract.Document) {
	s := doc.Source
	fmt.Fprintf(e.stdout, "# %s (%s, %d pages, %d paragraphs, sha256 %.12s)\n", s.Name, s.Format, s.Pages, len(doc.Paragraphs), s.SHA256)
	for _, w := range doc.Warnings {
		fmt.Fprintf(e.stderr, "recmap: warning: %s: %s\n", s.Name, w)
	}
	page := 0
	for _, p := range doc.Paragraphs {
		if p.Page != page && p.Page > 0 {
			page = p.Page
			fmt.Fprintf(e.stdout, "\n--- page %d ---\n", page)
		}
		fmt.Fprintln(e.stdout)
		switch {
		case p.Heading > 0:
			fmt.Fprintf(e.stdout, "%s ", strings.Repeat("#", p.Heading))
		case p.List > 0:
			fmt.Fprintf(e.stdout, "%s%s ", strings.Repeat("  ", p.List-1), p.Marker)
		}
		if p.Number != "" {
			fmt.Fprintf(e.stdout, "%s. ", p.Number)
		}
		fmt.Fprintln(e.stdout, p.Text)
	}
	if len(doc.Footnotes) > 0 {
		fmt.Fprintln(e.stdout, "\n--- footnotes ---")
		for _, f := range doc.Footnotes {
			fmt.Fprintf(e.stdout, "[%s] %s\n", f.Number, f.Text)
		}
	}
}
