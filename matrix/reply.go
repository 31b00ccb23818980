package matrix

import (
	"cmp"
	"slices"
	"strings"
)

// replyHeads are the columns of the Reply sheet.
var replyHeads = []string{"Para.", "ID", "Recommendation", "Measures taken", "Responsible", "Deadline", "Status", "Evidence"}

// replyGroup is one document's recommendations in the report's order.
type replyGroup struct {
	label string // "GRETA(2023)08 – Evaluation Report … (adopted 2023-06-30)"
	recs  []int  // indexes into Workbook.Recs
}

// replyGroups groups wb.Recs by document, documents in the order of
// wb.Sources (others after, by ID), recommendations in the order the report
// prints them (paragraph index, then number: 54.2 < 54.10 < 55).
func replyGroups(wb *Workbook) []replyGroup {
	recs := wb.Recs
	order := map[string]int{}
	for i, d := range wb.Sources {
		order[d.ID] = i
	}
	byDoc := map[string][]int{}
	var docs []string
	for i := range recs {
		id := recs[i].Doc.ID
		if id == "" {
			id = recs[i].Item.DocID
		}
		if _, ok := byDoc[id]; !ok {
			docs = append(docs, id)
		}
		byDoc[id] = append(byDoc[id], i)
	}
	slices.SortStableFunc(docs, func(a, b string) int {
		oa, okA := order[a]
		ob, okB := order[b]
		switch {
		case okA && okB:
			return cmp.Compare(oa, ob)
		case okA:
			return -1
		case okB:
			return 1
		}
		return cmp.Compare(a, b)
	})
	var out []replyGroup
	for _, d := range docs {
		idx := byDoc[d]
		slices.SortStableFunc(idx, func(a, b int) int {
			ia, ib := &recs[a].Item, &recs[b].Item
			if c := cmp.Compare(ia.ParaIndex, ib.ParaIndex); c != 0 {
				return c
			}
			return compareNumbers(ia.Number, ib.Number)
		})
		first := &recs[idx[0]]
		label := docSymbol(first)
		if first.Doc.Title != "" {
			label += " – " + first.Doc.Title
		}
		if first.Doc.Adopted != "" {
			label += " (adopted " + first.Doc.Adopted + ")"
		}
		out = append(out, replyGroup{label: label, recs: idx})
	}
	return out
}

// measures is what the reply says was done about a recommendation.
type measures struct {
	lines       []string // "• action text (responsible: …; deadline: …)"
	responsible []string
	deadlines   []string
}

// noMeasure is the Reply's text for a recommendation without a confirmed action.
const noMeasure = "No measure recorded yet."

func measuresOf(r *Rec) measures {
	var m measures
	for _, l := range r.Actions {
		if !l.Confirmed {
			continue
		}
		line := "• " + shorten(l.Item.Text, 600)
		var extra []string
		if len(l.Item.Responsible) > 0 {
			extra = append(extra, "responsible: "+strings.Join(l.Item.Responsible, ", "))
			for _, b := range l.Item.Responsible {
				if !slices.Contains(m.responsible, b) {
					m.responsible = append(m.responsible, b)
				}
			}
		}
		if dl := deadline(&l.Item); dl != "" {
			extra = append(extra, "deadline: "+dl)
			if !slices.Contains(m.deadlines, dl) {
				m.deadlines = append(m.deadlines, dl)
			}
		}
		if len(extra) > 0 {
			line += " (" + strings.Join(extra, "; ") + ")"
		}
		m.lines = append(m.lines, line)
	}
	if len(m.lines) == 0 {
		m.lines = []string{noMeasure}
	}
	return m
}
