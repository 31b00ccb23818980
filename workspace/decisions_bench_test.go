package workspace_test

import (
	"fmt"
	"testing"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/workspace"
)

// BenchmarkDecideLongHistory records one decision on a recommendation that
// already has a long history, as the web server does: a status change
// (which re-indexes the recommendation with its current status), then the
// state that the page shows. The cost per decision must not grow with the
// history: compare history=1000 with history=20000.
//
//	go test ./workspace -run '^$' -bench DecideLongHistory -benchtime 200x
func BenchmarkDecideLongHistory(b *testing.B) {
	for _, n := range []int{1000, 20000} {
		b.Run(fmt.Sprintf("history=%d", n), func(b *testing.B) {
			ctx := b.Context()
			w, err := workspace.Open(ctx, b.TempDir(), workspace.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer w.Close()
			if _, err := w.Ingest(ctx, []workspace.Input{textInput("report.md", reportV1)}, workspace.IngestOptions{}); err != nil {
				b.Fatal(err)
			}
			const rec = "GRETA(2097)05#11"
			batch := make([]recmap.Decision, 0, 1000)
			for i := 0; i < n; i++ {
				op := []recmap.Op{recmap.OpComment, recmap.OpEvidence, recmap.OpRepeat, recmap.OpUnlink}[i%4]
				batch = append(batch, recmap.Decision{Rec: rec, Op: op, Target: "GRETA(2097)05#12", Value: fmt.Sprint("v", i), User: "bench"})
				if len(batch) == cap(batch) || i == n-1 {
					if _, err := w.Decide(ctx, batch...); err != nil {
						b.Fatal(err)
					}
					batch = batch[:0]
				}
			}
			statuses := []string{"in progress", "implemented"}
			i := 0
			for b.Loop() {
				if _, err := w.Decide(ctx, recmap.Decision{Rec: rec, Op: recmap.OpStatus, Value: statuses[i%2], User: "bench"}); err != nil {
					b.Fatal(err)
				}
				st, err := w.State(ctx, rec)
				if err != nil || st.Status != statuses[i%2] {
					b.Fatalf("state %+v, %v", st, err)
				}
				i++
			}
		})
	}
}
