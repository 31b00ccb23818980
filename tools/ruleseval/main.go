// Command ruleseval measures the rules package on the real UPR documents in
// ../shared/corpus: recommendation counts and numbers of the Working Group
// reports against OHCHR's thematic lists, positions from the State
// responses, the national report's actions and references against the gold
// mapping, and the precision and recall of the trafficking topic tag
// against OHCHR's theme labels.
//
//	go run ./tools/ruleseval ../shared/corpus
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/extract"
	"github.com/recmap/recmap/rules"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: ruleseval CORPUS_DIR")
		os.Exit(2)
	}
	if err := run(context.Background(), os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "ruleseval:", err)
		os.Exit(1)
	}
}

func parse(ctx context.Context, path string) (*rules.Result, error) {
	doc, err := extract.File(ctx, path)
	if err != nil {
		return nil, err
	}
	return rules.Parse(ctx, doc, rules.Options{})
}

func recs(res *rules.Result) []recmap.Item {
	var out []recmap.Item
	for _, it := range res.Items {
		if it.Kind == recmap.KindRecommendation {
			out = append(out, it)
		}
	}
	return out
}

// listRow is one recommendation of an OHCHR thematic list.
type listRow struct {
	num, text, position string
	trafficking         bool
}

var rowNumRe = regexp.MustCompile(`^(\d{1,3}\.\d{1,3})\s+(.*)`)

func thematicList(ctx context.Context, path string) (map[string]*listRow, error) {
	doc, err := extract.File(ctx, path)
	if err != nil {
		return nil, err
	}
	out := map[string]*listRow{}
	for _, t := range doc.Tables {
		for _, row := range t.Rows {
			if len(row) < 3 {
				continue
			}
			m := rowNumRe.FindStringSubmatch(strings.TrimSpace(row[0]))
			if m == nil {
				continue
			}
			text := m[2]
			if i := strings.Index(text, "Source of position"); i >= 0 {
				text = text[:i]
			}
			if i := strings.Index(text, "Source of Position"); i >= 0 {
				text = text[:i]
			}
			r := out[m[1]]
			if r == nil {
				r = &listRow{num: m[1], text: strings.TrimSpace(text), position: strings.ToLower(strings.TrimSpace(row[1]))}
				out[m[1]] = r
			}
			themes := strings.Join(row[2:], " ")
			if strings.Contains(themes, "Human trafficking & contemporary forms of slavery") || strings.Contains(themes, "D27 Prohibition of slavery, trafficking") {
				r.trafficking = true
			}
		}
	}
	return out, nil
}

