package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"golang.org/x/term"

	"github.com/recmap/recmap/index"
)

func init() {
	register(&command{
		name: "search",
		args: "[--kind K] [--body B] [--strength S] [--topic T] [--country C] [--json] QUERY",
		summary: "search recommendations, provisions, actions and paragraphs " +
			`(phrases "…", +must, -not, field:value, fuzzy~)`,
		run: runSearch,
	})
}

func runSearch(ctx context.Context, e *env, args []string) error {
	var (
		ws      wsFlags
		filters = map[string]*listFlag{}
		asJSON  bool
		size    int
		from    int
		color   string
		maxLen  int
	)
	fs := e.flags(commands["search"])
	ws.register(fs, e)
	for _, f := range []struct{ name, help string }{
		{"kind", "recommendation, provision, action, finding, paragraph"},
		{"body", "monitoring body, e.g. GRETA, UPR"},
		{"strength", "urge, consider, invite, call-on, expect, recommend"},
		{"topic", "topic ID from the taxonomy, e.g. compensation"},
		{"country", "ISO country code, e.g. HU"},
		{"round", "evaluation round or UPR cycle"},
		{"position", "UPR position: supported, noted"},
		{"status", "implementation status"},
		{"doc", "document ID or symbol"},
		{"lang", "language code: en, hu, fr …"},
	} {
		l := &listFlag{}
		filters[f.name] = l
		fs.Var(l, f.name, "only "+f.help+" (repeatable, or comma-separated)")
	}
	fs.BoolVar(&asJSON, "json", false, "print hits and facets as JSON")
	fs.IntVar(&size, "n", 10, "hits to show")
	fs.IntVar(&from, "from", 0, "skip this many hits (paging)")
	fs.StringVar(&color, "color", "auto", "highlight matches with colour: auto, always, never")
	fs.IntVar(&maxLen, "max-query", index.MaxQueryLen, "longest query accepted, in `characters`")
	if err := parse(fs, args); err != nil {
		return err
	}
	text := strings.Join(fs.Args(), " ")
	w, err := ws.open(ctx)
	if err != nil {
		return err
	}
	defer w.Close()
	q := index.Query{Text: text, From: from, Size: size, Highlight: true, MaxLength: maxLen, Filters: map[string][]string{}}
	for name, l := range filters {
		if len(*l) > 0 {
			field := name
			if name == "topic" {
				field = "topics"
			}
			q.Filters[field] = *l
		}
	}
	res, err := w.Index().Search(ctx, q)
	if err != nil {
		var qe *index.QueryError
		if errors.As(err, &qe) {
			return usagef("search: %s\n  %s\n  %s^", qe.Msg, qe.Query, strings.Repeat(" ", qe.Column()))
		}
		return err
	}
	if asJSON {
		return e.printJSON(res)
	}
	useColor := color == "always" || (color == "auto" && isTerminal(e.stdout))
	fmt.Fprintf(e.stdout, "%d hits (%s)\n", res.Total, res.Took.Round(1e5))
	for i, h := range res.Hits {
		cite := h.Symbol
		if cite == "" {
			cite = h.DocID
		}
		switch {
		case h.Para != "":
			cite += " para. " + h.Para
		case h.Number != "":
			cite += " " + h.Number
		}
		if h.Page > 0 {
			cite += fmt.Sprintf(", p. %d", h.Page)
		}
		tags := []string{string(h.Kind)}
		for _, t := range []string{h.Strength, h.Position, h.Status} {
			if t != "" {
				tags = append(tags, t)
			}
		}
		fmt.Fprintf(e.stdout, "\n%d. %s  [%s]  %s\n", from+i+1, h.ID, strings.Join(tags, ", "), cite)
		if len(h.Fragments) == 0 {
			fmt.Fprintf(e.stdout, "   %s\n", clip(h.Text, 240))
		}
		for _, f := range h.Fragments {
			fmt.Fprintf(e.stdout, "   …%s…\n", markFragment(f, useColor))
		}
		if len(h.Topics) > 0 {
			fmt.Fprintf(e.stdout, "   topics: %s\n", strings.Join(h.Topics, ", "))
		}
	}
	printFacets(e, res.Facets)
	return nil
}

func markFragment(f index.Fragment, color bool) string {
	open, shut := "[", "]"
	if color {
		open, shut = "\x1b[1;33m", "\x1b[0m"
	}
	var b strings.Builder
	last := 0
	for _, m := range f.Marks {
		if m[0] < last || m[1] > len(f.Text) {
			continue
		}
		b.WriteString(f.Text[last:m[0]])
		b.WriteString(open + f.Text[m[0]:m[1]] + shut)
		last = m[1]
	}
	b.WriteString(f.Text[last:])
	return strings.Join(strings.Fields(b.String()), " ")
}

func printFacets(e *env, facets map[string][]index.FacetCount) {
	names := make([]string, 0, len(facets))
	for n, v := range facets {
		if len(v) > 0 {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return
	}
	sort.Strings(names)
	fmt.Fprintln(e.stdout, "\nfacets:")
	for _, n := range names {
		parts := make([]string, 0, len(facets[n]))
		for _, c := range facets[n] {
			parts = append(parts, fmt.Sprintf("%s (%d)", c.Value, c.Count))
		}
		fmt.Fprintf(e.stdout, "  %-9s %s\n", n+":", strings.Join(parts, ", "))
	}
}

func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
