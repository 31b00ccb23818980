package rules

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/extract"
)

// The national strategy / action plan profile, Hungarian and English.
//
// Two layouts are read, often in the same document:
//
//   - numbered measures ("1.", "1.1.", "I.3.") each followed by labelled
//     lines: "Felelős:" / "Responsible:" (split into bodies on commas and
//     "és"/"and" between two bodies), "Közreműködő:" / "Partners:",
//     "Határidő:" / "Deadline:", "Indikátor:" / "Mutató:" / "Indicator:",
//     "Forrás:" / "Költségvetés:" / "Budget:". The labels may also run on in
//     the measure's own paragraph.
//   - tables whose header names the columns (objective, activity,
//     responsible, partners, deadline, indicator, budget; or intézkedés /
//     feladat, felelős, határidő, indikátor, forrás): one action per row.
//
// Each measure is a KindAction numbered as printed ("1", "1.1", "I.3");
// a table row without a number column is "<table>.<row>" (or "<row>" when
// the document has one table). A numbered line without labels that has
// numbered children ("1." over "1.1.") is their objective (Item.Title),
// not an action. Deadline is an ISO date or ongoing / annual / immediate
// (see ParseDate); DeadlineText keeps what was written.

func init() {
	register(&profile{family: recmap.FamilyActionPlan, detect: detectActionPlan, cut: cutActionPlan})
}

// Action fields.
const (
	fResponsible = "responsible"
	fPartners    = "partners"
	fDeadline    = "deadline"
	fIndicator   = "indicator"
	fBudget      = "budget"
	fActivity    = "activity"
	fObjective   = "objective"
	fNumber      = "number"
)

// planLabels are the labels of the labelled lines, by field.
var planLabels = []struct {
	field  string
	labels []string
}{
	{fResponsible, []string{"Felelős szerv", "Felelősök", "Felelős", "Responsible bodies", "Responsible body", "Responsible institutions", "Responsible institution", "Responsible authorities", "Responsible authority", "Responsible", "Lead agency", "Lead institution", "Responsable"}},
	{fPartners, []string{"Közreműködők", "Közreműködő", "Közreműködik", "Együttműködő partnerek", "Együttműködő szervek", "Partnerek", "Bevont szervek", "Partner institutions", "Partners", "Partner", "In cooperation with", "Co-operating bodies", "Cooperating bodies"}},
	{fDeadline, []string{"Határidők", "Határidő", "Végrehajtási határidő", "Ütemezés", "Deadlines", "Deadline", "Timeline", "Time frame", "Timeframe", "Échéance", "Délai"}},
	{fIndicator, []string{"Eredménymutatók", "Eredménymutató", "Indikátorok", "Indikátor", "Mutatók", "Mutató", "Performance indicators", "Performance indicator", "Indicators", "Indicator", "Indicateurs", "Indicateur"}},
	{fBudget, []string{"Pénzügyi forrás", "Költségvetési forrás", "Költségvetés", "Forrás", "Source of funding", "Funding", "Financing", "Budget", "Cost", "Costs"}},
}

var (
	planLabelRe  *regexp.Regexp
	planLabelMap = map[string]string{}
	// "I.3.", "II.", "A.1." – numbers extract.SplitNumber does not read.
	planRomanNumRe = regexp.MustCompile(`^((?:[IVX]{1,5}|[A-H])\.(?:\d{1,3}\.)*\d{0,3})\.?\s+(\S.*)$`)
	planTitleRe    = regexp.MustCompile(`(?i)cselekvési terv|akcióterv|intézkedési terv|nemzeti stratégi|action plan|national strategy|plan d['’]action|stratégie nationale`)
	govDecisionRe  = regexp.MustCompile(`(\d{1,4})/((?:19|20)\d\d)\.?\s*\(([IVX]{1,4})\.\s*(\d{1,2})\.\)\s*Korm\.\s*határozat`)
)

