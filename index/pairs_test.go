package index_test

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/recmap/recmap/index"
	"github.com/recmap/recmap/index/indextest"
)

// TestPairAnalyzers checks that each pair analyzer sees the tokens of its
// text field's analyzer (the chains of pairs.go repeat Bleve's fr and
// standard analyzers filter by filter) and pairs each with the next one
// (the next two in the fold field) at most three positions on.
func TestPairAnalyzers(t *testing.T) {
	x := open(t)
	texts := []string{
		"GRETA's recommendations: the victims of trafficking, in the State's shelters.",
		"Az áldozatok azonosításának javítása a munkaügyi ellenőrök képzésével.",
		"L'État garantit aux victimes le droit à une indemnisation par les auteurs.",
		"Straße ÆØ co-operation 11(4) re-trafficking",
	}
	for _, pair := range []struct {
		text, pairs string
		span        int
	}{
		{"recmap_en", "recmap_pairs_en", 1}, {"recmap_hu", "recmap_pairs_hu", 1}, {"fr", "recmap_pairs_fr", 1},
		{"standard", "recmap_pairs_xx", 1}, {"recmap_fold", "recmap_pairs_fold", 2},
	} {
		for _, text := range texts {
			toks := index.AnalyzeForTest(x, pair.text, text)
			var want []string
			type tok struct {
				term string
				pos  int
			}
			var ts []tok
			for _, s := range toks {
				i := strings.LastIndex(s, "@")
				p, _ := strconv.Atoi(s[i+1:])
				ts = append(ts, tok{s[:i], p})
			}
			for i, a := range ts {
				n := 0
				for _, b := range ts[i+1:] {
					if d := b.pos - a.pos; d >= 1 && d <= 3 && n < pair.span {
						want = append(want, a.term+strings.Repeat(" ", d)+b.term+"@"+strconv.Itoa(a.pos))
						n++
					}
				}
			}
			got := index.AnalyzeForTest(x, pair.pairs, text)
			if !slices.Equal(got, want) {
				t.Errorf("%s of %q:\n got %q\nwant %q", pair.pairs, text, got, want)
			}
		}
	}
}

// TestPhraseSearch checks phrases answered from the pair fields on the
// fixtures: order matters, stop words count as positions, stems and folded
// accents still meet, and the phrase is highlighted.
func TestPhraseSearch(t *testing.T) {
	x := open(t)
	ctx := context.Background()
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{`"victims of trafficking"`, []string{"GRETA(2023)08#54", "GRETA(2023)08#61", "GRETA(2023)08#p3"}},
		{`"victim of trafficking"`, []string{"GRETA(2023)08#54", "GRETA(2023)08#61", "GRETA(2023)08#p3"}}, // text_en stems
		{`"trafficking of victims"`, nil},
		{`"victims trafficking"`, nil}, // "of" holds a position
		{`"victims to trafficking"`, []string{"GRETA(2023)08#54", "GRETA(2023)08#61", "GRETA(2023)08#p3"}}, // as Bleve: a stop word is any word
		{`"labour exploitation"`, []string{"GRETA(2023)08#61"}},
		{`"exploitation labour"`, nil},
		{`"az aldozatok"`, []string{"HU-NAP-2020#3.1"}}, // text_fold
		{`"chaque partie"`, []string{"CETS197#Art.15"}},
		{`"trafficking"`, []string{"GRETA(2023)08#54", "GRETA(2023)08#61", "GRETA(2023)08#p3"}},
		{`+"access to compensation" -kind:paragraph`, []string{"GRETA(2023)08#54"}},
		{`"access to justice and effective remedies"`, []string{"GRETA(2023)08#p3"}},
	} {
		res, err := x.Search(ctx, index.Query{Text: tc.q, Size: 50, Facets: []string{}})
		if err != nil {
			t.Fatalf("%s: %v", tc.q, err)
		}
		got := hitIDs(res)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.q, got, tc.want)
		}
		for _, positional := range []bool{true, false} {
			all, err := index.HitIDsForTest(ctx, x, tc.q, positional)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(all, tc.want) {
				t.Errorf("%s (positional %v): got %v, want %v", tc.q, positional, all, tc.want)
			}
		}
	}

	res, err := x.Search(ctx, index.Query{Text: `"victims of trafficking" compensation`, Highlight: true, Facets: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range res.Hits {
		if h.ID != "GRETA(2023)08#54" {
			continue
		}
		found = true
		var marked []string
		for _, f := range h.Fragments {
			for _, m := range f.Marks {
				marked = append(marked, f.Text[m[0]:m[1]])
			}
		}
		if !slices.Contains(marked, "victims") || !slices.Contains(marked, "trafficking") || !slices.Contains(marked, "compensation") {
			t.Errorf("marks of %s: %q, want the words of the phrase and compensation", h.ID, marked)
		}
	}
	if !found {
		t.Errorf("no GRETA(2023)08#54 in %v", hitIDs(res))
	}
}

func hitIDs(res *index.Results) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	return out
}

