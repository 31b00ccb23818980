package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path"
	"strings"
	"time"
)

// fixedTime is the creation date written into generated PDFs where the
// producer lets us choose it (fpdf), so that re-runs give the same bytes.
var fixedTime = time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC)

const sampleDir = "sample"

// rec is one recommendation of a sample GRETA report. Key links it to the
// action plan measures that answer it and to the earlier round it repeats.
type rec struct {
	Key      string
	Strength string // urge, consider, invite, calls on, recommends
	Text     string // the sentence as printed; for a bullet, the bullet text
	Topic    string
	Repeats  string // key of the second-round recommendation it repeats
}

// placed is a recommendation with the number the rules give it: the
// paragraph ("54") or the paragraph and bullet ("54.2").
type placed struct {
	rec
	ID    string
	Para  int
	Intro string // for a bullet: the introducing sentence
}

// report builds a GRETA-style report with automatic paragraph numbers.
type report struct {
	d    *doc
	n    int
	recs []placed
}

func (r *report) add(bl ...block) { r.d.Blocks = append(r.d.Blocks, bl...) }
func (r *report) h1(s string)     { r.add(heading{1, s}) }
func (r *report) h2(s string)     { r.add(heading{2, s}) }

// para adds numbered paragraphs, one per argument.
func (r *report) para(texts ...string) {
	for _, s := range texts {
		r.n++
		r.add(np(fmt.Sprintf("%d.", r.n), t(s)))
	}
}

// paraSpans adds one numbered paragraph made of spans (footnotes, bold).
func (r *report) paraSpans(spans ...span) {
	r.n++
	r.add(np(fmt.Sprintf("%d.", r.n), spans...))
}

// recPara adds a numbered paragraph: the finding lead (may be empty), then
// the recommendation in bold.
func (r *report) recPara(lead string, rc rec) {
	r.n++
	var spans []span
	if lead != "" {
		spans = append(spans, t(lead+" "))
	}
	spans = append(spans, b(rc.Text))
	r.add(np(fmt.Sprintf("%d.", r.n), spans...))
	r.recs = append(r.recs, placed{rec: rc, ID: fmt.Sprint(r.n), Para: r.n})
}

// listPara adds a numbered paragraph ending in a bold introducing sentence
// ("GRETA urges the Hungarian authorities to:") and one bold dash bullet per
// item; each bullet is its own recommendation N.k with the parent's verb.
func (r *report) listPara(lead, intro, strength string, items ...rec) {
	r.n++
	var spans []span
	if lead != "" {
		spans = append(spans, t(lead+" "))
	}
	spans = append(spans, b(intro))
	r.add(np(fmt.Sprintf("%d.", r.n), spans...))
	for i, it := range items {
		it.Strength = strength
		r.add(para{Style: "bullet", Runs: []span{b("–\t" + it.Text)}})
		r.recs = append(r.recs, placed{rec: it, ID: fmt.Sprintf("%d.%d", r.n, i+1), Para: r.n, Intro: intro})
	}
}

// find returns the placed recommendation with the key.
func (r *report) find(key string) placed {
	for _, p := range r.recs {
		if p.Key == key {
			return p
		}
	}
	panic("sample: no recommendation with key " + key)
}

// appendix adds the "List of GRETA's conclusions and proposals for action",
// repeating every recommendation (not in bold) with its paragraph reference.
func (r *report) appendix(title string) {
	r.add(pageBreak{}, heading{1, title})
	for i := 0; i < len(r.recs); i++ {
		pr := r.recs[i]
		if pr.Intro == "" {
			r.add(para{Runs: []span{t(fmt.Sprintf("%s (paragraph %d)", pr.Text, pr.Para))}})
			continue
		}
		r.add(para{Runs: []span{t(pr.Intro)}})
		for ; i < len(r.recs) && r.recs[i].Para == pr.Para; i++ {
			txt := "–\t" + r.recs[i].Text
			if i+1 == len(r.recs) || r.recs[i+1].Para != pr.Para {
				txt += fmt.Sprintf(" (paragraph %d)", pr.Para)
			}
			r.add(para{Style: "bullet", Runs: []span{t(txt)}})
		}
		i--
	}
}

// goldLine is one line of sample/gold.jsonl.
type goldLine struct {
	Rec      string   `json:"rec"`
	Actions  []string `json:"actions"`
	Topic    string   `json:"topic"`
	Strength string   `json:"strength"`
	Repeats  string   `json:"repeats,omitempty"`
	Text     string   `json:"text"`
}

// sample writes the sample corpus (sample/files), sample/gold.jsonl and
// sample/README.md.
func (g *gen) sample(ctx context.Context) error {
	r2 := greta2()
	r3 := greta3()
	plan := actionPlan()
	cp := cpRec(r3)
	files := func(name, format string) string { return path.Join(sampleDir, "files", name+"."+format) }
	if err := g.render(ctx, map[string]*doc{
		"greta-2099-01-hungary-round3": r3.d,
		"greta-2098-01-hungary-round2": r2.d,
		"cp-rec-2099-01-hungary":       cp,
	}, []string{"pdf"}, files); err != nil {
		return err
	}
	if err := g.render(ctx, map[string]*doc{
		"hu-action-plan-2099-2100": plan.doc(),
	}, []string{"pdf", "docx"}, files); err != nil {
		return err
	}
	if err := g.write(path.Join(sampleDir, "files", "directive-2099-36-consolidated.html"), []byte(directiveHTML())); err != nil {
		return err
	}

	// The mapping: every recommendation to the measures that answer it.
	var gold strings.Builder
	var table strings.Builder
	for _, pr := range r3.recs {
		acts := plan.answering(pr.Key)
		line := goldLine{Rec: pr.ID, Actions: acts, Topic: pr.Topic, Strength: pr.Strength, Text: pr.Text}
		if pr.Repeats != "" {
			old := r2.find(pr.Repeats)
			line.Repeats = "GRETA(2098)01 paragraph " + old.ID
		}
		data, err := json.Marshal(line)
		if err != nil {
			return err
		}
		gold.Write(data)
		gold.WriteByte('\n')
		a := strings.Join(acts, ", ")
		if a == "" {
			a = "– (gap)"
		}
		rep := ""
		if pr.Repeats != "" {
			rep = line.Repeats
		}
		fmt.Fprintf(&table, "| %s | %s | %s | %s | %s |\n", pr.ID, pr.Strength, pr.Topic, a, rep)
	}
	for _, k := range plan.unknownKeys(r3) {
		return fmt.Errorf("action plan answers unknown recommendation key %q", k)
	}
	if err := g.write(path.Join(sampleDir, "gold.jsonl"), []byte(gold.String())); err != nil {
		return err
	}
	return g.write(path.Join(sampleDir, "README.md"), []byte(fmt.Sprintf(sampleReadme, len(r3.recs), r3.n, len(plan.measures), table.String())))
}