func init() {
	var alts []string
	for _, pl := range planLabels {
		for _, l := range pl.labels {
			alts = append(alts, regexp.QuoteMeta(l))
			planLabelMap[strings.ToLower(l)] = pl.field
		}
	}
	// A label starts the text or follows a space, and ends with a colon.
	planLabelRe = regexp.MustCompile(`(?i)(?:^|[\s.;])(` + strings.Join(alts, "|") + `)(?:\s*\([^)]{0,30}\))?\s*:`)
}

func detectActionPlan(doc *extract.Document) (float64, []string) {
	var score float64
	var why []string
	labels := map[string]int{}
	for i, q := range doc.Paragraphs {
		if i > 3000 {
			break
		}
		if !strings.Contains(q.Text, ":") {
			continue // every label ends in a colon
		}
		for _, m := range planLabelRe.FindAllStringSubmatch(q.Text, -1) {
			labels[planLabelMap[strings.ToLower(m[1])]]++
		}
	}
	if labels[fResponsible] >= 2 {
		score += 0.35
		why = append(why, fmt.Sprintf("%d responsible lines", labels[fResponsible]))
	}
	if labels[fDeadline] >= 2 {
		score += 0.35
		why = append(why, fmt.Sprintf("%d deadline lines", labels[fDeadline]))
	}
	for _, tb := range doc.Tables {
		if cols, _ := planTableColumns(tb); cols != nil {
			score += 0.4
			why = append(why, "action table header")
			break
		}
	}
	if m := planTitleRe.FindString(headText(doc, 10)); m != "" {
		score += 0.25
		why = append(why, "title "+m)
	}
	return clamp01(score), why
}

// action is a measure being read.
type action struct {
	num       string
	text      []string
	fields    map[string]string
	last      string // the field the last label line filled
	idx, page int
	section   []string
	title     string
	fromTable bool
	tail      []string // cells of a table extraction did not see as one
}

