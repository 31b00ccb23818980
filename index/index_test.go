package index_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/index"
)

var (
	greta = recmap.Document{ID: "GRETA(2023)08", Symbol: "GRETA(2023)08", Family: recmap.FamilyGRETAReport,
		Body: "GRETA", Country: "HU", Round: "3", Language: "en", Published: "2023-06-30"}
	plan = recmap.Document{ID: "HU-NAP-2020", Symbol: "HU-NAP-2020", Family: recmap.FamilyActionPlan,
		Body: "national", Country: "HU", Language: "hu", Published: "2020-01-15"}
	conv = recmap.Document{ID: "CETS197", Symbol: "CETS197", Family: recmap.FamilyLegal,
		Body: "CoE", Language: "fr", Published: "2005-05-16"}
)

func gretaEntries() []index.Entry {
	items := []recmap.Item{
		{ID: "GRETA(2023)08#54", Kind: recmap.KindRecommendation, Number: "54", Para: "54", Page: 12, Strength: "urge",
			Text:   "GRETA urges the Hungarian authorities to ensure that victims of trafficking have effective access to compensation, including through the State compensation scheme.",
			Topics: []recmap.TopicTag{{Topic: "compensation"}}},
		{ID: "GRETA(2023)08#61", Kind: recmap.KindRecommendation, Number: "61", Para: "61", Page: 14, Strength: "consider",
			Text:   "GRETA considers that the authorities should improve the identification of victims of trafficking for the purpose of labour exploitation.",
			Topics: []recmap.TopicTag{{Topic: "identification"}, {Topic: "labour"}}},
		{ID: "GRETA(2023)08#70", Kind: recmap.KindFinding, Number: "70", Para: "70", Page: 15,
			Text: "GRETA notes that several persons were exploited in agriculture and construction."},
		{ID: "GRETA(2023)08#p3", Kind: recmap.KindParagraph, Para: "3", Page: 2,
			Text: "The third evaluation round focuses on access to justice and effective remedies for victims of trafficking."},
	}
	return entries(greta, items)
}

func planEntries() []index.Entry {
	items := []recmap.Item{
		{ID: "HU-NAP-2020#3.1", Kind: recmap.KindAction, Number: "3.1", Page: 4,
			Text:   "Az áldozatok azonosításának javítása a munkaügyi ellenőrök képzésével.",
			Topics: []recmap.TopicTag{{Topic: "identification"}}},
		{ID: "HU-NAP-2020#3.2", Kind: recmap.KindAction, Number: "3.2", Page: 4,
			Text:   "Kártalanítási eljárás egyszerűsítése az áldozat számára.",
			Topics: []recmap.TopicTag{{Topic: "compensation"}}},
	}
	return entries(plan, items)
}

func convEntries() []index.Entry {
	items := []recmap.Item{
		{ID: "CETS197#Art.15", Kind: recmap.KindProvision, Number: "Art.15", Page: 6,
			Text: "Chaque Partie garantit aux victimes le droit à une indemnisation par les auteurs des infractions."},
	}
	return entries(conv, items)
}

func entries(d recmap.Document, items []recmap.Item) []index.Entry {
	out := make([]index.Entry, len(items))
	for i, it := range items {
		it.DocID = d.ID
		out[i] = index.Entry{Item: it, Doc: d}
	}
	return out
}

// open returns an index holding the three fixture documents.
func open(t testing.TB) *index.Index {
	t.Helper()
	x, err := index.Open(filepath.Join(t.TempDir(), "idx"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	ctx := context.Background()
	for _, d := range []struct {
		id string
		es []index.Entry
	}{{greta.ID, gretaEntries()}, {plan.ID, planEntries()}, {conv.ID, convEntries()}} {
		if err := x.Replace(ctx, d.id, d.es); err != nil {
			t.Fatal(err)
		}
	}
	return x
}

func ids(res *index.Results) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	slices.Sort(out)
	return out
}

func search(t *testing.T, x *index.Index, q index.Query) *index.Results {
	t.Helper()
	if q.Size == 0 {
		q.Size = 100
	}
	res, err := x.Search(t.Context(), q)
	if err != nil {
		t.Fatalf("search %q: %v", q.Text, err)
	}
	return res
}

func TestReplaceIdempotentAndAtomic(t *testing.T) {
	x := open(t)
	ctx := t.Context()
	n, err := x.Count()
	if err != nil || n != 7 {
		t.Fatalf("count = %d, %v; want 7", n, err)
	}
	if err := x.Replace(ctx, greta.ID, gretaEntries()); err != nil {
		t.Fatal(err)
	}
	if n, _ := x.Count(); n != 7 {
		t.Fatalf("after replacing again: count = %d, want 7", n)
	}
	// A new version drops #70 and adds #80.
	es := gretaEntries()
	es = slices.DeleteFunc(es, func(e index.Entry) bool { return e.Item.ID == "GRETA(2023)08#70" })
	es = append(es, entries(greta, []recmap.Item{{ID: "GRETA(2023)08#80", Kind: recmap.KindRecommendation, Text: "New recommendation on shelters."}})...)
	if err := x.Replace(ctx, greta.ID, es); err != nil {
		t.Fatal(err)
	}
	got, err := x.DocIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{greta.ID: 4, plan.ID: 2, conv.ID: 1}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("DocIDs = %v, want %v", got, want)
	}
	res := search(t, x, index.Query{Text: "id:GRETA(2023)08#70"})
	if res.Total != 0 {
		t.Errorf("dropped item still found")
	}
}

