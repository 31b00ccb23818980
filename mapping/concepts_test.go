package mapping

import (
	"context"
	"slices"
	"testing"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/index"
	"github.com/recmap/recmap/rules"
)

// queryRecorder is a Retriever that remembers the last query and finds
// nothing.
type queryRecorder struct{ q index.SimilarQuery }

func (r *queryRecorder) Similar(_ context.Context, q index.SimilarQuery) ([]index.Hit, error) {
	r.q = q
	return nil, nil
}

func expansionEngine(t *testing.T) (*Engine, *queryRecorder) {
	t.Helper()
	docs := []recmap.Document{{ID: "rep", Language: "en"}, {ID: "plan", Language: "hu"}}
	act := func(n, text string) recmap.Item {
		return recmap.Item{ID: "plan#" + n, DocID: "plan", Kind: recmap.KindAction, Number: n, Lang: "hu", Text: text, Section: []string{"II. Kártalanítás"}}
	}
	items := []recmap.Item{
		act("1", "Az áldozatok részére ingyenes jogi segítségnyújtást kell biztosítani a kártérítés érvényesítéséhez."),
		act("2", "Elő kell készíteni az állami kárenyhítés szabályainak módosítását."),
		act("3", "A menekültügyi eljárásban eljáró ügyintézők is azonosíthassanak áldozatokat."),
		act("4", "Az ügyész indítványozza a sértett kártérítését; az ügyészség útmutatót ad ki."),
	}
	rec := &queryRecorder{}
	return New(rec, rules.DefaultTaxonomy(), docs, items), rec
}

func TestExpansion(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // expansion terms that must be in the query
		not  []string // terms that must not
	}{
		{"legal aid", "GRETA urges the authorities to guarantee access to free legal aid for victims.",
			[]string{"ingyenes", "jogi segítségnyújtást"}, []string{"kárenyhítés", "kártérítését", "ügyész"}},
		{"state compensation", "make the state compensation scheme accessible to all victims",
			[]string{"állami kárenyhítés", "kárenyhítés"}, []string{"jogi segítségnyújtást", "ügyész"}},
		{"inflected form of a prefix term", "include asylum officers among the professionals who identify victims",
			[]string{"menekültügyi", "azonosíthassanak"}, []string{"menekültügy"}},
		{"no concept, no expansion", "GRETA welcomes the weather.", nil, []string{"ingyenes", "kárenyhítés"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, rec := expansionEngine(t)
			r := recmap.Item{ID: "rep#1", DocID: "rep", Kind: recmap.KindRecommendation, Lang: "en", Text: tt.text}
			if _, err := e.Suggest(t.Context(), r, Options{}); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, term := range rec.q.Terms {
				got = append(got, term.Text)
			}
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("query %q lacks %q", got, w)
				}
			}
			for _, w := range tt.not {
				if slices.Contains(got, w) {
					t.Errorf("query %q contains %q", got, w)
				}
			}
		})
	}
}

// TestExpansionRarity: a concept fewer candidates match weighs more.
func TestExpansionRarity(t *testing.T) {
	e, _ := expansionEngine(t)
	rare, common := e.conceptIDF("compensation.free"), e.conceptIDF("compensation.offender")
	if e.conceptDF["compensation.free"] != 1 || e.conceptDF["compensation.offender"] < 2 {
		t.Fatalf("conceptDF = %v", e.conceptDF)
	}
	if !(rare > common && common > 0 && rare <= 1) {
		t.Errorf("conceptIDF: rare %.3f, common %.3f; want 1 >= rare > common > 0", rare, common)
	}
	if got := e.conceptIDF("children.guardian"); got != 0 {
		t.Errorf("conceptIDF of a concept no candidate matches = %.3f, want 0", got)
	}
	terms, _ := e.expansion(map[string]bool{"compensation.free": true, "compensation.offender": true, "children.guardian": true}, "en")
	boost := map[string]float64{}
	for _, term := range terms {
		boost[term.Text] = term.Boost
		if term.Text == "gyám" {
			t.Errorf("expanded a concept no candidate matches: %v", terms)
		}
	}
	if boost["ingyenes"] <= boost["kártérítését"] {
		t.Errorf("boosts %v: the rare concept must weigh more", boost)
	}
}

// TestConceptsRank: across languages the action sharing the
// recommendation's concepts ranks first, with a "concept" reason.
func TestConceptsRank(t *testing.T) {
	e, _ := expansionEngine(t)
	r := recmap.Item{ID: "rep#1", DocID: "rep", Kind: recmap.KindRecommendation, Lang: "en",
		Text: "GRETA urges the authorities to ensure that prosecutors systematically request compensation on behalf of victims."}
	got, err := e.Suggest(t.Context(), r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || got[0].Target != "plan#4" {
		t.Fatalf("Suggest = %+v, want plan#4 first", got)
	}
	has := false
	for _, rs := range got[0].Reasons {
		has = has || rs.Kind == "concept"
	}
	if !has {
		t.Errorf("reasons %+v lack a concept", got[0].Reasons)
	}
}

func TestFollowUpHeading(t *testing.T) {
	for _, tt := range []struct {
		heading string
		want    bool
	}{
		{"II. Implementation of recommendations from the previous cycles", true},
		{"III. Follow-up to the previous review", true},
		{"Suivi des recommandations", true},
		{"Recommendations and their implementation", true},
		{"IV. Achievements in the sphere of human rights", false},
		{"I. Introduction", false},
	} {
		if got := IsFollowUpHeading(tt.heading); got != tt.want {
			t.Errorf("IsFollowUpHeading(%q) = %v, want %v", tt.heading, got, tt.want)
		}
	}
}