func cutActionPlan(ctx context.Context, p *parser) error {
	doc := p.doc
	d := &p.res.Doc
	if d.Body == "" {
		d.Body = "national"
	}
	head := headText(doc, 10)
	if m := govDecisionRe.FindStringSubmatch(head); m != nil {
		d.Symbol = m[0]
		d.ID = "HU-Korm.hat-" + m[1] + "/" + m[2]
		if d.Adopted == "" {
			if iso, ok := isoDate(dateAtoi(m[2]), romanMonth(m[3]), dateAtoi(m[4])); ok {
				d.Adopted = iso
			}
		}
		if d.Country == "" {
			d.Country = "HU"
		}
	}

	var acts []*action
	var cur *action
	var pending []string // text not yet under a number: an unnumbered measure if labels follow
	pendingIdx := -1
	var st sectionTracker
	tableSeen := map[int]bool{}
	pseudoTable := false // a table header seen as text: rows come as lines
	for i, q := range doc.Paragraphs {
		if i%256 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if q.Table > 0 {
			if !tableSeen[q.Table] && q.Table <= len(doc.Tables) {
				tableSeen[q.Table] = true
				acts = append(acts, planTableActions(p, q.Table, i, st.current())...)
			}
			cur = nil
			continue
		}
		t := strings.TrimSpace(q.Text)
		if t == "" && q.Number == "" {
			continue
		}
		if pseudoTable && strings.Contains(t, " s. k.") {
			pseudoTable, cur = false, nil // the signature closes the decision
		}
		num := ""
		if q.List == 0 {
			num = q.Number
			if num == "" {
				if m := planRomanNumRe.FindStringSubmatch(t); m != nil && q.Heading == 0 {
					num, t = strings.TrimSuffix(m[1], "."), m[2]
				}
			}
		}
		locs := planLabelRe.FindAllStringSubmatchIndex(t, -1)
		if len(locs) == 0 && q.List == 0 && textTableHeader(t) {
			pseudoTable, cur, pending = true, nil, nil
			continue
		}
		if q.Heading > 0 {
			pseudoTable = false
		}
		if pseudoTable && cur != nil && len(locs) == 0 && (num == "" || t == "" || strings.TrimSpace(q.Text) == "") {
			cur.tail = append(cur.tail, strings.TrimSpace(num+" "+t))
			p.claim(i)
			continue
		}
		if num != "" && strings.TrimSpace(q.Text) == "" && cur != nil {
			// A number alone on its line: the day of a date cut off.
			cur.text = append(cur.text, num)
			p.claim(i)
			continue
		}
		pre := t
		if len(locs) > 0 {
			pre = strings.TrimSpace(t[:locs[0][2]])
		}
		switch {
		case q.Heading > 0 && len(locs) == 0:
			st.see(q)
			cur, pending = nil, nil
			continue
		case num != "":
			cur = &action{num: num, fields: map[string]string{}, idx: i, page: q.Page, section: st.current()}
			if pre != "" {
				cur.text = append(cur.text, pre)
			}
			acts = append(acts, cur)
			pending = nil
		case len(locs) > 0 && pre == "":
			// Label lines: for the current measure, or for the text above.
			if len(pending) > 0 {
				cur = &action{fields: map[string]string{}, idx: pendingIdx, page: doc.Paragraphs[pendingIdx].Page, section: st.current(), text: pending}
				acts = append(acts, cur)
				pending = nil
			}
		case cur != nil && len(cur.fields) == 0:
			cur.text = append(cur.text, t) // the measure runs on: points a), b) …
			p.claim(i)
			continue
		case cur != nil && cur.last != "" && len(t) < 90 && !strings.HasSuffix(t, ".") && q.List == 0 && (cur.last == fResponsible || cur.last == fPartners):
			cur.fields[cur.last] += ", " + t // one body per line
			p.claim(i)
			continue
		case len(locs) == 0:
			if len(pending) == 0 {
				pendingIdx = i
			}
			pending = append(pending, t)
			if q.List == 0 && isHeadingLike(q) {
				pending = nil // a heading extraction did not mark
				st.see(q)
			}
			continue
		default:
			// Text and labels in one unnumbered paragraph.
			cur = &action{fields: map[string]string{}, idx: i, page: q.Page, section: st.current(), text: append(pending, pre)}
			acts = append(acts, cur)
			pending = nil
		}
		if cur != nil && i != cur.idx {
			p.claim(i)
		}
		if cur == nil {
			if len(locs) > 0 {
				p.warnf("%s: paragraph index %d: %q line before any measure", doc.Source.Name, i, shorten(t, 40))
			}
			continue
		}
		for k, l := range locs {
			end := len(t)
			if k+1 < len(locs) {
				end = locs[k+1][2]
			}
			field := planLabelMap[strings.ToLower(t[l[2]:l[3]])]
			val := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(t[l[1]:end]), ";"))
			if old := cur.fields[field]; old != "" {
				val = old + "; " + val
			}
			cur.fields[field] = val
			cur.last = field
		}
	}

	// Objectives: a numbered line without labels over numbered children.
	items := make([]recmap.Item, 0, len(acts))
	seq := 0
	used := map[string]bool{}
	for k, a := range acts {
		if len(a.tail) > 0 && len(a.fields) == 0 {
			splitTail(a)
		}
		if a.num == "" {
			seq++
			a.num = fmt.Sprintf("u%d", seq)
		}
		if !a.fromTable && len(a.fields) == 0 {
			children := false
			for _, b := range acts[k+1:] {
				if strings.HasPrefix(b.num, a.num+".") {
					children = true
					b.title = strings.Join(a.text, " ")
				}
			}
			if children {
				continue
			}
			if txt := strings.Join(a.text, " "); len(txt) < 120 && !strings.HasSuffix(txt, ".") {
				continue // a numbered heading
			}
		}
		num := a.num
		if used[num] {
			n := 2
			for used[fmt.Sprintf("%s-%d", a.num, n)] {
				n++
			}
			p.warnf("%s: action %s is numbered twice; the second is %s-%d", doc.Source.Name, a.num, a.num, n)
			num = fmt.Sprintf("%s-%d", a.num, n)
		}
		used[num] = true
		it := recmap.Item{
			Kind: recmap.KindAction, Number: num, Text: strings.Join(a.text, " "), Page: a.page, ParaIndex: a.idx,
			Section: a.section, Title: a.title, Lang: d.Language,
			Responsible:  splitBodies(a.fields[fResponsible]),
			Partners:     splitBodies(a.fields[fPartners]),
			DeadlineText: a.fields[fDeadline],
			Indicator:    a.fields[fIndicator],
			Budget:       a.fields[fBudget],
		}
		if it.Title == "" {
			it.Title = a.fields[fObjective]
		}
		if it.DeadlineText != "" {
			if iso, ok := ParseDate(it.DeadlineText); ok {
				it.Deadline = iso
			} else {
				p.warnf("%s: action %s: deadline %q not understood", doc.Source.Name, num, it.DeadlineText)
			}
		}
		if len(it.Responsible) == 0 {
			p.warnf("%s: action %s has no responsible body", doc.Source.Name, num)
		}
		if it.DeadlineText == "" {
			p.warnf("%s: action %s has no deadline", doc.Source.Name, num)
		}
		items = append(items, it)
	}
	if len(items) == 0 {
		p.warnf("%s: no action found", doc.Source.Name)
	}
	p.res.Items = append(p.res.Items, items...)
	return nil
}