func norm(s string) string {
	s = strings.ToLower(s)
	var b strings.Builder
	for _, r := range s {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func run(ctx context.Context, dir string) error {
	upr := filepath.Join(dir, "upr")
	f := func(name string) string { return filepath.Join(upr, name) }
	wgs := map[string]*rules.Result{}
	for _, name := range []string{"c1_A_HRC_14_15_WG_report_2010.pdf", "c2_A_HRC_28_15_WG_report_2014.pdf", "c4_A_HRC_59_15_WG_report_2025.pdf"} {
		res, err := parse(ctx, f(name))
		if err != nil {
			return err
		}
		wgs[name] = res
		rs := recs(res)
		lists := map[string]int{}
		noState := 0
		for _, r := range rs {
			lists[r.Para]++
			if len(r.States) == 0 {
				noState++
			}
		}
		fmt.Printf("%-40s %s family=%s cycle=%s recommendations=%d per paragraph=%v without State=%d warnings=%d\n",
			name, res.Doc.ID, res.Doc.Family, res.Doc.Round, len(rs), lists, noState, len(res.Warnings))
	}
	// Against the thematic lists: numbers, text and positions.
	pairs := []struct{ wg, resp, list string }{
		{"c2_A_HRC_28_15_WG_report_2014.pdf", "c2_A_HRC_28_15_Add.1_state_responses_2015.pdf", "upr20_slovenia_thematic_list_of_recommendations_2014.docx"},
		{"c4_A_HRC_59_15_WG_report_2025.pdf", "c4_A_HRC_59_15_Add.1_state_responses_2025.pdf", "upr48_slovenia_thematic_list_of_recommendations_2025.docx"},
	}
	var tp, fp, fn, tn int
	for _, pr := range pairs {
		wg := wgs[pr.wg]
		rs := recs(wg)
		resp, err := parse(ctx, f(pr.resp))
		if err != nil {
			return err
		}
		applied, missing := rules.ApplyPositions(rs, recs(resp))
		sup, noted := 0, 0
		for _, r := range recs(resp) {
			if r.Position == "supported" {
				sup++
			} else {
				noted++
			}
		}
		fmt.Printf("%-40s family=%s positions=%d (supported %d, noted %d) applied to WG report=%d unmatched=%v\n",
			pr.resp, resp.Doc.Family, len(recs(resp)), sup, noted, applied, missing)
		list, err := thematicList(ctx, f(pr.list))
		if err != nil {
			fmt.Printf("%-40s skipped: %v\n", pr.list, err)
			continue
		}
		got := map[string]recmap.Item{}
		for _, r := range rs {
			got[r.Number] = r
		}
		var onlyList, onlyOurs, textDiff, posDiff []string
		for n, row := range list {
			it, ok := got[n]
			if !ok {
				onlyList = append(onlyList, n)
				continue
			}
			a, b := norm(it.Text), norm(row.text)
			if len(a) > 40 && len(b) > 40 && a[:40] != b[:40] {
				textDiff = append(textDiff, n)
			}
			if row.position != "" && it.Position != row.position {
				posDiff = append(posDiff, n+":"+it.Position+"≠"+row.position)
			}
			tagged := false
			for _, t := range it.Topics {
				if t.Topic == "trafficking" {
					tagged = true
				}
			}
			switch {
			case tagged && row.trafficking:
				tp++
			case tagged:
				fp++
				fmt.Printf("  false positive %s: %.100s\n", n, it.Text)
			case row.trafficking:
				fn++
				fmt.Printf("  false negative %s: %.100s\n", n, it.Text)
			default:
				tn++
			}
		}
		for n := range got {
			if _, ok := list[n]; !ok {
				onlyOurs = append(onlyOurs, n)
			}
		}
		sort.Strings(onlyList)
		sort.Strings(onlyOurs)
		fmt.Printf("%-40s thematic list=%d ours=%d missing=%v extra=%v text mismatches=%v position mismatches=%v\n",
			pr.list, len(list), len(rs), onlyList, onlyOurs, textDiff, posDiff)
	}
	p := float64(tp) / float64(max(1, tp+fp))
	r := float64(tp) / float64(max(1, tp+fn))
	fmt.Printf("trafficking topic vs OHCHR theme labels: tp=%d fp=%d fn=%d tn=%d precision=%.3f recall=%.3f\n", tp, fp, fn, tn, p, r)

	// National report.
	nr, err := parse(ctx, f("c3_A_HRC_WG.6_34_SVN_1_national_report_2019.pdf"))
	if err != nil {
		return err
	}
	actions := 0
	sections := map[string]bool{}
	refMap := map[string]map[string]bool{}
	for _, it := range nr.Items {
		if it.Kind != recmap.KindAction {
			continue
		}
		actions++
		if len(it.Section) > 0 {
			sections[strings.Join(it.Section, " / ")] = true
		}
		for _, ref := range it.References {
			if ref.Kind != rules.RefRecommendation {
				continue
			}
			for _, t := range ref.Targets {
				if refMap[t] == nil {
					refMap[t] = map[string]bool{}
				}
				refMap[t][it.Number] = true
			}
		}
	}
	resolved := 0
	for t := range refMap {
		if strings.HasPrefix(t, "115.") {
			resolved++
		}
	}
	fmt.Printf("national report %s family=%s actions=%d sections=%d recommendations referenced=%d (resolved to 115.N: %d)\n",
		nr.Doc.ID, nr.Doc.Family, actions, len(sections), len(refMap), resolved)
	gold, err := os.Open(filepath.Join(dir, "gold", "upr_svn_c2recs_to_nr2019.jsonl"))
	if err != nil {
		return err
	}
	defer gold.Close()
	sc := bufio.NewScanner(gold)
	var recsN, exact, covered, goldParas, foundParas int
	for sc.Scan() {
		var g struct {
			Rec   string `json:"rec"`
			Paras []int  `json:"paras"`
		}
		if json.Unmarshal(sc.Bytes(), &g) != nil {
			continue
		}
		recsN++
		ours := refMap[g.Rec]
		all := len(ours) == len(g.Paras)
		for _, pnum := range g.Paras {
			goldParas++
			if ours[fmt.Sprint(pnum)] {
				foundParas++
			} else {
				all = false
			}
		}
		if len(ours) > 0 {
			covered++
		}
		if all {
			exact++
		}
	}
	fmt.Printf("gold mapping: recommendations=%d with references=%d exact paragraph sets=%d paragraph recall=%d/%d\n",
		recsN, covered, exact, foundParas, goldParas)
	return nil
}
