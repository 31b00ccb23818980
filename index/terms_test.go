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