// planHeaderWords recognise the columns of an action table, by field. They
// are matched against the start of each word of the header cell.
var planHeaderWords = []struct {
	field string
	words []string
}{
	{fNumber, []string{"sorsz", "ssz", "no", "nr", "#", "id", "azonosító", "number", "code", "kód", "sorszám"}},
	{fPartners, []string{"közreműköd", "partner", "együttműköd", "co-operat", "cooperat", "in cooperation", "supporting"}},
	{fResponsible, []string{"felelős", "responsib", "lead", "implementing", "végrehajt"}},
	{fDeadline, []string{"határidő", "deadline", "timeline", "time frame", "timeframe", "ütemezés", "időtáv", "due", "period", "date"}},
	{fIndicator, []string{"indikátor", "mutató", "eredménymutató", "indicator", "output", "success", "sikerkritérium"}},
	{fBudget, []string{"forrás", "költség", "budget", "funding", "cost", "financ", "resources", "pénzügyi"}},
	{fActivity, []string{"intézkedés", "feladat", "tevékenység", "activit", "action", "measure", "task"}},
	{fObjective, []string{"objective", "goal", "cél", "célkitűzés", "priority", "area", "terület", "beavatkozási"}},
}

// planTableColumns maps the header row of tb to fields. It returns nil
// when tb is not an action table: the header must name the activity and
// the responsible body or the deadline.
func planTableColumns(tb extract.Table) (map[int]string, int) {
	for r := 0; r < len(tb.Rows) && r < 3; r++ {
		cols := map[int]string{}
		have := map[string]bool{}
		for c, cell := range tb.Rows[r] {
			h := strings.ToLower(strings.TrimSpace(cell))
			if h == "" || len(h) > 60 || strings.HasPrefix(h, "célcsoport") || strings.HasPrefix(h, "target group") {
				continue
			}
		fields:
			for _, hw := range planHeaderWords {
				if have[hw.field] {
					continue
				}
				for _, w := range hw.words {
					if headerHas(h, w) {
						cols[c] = hw.field
						have[hw.field] = true
						break fields
					}
				}
			}
		}
		if have[fActivity] && (have[fResponsible] || have[fDeadline]) {
			return cols, r
		}
	}
	return nil, 0
}

// headerHas reports whether a word of header h starts with w.
func headerHas(h, w string) bool {
	if len(w) <= 2 || w == "sorsz" || w == "ssz" {
		// short words must be the whole cell: "No.", "#", "ID"
		return strings.Trim(h, " .:") == w || strings.HasPrefix(h, w+".") || (w == "sorsz" && strings.HasPrefix(h, w))
	}
	for i := 0; i < len(h); {
		j := strings.Index(h[i:], w)
		if j < 0 {
			return false
		}
		j += i
		if j == 0 || !isLetterByte(h, j-1) {
			return true
		}
		i = j + 1
	}
	return false
}

