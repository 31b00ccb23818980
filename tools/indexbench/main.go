// Indexbench measures the index at scale: it builds an index of a synthetic
// corpus (package index/indextest), reports build time, entries per second
// and size on disk, then runs the 50 queries of indextest.Queries (facets
// and highlighting on) several times and reports latency percentiles.
//
// Usage:
//
//	go run ./tools/indexbench -items 100000 [-rounds 10] [-dir DIR] [-keep] [-c 1] [-only SUBSTRING] [-cpuprofile FILE]
//
// With -dir pointing at an existing index built by an earlier -keep run,
// the build is skipped.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/recmap/recmap/index"
	"github.com/recmap/recmap/index/indextest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "indexbench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("indexbench", flag.ContinueOnError)
	items := fl.Int("items", 100000, "number of synthetic `entries` to index")
	rounds := fl.Int("rounds", 10, "times to run the 50 queries")
	dir := fl.String("dir", "", "index `directory` (default: a temporary one)")
	keep := fl.Bool("keep", false, "keep the index after the run")
	conc := fl.Int("c", 1, "concurrent searchers")
	seed := fl.Uint64("seed", 1, "corpus seed")
	noFacets := fl.Bool("nofacets", false, "run the queries without facets, to see what they cost")
	noHighlight := fl.Bool("nohighlight", false, "run the queries without highlighting")
	cpuprofile := fl.String("cpuprofile", "", "write a CPU profile of the searches to `file`")
	only := fl.String("only", "", "run only the queries whose text contains `substring`")
	if err := fl.Parse(args); err != nil {
		return err
	}
	path := *dir
	if path == "" {
		tmp, err := os.MkdirTemp("", "indexbench")
		if err != nil {
			return err
		}
		path = filepath.Join(tmp, "index")
		if !*keep {
			defer os.RemoveAll(tmp)
		}
	}
	_, statErr := os.Stat(path)
	if os.IsNotExist(statErr) {
		if err := build(ctx, stdout, path, *items, *seed); err != nil {
			return err
		}
	}
	size, err := dirSize(path)
	if err != nil {
		return err
	}
	t0 := time.Now()
	x, err := index.Open(path)
	if err != nil {
		return err
	}
	defer x.Close()
	n, _ := x.Count()
	fmt.Fprintf(stdout, "index: %d entries, %.1f MB on disk, opened in %v\n", n, float64(size)/1e6, time.Since(t0).Round(time.Millisecond))

	qs := slices.Clone(indextest.Queries)
	if *only != "" {
		qs = slices.DeleteFunc(qs, func(q index.Query) bool { return !strings.Contains(q.Text, *only) })
		if len(qs) == 0 {
			return fmt.Errorf("no query contains %q", *only)
		}
	}
	for i := range qs {
		if *noFacets {
			qs[i].Facets = []string{}
		}
		if *noHighlight {
			qs[i].Highlight = false
		}
	}
	// Warm-up round, not counted.
	for _, q := range qs {
		if _, err := x.Search(ctx, q); err != nil {
			return fmt.Errorf("%q: %w", q.Text, err)
		}
	}
	type sample struct {
		d time.Duration
		q int
	}
	var (
		mu      sync.Mutex
		samples []sample
		totals  = make([]uint64, len(qs))
		wg      sync.WaitGroup
		errOnce error
	)
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	cpu0 := cpuTime()
	start := time.Now()
	for w := range *conc {
		wg.Go(func() {
			for r := range *rounds {
				for i := range qs {
					qi := (i + w*7 + r) % len(qs)
					t := time.Now()
					res, err := x.Search(ctx, qs[qi])
					d := time.Since(t)
					mu.Lock()
					if err != nil && errOnce == nil {
						errOnce = err
					}
					if err == nil {
						totals[qi] = res.Total
					}
					samples = append(samples, sample{d, qi})
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	wall := time.Since(start)
	cpu := cpuTime() - cpu0
	if errOnce != nil {
		return errOnce
	}
	slices.SortFunc(samples, func(a, b sample) int { return int(a.d - b.d) })
	pct := func(p float64) time.Duration { return samples[min(len(samples)-1, int(p*float64(len(samples))))].d }
	fmt.Fprintf(stdout, "queries: %d searches (%d queries × %d rounds × %d searchers), highlight %v, facets %v\n",
		len(samples), len(qs), *rounds, *conc, !*noHighlight, !*noFacets)
	fmt.Fprintf(stdout, "latency: p50 %v  p90 %v  p99 %v  max %v  (%.0f searches/s)\n",
		pct(0.50).Round(10*time.Microsecond), pct(0.90).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond),
		samples[len(samples)-1].d.Round(10*time.Microsecond), float64(len(samples))/wall.Seconds())
	fmt.Fprintf(stdout, "cpu: %v per search on average (process CPU time; latencies above include waiting for a core on a shared machine)\n",
		(cpu / time.Duration(len(samples))).Round(10*time.Microsecond))
	fmt.Fprintln(stdout, "slowest:")
	seen := map[int]bool{}
	for i := len(samples) - 1; i >= 0 && len(seen) < 5; i-- {
		s := samples[i]
		if seen[s.q] {
			continue
		}
		seen[s.q] = true
		fmt.Fprintf(stdout, "  %8v  %7d hits  %s %v\n", s.d.Round(10*time.Microsecond), totals[s.q], qs[s.q].Text, qs[s.q].Filters)
	}
	if *keep {
		fmt.Fprintf(stdout, "kept %s\n", path)
	}
	return nil
}

func build(ctx context.Context, stdout io.Writer, path string, items int, seed uint64) error {
	t0 := time.Now()
	docs := indextest.Corpus(items, seed)
	gen := time.Since(t0)
	x, err := index.Open(path)
	if err != nil {
		return err
	}
	t1 := time.Now()
	total := 0
	for _, d := range docs {
		if err := x.Replace(ctx, d.ID, d.Entries); err != nil {
			x.Close()
			return err
		}
		total += len(d.Entries)
	}
	took := time.Since(t1)
	if err := x.Close(); err != nil {
		return err
	}
	closed := time.Since(t1)
	fmt.Fprintf(stdout, "build: %d entries in %d documents; generated in %v, indexed in %v (%.0f entries/s; %v with the final flush)\n",
		total, len(docs), gen.Round(time.Millisecond), took.Round(time.Millisecond), float64(total)/took.Seconds(), closed.Round(time.Millisecond))
	return nil
}

func dirSize(path string) (int64, error) {
	var n int64
	err := filepath.WalkDir(path, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			n += info.Size()
		}
		return nil
	})
	return n, err
}

// cpuTime returns the CPU time (user + system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
