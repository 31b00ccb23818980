package workspace_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/matrix"
	"github.com/recmap/recmap/sample"
	"github.com/recmap/recmap/workspace"
)

// sampleInputs are the embedded sample documents (the action plan as DOCX).
func sampleInputs() []workspace.Input {
	var names []string
	for _, n := range sample.Files() {
		if n != "hu-action-plan-2099-2100.pdf" {
			names = append(names, "files/"+n)
		}
	}
	return workspace.FSInputs(sample.FS, names)
}

func open(t *testing.T, dir string) *workspace.Workspace {
	t.Helper()
	w, err := workspace.Open(t.Context(), dir, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func ingest(t *testing.T, w *workspace.Workspace, in []workspace.Input) *workspace.Report {
	t.Helper()
	rep, err := w.Ingest(t.Context(), in, workspace.IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Files {
		if f.Outcome == workspace.Failed {
			t.Fatalf("ingest %s: %v", f.Path, f.Err)
		}
	}
	return rep
}

func checkClean(t *testing.T, w *workspace.Workspace) *workspace.CheckReport {
	t.Helper()
	rep, err := w.Check(t.Context(), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) > 0 {
		t.Fatalf("check: %+v", rep.Problems)
	}
	return rep
}

func TestIngestTwiceChangesNothing(t *testing.T) {
	w := open(t, t.TempDir())
	defer w.Close()
	first := ingest(t, w, sampleInputs())
	c1 := checkClean(t, w)
	second := ingest(t, w, sampleInputs())
	c2 := checkClean(t, w)
	for i, f := range second.Files {
		if f.Outcome != workspace.Unchanged {
			t.Errorf("second ingest of %s: %s, want unchanged", f.Path, f.Outcome)
		}
		if f.DocID != first.Files[i].DocID {
			t.Errorf("%s: doc %q, first time %q", f.Path, f.DocID, first.Files[i].DocID)
		}
	}
	if c1.Items != c2.Items || c1.Indexed != c2.Indexed || c1.Items == 0 {
		t.Errorf("items %d → %d, indexed %d → %d", c1.Items, c2.Items, c1.Indexed, c2.Indexed)
	}
}

const reportV1 = `# Evaluation Report – Testland – Third evaluation round

GRETA(2097)05

## Compensation

10. Victims rarely receive compensation.

11. **GRETA urges the authorities to make state compensation accessible to all victims of trafficking.**

12. **GRETA invites the authorities to train judges on compensation orders.**
`

// reportV2 is a new version: paragraph 12 is gone, 13 is new, 11 is kept.
const reportV2 = `# Evaluation Report – Testland – Third evaluation round

GRETA(2097)05

## Compensation

10. Victims rarely receive compensation, and the scheme is little known.

11. **GRETA urges the authorities to make state compensation accessible to all victims of trafficking.**

13. **GRETA considers that the authorities should collect data on compensation awarded.**
`

func textInput(name, text string) workspace.Input {
	return workspace.Input{Name: name, Read: func() ([]byte, error) { return []byte(text), nil }}
}

func TestNewVersionReplacesItemsAndKeepsDecisions(t *testing.T) {
	ctx := t.Context()
	w := open(t, t.TempDir())
	defer w.Close()
	rep := ingest(t, w, []workspace.Input{textInput("report.md", reportV1)})
	doc := rep.Files[0].DocID
	if doc != "GRETA(2097)05" {
		t.Fatalf("doc ID %q, want the symbol", doc)
	}
	rec := doc + "#11"
	if _, err := w.Decide(ctx, recmap.Decision{Rec: rec, Op: recmap.OpStatus, Value: "In progress", User: "anna"}); err != nil {
		t.Fatal(err)
	}
	rep = ingest(t, w, []workspace.Input{textInput("report-v2.md", reportV2)})
	if got := rep.Files[0].Outcome; got != workspace.Replaced {
		t.Fatalf("second version: %s, want replaced", got)
	}
	docs, err := w.Docs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("%d documents after a new version, want 1", len(docs))
	}
	items, err := w.Items(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	var recs []string
	for _, it := range items {
		if it.Kind == recmap.KindRecommendation {
			recs = append(recs, it.Number)
		}
	}
	if want := []string{"11", "13"}; !slices.Equal(recs, want) {
		t.Errorf("recommendations after replace: %v, want %v", recs, want)
	}
	st, err := w.State(ctx, rec)
	if err != nil {
		t.Fatal(err)
	}
	if st.Status != "in progress" {
		t.Errorf("status after new version: %q, want the decision kept", st.Status)
	}
	res, err := w.Index().Search(ctx, indexQuery("judges"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 0 {
		t.Errorf("search still finds the removed paragraph 12: %d hits", res.Total)
	}
	checkClean(t, w)
}

func TestDecideValidates(t *testing.T) {
	ctx := t.Context()
	w := open(t, t.TempDir())
	defer w.Close()
	ingest(t, w, []workspace.Input{textInput("report.md", reportV1)})
	for _, d := range []recmap.Decision{
		{Rec: "GRETA(2097)05#99", Op: recmap.OpStatus, Value: "implemented", User: "a"},
		{Rec: "GRETA(2097)05#11", Op: recmap.OpStatus, Value: "nearly done", User: "a"},
		{Rec: "GRETA(2097)05#11", Op: recmap.OpLink, Target: "nowhere#1", User: "a"},
		{Rec: "GRETA(2097)05#10", Op: recmap.OpStatus, Value: "implemented", User: "a"},
	} {
		if _, err := w.Decide(ctx, d); err == nil {
			t.Errorf("Decide(%+v) accepted", d)
		}
	}
	h, err := w.History(ctx, "GRETA(2097)05#11")
	if err != nil || len(h) != 0 {
		t.Errorf("history after rejected decisions: %v, %v", h, err)
	}
}

func TestSecondOpenIsLocked(t *testing.T) {
	dir := t.TempDir()
	w := open(t, dir)
	defer w.Close()
	_, err := workspace.Open(t.Context(), dir, workspace.Options{LockWait: 100e6})
	if !errors.Is(err, workspace.ErrLocked) {
		t.Fatalf("second Open: %v, want ErrLocked", err)
	}
}

func TestRemove(t *testing.T) {
	ctx := t.Context()
	w := open(t, t.TempDir())
	defer w.Close()
	ingest(t, w, []workspace.Input{textInput("report.md", reportV1)})
	if _, err := w.Remove(ctx, "GRETA(2097)05"); err != nil {
		t.Fatal(err)
	}
	if rep := checkClean(t, w); rep.Documents != 0 || rep.Indexed != 0 {
		t.Errorf("after remove: %d documents, %d indexed", rep.Documents, rep.Indexed)
	}
	if _, err := w.Remove(ctx, "GRETA(2097)05"); !errors.Is(err, workspace.ErrNotFound) {
		t.Errorf("second remove: %v, want ErrNotFound", err)
	}
}

func TestCheckRepairsIndex(t *testing.T) {
	ctx := t.Context()
	w := open(t, t.TempDir())
	defer w.Close()
	ingest(t, w, []workspace.Input{textInput("report.md", reportV1)})
	// Damage the index behind the store's back.
	if err := w.Index().Delete(ctx, "GRETA(2097)05"); err != nil {
		t.Fatal(err)
	}
	rep, err := w.Check(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) == 0 {
		t.Fatal("check found nothing wrong with an emptied index")
	}
	if _, err := w.Check(ctx, true); err != nil {
		t.Fatal(err)
	}
	checkClean(t, w)
}

// TestMatrixRoundTrip is the staff round trip: export, twenty edits in the
// workbook as a person would make them, import, re-ingest the documents,
// export again: every edit is there, and in the history.
func TestMatrixRoundTrip(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	w := open(t, dir)
	defer w.Close()
	ingest(t, w, sampleInputs())
	if _, err := w.Map(ctx, workspace.MapOptions{}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "matrix.xlsx")
	export(t, ctx, w, path)

	actions, err := w.Select(ctx, workspace.Filter{Kinds: []recmap.Kind{recmap.KindAction}})
	if err != nil || len(actions) < 5 {
		t.Fatalf("actions: %d, %v", len(actions), err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	hdr, col := headerColumns(t, f)
	rows, err := f.GetRows(matrix.SheetMatrix)
	if err != nil {
		t.Fatal(err)
	}
	type edit struct{ rec, op, value string }
	var edits []edit
	statuses := []string{"in progress", "implemented", "partially implemented", "not started"}
	for r := hdr + 1; r < len(rows) && len(edits) < 20; r++ {
		id := rows[r][col[matrix.ColID]-1]
		if !strings.HasPrefix(id, "GRETA(2099)01#") {
			continue
		}
		row := r + 1
		switch len(edits) % 3 {
		case 0:
			v := statuses[len(edits)%len(statuses)]
			set(t, f, col[matrix.ColStatus], row, v)
			edits = append(edits, edit{id, "status", v})
		case 1:
			v := fmt.Sprintf("Ministry of Interior comment %d: draft sent to the Government", len(edits))
			set(t, f, col[matrix.ColComments], row, v)
			edits = append(edits, edit{id, "comment", v})
		case 2:
			a := actions[len(edits)%len(actions)].ID
			cur, _ := f.GetCellValue(matrix.SheetMatrix, cell(t, col[matrix.ColActionIDs], row))
			set(t, f, col[matrix.ColActionIDs], row, strings.TrimSpace(cur+"\n"+a))
			edits = append(edits, edit{id, "link", a})
		}
	}
	if len(edits) != 20 {
		t.Fatalf("only %d rows to edit", len(edits))
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := w.Import(ctx, bytes.NewReader(data), int64(len(data)), path, workspace.ImportOptions{User: "staff"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Plan.Rejections)+len(rep.Plan.Conflicts) > 0 {
		t.Fatalf("import: rejections %v, conflicts %v", rep.Plan.Rejections, rep.Plan.Conflicts)
	}
	if len(rep.Applied) != 20 {
		t.Fatalf("import applied %d decisions, want 20: %v", len(rep.Applied), rep.Plan.Changes)
	}

	// Re-ingest the same documents, and a new version of one of them:
	// nothing decided may be lost.
	ingest(t, w, sampleInputs())
	ingest(t, w, workspace.FSInputs(sample.FS, []string{"files/hu-action-plan-2099-2100.pdf"}))
	path2 := filepath.Join(dir, "matrix2.xlsx")
	export(t, ctx, w, path2)
	f2, err := excelize.OpenFile(path2)
	if err != nil {
		t.Fatal(err)
	}
	hdr2, col2 := headerColumns(t, f2)
	rows2, _ := f2.GetRows(matrix.SheetMatrix)
	byID := map[string][]string{}
	for _, r := range rows2[hdr2+1:] {
		if len(r) > 0 {
			byID[r[col2[matrix.ColID]-1]] = r
		}
	}
	cellOf := func(r []string, name string) string {
		if i := col2[name] - 1; i < len(r) {
			return r[i]
		}
		return ""
	}
	for _, e := range edits {
		r, ok := byID[e.rec]
		if !ok {
			t.Errorf("%s missing from the second export", e.rec)
			continue
		}
		var got string
		switch e.op {
		case "status":
			got = cellOf(r, matrix.ColStatus)
		case "comment":
			got = cellOf(r, matrix.ColComments)
		case "link":
			got = cellOf(r, matrix.ColActionIDs)
		}
		if !strings.Contains(got, e.value) {
			t.Errorf("%s %s: second export has %q, want %q", e.rec, e.op, got, e.value)
		}
		h, err := w.History(ctx, e.rec)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, d := range h {
			if d.User == "staff" && strings.HasPrefix(d.Origin, "import:") && (d.Value == e.value || d.Target == e.value) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s %s %q: not in history %v", e.rec, e.op, e.value, h)
		}
	}
	checkClean(t, w)
}

func export(t *testing.T, ctx context.Context, w *workspace.Workspace, path string) {
	t.Helper()
	wb, err := w.Workbook(ctx, workspace.ExportOptions{Suggested: 2})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := matrix.Write(&buf, wb); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// headerColumns finds the Matrix header row (0-based) and the 1-based
// column of each header.
func headerColumns(t *testing.T, f *excelize.File) (int, map[string]int) {
	t.Helper()
	rows, err := f.GetRows(matrix.SheetMatrix)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == matrix.ColID {
			col := map[string]int{}
			for j, h := range r {
				col[h] = j + 1
			}
			return i, col
		}
	}
	t.Fatal("no header row in Matrix")
	return 0, nil
}

func cell(t *testing.T, col, row int) string {
	t.Helper()
	c, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func set(t *testing.T, f *excelize.File, col, row int, v string) {
	t.Helper()
	if err := f.SetCellStr(matrix.SheetMatrix, cell(t, col, row), v); err != nil {
		t.Fatal(err)
	}
}

// A deleted index folder is rebuilt from the store on the next Open.
func TestOpenRebuildsMissingIndex(t *testing.T) {
	dir := t.TempDir()
	w := open(t, dir)
	ingest(t, w, []workspace.Input{textInput("report.md", reportV1)})
	before := checkClean(t, w)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "index")); err != nil {
		t.Fatal(err)
	}
	w = open(t, dir)
	defer w.Close()
	if after := checkClean(t, w); after.Indexed != before.Indexed {
		t.Errorf("indexed %d after rebuild, %d before", after.Indexed, before.Indexed)
	}
}

func TestReindex(t *testing.T) {
	dir := t.TempDir()
	w := open(t, dir)
	ingest(t, w, sampleInputs())
	before := checkClean(t, w)
	if _, err := w.Decide(t.Context(), recmap.Decision{Rec: "GRETA(2099)01#42", Op: recmap.OpStatus, Value: "implemented", User: "anna"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	rep, err := workspace.Reindex(t.Context(), dir, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) > 0 || rep.Indexed != before.Indexed || rep.Decisions != 1 {
		t.Errorf("after reindex: %d indexed (before %d), %d decisions, problems %v", rep.Indexed, before.Indexed, rep.Decisions, rep.Problems)
	}
}
