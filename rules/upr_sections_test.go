package rules_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/extract"
	"github.com/recmap/recmap/rules"
)

// "I." after "H." is the ninth lettered section, not Roman part I.
func TestUPRNationalLetterI(t *testing.T) {
	text := []byte(`A/HRC/WG.6/50/RUR/1

National report submitted in accordance with paragraph 5 of the annex to Human Rights Council resolution 16/21

II. Implementation of recommendations from the previous cycle

H. Erased persons

1. The act on the legal status of the erased was amended.

I. Persons with disabilities

2. A new act on personal assistance was adopted.

J. Gender equality

3. A strategy on gender equality was adopted.
`)
	doc, err := extract.Options{}.Read(t.Context(), bytes.NewReader(text), int64(len(text)), extract.Text, "nr.txt")
	if err != nil {
		t.Fatal(err)
	}
	res, err := rules.Parse(t.Context(), doc, rules.Options{Family: recmap.FamilyUPRNationalReport})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"1": {"II. Implementation of recommendations from the previous cycle", "H. Erased persons"},
		"2": {"II. Implementation of recommendations from the previous cycle", "I. Persons with disabilities"},
		"3": {"II. Implementation of recommendations from the previous cycle", "J. Gender equality"},
	}
	for _, it := range res.Items {
		if w, ok := want[it.Number]; ok && it.Kind == recmap.KindAction {
			if !slices.Equal(it.Section, w) {
				t.Errorf("action %s: section %q, want %q", it.Number, it.Section, w)
			}
			delete(want, it.Number)
		}
	}
	if len(want) > 0 {
		t.Errorf("actions not found: %v", want)
	}
}
