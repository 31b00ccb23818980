package mapping

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/extract"
	"github.com/recmap/recmap/rules"
)

// GoldEntry is one line of a gold mapping file: a recommendation number and
// the numbers of the paragraphs (or actions) that answer it.
//
//	{"rec": "115.62", "paras": [36, 37], "section": "F. …"}
//	{"rec": "54.2", "actions": ["3", "7"]}
type GoldEntry struct {
	Rec     string   `json:"rec"`
	Paras   []int    `json:"paras,omitempty"`
	Actions []string `json:"actions,omitempty"`
	Section string   `json:"section,omitempty"`
}

// Answers returns the acceptable answer numbers as strings.
func (g GoldEntry) Answers() []string {
	out := slices.Clone(g.Actions)
	for _, p := range g.Paras {
		out = append(out, strconv.Itoa(p))
	}
	return out
}

// ReadGold reads a gold file: one JSON object per line, blank lines ignored.
func ReadGold(r io.Reader) ([]GoldEntry, error) {
	var out []GoldEntry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var g GoldEntry
		if err := json.Unmarshal([]byte(line), &g); err != nil {
			return nil, fmt.Errorf("gold line %d: %w", n, err)
		}
		if g.Rec == "" {
			return nil, fmt.Errorf("gold line %d: no \"rec\"", n)
		}
		out = append(out, g)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read gold: %w", err)
	}
	return out, nil
}

// EvalResult is one recommendation's outcome.
type EvalResult struct {
	Rec     string   `json:"rec"`
	Found   bool     `json:"found"` // the recommendation was extracted
	Gold    []string `json:"gold"`
	Ranked  []string `json:"ranked"` // answer numbers of the suggestions, best first
	Rank    int      `json:"rank"`   // 1-based rank of the first correct answer, 0 if none
	Section string   `json:"section,omitempty"`
}

// Metrics are the standard retrieval measures over a gold set.
type Metrics struct {
	N       int     `json:"n"`
	Recall1 float64 `json:"recall@1"`
	Recall3 float64 `json:"recall@3"`
	Recall5 float64 `json:"recall@5"`
	MRR     float64 `json:"mrr"`
	Missing int     `json:"missing"` // gold recommendations not extracted
}

// String prints the one-line summary that recmap eval ends with.
func (m Metrics) String() string {
	return fmt.Sprintf("recall@1 %.3f recall@3 %.3f recall@5 %.3f mrr %.3f", m.Recall1, m.Recall3, m.Recall5, m.MRR)
}

// Score computes the metrics of results. Recommendations that were not
// extracted count as misses.
func Score(results []EvalResult) Metrics {
	m := Metrics{N: len(results)}
	if m.N == 0 {
		return m
	}
	for _, r := range results {
		if !r.Found {
			m.Missing++
		}
		if r.Rank == 0 {
			continue
		}
		if r.Rank <= 1 {
			m.Recall1++
		}
		if r.Rank <= 3 {
			m.Recall3++
		}
		if r.Rank <= 5 {
			m.Recall5++
		}
		m.MRR += 1 / float64(r.Rank)
	}
	n := float64(m.N)
	m.Recall1 /= n
	m.Recall3 /= n
	m.Recall5 /= n
	m.MRR /= n
	return m
}

// RankOf returns the 1-based rank of the first ranked answer in gold.
func RankOf(ranked, gold []string) int {
	for i, r := range ranked {
		if slices.Contains(gold, r) {
			return i + 1
		}
	}
	return 0
}

// StripReferences removes explicit references to recommendations from a
// national document, so that an evaluation measures what the text says and
// not what its headings give away: a paragraph that is only a reference
// ("Recommendations 1–5, 14–16") is dropped; a citation inside a paragraph
// ("(Recommendation 15)", "thus implementing recommendation 43") is cut out.
// Headings stay, without their references. It returns how many references
// it removed.
func StripReferences(doc *extract.Document) int {
	removed := 0
	out := doc.Paragraphs[:0]
	for _, p := range doc.Paragraphs {
		text := p.Text
		for _, r := range rules.ParseReferences(text) {
			if r.Kind != "recommendation" {
				continue
			}
			text = strings.Replace(text, r.Raw, "", 1)
			removed++
		}
		text = tidy(text)
		if text == "" || (text != p.Text && !hasLetters(text)) {
			continue
		}
		p.Text = text
		out = append(out, p)
	}
	doc.Paragraphs = out
	return removed
}

// tidy removes the empty brackets and doubled spaces a cut leaves.
func tidy(s string) string {
	for _, e := range []string{"()", "( )", "[]", "(, )"} {
		s = strings.ReplaceAll(s, e, "")
	}
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, " ,", ",")
	s = strings.ReplaceAll(s, " .", ".")
	return strings.TrimSpace(strings.Trim(s, ",;: "))
}

func hasLetters(s string) bool {
	n := 0
	for _, r := range s {
		if r >= 'A' && r <= 'z' || r > 127 {
			n++
		}
	}
	return n >= 3
}

var _ = recmap.KindAction
