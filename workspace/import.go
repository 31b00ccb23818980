package workspace

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/matrix"
)

// ImportOptions configure Import.
type ImportOptions struct {
	User   string // recorded on every decision
	DryRun bool   // plan only: record nothing
	Limits matrix.Limits
}

// ImportReport is what an import did.
type ImportReport struct {
	Plan    *matrix.ImportPlan
	Applied []recmap.Decision
}

// Import reads a compliance matrix that staff edited, validates every
// edited cell against the workspace and the export baseline the workbook
// carries, and records the valid edits as decisions in one durable
// transaction. Rejected cells and conflicts are returned, never applied and
// never dropped silently.
func (ws *Workspace) Import(ctx context.Context, r io.ReaderAt, size int64, name string, opts ImportOptions) (*ImportReport, error) {
	sheet, err := matrix.Read(r, size, opts.Limits)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", name, err)
	}
	wb, err := ws.Workbook(ctx, ExportOptions{})
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", name, err)
	}
	known, err := ws.Select(ctx, Filter{Kinds: []recmap.Kind{recmap.KindAction, recmap.KindProvision}})
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", name, err)
	}
	plan := matrix.Plan(sheet, matrix.NewCurrent(wb.Recs, known))
	rep := &ImportReport{Plan: plan}
	if len(plan.Changes) == 0 || opts.DryRun {
		return rep, nil
	}
	origin := "import:" + filepath.Base(name)
	ds := make([]recmap.Decision, len(plan.Changes))
	for i, c := range plan.Changes {
		ds[i] = recmap.Decision{Rec: c.Rec, Op: c.Op, Target: c.Target, Value: c.Value, User: opts.User, Note: "cell " + c.Ref, Origin: origin}
	}
	rep.Applied, err = ws.Decide(ctx, ds...)
	if err != nil {
		return rep, fmt.Errorf("import %s: %w", name, err)
	}
	return rep, nil
}
