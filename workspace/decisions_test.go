package workspace_test

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/workspace"
)

// TestCachedStateEqualsReplay records a random sequence of decisions, in
// batches of random size (some refused whole), and checks after each batch
// that the state the workspace gives equals the fold of the history.
func TestCachedStateEqualsReplay(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	w := open(t, dir)
	ingest(t, w, []workspace.Input{textInput("report.md", reportV1)})
	recs := []string{"GRETA(2097)05#11", "GRETA(2097)05#12"}
	targets := []string{"GRETA(2097)05#10", "GRETA(2097)05#11", "GRETA(2097)05#12"}
	ops := []recmap.Op{recmap.OpLink, recmap.OpUnlink, recmap.OpReject, recmap.OpRepeat,
		recmap.OpStatus, recmap.OpEvidence, recmap.OpComment}
	r := rand.New(rand.NewPCG(14, 4))
	random := func() recmap.Decision {
		d := recmap.Decision{Rec: recs[r.IntN(len(recs))], Op: ops[r.IntN(len(ops))], User: "anna"}
		switch d.Op {
		case recmap.OpStatus:
			d.Value = recmap.Statuses[r.IntN(len(recmap.Statuses))]
		case recmap.OpEvidence, recmap.OpComment:
			d.Value = []string{"", "a", "b"}[r.IntN(3)]
		default:
			d.Target = targets[r.IntN(len(targets))]
		}
		if r.IntN(40) == 0 {
			d.Target, d.Op = "nowhere#1", recmap.OpLink // refuses the whole batch
		}
		return d
	}
	check := func(t *testing.T, w *workspace.Workspace, round int) {
		t.Helper()
		all, err := w.States(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range recs {
			hist, err := w.History(ctx, rec)
			if err != nil {
				t.Fatal(err)
			}
			want := workspace.State{Rec: rec}
			for _, d := range hist {
				want.Apply(d)
			}
			got, err := w.State(ctx, rec)
			if err != nil {
				t.Fatal(err)
			}
			if g, w := asJSON(got), asJSON(want); g != w {
				t.Fatalf("round %d: State(%s) = %s, replay gives %s", round, rec, g, w)
			}
			if len(hist) > 0 {
				if g, w := asJSON(all[rec]), asJSON(want); g != w {
					t.Fatalf("round %d: States()[%s] = %s, replay gives %s", round, rec, g, w)
				}
			}
		}
	}
	for round := range 200 {
		batch := make([]recmap.Decision, 1+r.IntN(5))
		for i := range batch {
			batch[i] = random()
		}
		w.Decide(ctx, batch...) // a refused batch must leave the cache as it was
		check(t, w, round)
	}
	// Reopened, the cache is the same.
	w.Close()
	w = open(t, dir)
	defer w.Close()
	check(t, w, -1)
}

func asJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
