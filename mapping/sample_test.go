package mapping_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/mapping"
	"github.com/recmap/recmap/sample"
	"github.com/recmap/recmap/workspace"
)

const (
	sampleReport = "GRETA(2099)01"
	samplePlan   = "hu-action-plan-2099-2100.docx"
)

// sampleWorkspace ingests the sample corpus (the action plan as DOCX only,
// as recmap demo does) into a temporary workspace and maps it.
func sampleWorkspace(t testing.TB, ctx context.Context) *workspace.Workspace {
	t.Helper()
	ws, err := workspace.Open(ctx, t.TempDir(), workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	var names []string
	for _, n := range sample.Files() {
		if n != strings.TrimSuffix(samplePlan, ".docx")+".pdf" {
			names = append(names, "files/"+n)
		}
	}
	rep, err := ws.Ingest(ctx, workspace.FSInputs(sample.FS, names), workspace.IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n := rep.Failed(); n > 0 {
		t.Fatalf("ingest: %d sample files failed", n)
	}
	if _, err := ws.Map(ctx, workspace.MapOptions{}); err != nil {
		t.Fatal(err)
	}
	return ws
}

// TestMapSample maps the sample GRETA report to the Hungarian action plan
// (English → Hungarian) and checks the intended mapping of sample/gold.jsonl.
// The floors are the level reached; a change that lowers them is a
// regression.
func TestMapSample(t *testing.T) {
	ctx := t.Context()
	ws := sampleWorkspace(t, ctx)
	gold, err := sample.Gold()
	if err != nil {
		t.Fatal(err)
	}
	var g []mapping.GoldEntry
	for _, m := range gold {
		if len(m.Actions) > 0 {
			g = append(g, mapping.GoldEntry{Rec: m.Rec, Actions: m.Actions})
		}
	}
	res, m, err := ws.Evaluate(ctx, sampleReport, samplePlan, g)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Rank != 1 {
			t.Logf("rec %s: gold %v, ranked %v (rank %d)", r.Rec, r.Gold, r.Ranked, r.Rank)
		}
	}
	t.Logf("%d recommendations: %s", m.N, m)
	if m.N != 24 || m.Missing != 0 {
		t.Errorf("evaluated %d recommendations, %d not extracted; want 24, 0", m.N, m.Missing)
	}
	want := mapping.Metrics{Recall1: minRecall1, Recall3: 1, Recall5: 1, MRR: minMRR}
	if m.Recall1 < want.Recall1 || m.Recall3 < want.Recall3 || m.Recall5 < want.Recall5 || m.MRR < want.MRR {
		t.Errorf("sample mapping = %s, want at least %s", m, fmt.Sprint(want))
	}
}

// The level the sample mapping reaches.
const (
	minRecall1 = 1.0
	minMRR     = 1.0
)

// TestPredecessorsSample checks "repeated from round 2" on the sample: every
// round-3 recommendation that restates a round-2 one in other words gets it
// as its best predecessor suggestion, and few others get one.
func TestPredecessorsSample(t *testing.T) {
	ctx := t.Context()
	ws := sampleWorkspace(t, ctx)
	gold, err := sample.Gold()
	if err != nil {
		t.Fatal(err)
	}
	found, wrong := 0, 0
	want := 0
	for _, m := range gold {
		sugg, err := ws.Suggestions(ctx, sampleReport+"#"+m.Rec)
		if err != nil {
			t.Fatal(err)
		}
		best := ""
		for _, s := range sugg {
			if s.Kind == recmap.KindRecommendation {
				best = s.Target
				break
			}
		}
		var exp string
		if _, para, ok := strings.Cut(m.Repeats, "paragraph "); ok {
			exp = "GRETA(2098)01#" + para
			want++
		}
		switch {
		case exp != "" && best == exp:
			found++
		case exp != "":
			t.Errorf("rec %s repeats %s; best predecessor suggestion %q", m.Rec, exp, best)
		case best != "":
			wrong++
		}
	}
	t.Logf("repeats found %d of %d, false suggestions %d", found, want, wrong)
	if wrong > 4 {
		t.Errorf("%d recommendations get a false predecessor suggestion, want at most 4", wrong)
	}
}
