package workspace_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/recmap/recmap/extract"
	"github.com/recmap/recmap/rules"
	"github.com/recmap/recmap/workspace"
)

// BenchmarkIngestCorpus ingests all of ../shared/corpus (broken files
// included) into a fresh workspace per iteration and reports pages/s, the
// CPU time per ingest (user+system, all goroutines, including Bleve's
// background merges up to Close) and the size of the index on disk. It
// skips when the corpus is absent.
//
// The garbage collector runs at GOGC=400 unless GOGC is set, as in
// cmd/recmap.
//
//	go test ./workspace -run '^$' -bench IngestCorpus -benchtime 5x
//	go test ./workspace -run '^$' -bench IngestCorpus -benchtime 5x -cpuprofile cpu.out   # then go tool pprof
func BenchmarkIngestCorpus(b *testing.B) {
	inputs := corpusInputs(b)
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

// BenchmarkParseCorpus is the extraction side of BenchmarkIngestCorpus
// alone: the same files read, extracted and cut into items by rules.Parse
// on as many workers as Ingest uses, with no store and no index. Ingest is
// bound by extraction when its pages/s come close to these.
//
//	go test ./workspace -run '^$' -bench 'Corpus$' -benchtime 5x
func BenchmarkParseCorpus(b *testing.B) {
	inputs := corpusInputs(b)
	workers := runtime.GOMAXPROCS(0)
	xo := extract.Options{Workers: 1}
	var pages int64
	var cpu, wall time.Duration
	for b.Loop() {
		c0, t0 := cpuTime(), time.Now()
		pages = 0
		jobs := make(chan workspace.Input)
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for in := range jobs {
					data, err := in.Read()
					if err != nil {
						continue
					}
					doc, err := xo.Read(b.Context(), bytes.NewReader(data), int64(len(data)), extract.Unknown, in.Name)
					if err != nil {
						continue // the broken files fail here, as in Ingest
					}
					res, err := rules.Parse(b.Context(), doc, rules.Options{MaxItems: rules.DefaultMaxItems})
					if err != nil {
						b.Error(err)
						continue
					}
					atomic.AddInt64(&pages, int64(res.Doc.Pages))
				}
			}()
		}
		for _, in := range inputs {
			jobs <- in
		}
		close(jobs)
		wg.Wait()
		wall += time.Since(t0)
		cpu += cpuTime() - c0
	}
	n := float64(b.N)
	b.ReportMetric(float64(pages)*n/wall.Seconds(), "pages/s")
	b.ReportMetric(cpu.Seconds()/n, "cpu-s/op")
}

// corpusInputs returns the inputs of ../shared/corpus, skipping when it is
// absent, and runs the garbage collector as cmd/recmap does for the rest
// of the benchmark.
func corpusInputs(b *testing.B) []workspace.Input {
	const corpus = "../../shared/corpus"
	if _, err := os.Stat(corpus); err != nil {
		b.Skip("no ../shared/corpus")
	}
	if os.Getenv("GOGC") == "" {
		old := debug.SetGCPercent(400)
		b.Cleanup(func() { debug.SetGCPercent(old) })
	}
	return workspace.Inputs([]string{corpus})
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
