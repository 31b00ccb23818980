package rules_test

import (
	"reflect"
	"testing"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/rules"
)

func TestParseReferences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []recmap.Reference
	}{
		{"paragraph in parentheses", "ensure access to compensation (paragraph 54).",
			[]recmap.Reference{{Raw: "paragraph 54", Kind: "paragraph", Targets: []string{"54"}}}},
		{"paragraph range", "see paragraphs 45-47 above",
			[]recmap.Reference{{Raw: "paragraphs 45-47", Kind: "paragraph", Targets: []string{"45", "46", "47"}}}},
		{"paras and", "paras. 12 and 14",
			[]recmap.Reference{{Raw: "paras. 12 and 14", Kind: "paragraph", Targets: []string{"12", "14"}}}},
		{"recommendation ranges", "M. Human trafficking (Recommendations 78–86, 174–181)",
			[]recmap.Reference{{Raw: "Recommendations 78–86, 174–181", Kind: "recommendation",
				Targets: []string{"78", "79", "80", "81", "82", "83", "84", "85", "86", "174", "175", "176", "177", "178", "179", "180", "181"}}}},
		{"recommendation single", "Recommendation 15 was supported",
			[]recmap.Reference{{Raw: "Recommendation 15", Kind: "recommendation", Targets: []string{"15"}}}},
		{"dotted", "recommendations 115.3 and 115.7 enjoy support",
			[]recmap.Reference{{Raw: "recommendations 115.3 and 115.7", Kind: "recommendation", Targets: []string{"115.3", "115.7"}}}},
		{"dotted range", "recommendations 115.3–115.5",
			[]recmap.Reference{{Raw: "recommendations 115.3–115.5", Kind: "recommendation", Targets: []string{"115.3", "115.4", "115.5"}}}},
		{"article paragraph", "as required by Article 11(4).",
			[]recmap.Reference{{Raw: "Article 11(4)", Kind: "article", Targets: []string{"11(4)"}}}},
		{"articles and", "Articles 2 and 3",
			[]recmap.Reference{{Raw: "Articles 2 and 3", Kind: "article", Targets: []string{"2", "3"}}}},
		{"article of directive", "Article 2 of Directive 2011/36/EU",
			[]recmap.Reference{
				{Raw: "Article 2 of Directive 2011/36/EU", Kind: "article", Targets: []string{"2"}, Doc: "32011L0036"},
				{Raw: "Directive 2011/36/EU", Kind: "instrument", Doc: "32011L0036"}}},
		{"amending directive", "Directive (EU) 2024/1712 of the European Parliament",
			[]recmap.Reference{{Raw: "Directive (EU) 2024/1712", Kind: "instrument", Doc: "32024L1712"}}},
		{"cets", "(CETS No. 197)",
			[]recmap.Reference{{Raw: "CETS No. 197", Kind: "instrument", Doc: "CETS197"}}},
		{"year is not a paragraph", "paragraph 4 and 2023 figures",
			[]recmap.Reference{{Raw: "paragraph 4", Kind: "paragraph", Targets: []string{"4"}}}},
		{"huge range is bounded", "paragraphs 1-99999",
			[]recmap.Reference{{Raw: "paragraphs 1-9999", Kind: "paragraph", Targets: []string{"1", "9999"}}}},
		{"keyword without number", "the recommendations listed below", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rules.ParseReferences(tt.text)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseReferences(%q)\n got %+v\nwant %+v", tt.text, got, tt.want)
			}
		})
	}
}

func FuzzReferences(f *testing.F) {
	for _, s := range []string{"paragraphs 45-47", "Recommendations 78–86, 174–181", "Article 11(4)(a) of Directive (EU) 2024/1712", "paras. 1, 2, and 3", "115.3-115.1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range rules.ParseReferences(s) {
			if len(r.Targets) > 1000 {
				t.Fatalf("%d targets", len(r.Targets))
			}
		}
	})
}