// planTableActions cuts table t (1-based), whose first row paragraph is
// at index first.
func planTableActions(p *parser, t, first int, section []string) []*action {
	doc := p.doc
	tb := doc.Tables[t-1]
	cols, hdr := planTableColumns(tb)
	if cols == nil {
		return nil
	}
	// The paragraphs of the table's rows, for their page and index.
	var rowIdx []int
	for i := first; i < len(doc.Paragraphs) && doc.Paragraphs[i].Table == t; i++ {
		rowIdx = append(rowIdx, i)
	}
	header := strings.Join(tb.Rows[hdr], "|")
	var out []*action
	var prev *action
	objective := ""
	n := 0
	for r := hdr + 1; r < len(tb.Rows); r++ {
		row := tb.Rows[r]
		if strings.Join(row, "|") == header {
			continue // header repeated on a new page
		}
		get := func(f string) string {
			for c, cf := range cols {
				if cf == f && c < len(row) {
					return strings.TrimSpace(row[c])
				}
			}
			return ""
		}
		nonEmpty, distinct := 0, map[string]bool{}
		for _, c := range row {
			if strings.TrimSpace(c) != "" {
				nonEmpty++
				distinct[strings.TrimSpace(c)] = true
			}
		}
		if nonEmpty == 0 {
			continue
		}
		if len(distinct) == 1 && len(row) > 2 && (nonEmpty == len(row) || strings.TrimSpace(row[0]) != "") && get(fNumber) == "" {
			objective = strings.Join(keys(distinct), "") // a section row across the table
			continue
		}
		if o := get(fObjective); o != "" {
			objective = o
		}
		activity := get(fActivity)
		idx, page := first, 0
		if r < len(rowIdx) {
			idx = rowIdx[r]
		}
		if idx < len(doc.Paragraphs) {
			page = doc.Paragraphs[idx].Page
		}
		if activity == "" && get(fNumber) == "" && prev != nil {
			// A row continuing the one above (a merged cell).
			for _, f := range []string{fResponsible, fPartners, fDeadline, fIndicator, fBudget} {
				if v := get(f); v != "" {
					if prev.fields[f] != "" {
						prev.fields[f] += ", "
					}
					prev.fields[f] += v
				}
			}
			continue
		}
		n++
		num := strings.TrimSuffix(get(fNumber), ".")
		if num == "" {
			if len(doc.Tables) > 1 {
				num = fmt.Sprintf("%d.%d", t, n)
			} else {
				num = fmt.Sprint(n)
			}
		}
		a := &action{num: num, text: []string{activity}, fields: map[string]string{}, idx: idx, page: page, section: section, title: objective, fromTable: true}
		for _, f := range []string{fResponsible, fPartners, fDeadline, fIndicator, fBudget} {
			if v := get(f); v != "" {
				a.fields[f] = v
			}
		}
		out = append(out, a)
		prev = a
	}
	return out
}

// textTableHeader reports whether t is the header row of an action table
// that extraction gave as a line of text: "Sorsz. Intézkedés Felelős
// Határidő Indikátor".
func textTableHeader(t string) bool {
	if len(t) > 140 || strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "sz.") {
		return false
	}
	have := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(t)) {
		for _, hw := range planHeaderWords {
			for _, k := range hw.words {
				if headerHas(w, k) {
					have[hw.field] = true
				}
			}
		}
	}
	return have[fActivity] && have[fResponsible] && have[fDeadline]
}

