package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/rules"
	"github.com/recmap/recmap/workspace"
)

func init() {
	register(&command{
		name:    "ingest",
		args:    "[--data DIR] [--profile FAMILY] FILE|DIR...",
		summary: "extract, parse and index documents into the workspace",
		run:     runIngest,
	})
}

func runIngest(ctx context.Context, e *env, args []string) error {
	var (
		ws      wsFlags
		lim     limits
		profile string
		asJSON  bool
		workers int
		items   int
	)
	fs := e.flags(commands["ingest"])
	ws.register(fs, e)
	lim.register(fs)
	fs.StringVar(&profile, "profile", "", "force the document family instead of detecting it: "+familyList())
	fs.BoolVar(&asJSON, "json", false, "print the report as JSON")
	fs.IntVar(&workers, "workers", 0, "documents read in parallel (default: number of cores)")
	fs.IntVar(&items, "max-items", rules.DefaultMaxItems, "most items (recommendations, paragraphs …) kept from one document")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("ingest: name at least one file or folder")
	}
	fam, err := parseFamily(profile)
	if err != nil {
		return err
	}
	w, err := ws.open(ctx)
	if err != nil {
		return err
	}
	defer w.Close()
	inputs := workspace.Inputs(fs.Args())
	if len(inputs) == 0 {
		return fmt.Errorf("ingest: no documents found in %s (recmap reads %s)", strings.Join(fs.Args(), ", "), strings.Join(workspace.Extensions, " "))
	}
	opts := workspace.IngestOptions{Profile: fam, Workers: workers, MaxItems: items}
	opts.Extract.Limits = lim.extract()
	p := newProgress(e.stderr, len(inputs), "ingesting")
	opts.Progress = func(fr workspace.FileResult, done, total int) { p.file(fr, done, total) }
	rep, err := w.Ingest(ctx, inputs, opts)
	p.finish()
	if rep != nil {
		if asJSON {
			if jerr := e.printJSON(rep); jerr != nil && err == nil {
				err = jerr
			}
		} else {
			printIngestReport(e, rep)
		}
	}
	if err != nil {
		return err
	}
	if n := rep.Failed(); n > 0 {
		return &partialError{failed: n, total: len(rep.Files)}
	}
	return nil
}

func familyList() string {
	s := make([]string, 0, len(recmap.Families))
	for _, f := range recmap.Families {
		if f != recmap.FamilyUnknown {
			s = append(s, string(f))
		}
	}
	return strings.Join(s, ", ")
}

func parseFamily(s string) (recmap.Family, error) {
	if s == "" {
		return "", nil
	}
	for _, f := range recmap.Families {
		if string(f) == s {
			return f, nil
		}
	}
	return "", usagef("--profile: unknown family %q: use one of %s", s, familyList())
}

func printIngestReport(e *env, rep *workspace.Report) {
	byOutcome := map[workspace.Outcome]int{}
	warnings := 0
	for _, f := range rep.Files {
		byOutcome[f.Outcome]++
		warnings += len(f.Warnings)
	}
	fmt.Fprintf(e.stdout, "%d files: %d added, %d replaced, %d unchanged, %d failed; %d pages in %s\n",
		len(rep.Files), byOutcome[workspace.Added], byOutcome[workspace.Replaced], byOutcome[workspace.Unchanged], byOutcome[workspace.Failed],
		rep.Pages, rep.Duration.Round(1e6))
	if len(rep.Counts) > 0 {
		kinds := make([]string, 0, len(rep.Counts))
		for k := range rep.Counts {
			kinds = append(kinds, k)
		}
		sort.Strings(kinds)
		parts := make([]string, len(kinds))
		for i, k := range kinds {
			parts[i] = fmt.Sprintf("%d %ss", rep.Counts[k], k)
		}
		fmt.Fprintf(e.stdout, "items: %s\n", strings.Join(parts, ", "))
	}
	for _, f := range rep.Files {
		switch f.Outcome {
		case workspace.Added, workspace.Replaced:
			fmt.Fprintf(e.stdout, "  %-9s %-28s %-20s %s%s\n", f.Outcome, f.DocID, f.Family, countsLine(f.Counts), unreadableNote(f.Unreadable))
			for _, w := range f.Warnings {
				fmt.Fprintf(e.stderr, "recmap: warning: %s: %s\n", f.Path, w)
			}
		case workspace.Unchanged:
			fmt.Fprintf(e.stdout, "  %-9s %-28s %s\n", f.Outcome, f.DocID, f.Path)
		}
	}
	for _, f := range rep.Files {
		if f.Outcome == workspace.Failed {
			printFileError(e, f.Err)
		}
	}
	if warnings > 0 {
		fmt.Fprintf(e.stdout, "%d warnings (on stderr)\n", warnings)
	}
}

// unreadableNote flags a document with pages whose text did not decode.
func unreadableNote(pages []int) string {
	switch len(pages) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("; page %d unreadable", pages[0])
	}
	return fmt.Sprintf("; %d pages unreadable", len(pages))
}

func countsLine(c map[string]int) string {
	var parts []string
	for _, k := range []recmap.Kind{recmap.KindRecommendation, recmap.KindProvision, recmap.KindAction, recmap.KindFinding, recmap.KindParagraph} {
		if n := c[string(k)]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, k))
		}
	}
	return strings.Join(parts, ", ")
}

// progress shows a bar on a terminal and plain lines otherwise.
type progress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func newProgress(w io.Writer, total int, what string) *progress {
	p := &progress{w: w}
	if f, ok := rawWriter(w).(*os.File); ok && term.IsTerminal(int(f.Fd())) && total > 1 {
		p.bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription(what),
			progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(), progressbar.OptionSetWidth(30))
	}
	return p
}

func (p *progress) file(fr workspace.FileResult, done, total int) {
	if p.bar != nil {
		p.bar.Describe(fmt.Sprintf("%-40.40s", safeText(fr.Path)))
		p.bar.Set(done)
		return
	}
	fmt.Fprintf(p.w, "[%d/%d] %s %s\n", done, total, fr.Outcome, fr.Path)
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
