package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/recmap/recmap/matrix"
	"github.com/recmap/recmap/workspace"
)

func init() {
	register(&command{
		name:    "import",
		args:    "[--user NAME] [--dry-run] matrix.xlsx",
		summary: "apply the statuses, evidence, comments and links staff edited in an exported matrix",
		run:     runImport,
	})
}

func runImport(ctx context.Context, e *env, args []string) error {
	var (
		ws     wsFlags
		user   userFlag
		dry    bool
		maxMB  int64
		maxRow int
		maxPts int
	)
	fs := e.flags(commands["import"])
	ws.register(fs, e)
	user.register(fs)
	fs.BoolVar(&dry, "dry-run", false, "check the workbook and show what would change, without recording anything")
	fs.Int64Var(&maxMB, "max-workbook-size", matrix.DefaultLimits.MaxFileSize>>20, "largest workbook in MB (also bounds its decompressed parts)")
	fs.IntVar(&maxRow, "max-rows", matrix.DefaultLimits.MaxRows, "most non-empty rows read from the Matrix sheet and from its hidden baseline")
	fs.IntVar(&maxPts, "max-workbook-parts", matrix.DefaultLimits.MaxEntries, "most parts (zip entries) in the workbook")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("import: give one workbook exported by 'recmap export'")
	}
	path := fs.Arg(0)
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	w, err := ws.open(ctx)
	if err != nil {
		return err
	}
	defer w.Close()
	rep, err := w.Import(ctx, f, st.Size(), path, workspace.ImportOptions{User: user.get(), DryRun: dry, Limits: importLimits(maxMB, maxRow, maxPts)})
	err = nameLimitFlag(err)
	if rep != nil {
		p := rep.Plan
		if dry {
			for _, c := range p.Changes {
				fmt.Fprintf(e.stdout, "would apply %s\n", c)
			}
		}
		for _, d := range rep.Applied {
			fmt.Fprintf(e.stdout, "applied  %s: %s %s%s (decision %d)\n", d.Note, d.Rec, d.Op, changeValue(d.Target, d.Value), d.Seq)
		}
		for _, r := range p.Rejections {
			fmt.Fprintf(e.stdout, "rejected %s\n", r)
		}
		for _, c := range p.Conflicts {
			fmt.Fprintf(e.stdout, "conflict %s\n", c)
		}
		fmt.Fprintf(e.stdout, "%d rows read: %d edits applied, %d unchanged rows, %d rejected, %d conflicts\n",
			p.Rows, len(rep.Applied), p.Unchanged, len(p.Rejections), len(p.Conflicts))
		if err == nil && len(p.Rejections)+len(p.Conflicts) > 0 {
			return &partialError{failed: len(p.Rejections) + len(p.Conflicts), total: len(p.Rejections) + len(p.Conflicts) + len(rep.Applied)}
		}
	}
	return err
}

func changeValue(target, value string) string {
	if target != "" {
		return " " + target
	}
	return fmt.Sprintf(" %q", clip(value, 60))
}

// importLimits turns the flags into matrix limits. --max-workbook-size
// also scales the decompressed-size limits, keeping DefaultLimits' ratios
// (8× the file in all, 4× for one part, 2× for the shared strings' text),
// so that one flag raises them all; --max-rows bounds the rows of every
// sheet read and, through them, the number of shared strings.
func importLimits(maxMB int64, maxRows, maxParts int) matrix.Limits {
	lim := matrix.DefaultLimits
	d := lim.MaxFileSize
	lim.MaxFileSize = maxMB << 20
	if lim.MaxFileSize > 0 {
		lim.MaxTotalSize = lim.MaxFileSize * (matrix.DefaultLimits.MaxTotalSize / d)
		lim.MaxEntrySize = lim.MaxFileSize * (matrix.DefaultLimits.MaxEntrySize / d)
		lim.MaxSharedBytes = lim.MaxFileSize * (matrix.DefaultLimits.MaxSharedBytes / d)
	}
	lim.MaxRows = maxRows
	lim.MaxSharedStrings = 0 // scales with MaxRows
	lim.MaxEntries = maxParts
	return lim
}

// nameLimitFlag adds to a workbook limit error how to raise the limit, or
// why it cannot be raised.
func nameLimitFlag(err error) error {
	var le *matrix.LimitError
	if !errors.As(err, &le) {
		return err
	}
	flag := ""
	switch le.Limit {
	case matrix.LimitFileSize, matrix.LimitEntrySize, matrix.LimitTotalSize, matrix.LimitSharedBytes:
		flag = "--max-workbook-size"
	case matrix.LimitRows:
		flag = "--max-rows"
	case matrix.LimitSharedStrings:
		flag = "--max-rows (20 shared strings a row)"
	case matrix.LimitEntries:
		flag = "--max-workbook-parts"
	}
	if flag == "" {
		return fmt.Errorf("%w; no workbook saved by Excel or LibreOffice goes that far, so this file was made or damaged by something else: export again and copy your edits into the new file", err)
	}
	return fmt.Errorf("%w; raise with %s only for a file you trust: a matrix exported by recmap is far smaller", err, flag)
}
