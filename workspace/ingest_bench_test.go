package workspace_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/recmap/recmap/workspace"
)

// BenchmarkIngestCorpus ingests all of ../shared/corpus (broken files
// included) into a fresh workspace per iteration and reports pages/s, the
// CPU time per ingest (user+system, all goroutines, including Bleve's
// background merges up to Close) and the size of the index on disk. It
// skips when the corpus is absent.
//
//	go test ./workspace -run '^$' -bench IngestCorpus -benchtime 3x
//	go test ./workspace -run '^$' -bench IngestCorpus -benchtime 3x -cpuprofile cpu.out   # then go tool pprof
func BenchmarkIngestCorpus(b *testing.B) {
	const corpus = "../../shared/corpus"
	if _, err := os.Stat(corpus); err != nil {
		b.Skip("no ../shared/corpus")
	}
	inputs := workspace.Inputs([]string{corpus})
	var pages, items int
	var indexBytes int64
	var cpu, wall time.Duration
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		c0 := cpuTime()
		b.StartTimer()
		t0 := time.Now()
		w, err := workspace.Open(b.Context(), dir, workspace.Options{})
		if err != nil {
			b.Fatal(err)
		}
		rep, err := w.Ingest(b.Context(), inputs, workspace.IngestOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		wall += time.Since(t0)
		b.StopTimer()
		cpu += cpuTime() - c0
		pages, items = rep.Pages, 0
		for _, n := range rep.Counts {
			items += n
		}
		indexBytes = dirSize(filepath.Join(dir, "index"))
		b.StartTimer()
	}
	n := float64(b.N)
	b.ReportMetric(float64(pages)*n/wall.Seconds(), "pages/s")
	b.ReportMetric(float64(items), "items")
	b.ReportMetric(cpu.Seconds()/n, "cpu-s/op")
	b.ReportMetric(float64(indexBytes)/(1<<20), "index-MB")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}
