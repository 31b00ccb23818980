package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/extract"
	"github.com/recmap/recmap/rules"
)

func init() {
	register(&command{
		name:    "parse",
		args:    "[--json] [--profile FAMILY] [--taxonomy FILE] FILE...",
		summary: "print the metadata and items (recommendations, provisions, actions) recmap cuts from documents",
		run:     runParse,
	})
}

type parseOptions struct {
	json     bool
	profile  string
	taxonomy string
	all      bool
	limits
}

func runParse(ctx context.Context, e *env, args []string) error {
	var o parseOptions
	fs := e.flags(commands["parse"])
	fs.BoolVar(&o.json, "json", false, "print JSON: document, detection, warnings and every field of every item")
	fs.StringVar(&o.profile, "profile", "", "force a document family instead of detecting it: "+familyList())
	fs.StringVar(&o.taxonomy, "taxonomy", "", "topic taxonomy JSON file replacing the embedded one")
	fs.BoolVar(&o.all, "all", false, "in the table, list plain paragraph items too")
	o.limits.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("parse: name at least one file")
	}
	fam, err := parseFamily(o.profile)
	if err != nil {
		return err
	}
	opts := rules.Options{Family: fam}
	if o.taxonomy != "" {
		if opts.Taxonomy, err = loadTaxonomy(o.taxonomy); err != nil {
			return err
		}
	}
	xopts := extract.Options{Limits: o.limits.extract(), Isolate: true}
	failed := 0
	for i, path := range fs.Args() {
		if err := ctx.Err(); err != nil {
			return err
		}
		doc, err := xopts.File(ctx, path)
		if err != nil {
			failed++
			printFileError(e, err)
			continue
		}
		res, err := rules.Parse(ctx, doc, opts)
		if err != nil {
			failed++
			fmt.Fprintf(e.stderr, "recmap: %v\n", err)
			continue
		}
		for _, w := range res.Warnings {
			fmt.Fprintf(e.stderr, "recmap: warning: %s: %s\n", doc.Source.Name, w)
		}
		if o.json {
			if err := e.printJSON(res); err != nil {
				return fmt.Errorf("parse %s: write json: %w", path, err)
			}
			continue
		}
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		printParse(e, res, o.all)
	}
	if failed > 0 {
		return &partialError{failed: failed, total: fs.NArg()}
	}
	return nil
}

func printParse(e *env, res *rules.Result, all bool) {
	d := res.Doc
	w := e.stdout
	fmt.Fprintf(w, "# %s\n", d.FileName)
	fmt.Fprintf(w, "id %s  symbol %s  family %s (%.2f)  body %s  country %s  round %s  lang %s\n",
		d.ID, dash(d.Symbol), d.Family, d.FamilyConfidence, dash(d.Body), dash(d.Country), dash(d.Round), dash(d.Language))
	if d.Title != "" {
		fmt.Fprintf(w, "title %s\n", d.Title)
	}
	if d.Adopted != "" || d.Published != "" {
		fmt.Fprintf(w, "adopted %s  published %s\n", dash(d.Adopted), dash(d.Published))
	}
	fmt.Fprint(w, "detection")
	for _, det := range res.Detection {
		if det.Score > 0 {
			fmt.Fprintf(w, "  %s %.2f", det.Family, det.Score)
		}
	}
	fmt.Fprintln(w)
	counts := map[recmap.Kind]int{}
	for _, it := range res.Items {
		counts[it.Kind]++
	}
	fmt.Fprintf(w, "items %d: %d recommendations, %d provisions, %d actions, %d findings, %d paragraphs\n\n",
		len(res.Items), counts[recmap.KindRecommendation], counts[recmap.KindProvision], counts[recmap.KindAction],
		counts[recmap.KindFinding], counts[recmap.KindParagraph])
	fmt.Fprintf(w, "%-14s %-14s %-10s %4s %-6s %-24s %-28s %s\n", "KIND", "NUMBER", "STRENGTH", "PAGE", "PARA", "STATES", "TOPICS", "TEXT")
	for _, it := range res.Items {
		if it.Kind == recmap.KindParagraph && !all {
			continue
		}
		sp := it.Strength
		if sp == "" {
			sp = it.Position
		}
		if sp == "" {
			sp = it.Obligation
		}
		page := ""
		if it.Page > 0 {
			page = fmt.Sprint(it.Page)
		}
		fmt.Fprintf(w, "%-14s %-14s %-10s %4s %-6s %-24s %-28s %s\n", it.Kind, it.Number, dash(sp), page, dash(it.Para),
			dash(clip(strings.Join(it.States, ", "), 24)), dash(clip(strings.Join(it.TopicIDs(), ","), 28)), dash(clip(it.Text, 80)))
	}
}

// dash stands for an empty table cell.
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
