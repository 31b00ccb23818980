package index_test

import (
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/recmap/recmap/index"
	"github.com/recmap/recmap/index/indextest"
)

// TestFacetsMatchBleve checks Search's own facet counting against a Bleve
// facet request over the same hits, on an index of several segments with
// overwritten and deleted entries.
func TestFacetsMatchBleve(t *testing.T) {
	x, err := index.Open(filepath.Join(t.TempDir(), "idx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	ctx := t.Context()
	docs := indextest.Corpus(3000, 7)
	for _, d := range docs {
		if err := x.Replace(ctx, d.ID, d.Entries); err != nil {
			t.Fatal(err)
		}
	}
	// Overwrite some entries with another status and drop a document, so
	// that segments hold deleted documents.
	var changed []index.Entry
	for _, e := range docs[0].Entries[:min(50, len(docs[0].Entries))] {
		e.Status = "implemented"
		changed = append(changed, e)
	}
	if err := x.Update(ctx, changed); err != nil {
		t.Fatal(err)
	}
	if err := x.Delete(ctx, docs[1].ID); err != nil {
		t.Fatal(err)
	}
	all := []string{"kind", "body", "family", "country", "round", "strength", "topics", "position", "status", "doc"}
	qs := []index.Query{
		{Text: ""},
		{Text: "", Facets: all},
		{Text: "trafficking", Facets: []string{"doc", "status"}, Filters: map[string][]string{"kind": {"recommendation"}}},
		{Text: "nothingmatchesthis"},
	}
	qs = append(qs, indextest.Queries...)
	for _, q := range qs {
		q.FacetSize = 10000
		q.Highlight = false
		q.Size = 1000 // all hits: the order of equal scores may change as segments merge
		index.UseBleveFacetsForTest(x, true)
		want, err := x.Search(ctx, q)
		index.UseBleveFacetsForTest(x, false)
		if err != nil {
			t.Fatalf("%q: %v", q.Text, err)
		}
		got, err := x.Search(ctx, q)
		if err != nil {
			t.Fatalf("%q: %v", q.Text, err)
		}
		if got.Total != want.Total {
			t.Errorf("%q: total %d, want %d", q.Text, got.Total, want.Total)
		}
		if !reflect.DeepEqual(got.Facets, want.Facets) {
			t.Errorf("%q: facets\n got %v\nwant %v", q.Text, got.Facets, want.Facets)
		}
		if got.Total <= uint64(q.Size) {
			if g, w := sortedIDs(got), sortedIDs(want); !slices.Equal(g, w) {
				t.Errorf("%q: hits %v, want %v", q.Text, g, w)
			}
		} else if g, w := scores(got), scores(want); !slices.Equal(g, w) {
			t.Errorf("%q: scores %v, want %v", q.Text, g, w)
		}
	}
}

func sortedIDs(res *index.Results) []string {
	out := ids(res)
	slices.Sort(out)
	return out
}

func scores(res *index.Results) []float64 {
	var out []float64
	for _, h := range res.Hits {
		out = append(out, h.Score)
	}
	return out
}
