package rules_test

import (
	"testing"

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
