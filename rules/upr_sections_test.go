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

// A thematic list of recommendations has no symbol of its own: each row
// cites the addendum its position comes from, which gives the Working
// Group report the positions apply to and the cycle.
func TestUPRThematicList(t *testing.T) {
	html := []byte(`<html><body>
<table>
<tr><td>Recommendation</td><td>Position</td><td>Full list of themes</td></tr>
<tr><td>90.1 Take further steps to ratify the treaties signed since the first UPR cycle (Utopia); Source of position: A/HRC/28/15/Add.1 - Para. 3</td><td>Supported</td><td>A12 Acceptance of international norms</td></tr>
<tr><td>90.2 Ratify the Convention on migrant workers (Atlantis) (Portugal); Source of position: A/HRC/28/15/Add.1 - Para. 4</td><td>Noted</td><td>A12 Acceptance of international norms</td></tr>
</table>
</body></html>`)
	doc, err := extract.Options{}.Read(t.Context(), bytes.NewReader(html), int64(len(html)), extract.HTML, "thematic.html")
	if err != nil {
		t.Fatal(err)
	}
	res, err := rules.Parse(t.Context(), doc, rules.Options{Family: recmap.FamilyUPRResponses})
	if err != nil {
		t.Fatal(err)
	}
	if res.Doc.Symbol != "" || res.Doc.Round != "2" {
		t.Errorf("symbol %q round %q, want none and cycle 2 (from the addendum cited)", res.Doc.Symbol, res.Doc.Round)
	}
	want := map[string]string{"90.1": "supported", "90.2": "noted"}
	for _, it := range res.Items {
		if it.Kind != recmap.KindRecommendation {
			continue
		}
		if it.Position != want[it.Number] {
			t.Errorf("%s: position %q, want %q", it.Number, it.Position, want[it.Number])
		}
		if len(it.References) != 1 || it.References[0].Doc != "A/HRC/28/15" {
			t.Errorf("%s: references %+v, want one to A/HRC/28/15", it.Number, it.References)
		}
		delete(want, it.Number)
	}
	if len(want) > 0 {
		t.Errorf("no items for %v", want)
	}
}

// A parenthesis left open does not hide the rest of the head from the
// country's detection, and a country named only in parentheses counts when
// it is the only one.
func TestCountryParentheses(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Measures (see the annex\n\nNational action plan of Slovenia\n\nSlovenia adopted the plan.\n", "SI"},
		{"Report of the Working Group on the Universal Periodic Review (Slovenia)\n", "SI"},
		{"90.1 Ratify the Convention (Portugal)\n\n90.2 Ratify the Protocol (Spain)\n", ""},
	} {
		text := []byte(tc.text)
		doc, err := extract.Options{}.Read(t.Context(), bytes.NewReader(text), int64(len(text)), extract.Text, "doc.txt")
		if err != nil {
			t.Fatal(err)
		}
		res, err := rules.Parse(t.Context(), doc, rules.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Doc.Country != tc.want {
			t.Errorf("%q: country %q, want %q", tc.text, res.Doc.Country, tc.want)
		}
	}
}