// TestBrowseScoresZero checks that a search without text (filters only)
// scores every hit 0, not NaN.
func TestBrowseScoresZero(t *testing.T) {
	x := open(t)
	for _, q := range []index.Query{
		{},
		{Filters: map[string][]string{"kind": {"recommendation"}}},
		{Text: "kind:action"},
	} {
		res, err := x.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 {
			t.Fatalf("%+v: no hits", q)
		}
		for _, h := range res.Hits {
			if math.IsNaN(h.Score) || math.IsInf(h.Score, 0) || (q.Text == "" && h.Score != 0) {
				t.Errorf("%+v: %s scores %v", q, h.ID, h.Score)
			}
		}
	}
}

// TestMaxLength checks that Query.MaxLength raises or lowers the limit of
// MaxQueryLen characters and that the error says how to raise it.
func TestMaxLength(t *testing.T) {
	x := open(t)
	ctx := context.Background()
	long := strings.Repeat("á", index.MaxQueryLen+1)
	_, err := x.Search(ctx, index.Query{Text: long})
	if err == nil || !strings.Contains(err.Error(), "the limit is 2000") || !strings.Contains(err.Error(), "--max-query") {
		t.Errorf("default limit: err = %v", err)
	}
	if _, err := x.Search(ctx, index.Query{Text: long, MaxLength: index.MaxQueryLen + 1}); err != nil {
		t.Errorf("raised limit: %v", err)
	}
	_, err = x.Search(ctx, index.Query{Text: "victims of trafficking", MaxLength: 10})
	var qe *index.QueryError
	if !errors.As(err, &qe) || qe.Column() != 10 || !strings.Contains(qe.Msg, "the limit is 10") {
		t.Errorf("lowered limit: err = %v", err)
	}
}

