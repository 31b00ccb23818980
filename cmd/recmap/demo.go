package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/mapping"
	"github.com/recmap/recmap/sample"
	"github.com/recmap/recmap/workspace"
)

func init() {
	register(&command{
		name:    "demo",
		args:    "[--out recmap-demo.xlsx] [--data DIR]",
		summary: "ingest the built-in sample corpus, map it, and write the compliance matrix",
		run:     runDemo,
	})
}

// demoGoldDocs are the documents the sample's gold mapping relates.
const (
	demoReport = "GRETA(2099)01"
	demoPlan   = "hu-action-plan-2099-2100.docx"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	var out, data string
	fs := e.flags(commands["demo"])
	fs.StringVar(&out, "out", "recmap-demo.xlsx", "workbook to write")
	fs.StringVar(&data, "data", "", "keep the demo workspace in this folder (default: a temporary folder, removed afterwards)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if data == "" {
		tmp, err := os.MkdirTemp("", "recmap-demo-*")
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		defer os.RemoveAll(tmp)
		data = tmp
	}
	w, err := workspace.Open(ctx, data, workspace.Options{})
	if err != nil {
		return err
	}
	defer w.Close()

	// The action plan ships as DOCX and PDF; the demo reads the DOCX, as
	// staff would receive it.
	var names []string
	for _, n := range sample.Files() {
		if n != strings.TrimSuffix(demoPlan, ".docx")+".pdf" {
			names = append(names, "files/"+n)
		}
	}
	fmt.Fprintf(e.stdout, "1. ingesting %d sample documents (invented text, embedded in recmap)\n", len(names))
	rep, err := w.Ingest(ctx, workspace.FSInputs(sample.FS, names), workspace.IngestOptions{})
	if err != nil {
		return err
	}
	for _, f := range rep.Files {
		if f.Outcome == workspace.Failed {
			return fmt.Errorf("demo: sample %s: %w", f.Path, f.Err)
		}
		fmt.Fprintf(e.stdout, "   %-36s %-20s %s\n", filepath.Base(f.Path), f.Family, countsLine(f.Counts))
	}

	fmt.Fprintln(e.stdout, "2. mapping every recommendation to the actions and provisions that answer it")
	mr, err := w.Map(ctx, workspace.MapOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "   %d recommendations, %d candidate actions and provisions, %d with suggestions, %d repeated from round 2 (%s)\n",
		mr.Recommendations, mr.Targets, mr.WithSuggestions, mr.Repeated, mr.Duration.Round(1e6))
	if err := demoShowcase(ctx, e, w); err != nil {
		return err
	}
	if gold, err := sample.Gold(); err == nil {
		var g []mapping.GoldEntry
		for _, m := range gold {
			if len(m.Actions) > 0 {
				g = append(g, mapping.GoldEntry{Rec: m.Rec, Actions: m.Actions})
			}
		}
		if _, m, err := w.Evaluate(ctx, demoReport, demoPlan, g); err == nil {
			fmt.Fprintf(e.stdout, "   against the sample's intended mapping (%d recommendations, English → Hungarian): %s\n", m.N, m)
		}
	}

	fmt.Fprintln(e.stdout, "3. writing the compliance matrix")
	wb, err := w.Workbook(ctx, workspace.ExportOptions{Suggested: 2, Title: "Compliance matrix – SAMPLE (invented documents)"})
	if err != nil {
		return err
	}
	if err := writeWorkbook(out, wb); err != nil {
		return err
	}
	abs, _ := filepath.Abs(out)
	fmt.Fprintf(e.stdout, "\nwrote %s\n", abs)
	fmt.Fprintf(e.stdout, "  Matrix   %d recommendations with strength, topics, suggested actions (not yet confirmed), status dropdown\n", len(wb.Recs))
	fmt.Fprintln(e.stdout, "  Summary  counts by status × strength and topic, the gaps, a chart")
	fmt.Fprintln(e.stdout, "  Reply    the follow-up view for the reply to GRETA, in the report's order")
	fmt.Fprintf(e.stdout, "  Actions  %d national actions with the recommendations they answer\n", len(wb.Actions))
	fmt.Fprintf(e.stdout, "  Sources  %d documents with SHA-256 and dates\n", len(wb.Sources))
	fmt.Fprintln(e.stdout, "\nNext: edit statuses in Excel and bring them back with 'recmap import', or start with your own files: 'recmap ingest DIR', 'recmap map', 'recmap export matrix.xlsx'.")
	return nil
}

// demoShowcase prints a few recommendations with their best suggestion
// and its reasons.
func demoShowcase(ctx context.Context, e *env, w *workspace.Workspace) error {
	recs, err := w.Select(ctx, workspace.Filter{Kinds: []recmap.Kind{recmap.KindRecommendation}, Docs: []string{demoReport}})
	if err != nil {
		return err
	}
	shown := 0
	for _, r := range recs {
		if shown == 3 {
			break
		}
		if r.Strength != "urge" {
			continue
		}
		sugg, err := w.Suggestions(ctx, r.ID)
		if err != nil || len(sugg) == 0 || sugg[0].Kind != recmap.KindAction {
			continue
		}
		target, err := w.Item(ctx, sugg[0].Target)
		if err != nil {
			continue
		}
		shown++
		fmt.Fprintf(e.stdout, "\n   %s [%s] %s\n", r.ID, r.Strength, clip(r.Text, 110))
		fmt.Fprintf(e.stdout, "     → %s %s\n", target.ID, clip(target.Text, 100))
		fmt.Fprintf(e.stdout, "       why: %s\n", reasonsLine(sugg[0].Reasons))
	}
	if shown > 0 {
		fmt.Fprintln(e.stdout)
	}
	return nil
}
