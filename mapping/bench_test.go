package mapping_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/index"
	"github.com/recmap/recmap/mapping"
	"github.com/recmap/recmap/rules"
	"github.com/recmap/recmap/workspace"
)

// BenchmarkMap maps a 250-recommendation English report against 1,000
// Hungarian actions (10 plans of 100), made from the sample corpus's text
// by recombining its recommendations and measures: the size the issue sets
// a 5 s budget for. One op builds the engine and suggests for all 250.
//
//	go test ./mapping -run '^$' -bench Map -benchtime 3x
func BenchmarkMap(b *testing.B) {
	ctx := context.Background()
	ws := sampleWorkspace(b, ctx)
	recs0, err := ws.Select(ctx, workspace.Filter{Kinds: []recmap.Kind{recmap.KindRecommendation}, Docs: []string{sampleReport}})
	if err != nil {
		b.Fatal(err)
	}
	acts0, err := ws.Select(ctx, workspace.Filter{Kinds: []recmap.Kind{recmap.KindAction}})
	if err != nil {
		b.Fatal(err)
	}
	if len(recs0) == 0 || len(acts0) == 0 {
		b.Fatalf("sample: %d recommendations, %d actions", len(recs0), len(acts0))
	}
	tax := rules.DefaultTaxonomy()
	ix, err := index.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()

	rep := recmap.Document{ID: "rep", Symbol: "GRETA(2100)01", Language: "en", Body: "GRETA"}
	docs := []recmap.Document{rep}
	var items []recmap.Item
	var recs []recmap.Item
	for k := range 250 {
		a, c := recs0[k%len(recs0)], recs0[(k*5+3)%len(recs0)]
		text := a.Text + " " + half(c.Text)
		it := recmap.Item{ID: fmt.Sprintf("rep#%d", k+1), DocID: rep.ID, Kind: recmap.KindRecommendation, Number: fmt.Sprint(k + 1),
			Para: fmt.Sprint(k + 1), ParaIndex: k, Lang: "en", Text: text, Section: []string{fmt.Sprintf("Chapter %d", k/25)}, Topics: tax.Tag(text, "en")}
		recs = append(recs, it)
		items = append(items, it)
	}
	for d := range 10 {
		plan := recmap.Document{ID: fmt.Sprintf("plan%d", d), Language: "hu", Body: "national"}
		docs = append(docs, plan)
		var entries []index.Entry
		for k := range 100 {
			a, c := acts0[(d*100+k)%len(acts0)], acts0[(d*100+k*7+1)%len(acts0)]
			text := a.Text + " " + half(c.Text)
			it := recmap.Item{ID: fmt.Sprintf("%s#%d", plan.ID, k+1), DocID: plan.ID, Kind: recmap.KindAction, Number: fmt.Sprint(k + 1),
				ParaIndex: k, Lang: "hu", Text: text, Section: []string{fmt.Sprintf("%s %d", strings.Join(a.Section, " "), k/10)}, Topics: tax.Tag(text, "hu")}
			items = append(items, it)
			entries = append(entries, index.Entry{Item: it, Doc: plan})
		}
		if err := ix.Replace(ctx, plan.ID, entries); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		eng := mapping.New(ix, tax, docs, items)
		out, err := eng.SuggestAll(ctx, recs, nil)
		if err != nil {
			b.Fatal(err)
		}
		if len(out) != len(recs) {
			b.Fatalf("suggestions for %d recommendations, want %d", len(out), len(recs))
		}
	}
}

// half returns the first half of a text's words.
func half(s string) string {
	w := strings.Fields(s)
	return strings.Join(w[:len(w)/2], " ")
}