// splitTail reads the cells of a row whose table extraction did not see:
// the responsible body up to the deadline, the deadline, then the
// indicator.
func splitTail(a *action) {
	tail := strings.Join(a.tail, " ")
	start, end := -1, -1
	if ds := scanDates(tail); len(ds) > 0 {
		start, end = ds[0].start, ds[0].end
	}
	l := strings.ToLower(tail)
	for _, dw := range deadlineWords {
		for _, w := range dw.words {
			if i := indexWord(l, w); i >= 0 && (start < 0 || i < start) {
				start, end = i, i+len(w)
				// "évente, március 31." – the words run on to the date.
				if ds := scanDates(tail[end:]); len(ds) > 0 && strings.Trim(tail[end:end+ds[0].start], " ,") == "" {
					end += ds[0].end
				} else if m := monthDayRe.FindStringSubmatch(tail[end:]); m != nil {
					if _, ok := dateMonthOf(m[1]); ok {
						end += len(m[0])
					}
				}
			}
		}
	}
	if start < 0 {
		a.fields[fResponsible] = tail
		return
	}
	if r := strings.TrimSpace(tail[:start]); r != "" {
		a.fields[fResponsible] = r
	}
	a.fields[fDeadline] = strings.TrimSpace(tail[start:end])
	if ind := strings.TrimSpace(strings.TrimLeft(tail[end:], " .,")); ind != "" {
		a.fields[fIndicator] = ind
	}
}

// monthDayRe is a day of the month without a year: ", március 31.".
var monthDayRe = regexp.MustCompile(`^\s*,?\s*(\p{L}{3,10})\.?\s+\d{1,2}\.?`)

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// bodyEnd are the last words of a Hungarian or English body name, used to
// tell "belügyminiszter és igazságügyi miniszter" (two bodies) from "a
// kultúráért és innovációért felelős miniszter" or "Nemzeti Adó- és
// Vámhivatal" (one).
var bodyEnd = regexp.MustCompile(`(?i)(miniszter|minisztérium|hivatal|rendőrség|ügyészség|ügyész|főkapitányság|kapitányság|szolgálat|hatóság|kormányhivatalok?|önkormányzatok?|bíróság|koordinátor|intézet|központ|tanács|szervezetek|kerekasztal|ombudsman|biztos|ministry|minister|police|office|service|inspectorate|prosecutor['’]?s?|agency|authority|authorities|court|coordinator|institute|council|ngos?|organisations|organizations|municipalities)\.?$`)

// bodyStart are the first words of an English body name after "and":
// "Ministry of Interior and the Police", "… and National Police".
var bodyStart = regexp.MustCompile(`^(?:the\s|Ministry\b|Police\b|National\s|Office\b|State\s|Prosecut|Labour Inspectorate|NGOs?\b|Local\s|Municipal|Minister\b)`)

var andSplitRe = regexp.MustCompile(`\s+(?:és|and|et)\s+`)

// splitBodies splits a responsible or partners field into bodies: on
// commas, semicolons, line breaks and slashes, and on "és"/"and" when both
// sides name a body.
func splitBodies(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	var out []string
	depth := 0
	start := 0
	var parts []string
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case ',', ';', '\n':
			if depth == 0 {
				parts = append(parts, s[start:i])
				start = i + 1
			}
		}
	}
	parts = append(parts, s[start:])
	for _, part := range parts {
		part = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(part), "."))
		part = strings.TrimPrefix(part, "és ")
		part = strings.TrimPrefix(part, "and ")
		if part == "" {
			continue
		}
		out = append(out, splitAnd(part)...)
	}
	return out
}

func splitAnd(s string) []string {
	locs := andSplitRe.FindAllStringIndex(s, -1)
	for _, l := range locs {
		left, right := strings.TrimSpace(s[:l[0]]), strings.TrimSpace(s[l[1]:])
		if strings.HasSuffix(left, "-") {
			continue
		}
		rightHead := right
		if f := strings.Fields(right); len(f) > 0 {
			rightHead = f[len(f)-1]
		}
		if (bodyEnd.MatchString(left) && bodyEnd.MatchString(rightHead)) || bodyStart.MatchString(right) {
			return append([]string{left}, splitAnd(right)...)
		}
	}
	return []string{s}
}

func romanMonth(s string) int {
	r := map[string]int{"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11, "XII": 12}
	return r[s]
}
