package rules_test

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/extract"
	"github.com/recmap/recmap/rules"
)

// parseCase parses the input of a testdata txtar case.
func parseCase(t *testing.T, file string) *rules.Result {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		format := extract.Text
		if f.Name == "input.md" {
			format = extract.Markdown
		} else if f.Name != "input.txt" {
			continue
		}
		doc, err := extract.Options{}.Read(t.Context(), strings.NewReader(string(f.Data)), int64(len(f.Data)), format, file)
		if err != nil {
			t.Fatal(err)
		}
		res, err := rules.Parse(t.Context(), doc, rules.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	t.Fatalf("%s: no input", file)
	return nil
}

type actionFields struct {
	Responsible, Partners             []string
	Deadline, DeadlineText, Indicator string
	Budget, Title                     string
}

func fieldsOf(it recmap.Item) actionFields {
	return actionFields{it.Responsible, it.Partners, it.Deadline, it.DeadlineText, it.Indicator, it.Budget, it.Title}
}

func TestActionFields(t *testing.T) {
	tests := []struct {
		file string
		want map[string]actionFields
	}{
		{"actionplan_hu.txtar", map[string]actionFields{
			"1.1": {Responsible: []string{"belügyminiszter", "a kultúráért és innovációért felelős miniszter"}, Deadline: "2023-12-31", DeadlineText: "2023. december 31.", Indicator: "a kampányban részt vevő iskolák száma", Title: "Figyelemfelhívó kampányok"},
			"1.2": {Responsible: []string{"belügyminiszter", "igazságügyi miniszter"}, Partners: []string{"Nemzeti Adó- és Vámhivatal"}, Deadline: "ongoing", DeadlineText: "folyamatos", Budget: "a központi költségvetésben 10 millió Ft", Title: "Figyelemfelhívó kampányok"},
			"2":   {Responsible: []string{"foglalkoztatáspolitikáért felelős miniszter"}, Deadline: "2024-06-30", DeadlineText: "2024. június 30-ig"},
			"3":   {Responsible: []string{"nemzeti koordinátor"}, Deadline: "annual", DeadlineText: "évente"},
		}},
		{"actionplan_table_en.txtar", map[string]actionFields{
			"1": {Responsible: []string{"Ministry of Labour and Social Affairs"}, Partners: []string{"NGOs"}, Deadline: "2025-12-31", DeadlineText: "31 December 2025", Indicator: "200 inspectors trained", Budget: "EUR 20,000", Title: "Identification"},
			"2": {Responsible: []string{"Ministry of Interior", "the Police"}, Partners: []string{"La Strada"}, Deadline: "2025-09-30", DeadlineText: "Q3 2025", Indicator: "hotline operating", Budget: "EUR 50,000", Title: "Identification"},
			"3": {Responsible: []string{"Prosecutor's Office"}, Partners: []string{"Judicial Academy"}, Deadline: "ongoing", DeadlineText: "ongoing", Indicator: "guidelines issued", Title: "Prosecution"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := parseCase(t, tt.file)
			got := map[string]actionFields{}
			for _, it := range res.Items {
				if it.Kind == recmap.KindAction {
					got[it.Number] = fieldsOf(it)
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("%d actions, want %d: %v", len(got), len(tt.want), got)
			}
			for num, want := range tt.want {
				if g := got[num]; !reflect.DeepEqual(g, want) {
					t.Errorf("action %s:\n got %+v\nwant %+v", num, g, want)
				}
			}
		})
	}
}

func TestGRETAAddressee(t *testing.T) {
	res := parseCase(t, "greta_bold_appendix.txtar")
	for _, it := range res.Items {
		if it.Kind != recmap.KindRecommendation {
			continue
		}
		want := "the Hungarian authorities"
		if it.Number == "5.2" {
			want = "the authorities"
		}
		if it.Addressee != want {
			t.Errorf("%s: addressee %q, want %q", it.Number, it.Addressee, want)
		}
	}
}

// FuzzCutters feeds Markdown (bold spans, tables, bullets) to the GRETA,
// CP, reply and action plan cutters: no panic, no duplicate ID.
func FuzzCutters(f *testing.F) {
	for _, s := range []string{
		"1. **GRETA urges the authorities to:**\n\n– **a;**\n\n– b.\n\n## List of GRETA's conclusions and proposals for action\n\nGRETA urges (paragraph 1) x (paragraph 2)",
		"1.1. Intézkedés\n\nFelelős: belügyminiszter és igazságügyi miniszter\n\nHatáridő: 2023. december 31.",
		"| Activity | Responsible | Deadline |\n|---|---|---|\n| a | b | Q3 2025 |\n|  | c |  |",
		"Sorsz. Intézkedés Felelős Határidő\n\n1. X\n\nbelügyminiszter 2099. december\n\n31\n\nindikátor",
		"Recommends that the Government of Hungary: – a (paragraph 3); – b",
	} {
		f.Add(s)
	}
	fams := []recmap.Family{recmap.FamilyGRETAReport, recmap.FamilyCPRecommendation, recmap.FamilyGovernmentReply, recmap.FamilyActionPlan}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) == 0 || len(s) > 1<<15 {
			return
		}
		doc, err := extract.Options{}.Read(t.Context(), strings.NewReader(s), int64(len(s)), extract.Markdown, "fuzz.md")
		if err != nil {
			return
		}
		for _, fam := range fams {
			res, err := rules.Parse(t.Context(), doc, rules.Options{Family: fam, MaxItems: 500})
			if err != nil {
				t.Fatalf("%s: %v", fam, err)
			}
			seen := map[string]bool{}
			for _, it := range res.Items {
				if seen[it.ID] {
					t.Fatalf("%s: duplicate ID %s", fam, it.ID)
				}
				seen[it.ID] = true
			}
		}
	})
}
