package main

import (
	"context"
	"errors"
	"fmt"
	"text/tabwriter"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/workspace"
)

func init() {
	register(&command{name: "link", args: "[--note TEXT] REC TARGET...", summary: "confirm that actions or provisions answer a recommendation", run: decideCmd(recmap.OpLink)})
	register(&command{name: "unlink", args: "[--note TEXT] REC TARGET...", summary: "remove confirmed links", run: decideCmd(recmap.OpUnlink)})
	register(&command{name: "reject", args: "[--note TEXT] REC TARGET...", summary: "reject suggestions so they are not proposed again", run: decideCmd(recmap.OpReject)})
	register(&command{name: "accept", args: "[--note TEXT] REC...", summary: "link each recommendation to its best suggestion", run: runAccept})
	register(&command{name: "status", args: "[--note TEXT] REC STATUS", summary: "set a recommendation's implementation status", run: valueCmd(recmap.OpStatus)})
	register(&command{name: "comment", args: "[--note TEXT] REC TEXT", summary: "set a recommendation's comment", run: valueCmd(recmap.OpComment)})
	register(&command{name: "evidence", args: "[--note TEXT] REC TEXT", summary: "set a recommendation's evidence of implementation", run: valueCmd(recmap.OpEvidence)})
	register(&command{name: "history", args: "REC", summary: "print every decision about a recommendation", run: runHistory})
}

// decisionFlags are shared by the commands that record decisions.
type decisionFlags struct {
	ws   wsFlags
	user userFlag
	note string
}

// parse parses args and returns the positional arguments.
func (d *decisionFlags) parse(e *env, c *command, args []string) ([]string, error) {
	fs := e.flags(c)
	d.ws.register(fs, e)
	d.user.register(fs)
	fs.StringVar(&d.note, "note", "", "why (kept in the audit log)")
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	return fs.Args(), nil
}

func decideCmd(op recmap.Op) func(context.Context, *env, []string) error {
	return func(ctx context.Context, e *env, args []string) error {
		var d decisionFlags
		c := commands[string(op)]
		pos, err := d.parse(e, c, args)
		if err != nil {
			return err
		}
		if len(pos) < 2 {
			return usagef("%s: give a recommendation ID and at least one target ID", op)
		}
		w, err := d.ws.open(ctx)
		if err != nil {
			return err
		}
		defer w.Close()
		var ds []recmap.Decision
		for _, t := range pos[1:] {
			ds = append(ds, recmap.Decision{Rec: pos[0], Op: op, Target: t, User: d.user.get(), Note: d.note, Origin: "cli"})
		}
		saved, err := w.Decide(ctx, ds...)
		for _, s := range saved {
			fmt.Fprintf(e.stdout, "%s %s → %s (decision %d by %s)\n", s.Op, s.Rec, s.Target, s.Seq, s.User)
		}
		return err
	}
}

func valueCmd(op recmap.Op) func(context.Context, *env, []string) error {
	return func(ctx context.Context, e *env, args []string) error {
		var d decisionFlags
		c := commands[string(op)]
		pos, err := d.parse(e, c, args)
		if err != nil {
			return err
		}
		if len(pos) != 2 {
			return usagef("%s: give a recommendation ID and one value (quote it)", op)
		}
		w, err := d.ws.open(ctx)
		if err != nil {
			return err
		}
		defer w.Close()
		saved, err := w.Decide(ctx, recmap.Decision{Rec: pos[0], Op: op, Value: pos[1], User: d.user.get(), Note: d.note, Origin: "cli"})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s of %s set to %q (decision %d by %s)\n", op, pos[0], saved[0].Value, saved[0].Seq, saved[0].User)
		return nil
	}
}

func runAccept(ctx context.Context, e *env, args []string) error {
	var d decisionFlags
	c := commands["accept"]
	pos, err := d.parse(e, c, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("accept: give at least one recommendation ID")
	}
	w, err := d.ws.open(ctx)
	if err != nil {
		return err
	}
	defer w.Close()
	failed := 0
	for _, rec := range pos {
		s, err := w.Accept(ctx, rec, d.user.get(), d.note, "cli")
		if errors.Is(err, workspace.ErrNoSuggestions) {
			err = fmt.Errorf("%w: run 'recmap map' first", err)
		}
		if err != nil {
			failed++
			fmt.Fprintf(e.stderr, "recmap: %v\n", err)
			continue
		}
		fmt.Fprintf(e.stdout, "linked %s → %s (decision %d by %s)\n", s.Rec, s.Target, s.Seq, s.User)
	}
	if failed > 0 {
		return &partialError{failed: failed, total: len(pos)}
	}
	return nil
}

func runHistory(ctx context.Context, e *env, args []string) error {
	var ws wsFlags
	fs := e.flags(commands["history"])
	ws.register(fs, e)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("history: give one recommendation ID")
	}
	w, err := ws.open(ctx)
	if err != nil {
		return err
	}
	defer w.Close()
	return printHistory(ctx, e, w, fs.Arg(0))
}

func printHistory(ctx context.Context, e *env, w *workspace.Workspace, rec string) error {
	if _, err := w.Item(ctx, rec); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	hist, err := w.History(ctx, rec)
	if err != nil {
		return err
	}
	if len(hist) == 0 {
		fmt.Fprintf(e.stdout, "no decisions about %s yet\n", rec)
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SEQ\tTIME\tUSER\tOP\tTARGET/VALUE\tNOTE\tORIGIN")
	for _, d := range hist {
		v := d.Target
		if v == "" {
			v = fmt.Sprintf("%q", clip(d.Value, 60))
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", d.Seq, d.Time.Local().Format("2006-01-02 15:04:05"), d.User, d.Op, v, d.Note, d.Origin)
	}
	return tw.Flush()
}
