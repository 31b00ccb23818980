package mapping

import (
	"math"
	"slices"
	"testing"

	"github.com/recmap/recmap"
)

func TestAnalyse(t *testing.T) {
	got := analyse("Continue efforts to protect the rights of children, women and persons with disabilities; the right of the child", "en")
	for _, want := range []string{"right", "child", "woman", "person", "disabl"} {
		if !slices.Contains(got, want) {
			t.Errorf("analyse = %v, want %q among them", got, want)
		}
	}
	for _, stop := range []string{"continu", "effort", "the"} {
		if slices.Contains(got, stop) {
			t.Errorf("analyse = %v: boilerplate %q kept", got, stop)
		}
	}
	if a, b := analyse("discrimination", "en"), analyse("discriminate", "en"); !slices.Equal(a, b) {
		t.Errorf("discrimination %v, discriminate %v: want the same term", a, b)
	}
}

func TestCosineWithout(t *testing.T) {
	v := map[string]float64{"roma": 1}
	p := map[string]float64{"roma": 2, "minor": 1}
	if got := cosineWithout(p, v, false); math.Abs(got-2/math.Sqrt(5)) > 1e-9 {
		t.Errorf("cosine = %.3f, want %.3f", got, 2/math.Sqrt(5))
	}
	if got := cosineWithout(p, v, true); math.Abs(got-1/math.Sqrt(2)) > 1e-9 {
		t.Errorf("cosine without v = %.3f, want %.3f", got, 1/math.Sqrt(2))
	}
	if got := cosineWithout(map[string]float64{"roma": 1}, v, true); got != 0 {
		t.Errorf("a profile of v alone, without v = %.3f, want 0", got)
	}
}

// TestFeedback: a recommendation whose own words tie two sections is
// decided by the section its similar neighbours chose, not by itself.
func TestFeedback(t *testing.T) {
	rec := func(n, text string) recmap.Item {
		return recmap.Item{ID: "r#" + n, DocID: "r", Number: n, Kind: recmap.KindRecommendation, Lang: "en", Text: text}
	}
	items := []recmap.Item{
		rec("1", "protect the rights of national minorities"),
		rec("2", "safeguard minorities and their languages"),
		rec("3", "rights of minorities and their languages, and pensions"),
		rec("4", "pensions of older persons"),
	}
	e := New(&queryRecorder{}, nil, []recmap.Document{{ID: "r", Language: "en"}}, items)
	evs := []*evidence{
		{rec: items[0], sec: map[string]float64{"F": 1, "B": 0.2}},
		{rec: items[1], sec: map[string]float64{"F": 1, "B": 0.1}},
		{rec: items[2], sec: map[string]float64{"F": 1, "B": 1}},
		{rec: items[3], sec: map[string]float64{"B": 1}},
	}
	// Far apart in the list, so neighbour smoothing does not decide.
	for i := range evs {
		evs[i].rec.Section = []string{string(rune('a' + i))}
	}
	e.feedback(evs, []int{0, 1, 2, 3})
	if evs[2].sec["F"] <= evs[2].sec["B"] {
		t.Errorf("after feedback F %.3f, B %.3f: want F, chosen by the recommendations on minorities", evs[2].sec["F"], evs[2].sec["B"])
	}
}

// The words of complex prepositions ("in order to", "based on", "in line
// with") are not the subject of a recommendation; the same words elsewhere
// ("the Order of Lawyers") are.
func TestSalientComplexPrepositions(t *testing.T) {
	got := salient("Amend the law in order to prevent discrimination based on race, in line with international standards and with regard to the Order of Lawyers")
	want := []string{"amend", "law", "prevent", "discrimination", "race", "international", "standards", "order", "lawyers"}
	if !slices.Equal(got, want) {
		t.Errorf("salient = %v, want %v", got, want)
	}
}
