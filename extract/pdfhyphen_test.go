package extract

import "testing"

// TestJoinTextHyphens checks how a line ending in a hyphen joins the next:
// by what the document itself writes, and by whether it hyphenates words
// at all.
func TestJoinTextHyphens(t *testing.T) {
	hyphenating := &lexicon{words: map[string]bool{"implementation": true, "trafficking": true}, hyphenates: true}
	plain := &lexicon{words: map[string]bool{}, hyphenates: false}
	tests := []struct {
		name       string
		prev, next string
		lx         *lexicon
		want       string
	}{
		{"word written closed up elsewhere", "the imple-", "mentation of", hyphenating, "the implementation of"},
		{"fragment in a hyphenating document", "het zoge-", "naamde protocol", hyphenating, "het zogenaamde protocol"},
		{"compound of a known word", "the anti-", "trafficking plan", hyphenating, "the anti-trafficking plan"},
		{"English prefix", "several non-", "governmental bodies", hyphenating, "several non-governmental bodies"},
		{"document that does not hyphenate", "a munkaerő-", "kölcsönzők nyilvántartása", plain, "a munkaerő-kölcsönzők nyilvántartása"},
		{"capital after the hyphen", "The Inter-", "Ministerial group", hyphenating, "The Inter-Ministerial group"},
		{"soft hyphen always goes", "infor\u00ad", "mation here", plain, "information here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := joinText(tt.prev, tt.next, tt.lx); got != tt.want {
				t.Errorf("joinText(%q, %q) = %q, want %q", tt.prev, tt.next, got, tt.want)
			}
		})
	}
}

// TestVocabularyHyphenates checks that a document counts as hyphenating
// only when a line-end hyphen joins into a word it also writes whole, and
// that the first word after a hyphenated line is not taken for a word.
func TestVocabularyHyphenates(t *testing.T) {
	lines := func(ss ...string) [][]*frag {
		var fs []*frag
		for _, s := range ss {
			fs = append(fs, &frag{text: []byte(s)})
		}
		return [][]*frag{fs}
	}
	lx := vocabulary(lines("the implementation of the plan and the", "imple-", "mentation report", "next line here"))
	if !lx.hyphenates {
		t.Error("a document that writes imple-/mentation and implementation should count as hyphenating")
	}
	if lx.has("mentation") {
		t.Error("the word after a line-end hyphen is a fragment, not a word")
	}
	lx = vocabulary(lines("a munkaerő-", "kölcsönzők nyilvántartása és a", "többi szöveg itt"))
	if lx.hyphenates {
		t.Error("a compound hyphen alone is no sign of hyphenation")
	}
}
