package index_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/index"
	"github.com/recmap/recmap/index/indextest"
)

// The scale benchmarks build a synthetic index once per process; they run
// only with -bench, never in a plain go test:
//
//	go test ./index -run '^$' -bench Search -benchtime 200x [-index.items 100000]
var benchItems = flag.Int("index.items", 100000, "entries in the index of BenchmarkSearch")

var (
	benchOnce sync.Once
	benchIdx  *index.Index
	benchDir  string
	benchErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchIdx != nil {
		benchIdx.Close()
	}
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

func bigIndex(b *testing.B) *index.Index {
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "indexbench")
		if benchErr != nil {
			return
		}
		benchIdx, benchErr = index.Open(filepath.Join(benchDir, "idx"))
		if benchErr != nil {
			return
		}
		t0 := time.Now()
		n := 0
		for _, d := range indextest.Corpus(*benchItems, 1) {
			if benchErr = benchIdx.Replace(context.Background(), d.ID, d.Entries); benchErr != nil {
				return
			}
			n += len(d.Entries)
		}
		fmt.Fprintf(os.Stderr, "built %d entries in %v\n", n, time.Since(t0).Round(time.Millisecond))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchIdx
}

// BenchmarkSearch runs the 50 queries of indextest.Queries round-robin
// (highlighting and the default facets on) and reports p50 and p99.
func BenchmarkSearch(b *testing.B) {
	x := bigIndex(b)
	qs := indextest.Queries
	ctx := b.Context()
	for _, q := range qs { // warm up
		if _, err := x.Search(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		t := time.Now()
		if _, err := x.Search(ctx, qs[i%len(qs)]); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*99/100)].Microseconds())/1000, "p99-ms")
}

// BenchmarkReplace replaces whole documents of about 300 entries in an
// index of 20 documents, the ingest path, and reports entries per second.
func BenchmarkReplace(b *testing.B) {
	x, err := index.Open(filepath.Join(b.TempDir(), "idx"))
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	docs := indextest.Corpus(6000, 2)
	ctx := b.Context()
	n := 0
	for i := 0; b.Loop(); i++ {
		d := docs[i%len(docs)]
		if err := x.Replace(ctx, d.ID, d.Entries); err != nil {
			b.Fatal(err)
		}
		n += len(d.Entries)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "entries/s")
}

// BenchmarkSimilar maps 250 recommendations to 1,000 actions, as the
// mapping engine does: one Similar per recommendation with its longer words
// as terms. One op is the whole mapping (target < 5 s).
func BenchmarkSimilar(b *testing.B) {
	x, err := index.Open(filepath.Join(b.TempDir(), "idx"))
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	ctx := b.Context()
	var recs []recmap.Item
	actions := 0
	for _, d := range indextest.Corpus(40000, 3) {
		var keep []index.Entry
		for _, e := range d.Entries {
			switch {
			case e.Item.Kind == recmap.KindAction && actions < 1000:
				keep = append(keep, e)
				actions++
			case e.Item.Kind == recmap.KindRecommendation && len(recs) < 250:
				recs = append(recs, e.Item)
			}
		}
		if len(keep) > 0 {
			if err := x.Replace(ctx, d.ID, keep); err != nil {
				b.Fatal(err)
			}
		}
	}
	terms := make([][]index.Term, len(recs))
	for i, r := range recs {
		seen := map[string]bool{}
		for _, w := range strings.Fields(r.Text) {
			w = strings.Trim(strings.ToLower(w), ".,;()")
			if len(w) > 5 && !seen[w] && len(terms[i]) < 15 {
				seen[w] = true
				terms[i] = append(terms[i], index.Term{Text: w, Boost: 1})
			}
		}
	}
	filter := map[string][]string{"kind": {"action"}}
	for b.Loop() {
		for _, ts := range terms {
			if _, err := x.Similar(ctx, index.SimilarQuery{Terms: ts, Filters: filter, Size: 20}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
