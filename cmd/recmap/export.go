package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/recmap/recmap/matrix"
	"github.com/recmap/recmap/workspace"
)

func init() {
	register(&command{
		name:    "export",
		args:    "[--doc D] [--body B] [--round R] [--topic T] [--status S] matrix.xlsx",
		summary: "write the compliance matrix workbook (Matrix, Summary, Reply, Actions, Sources)",
		run:     runExport,
	})
}

func runExport(ctx context.Context, e *env, args []string) error {
	var (
		ws        wsFlags
		f         filterFlags
		statuses  listFlag
		suggested int
		title     string
	)
	fs := e.flags(commands["export"])
	ws.register(fs, e)
	f.register(fs)
	fs.Var(&statuses, "status", "only recommendations with this status (repeatable)")
	fs.IntVar(&suggested, "suggested", 2, "unconfirmed suggestions shown per recommendation beside confirmed links")
	fs.StringVar(&title, "title", "", "title on the Summary sheet")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("export: give one output file name, e.g. matrix.xlsx")
	}
	w, err := ws.open(ctx)
	if err != nil {
		return err
	}
	defer w.Close()
	wb, err := w.Workbook(ctx, workspace.ExportOptions{Filter: f.filter(), Statuses: statuses, Suggested: suggested, Title: title})
	if err != nil {
		return err
	}
	if err := writeWorkbook(fs.Arg(0), wb); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s: %d recommendations, %d actions, %d documents\n", fs.Arg(0), len(wb.Recs), len(wb.Actions), len(wb.Sources))
	return nil
}

// writeWorkbook writes wb to path through a temporary file, so that a
// crash never leaves half a workbook under the real name.
func writeWorkbook(path string, wb *matrix.Workbook) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".recmap-export-*.xlsx")
	if err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := matrix.Write(tmp, wb); err != nil {
		tmp.Close()
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	return nil
}