func TestReplaceConcurrentSearchSeesWholeDocument(t *testing.T) {
	x := open(t)
	ctx := t.Context()
	// Two versions of the document with different item sets of equal size;
	// every search must count exactly 4 items of it.
	v1 := gretaEntries()
	v2 := gretaEntries()
	for i := range v2 {
		v2[i].Item.ID += "-v2"
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	var bad []uint64
	var mu sync.Mutex
	for range 2 {
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				res, err := x.Search(ctx, index.Query{Filters: map[string][]string{"doc": {greta.ID}}, Facets: []string{}})
				if err != nil {
					t.Error(err)
					return
				}
				if res.Total != 4 {
					mu.Lock()
					bad = append(bad, res.Total)
					mu.Unlock()
				}
			}
		})
	}
	for i := range 20 {
		es := v1
		if i%2 == 0 {
			es = v2
		}
		if err := x.Replace(ctx, greta.ID, es); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	wg.Wait()
	if len(bad) > 0 {
		t.Errorf("searches saw half a document: totals %v", bad)
	}
}

func TestDelete(t *testing.T) {
	x := open(t)
	if err := x.Delete(t.Context(), plan.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := x.Count(); n != 5 {
		t.Errorf("count = %d, want 5", n)
	}
	if err := x.Delete(t.Context(), "no-such-doc"); err != nil {
		t.Errorf("deleting an unknown document: %v", err)
	}
	res := search(t, x, index.Query{Text: "áldozat"})
	if res.Total != 0 {
		t.Errorf("deleted document still found: %v", ids(res))
	}
}

func TestUpdateStatus(t *testing.T) {
	x := open(t)
	e := gretaEntries()[0]
	e.Status = "in progress"
	if err := x.Update(t.Context(), []index.Entry{e}); err != nil {
		t.Fatal(err)
	}
	res := search(t, x, index.Query{Text: `status:"in progress"`})
	if got := ids(res); !slices.Equal(got, []string{e.Item.ID}) {
		t.Errorf("status search = %v", got)
	}
	if n, _ := x.Count(); n != 7 {
		t.Errorf("count = %d, want 7", n)
	}
}

func TestSearch(t *testing.T) {
	x := open(t)
	tests := []struct {
		name    string
		q       index.Query
		want    []string // sorted IDs
		wantAny string   // or: this ID among the hits
	}{
		{name: "stem en", q: index.Query{Text: "exploited"}, want: []string{"GRETA(2023)08#61", "GRETA(2023)08#70"}},
		{name: "stem en reverse", q: index.Query{Text: "exploitation"}, want: []string{"GRETA(2023)08#61", "GRETA(2023)08#70"}},
		{name: "stem hu plural finds singular", q: index.Query{Text: "áldozatok"}, want: []string{"HU-NAP-2020#3.1", "HU-NAP-2020#3.2"}},
		{name: "stem hu singular finds plural", q: index.Query{Text: "áldozat"}, want: []string{"HU-NAP-2020#3.1", "HU-NAP-2020#3.2"}},
		{name: "folded", q: index.Query{Text: "aldozat"}, want: []string{"HU-NAP-2020#3.2"}},
		{name: "folded fr", q: index.Query{Text: "victimes"}, wantAny: "CETS197#Art.15"},
		{name: "phrase", q: index.Query{Text: `"access to compensation"`}, want: []string{"GRETA(2023)08#54"}},
		{name: "phrase across stop word", q: index.Query{Text: `"victims of trafficking"`},
			want: []string{"GRETA(2023)08#54", "GRETA(2023)08#61", "GRETA(2023)08#p3"}},
		{name: "phrase miss", q: index.Query{Text: `"compensation access"`}, want: nil},
		{name: "must and not", q: index.Query{Text: "+trafficking -kind:paragraph"}, want: []string{"GRETA(2023)08#54", "GRETA(2023)08#61"}},
		{name: "field case", q: index.Query{Text: "body:greta kind:Recommendation +compensation"}, want: []string{"GRETA(2023)08#54"}},
		{name: "topic", q: index.Query{Text: "topic:identification"}, want: []string{"GRETA(2023)08#61", "HU-NAP-2020#3.1"}},
		{name: "fuzzy", q: index.Query{Text: "compensaton~"}, want: []string{"GRETA(2023)08#54"}},
		{name: "wildcard", q: index.Query{Text: "kartalan*"}, want: []string{"HU-NAP-2020#3.2"}},
		{name: "group", q: index.Query{Text: "+(agriculture shelters) +kind:finding"}, want: []string{"GRETA(2023)08#70"}},
		{name: "page range", q: index.Query{Text: "+page:>=14 +kind:recommendation"}, want: []string{"GRETA(2023)08#61"}},
		{name: "page below", q: index.Query{Text: "+page:<14 +kind:recommendation"}, want: []string{"GRETA(2023)08#54"}},
		{name: "page exact", q: index.Query{Text: "page:14"}, want: []string{"GRETA(2023)08#61"}},
		{name: "page between", q: index.Query{Text: "+page:>12 +page:<=14.5"}, want: []string{"GRETA(2023)08#61"}},
		{name: "page fraction", q: index.Query{Text: "page:12.5"}, want: nil},
		{name: "date with a time", q: index.Query{Text: "+published:2023-06-30T23:30:00+02:00 -kind:paragraph"}, want: []string{"GRETA(2023)08#54", "GRETA(2023)08#61", "GRETA(2023)08#70"}},
		{name: "after a time", q: index.Query{Text: "+published:>2023-06-30T00:00:00Z -kind:paragraph"}, want: nil},
		{name: "date after", q: index.Query{Text: "+published:>2020 -kind:paragraph"}, want: []string{"GRETA(2023)08#54", "GRETA(2023)08#61", "GRETA(2023)08#70"}},
		{name: "date before or in", q: index.Query{Text: "+published:<=2020 -kind:paragraph"}, want: []string{"CETS197#Art.15", "HU-NAP-2020#3.1", "HU-NAP-2020#3.2"}},
		{name: "date", q: index.Query{Text: "published:<2010"}, want: []string{"CETS197#Art.15"}},
		{name: "date prefix", q: index.Query{Text: "published:2020-01"}, want: []string{"HU-NAP-2020#3.1", "HU-NAP-2020#3.2"}},
		{name: "only negative", q: index.Query{Text: "-body:GRETA"}, want: []string{"CETS197#Art.15", "HU-NAP-2020#3.1", "HU-NAP-2020#3.2"}},
		{name: "empty browses", q: index.Query{Filters: map[string][]string{"kind": {"action"}}}, want: []string{"HU-NAP-2020#3.1", "HU-NAP-2020#3.2"}},
		{name: "filters or within and across", q: index.Query{Text: "victims áldozat", Filters: map[string][]string{
			"kind": {"action", "recommendation"}, "country": {"HU"}}},
			want: []string{"GRETA(2023)08#54", "GRETA(2023)08#61", "HU-NAP-2020#3.1", "HU-NAP-2020#3.2"}},
		{name: "citation word with parentheses", q: index.Query{Text: "number:Art.15"}, want: []string{"CETS197#Art.15"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := search(t, x, tt.q)
			got := ids(res)
			if tt.wantAny != "" {
				if !slices.Contains(got, tt.wantAny) {
					t.Errorf("got %v, want it to contain %s", got, tt.wantAny)
				}
				return
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if int(res.Total) != len(got) {
				t.Errorf("total %d, hits %d", res.Total, len(got))
			}
		})
	}
}

func TestHitFields(t *testing.T) {
	x := open(t)
	res := search(t, x, index.Query{Text: "id:GRETA(2023)08#61"})
	if len(res.Hits) != 1 {
		t.Fatalf("hits = %v", ids(res))
	}
	h := res.Hits[0]
	want := index.Hit{ID: "GRETA(2023)08#61", Kind: recmap.KindRecommendation, DocID: greta.ID, Symbol: greta.Symbol,
		Number: "61", Para: "61", Page: 14, Lang: "en", Strength: "consider", Topics: []string{"identification", "labour"},
		Text: gretaEntries()[1].Item.Text}
	h.Score = 0
	if fmt.Sprintf("%+v", h) != fmt.Sprintf("%+v", want) {
		t.Errorf("hit\n got %+v\nwant %+v", h, want)
	}
}

func TestFacets(t *testing.T) {
	x := open(t)
	res := search(t, x, index.Query{Text: "victims áldozat victimes"})
	want := map[string]string{
		"kind":    "[{action 2} {recommendation 2} {paragraph 1} {provision 1}]",
		"body":    "[{GRETA 3} {national 2} {CoE 1}]",
		"country": "[{HU 5}]",
		"topics":  "[{compensation 2} {identification 2} {labour 1}]",
	}
	for f, w := range want {
		if got := fmt.Sprint(res.Facets[f]); got != w {
			t.Errorf("facet %s = %s, want %s", f, got, w)
		}
	}
	if _, ok := res.Facets["doc"]; !ok {
		t.Errorf("default facets lack doc: %v", res.Facets)
	}
}

func TestHighlight(t *testing.T) {
	x := open(t)
	tests := []struct {
		query string
		id    string
		want  []string // marked substrings
	}{
		{"exploited", "GRETA(2023)08#61", []string{"exploitation"}},
		{`"access to compensation"`, "GRETA(2023)08#54", []string{"access", "to", "compensation"}},
		{"aldozatok", "HU-NAP-2020#3.1", []string{"áldozatok"}},
		{"áldozatok", "HU-NAP-2020#3.2", []string{"áldozat"}},
		{"compensation scheme", "GRETA(2023)08#54", []string{"compensation", "compensation", "scheme"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := search(t, x, index.Query{Text: tt.query, Highlight: true})
			for _, h := range res.Hits {
				if h.ID != tt.id {
					continue
				}
				var got []string
				for _, f := range h.Fragments {
					if strings.ContainsAny(f.Text, "<>") {
						t.Errorf("fragment has markup: %q", f.Text)
					}
					for _, m := range f.Marks {
						got = append(got, f.Text[m[0]:m[1]])
					}
				}
				if !slices.Equal(got, tt.want) {
					t.Errorf("marks = %q, want %q", got, tt.want)
				}
				return
			}
			t.Errorf("%s not found: %v", tt.id, ids(res))
		})
	}
}

func TestHighlightLongText(t *testing.T) {
	x, err := index.Open(filepath.Join(t.TempDir(), "idx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	long := strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", 30) +
		"The special rapporteur visited shelters. " + strings.Repeat("Sed do eiusmod tempor incididunt. ", 30)
	e := entries(greta, []recmap.Item{{ID: "x#1", Kind: recmap.KindParagraph, Text: long}})
	if err := x.Replace(t.Context(), greta.ID, e); err != nil {
		t.Fatal(err)
	}
	res := search(t, x, index.Query{Text: "rapporteur", Highlight: true})
	if len(res.Hits) != 1 || len(res.Hits[0].Fragments) != 1 {
		t.Fatalf("hits = %+v", res.Hits)
	}
	f := res.Hits[0].Fragments[0]
	if len(f.Text) > 400 || !strings.HasPrefix(f.Text, "…") || !strings.HasSuffix(f.Text, "…") {
		t.Errorf("fragment %q", f.Text)
	}
	if len(f.Marks) != 1 || f.Text[f.Marks[0][0]:f.Marks[0][1]] != "rapporteur" {
		t.Errorf("marks %v in %q", f.Marks, f.Text)
	}
}

func TestSimilar(t *testing.T) {
	x := open(t)
	hits, err := x.Similar(t.Context(), index.SimilarQuery{
		Terms:   []index.Term{{Text: "áldozatok", Boost: 2}, {Text: "azonosítás"}, {Text: "kártalanítás"}, {Text: "képzés"}},
		Filters: map[string][]string{"kind": {"action"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 2 || hits[0].ID != "HU-NAP-2020#3.1" {
		t.Fatalf("hits = %+v", hits)
	}
	if got := fmt.Sprint(hits[0].Matched); got != "[áldozatok azonosítás képzés]" {
		t.Errorf("matched = %s", got)
	}
	if got := fmt.Sprint(hits[1].Matched); got != "[áldozatok kártalanítás]" {
		t.Errorf("matched = %s", got)
	}
}

func TestIncompatibleVersion(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	x, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := index.SetSchemaVersionForTest(x, "0"); err != nil {
		t.Fatal(err)
	}
	x.Close()
	_, err = index.Open(dir)
	if !errors.Is(err, index.ErrIncompatible) {
		t.Fatalf("err = %v, want ErrIncompatible", err)
	}
	if !strings.Contains(err.Error(), "recmap reindex") {
		t.Errorf("message does not say how to rebuild: %v", err)
	}
}

func TestOpenNotAnIndex(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "x.txt"), []byte("x"), 0o644)
	if _, err := index.Open(dir); err == nil {
		t.Fatal("opened a directory that holds no index")
	}
}

func TestReopen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	x, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Replace(t.Context(), plan.ID, planEntries()); err != nil {
		t.Fatal(err)
	}
	x.Close()
	x, err = index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	res := search(t, x, index.Query{Text: "áldozatok"})
	if res.Total != 2 {
		t.Errorf("after reopening: total %d", res.Total)
	}
}

func TestConcurrentSearch(t *testing.T) {
	x := open(t)
	queries := []string{"exploited", `"victims of trafficking"`, "áldozatok", "aldozat", "+kind:recommendation compensation", "kartal*"}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 30 {
				q := index.Query{Text: queries[(g+i)%len(queries)], Highlight: true}
				if _, err := x.Search(context.Background(), q); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Go(func() {
		for range 5 {
			if err := x.Replace(context.Background(), greta.ID, gretaEntries()); err != nil {
				t.Error(err)
			}
		}
	})
	wg.Wait()
}

func TestLocked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	x, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if y, err := index.Open(dir); !errors.Is(err, index.ErrLocked) {
		if y != nil {
			y.Close()
		}
		t.Fatalf("second open: err = %v, want ErrLocked", err)
	}
}

func TestQueryErrorColumn(t *testing.T) {
	x := open(t)
	_, err := x.Search(t.Context(), index.Query{Text: "áldozat (x"})
	var qe *index.QueryError
	if !errors.As(err, &qe) || qe.Column() != 8 {
		t.Fatalf("err = %v, want a QueryError at column 8", err)
	}
}

func TestReplaceMany(t *testing.T) {
	x := open(t)
	ctx := t.Context()
	// One batch: a new version of greta (drops #70, adds #80), plan gone,
	// conv the same again.
	es := slices.DeleteFunc(gretaEntries(), func(e index.Entry) bool { return e.Item.ID == "GRETA(2023)08#70" })
	es = append(es, entries(greta, []recmap.Item{{ID: "GRETA(2023)08#80", Kind: recmap.KindRecommendation, Text: "New recommendation on shelters."}})...)
	if err := x.ReplaceMany(ctx, map[string][]index.Entry{greta.ID: es, plan.ID: nil, conv.ID: convEntries()}); err != nil {
		t.Fatal(err)
	}
	got, err := x.DocIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{greta.ID: 4, conv.ID: 1}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("DocIDs = %v, want %v", got, want)
	}
	if n, _ := x.Count(); n != 5 {
		t.Errorf("count = %d, want 5", n)
	}
	// An item may belong to one document only.
	dup := entries(conv, []recmap.Item{{ID: "GRETA(2023)08#54", Kind: recmap.KindProvision, Text: "x"}})
	dup[0].Item.DocID = ""
	if err := x.ReplaceMany(ctx, map[string][]index.Entry{greta.ID: gretaEntries(), conv.ID: dup}); err == nil {
		t.Error("an item ID in two documents: no error")
	}

	// Loading all fixtures in one batch answers like loading them one by one.
	y, err := index.Open(filepath.Join(t.TempDir(), "idx"))
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	if err := y.ReplaceMany(ctx, map[string][]index.Entry{greta.ID: gretaEntries(), plan.ID: planEntries(), conv.ID: convEntries()}); err != nil {
		t.Fatal(err)
	}
	z := open(t)
	for _, q := range []string{`"victims of trafficking"`, "exploitation", "aldozat", "áldozatok", `+trafficking -kind:paragraph`, "indemnisation", "body:greta"} {
		a := search(t, y, index.Query{Text: q, Highlight: true})
		b := search(t, z, index.Query{Text: q, Highlight: true})
		if fmt.Sprint(ids(a), a.Facets) != fmt.Sprint(ids(b), b.Facets) {
			t.Errorf("%s: one batch %v %v, one by one %v %v", q, ids(a), a.Facets, ids(b), b.Facets)
		}
	}
}
