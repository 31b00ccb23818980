package mapping_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/recmap/recmap/extract"
	"github.com/recmap/recmap/mapping"
	"github.com/recmap/recmap/workspace"
)

// TestMapUPR maps the real pair in ../shared/corpus (A/HRC/28/15
// recommendations → the 2019 national report of the same State), with and
// without the explicit references, against the gold derived from the
// report's headings, as recmap eval does. The floors are the level
// reached; a change that lowers them is a regression. Skipped when the
// shared corpus is absent.
func TestMapUPR(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus")
	gold := filepath.Join(dir, "gold", "upr_svn_c2recs_to_nr2019.jsonl")
	recs := filepath.Join(dir, "upr", "c2_A_HRC_28_15_WG_report_2014.pdf")
	acts := filepath.Join(dir, "upr", "c3_A_HRC_WG.6_34_SVN_1_national_report_2019.pdf")
	for _, f := range []string{gold, recs, acts} {
		if _, err := os.Stat(f); err != nil {
			t.Skipf("shared corpus absent: %v", err)
		}
	}
	gf, err := os.Open(gold)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := mapping.ReadGold(gf)
	gf.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		keep bool
		want mapping.Metrics
	}{
		{"references removed", false, mapping.Metrics{Recall1: 0.85, Recall3: 0.965, Recall5: 0.98, MRR: 0.91}},
		{"references kept", true, mapping.Metrics{Recall1: 1, Recall3: 1, Recall5: 1, MRR: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := t.Context()
			ws, err := workspace.Open(ctx, t.TempDir(), workspace.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer ws.Close()
			rr, err := ws.Ingest(ctx, workspace.Inputs([]string{recs}), workspace.IngestOptions{})
			if err != nil || rr.Failed() > 0 {
				t.Fatalf("ingest %s: %v", recs, err)
			}
			opts := workspace.IngestOptions{}
			if !tc.keep {
				opts.Transform = func(d *extract.Document) { mapping.StripReferences(d) }
			}
			ar, err := ws.Ingest(ctx, workspace.Inputs([]string{acts}), opts)
			if err != nil || ar.Failed() > 0 {
				t.Fatalf("ingest %s: %v", acts, err)
			}
			recDoc, actDoc := rr.Files[0].DocID, ar.Files[0].DocID
			if _, err := ws.Map(ctx, workspace.MapOptions{Filter: workspace.Filter{Docs: []string{recDoc}}, Limit: 10}); err != nil {
				t.Fatal(err)
			}
			_, m, err := ws.Evaluate(ctx, recDoc, actDoc, entries)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d recommendations: %s", m.N, m)
			if m.N != 140 || m.Missing != 0 {
				t.Errorf("evaluated %d recommendations, %d not extracted; want 140, 0", m.N, m.Missing)
			}
			w := tc.want
			if m.Recall1 < w.Recall1 || m.Recall3 < w.Recall3 || m.Recall5 < w.Recall5 || m.MRR < w.MRR {
				t.Errorf("UPR mapping = %s, want at least %s", m, w)
			}
		})
	}
}
