package rules_test

import (
	"bytes"
	"testing"

	"github.com/recmap/recmap/extract"
	"github.com/recmap/recmap/rules"
)

func TestFindSymbol(t *testing.T) {
	tests := []struct{ in, symbol, body string }{
		{"GRETA(2023) 8 Evaluation Report", "GRETA(2023)08", "GRETA"},
		{"Distr.: General A/HRC/28/15/Add.1 4 March 2015", "A/HRC/28/15/Add.1", "UN"},
		{"Recommendation CP/Rec(2024)01 on the implementation", "CP/Rec(2024)01", "CP"},
		{"32011L0036 — EN", "32011L0036", "EU"},
		{"02011L0036 — EN — 14.07.2024 — 001.001", "32011L0036", "EU"},
		{"02011L0036-20240714", "32011L0036", "EU"},
		{"no symbol here, only 2011 and 36", "", ""},
	}
	for _, tt := range tests {
		sym, body := rules.FindSymbol(tt.in)
		if sym != tt.symbol || body != tt.body {
			t.Errorf("FindSymbol(%q) = %q, %q; want %q, %q", tt.in, sym, body, tt.symbol, tt.body)
		}
	}
}

// A document takes as its own the symbol of a header line, not one its
// running text cites: an action plan answering a GRETA report, a list of
// documents.
func TestOwnSymbol(t *testing.T) {
	tests := []struct{ name, text, id string }{
		{"header line", "A/HRC/28/15\n\nReport of the Working Group on the Universal Periodic Review\n\n1. The Working Group held its review.\n", "A/HRC/28/15"},
		{"cover", "GRETA(2099)01\n\nEvaluation report\n\nThird evaluation round\n", "GRETA(2099)01"},
		{"plan citing a report", "National action plan against trafficking in human beings 2099–2100\n\nThis plan answers the recommendations of GRETA's third report on Hungary, GRETA(2099)01, and those of the Committee of the Parties.\n\n1. Training of labour inspectors.\n", ""},
		{"list of documents", "Sources\n\nThe Working Group report A/HRC/28/15 of 2014, the State's responses A/HRC/28/15/Add.1 and the national report A/HRC/WG.6/34/SVN/1 of 2019 are the documents of the review.\n", ""},
	}
	for _, tt := range tests {
		text := []byte(tt.text)
		doc, err := extract.Options{}.Read(t.Context(), bytes.NewReader(text), int64(len(text)), extract.Text, "doc.txt")
		if err != nil {
			t.Fatal(err)
		}
		res, err := rules.Parse(t.Context(), doc, rules.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Doc.Symbol; got != tt.id {
			t.Errorf("%s: symbol %q, want %q", tt.name, got, tt.id)
		}
	}
}

// The States that made recommendations, in parentheses, are not the
// country a document is about.
func TestCountryOutsideParentheses(t *testing.T) {
	text := []byte("Thematic list of recommendations\n\n140.7 Ratify the Optional Protocol (Portugal) (Spain)\n\n140.8 Ratify the Convention (Portugal)\n\nRecommendations to Slovenia\n")
	doc, err := extract.Options{}.Read(t.Context(), bytes.NewReader(text), int64(len(text)), extract.Text, "list.txt")
	if err != nil {
		t.Fatal(err)
	}
	res, err := rules.Parse(t.Context(), doc, rules.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Doc.Country != "SI" {
		t.Errorf("country %q, want SI", res.Doc.Country)
	}
}
