package rules_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/extract"
	"github.com/recmap/recmap/rules"
	"github.com/recmap/recmap/sample"
)

// parseSample extracts and parses one file of the sample corpus.
func parseSample(t *testing.T, name string) *rules.Result {
	t.Helper()
	data, err := fs.ReadFile(sample.FS, "files/"+name)
	if err != nil {
		t.Skipf("sample corpus: %v", err)
	}
	doc, err := extract.Options{}.Read(t.Context(), bytes.NewReader(data), int64(len(data)), extract.Unknown, name)
	if err != nil {
		t.Fatalf("extract %s: %v", name, err)
	}
	res, err := rules.Parse(t.Context(), doc, rules.Options{})
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	if os.Getenv("RECMAP_DUMP") != "" {
		dumpResult(res)
	}
	return res
}

func dumpResult(res *rules.Result) {
	d := res.Doc
	fmt.Printf("DOC %s family=%s conf=%.2f symbol=%s country=%s round=%s adopted=%s published=%s title=%q\n", d.ID, d.Family, d.FamilyConfidence, d.Symbol, d.Country, d.Round, d.Adopted, d.Published, d.Title)
	for _, it := range res.Items {
		if it.Kind == recmap.KindParagraph {
			continue
		}
		fmt.Printf("  %-14s %-8s p%d %-9s %q addr=%q resp=%q partners=%q dl=%q/%q ind=%q bud=%q title=%q refs=%d | %.110s\n", it.Kind, it.Number, it.Page, it.Strength, it.Verb, it.Addressee, it.Responsible, it.Partners, it.Deadline, it.DeadlineText, it.Indicator, it.Budget, it.Title, len(it.References), it.Text)
	}
	for _, w := range res.Warnings {
		fmt.Println("  WARN", w)
	}
}

func byKind(res *rules.Result, k recmap.Kind) []recmap.Item {
	var out []recmap.Item
	for _, it := range res.Items {
		if it.Kind == k {
			out = append(out, it)
		}
	}
	return out
}

// strengthOf maps gold's strength words to Item.Strength.
var strengthOf = map[string]string{"calls on": "call-on", "recommends": "recommend"}

func TestSampleGRETARound3(t *testing.T) {
	res := parseSample(t, "greta-2099-01-hungary-round3.pdf")
	if res.Doc.Family != recmap.FamilyGRETAReport {
		t.Fatalf("family = %s, want %s (detection %+v)", res.Doc.Family, recmap.FamilyGRETAReport, res.Detection)
	}
	d := res.Doc
	if d.Symbol != "GRETA(2099)01" || d.Round != "3" || d.Country != "HU" || d.Adopted != "2099-10-14" || d.Published != "2100-02-03" {
		t.Errorf("metadata = symbol %q round %q country %q adopted %q published %q", d.Symbol, d.Round, d.Country, d.Adopted, d.Published)
	}
	gold, err := sample.Gold()
	if err != nil {
		t.Fatal(err)
	}
	recs := byKind(res, recmap.KindRecommendation)
	got := map[string]recmap.Item{}
	for _, it := range recs {
		got[it.Number] = it
	}
	for _, g := range gold {
		it, ok := got[g.Rec]
		if !ok {
			t.Errorf("recommendation %s not found", g.Rec)
			continue
		}
		want := g.Strength
		if s, ok := strengthOf[want]; ok {
			want = s
		}
		if it.Strength != want {
			t.Errorf("recommendation %s: strength %q, want %q", g.Rec, it.Strength, want)
		}
		if it.Addressee != "the Hungarian authorities" {
			t.Errorf("recommendation %s: addressee %q", g.Rec, it.Addressee)
		}
		if it.ID != d.ID+"#"+g.Rec {
			t.Errorf("recommendation %s: ID %q", g.Rec, it.ID)
		}
		if !strings.Contains(normSpace(it.Text), normSpace(strings.TrimRight(g.Text, ";."))) {
			t.Errorf("recommendation %s: text %q does not contain %q", g.Rec, it.Text, g.Text)
		}
	}
	if len(recs) != len(gold) {
		t.Errorf("%d recommendations, gold has %d", len(recs), len(gold))
	}
	for _, it := range byKind(res, recmap.KindFinding) {
		if strings.Contains(it.Text, "GRETA urges") || strings.Contains(it.Text, "GRETA invites") {
			t.Errorf("finding %s holds a recommendation: %q", it.Number, it.Text)
		}
	}
	if len(byKind(res, recmap.KindFinding)) == 0 {
		t.Error("no finding")
	}
	for _, w := range res.Warnings {
		if strings.Contains(w, "conclusions") {
			t.Errorf("appendix not reconciled: %s", w)
		}
	}
}

func TestSampleGRETARound2(t *testing.T) {
	res := parseSample(t, "greta-2098-01-hungary-round2.pdf")
	if res.Doc.Family != recmap.FamilyGRETAReport || res.Doc.Symbol != "GRETA(2098)01" || res.Doc.Round != "2" {
		t.Fatalf("doc = %+v", res.Doc)
	}
	if n := len(byKind(res, recmap.KindRecommendation)); n != 8 {
		t.Errorf("%d recommendations, want 8", n)
	}
}

func TestSampleCP(t *testing.T) {
	res := parseSample(t, "cp-rec-2099-01-hungary.pdf")
	if res.Doc.Family != recmap.FamilyCPRecommendation || res.Doc.Symbol != "CP/Rec(2099)01" {
		t.Fatalf("doc = %+v", res.Doc)
	}
	recs := byKind(res, recmap.KindRecommendation)
	withRef := 0
	for _, it := range recs {
		for _, r := range it.References {
			if r.Kind == rules.RefParagraph {
				withRef++
				break
			}
		}
	}
	if withRef != 5 {
		t.Errorf("%d measures cite a paragraph of the report, want 5", withRef)
	}
}

func TestSampleActionPlan(t *testing.T) {
	for _, name := range []string{"hu-action-plan-2099-2100.docx", "hu-action-plan-2099-2100.pdf"} {
		t.Run(name, func(t *testing.T) {
			res := parseSample(t, name)
			if res.Doc.Family != recmap.FamilyActionPlan {
				t.Fatalf("family = %s (detection %+v)", res.Doc.Family, res.Detection)
			}
			acts := byKind(res, recmap.KindAction)
			nums := map[string]bool{}
			for _, a := range acts {
				nums[a.Number] = true
				if len(a.Responsible) == 0 || a.Deadline == "" {
					t.Errorf("action %s: responsible %q, deadline %q (%q)", a.Number, a.Responsible, a.Deadline, a.DeadlineText)
				}
			}
			gold, _ := sample.Gold()
			for _, g := range gold {
				for _, a := range g.Actions {
					if !nums[a] {
						t.Errorf("action %s (answers %s) not found", a, g.Rec)
					}
				}
			}
			if len(acts) < 28 {
				t.Errorf("%d actions, want at least 28", len(acts))
			}
		})
	}
}

func normSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

var _ = context.Background