// TestPhrasePairs compares, phrase by phrase, the hits of the pair-term
// conjunctions with those of Bleve's positional phrase matching, on a
// synthetic corpus (RECMAP_PHRASE_ITEMS entries, default 3,000) or on an
// existing index (RECMAP_PHRASE_INDEX, e.g. a workspace's index of the real
// corpus, or one kept by tools/indexbench). The phrases are the benchmark's
// and RECMAP_PHRASE_SAMPLES (default 300) runs of 2 to 6 words taken from
// the indexed texts. Pairs must find every positional hit that holds the
// phrase word for word (Bleve's also match when another word stands in a
// stop word's place); the extra hits (pairs that occur apart in one text)
// are counted and must stay under 0.5% of the hits.
func TestPhrasePairs(t *testing.T) {
	ctx := context.Background()
	var x *index.Index
	if dir := os.Getenv("RECMAP_PHRASE_INDEX"); dir != "" {
		var err error
		if x, err = index.Open(dir); err != nil {
			t.Fatal(err)
		}
	} else {
		n := 3000
		if s := os.Getenv("RECMAP_PHRASE_ITEMS"); s != "" {
			n, _ = strconv.Atoi(s)
		} else if testing.Short() {
			n = 1000
		}
		var err error
		if x, err = index.Open(filepath.Join(t.TempDir(), "idx")); err != nil {
			t.Fatal(err)
		}
		for _, d := range indextest.Corpus(n, 7) {
			if err := x.Replace(ctx, d.ID, d.Entries); err != nil {
				t.Fatal(err)
			}
		}
	}
	defer x.Close()
	samples := 300
	if s := os.Getenv("RECMAP_PHRASE_SAMPLES"); s != "" {
		samples, _ = strconv.Atoi(s)
	}

	var phrases []string
	for _, q := range indextest.Queries {
		if strings.HasPrefix(q.Text, `"`) {
			phrases = append(phrases, q.Text)
		}
	}
	// Texts to sample from: any entry.
	var all []string
	docs, err := x.DocIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for d := range docs {
		ids, err := index.HitIDsForTest(ctx, x, "doc:"+escapeWord(d), false)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, ids...)
	}
	slices.Sort(all)
	r := rand.New(rand.NewPCG(1, 2))
	esc := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	for range samples {
		id := all[r.IntN(len(all))]
		res, err := x.Search(ctx, index.Query{Text: "id:" + escapeWord(id), Facets: []string{}})
		if err != nil || len(res.Hits) != 1 {
			t.Fatalf("id:%s: %v %v", id, err, res)
		}
		words := strings.Fields(res.Hits[0].Text)
		if len(words) < 2 {
			continue
		}
		n := min(len(words), 2+r.IntN(5))
		i := r.IntN(len(words) - n + 1)
		phrases = append(phrases, `"`+esc.Replace(strings.Join(words[i:i+n], " "))+`"`)
	}

	var hits, extra, withExtra, stricter int
	unquote := strings.NewReplacer(`\\`, `\`, `\"`, `"`)
	for _, p := range phrases {
		pos, err := index.HitIDsForTest(ctx, x, p, true)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		pairs, err := index.HitIDsForTest(ctx, x, p, false)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		missing, more := diff(pos, pairs), diff(pairs, pos)
		if len(missing) > 0 {
			// Bleve's positional phrase lets any word fill the place of a
			// stop word ("domestic work. the authorities" matches "domestic
			// work. local authorities"); pairs do not. A hit the pairs miss
			// must be one of those: the phrase not there word for word.
			exact, err := index.ExactPhraseIDsForTest(ctx, x, unquote.Replace(strings.Trim(p, `"`)), missing)
			if err != nil {
				t.Fatal(err)
			}
			if len(exact) > 0 {
				t.Errorf("%s: pairs miss %d of %d positional hits that hold the phrase word for word, e.g. %v", p, len(exact), len(pos), exact[:min(3, len(exact))])
			}
			stricter += len(missing) - len(exact)
		}
		hits += len(pos)
		extra += len(more)
		if len(more) > 0 {
			withExtra++
			t.Logf("%s: %d positional hits, %d more with pairs, e.g. %v", p, len(pos), len(more), more[:min(3, len(more))])
		}
	}
	t.Logf("%d phrases, %d positional hits; pairs add %d hits (%.3f%%) to %d phrases, and leave out %d where another word stands in a stop word's place",
		len(phrases), hits, extra, 100*float64(extra)/float64(max(hits, 1)), withExtra, stricter)
	if float64(extra) > 0.005*float64(hits) {
		t.Errorf("pairs over-match: %d extra hits for %d", extra, hits)
	}
}

// diff returns the elements of a (sorted) not in b (sorted).
func diff(a, b []string) []string {
	var out []string
	for _, s := range a {
		if _, ok := slices.BinarySearch(b, s); !ok {
			out = append(out, s)
		}
	}
	return out
}

// escapeWord escapes the characters the query syntax gives a meaning.
func escapeWord(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`\"():~^*?+- `, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
