package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/workspace"
)

func init() {
	register(&command{
		name:    "map",
		args:    "[--data DIR] [--doc DOC] [--body BODY] [--topic TOPIC] [--show]",
		summary: "suggest, for each recommendation, the actions and provisions that answer it, with reasons",
		run:     runMap,
	})
}

// filterFlags select recommendations by document, body, round and topic.
type filterFlags struct {
	docs, bodies, rounds, topics listFlag
}

func (f *filterFlags) register(fs *flag.FlagSet) {
	fs.Var(&f.docs, "doc", "only this document (ID or symbol; repeatable)")
	fs.Var(&f.bodies, "body", "only this monitoring body, e.g. GRETA or UPR (repeatable)")
	fs.Var(&f.rounds, "round", "only this round or cycle (repeatable)")
	fs.Var(&f.topics, "topic", "only recommendations with this topic (repeatable)")
}

func (f *filterFlags) filter() workspace.Filter {
	return workspace.Filter{Docs: f.docs, Bodies: f.bodies, Rounds: f.rounds, Topics: f.topics}
}

// listFlag is a repeatable, comma-separated string flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

func runMap(ctx context.Context, e *env, args []string) error {
	var (
		ws     wsFlags
		f      filterFlags
		show   bool
		asJSON bool
		limit  int
	)
	fs := e.flags(commands["map"])
	ws.register(fs, e)
	f.register(fs)
	fs.BoolVar(&show, "show", false, "print every recommendation's best suggestions")
	fs.BoolVar(&asJSON, "json", false, "print the suggestions as JSON")
	fs.IntVar(&limit, "limit", 10, "suggestions kept per recommendation")
	if err := parse(fs, args); err != nil {
		return err
	}
	w, err := ws.open(ctx)
	if err != nil {
		return err
	}
	defer w.Close()
	rep, err := w.Map(ctx, workspace.MapOptions{Filter: f.filter(), Limit: limit})
	if err != nil {
		return err
	}
	if show || asJSON {
		flt := f.filter()
		flt.Kinds = []recmap.Kind{recmap.KindRecommendation}
		recs, err := w.Select(ctx, flt)
		if err != nil {
			return err
		}
		all := map[string][]recmap.Suggestion{}
		for _, r := range recs {
			s, err := w.Suggestions(ctx, r.ID)
			if err != nil {
				return err
			}
			all[r.ID] = s
			if show && !asJSON {
				fmt.Fprintf(e.stdout, "%s  %s\n", r.ID, clip(r.Text, 100))
				for i, s := range s {
					if i == 3 {
						break
					}
					fmt.Fprintf(e.stdout, "    %.3f  %-30s %s\n", s.Score, s.Target, reasonsLine(s.Reasons))
				}
			}
		}
		if asJSON {
			return e.printJSON(all)
		}
	}
	fmt.Fprintf(e.stdout, "mapped %d recommendations against %d actions and provisions in %s: %d with suggestions (%d by explicit reference), %d repeated from an earlier round\n",
		rep.Recommendations, rep.Targets, rep.Duration.Round(1e6), rep.WithSuggestions, rep.WithReference, rep.Repeated)
	fmt.Fprintln(e.stdout, "next: 'recmap gaps' for recommendations with nothing linked, 'recmap accept REC' or 'recmap link REC ACTION' to decide")
	return nil
}

func reasonsLine(rs []recmap.Reason) string {
	parts := make([]string, 0, len(rs))
	for _, r := range rs {
		parts = append(parts, fmt.Sprintf("%s: %s", r.Kind, clip(r.Detail, 50)))
	}
	return strings.Join(parts, " | ")
}

// clip shortens s to n runes with an ellipsis, on one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
