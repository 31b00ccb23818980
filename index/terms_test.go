package index

import (
	"slices"
	"testing"
)

func TestTerms(t *testing.T) {
	tests := []struct {
		text, lang string
		want       []string
	}{
		{"The rights of the child's family", "en", []string{"right", "child", "famili"}},
		{"Az áldozatok és az áldozat", "hu", []string{"áldoz", "áldoz"}},
	}
	for _, tt := range tests {
		if got := Terms(tt.text, tt.lang); !slices.Equal(got, tt.want) {
			t.Errorf("Terms(%q, %q) = %v, want %v", tt.text, tt.lang, got, tt.want)
		}
	}
	if got := Terms("Menschenrechte", "de"); len(got) != 1 {
		t.Errorf("Terms in a language without an analyser = %v, want one term", got)
	}
}

// The English analysis keeps apart what Porter's stemmer runs together in
// this field's texts, meets plural and singular, British and American
// spelling, and adjectives in -atory with nouns in -ation.
func TestStemGuard(t *testing.T) {
	same := [][2]string{
		{"minorities", "minority"}, {"minors", "minor"}, {"organisations", "organization"},
		{"organs", "organ"}, {"nationalities", "nationality"}, {"universities", "university"},
		{"communities", "community"}, {"international", "internationally"},
		{"forced labor", "forced labour"}, {"laborers", "labourers"}, {"laboring", "labouring"},
		{"organize", "organise"}, {"organizer", "organisers"}, {"organizational", "organisational"},
		{"discriminatory", "discrimination"}, {"compensatory", "compensation"}, {"regulatory", "regulation"},
		{"migratory", "migration"}, {"mandatories", "mandatory"},
	}
	apart := [][2]string{
		{"minorities", "minors"}, {"organisations", "organs"}, {"international", "internal"},
		{"nationality", "national"}, {"university", "universal"}, {"communities", "communications"},
		{"generations", "general"}, {"laboratory", "labour"}, {"organizes", "organs"},
	}
	for _, p := range same {
		if a, b := Terms(p[0], "en"), Terms(p[1], "en"); !slices.Equal(a, b) {
			t.Errorf("%s → %v, %s → %v: want the same stem", p[0], a, p[1], b)
		}
	}
	for _, p := range apart {
		if a, b := Terms(p[0], "en"), Terms(p[1], "en"); slices.Equal(a, b) {
			t.Errorf("%s and %s both → %v: want them apart", p[0], p[1], a)
		}
	}
}
