package mapping

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/index"
	"github.com/recmap/recmap/rules"
)

// Retriever is the part of the search index the engine uses.
type Retriever interface {
	Similar(ctx context.Context, q index.SimilarQuery) ([]index.Hit, error)
}

// Options tune one Suggest call.
type Options struct {
	Limit    int             // suggestions returned; 0 means 10
	Rejected map[string]bool // targets an analyst rejected: never suggested
}

// Weights of the evidence. Explicit references outweigh everything else;
// the rest share one unit.
const (
	wReference = 2.0
	wPassage   = 0.15 // BM25 of the action or provision itself, through the index
	wSection   = 0.65 // BM25 of its whole section (heading and every passage) as one text
	wHeading   = 0.10 // the recommendation's terms in the section heading
	wTopic     = 0.10 // shared taxonomy topics
	wConcept   = 0.5  // shared taxonomy concepts, weighted by rarity
)

// target is a candidate answer: an action or a provision.
type target struct {
	item    recmap.Item
	doc     recmap.Document
	section string          // doc ID + heading path: the group it belongs to
	heading map[string]bool // stems of its heading path
	refs    []recmap.Reference
	// concepts are the taxonomy concepts its text matches, in its own
	// language: what it is about, comparable across languages.
	concepts map[string]bool
	lang     string
	// offPart is set when the target's document has a part that reports
	// on the implementation of earlier recommendations and the target is
	// not in it (an introduction, achievements, pledges, a conclusion).
	offPart bool
	// terms is its own text as stems, for passage BM25.
	terms *bag
}

// Engine maps recommendations to candidate answers. Build one with New for
// a set of documents; it is safe for concurrent Suggest calls.
type Engine struct {
	ix      Retriever
	tax     *rules.Taxonomy
	targets map[string]*target
	docs    map[string]recmap.Document
	recs    map[string]recmap.Item
	// predDF counts, for each stem, the recommendations that use it: the
	// weights of Predecessors' similarity. Filled on first use.
	predDF     map[string]int
	predDFOnce sync.Once
	// cites maps a cited number (as the citing document wrote it, e.g. "78"
	// or "54") to the targets that cite it.
	cites map[string][]string
	// prefix is the paragraph a bare "Recommendation 62" refers to when a
	// document says so ("numbered as in paragraph 115 of …").
	prefix map[string]string
	// headDF counts in how many sections a heading stem occurs.
	headDF   map[string]int
	sections int
	// paraRecs counts the recommendations printed in one paragraph: a
	// citation of "paragraph 54" means its recommendations when they are
	// a few bullets, not when the paragraph is a UPR list of 160.
	paraRecs map[string]int
	topicDF  map[string]int
	// sec holds each section as one bag of stems, for section BM25.
	sec      map[string]*bag
	secDF    map[string]int
	secAvgLn float64
	// secOff marks the sections outside their document's follow-up part
	// (see target.offPart).
	secOff map[string]bool
	// passDF counts the targets whose text has each stem, for passage
	// BM25; passAvgLn is their mean length.
	passDF    map[string]int
	passAvgLn float64
	// conceptDF counts the targets that match each concept; secConcepts
	// counts, per section, the targets that match each concept.
	conceptDF   map[string]int
	secConcepts map[string]map[string]int
	langs       []string // languages of the targets
	// forms holds, per concept and language, the candidates' words for
	// it, keyed by crude stem.
	forms   map[string]map[string]map[string]string
	secLang map[string]string
	// recDF counts, per document, the recommendations each term occurs in.
	recDF map[string]map[string]int
	recN  map[string]int
}

// bag is a text as stem counts.
type bag struct {
	tf map[string]int
	n  int
}

func (b *bag) add(text, lang string, weight int) {
	for _, t := range analyse(text, lang) {
		b.tf[t] += weight
		b.n += weight
	}
}

// IsTarget reports whether an item can answer a recommendation.
func IsTarget(it recmap.Item) bool {
	return it.Kind == recmap.KindAction || it.Kind == recmap.KindProvision
}

// New builds an engine over the documents and their items (every kind;
// actions and provisions become candidates, recommendations can be mapped
// and looked up as predecessors).
func New(ix Retriever, tax *rules.Taxonomy, docs []recmap.Document, items []recmap.Item) *Engine {
	if tax == nil {
		tax = rules.DefaultTaxonomy()
	}
	e := &Engine{ix: ix, tax: tax, targets: map[string]*target{}, docs: map[string]recmap.Document{},
		recs: map[string]recmap.Item{}, cites: map[string][]string{}, prefix: map[string]string{},
		headDF: map[string]int{}, topicDF: map[string]int{}, paraRecs: map[string]int{}, sec: map[string]*bag{}, secDF: map[string]int{},
		secOff: map[string]bool{}, passDF: map[string]int{},
		conceptDF: map[string]int{}, secConcepts: map[string]map[string]int{}, secLang: map[string]string{},
		forms: map[string]map[string]map[string]string{}, recDF: map[string]map[string]int{}, recN: map[string]int{}}
	for _, d := range docs {
		e.docs[d.ID] = d
	}
	seenSection := map[string]bool{}
	for _, it := range items {
		switch {
		case it.Kind == recmap.KindRecommendation:
			e.recs[it.ID] = it
			if e.recDF[it.DocID] == nil {
				e.recDF[it.DocID] = map[string]int{}
			}
			e.recN[it.DocID]++
			for st := range termSet(withoutStates(it), it.Lang) {
				e.recDF[it.DocID][st]++
			}
			e.paraRecs[it.DocID+"#"+it.Para]++
		case IsTarget(it):
			t := &target{item: it, doc: e.docs[it.DocID]}
			t.lang = targetLang(it, e.docs[it.DocID])
			t.section = it.DocID + "\x00" + strings.Join(it.Section, "\x00")
			// A section is about what its own heading says: the headings
			// above it are shared with its siblings (and, when a parser
			// mistakes a heading's level, with sections they do not
			// govern), so they do not count for it.
			t.heading = termSet(lastHeading(it.Section), t.lang)
			t.refs = append(t.refs, it.References...)
			for _, h := range it.Section {
				t.refs = append(t.refs, rules.ParseReferences(h)...)
			}
			for _, r := range t.refs {
				if r.Kind != "recommendation" && r.Kind != "paragraph" {
					continue
				}
				for _, n := range r.Targets {
					k := citeIndex(r.Kind, n)
					e.cites[k] = append(e.cites[k], it.ID)
				}
			}
			if !seenSection[t.section] {
				seenSection[t.section] = true
				e.sections++
				for s := range t.heading {
					e.headDF[s]++
				}
				e.sec[t.section] = &bag{tf: map[string]int{}}
				// The heading says what the section is about: count it
				// as much as a few passages would.
				e.sec[t.section].add(lastHeading(it.Section), t.lang, 3)
			}
			e.sec[t.section].add(it.Text, t.lang, 1)
			t.terms = &bag{tf: map[string]int{}}
			t.terms.add(it.Text, t.lang, 1)
			for st := range t.terms.tf {
				e.passDF[st]++
			}
			e.passAvgLn += float64(t.terms.n)
			t.concepts = map[string]bool{}
			for c, forms := range e.conceptsOf(it.Text, t.lang) {
				t.concepts[c] = true
				e.addForms(c, t.lang, forms)
			}
			e.secLang[t.section] = t.lang
			if e.secConcepts[t.section] == nil {
				e.secConcepts[t.section] = map[string]int{}
			}
			for c := range t.concepts {
				e.conceptDF[c]++
				e.secConcepts[t.section][c]++
			}
			for _, tp := range it.Topics {
				e.topicDF[tp.Topic]++
			}
			e.targets[it.ID] = t
		case it.Kind == recmap.KindParagraph:
			if p := statedPrefix(it.Text); p != "" {
				e.prefix[it.DocID] = p
			}
		}
	}
	e.markFollowUp()
	total := 0
	for _, b := range e.sec {
		total += b.n
		for st := range b.tf {
			e.secDF[st]++
		}
	}
	if len(e.sec) > 0 {
		e.secAvgLn = float64(total) / float64(len(e.sec))
	}
	if len(e.targets) > 0 {
		e.passAvgLn /= float64(len(e.targets))
	}
	e.langs = e.targetLangs()
	return e
}

// sectionBM25 scores every section as one document against weighted query
// stems.
func (e *Engine) sectionBM25(q map[string]float64) map[string]float64 {
	out := map[string]float64{}
	n := float64(len(e.sec))
	for key, sb := range e.sec {
		if s := bm25(q, sb, n, e.secDF, e.secAvgLn); s > 0 {
			out[key] = s
		}
	}
	return out
}

// passageBM25 scores every section by its best passage: each target's own
// text is scored (BM25 among the targets) against the query stems, and a
// section gets the score of its best one. Unlike sectionBM25 it does not
// favour long sections, which match a few words of almost any query
// somewhere in their many passages: a section answers a recommendation
// when one of its passages is about what the recommendation asks.
func (e *Engine) passageBM25(q map[string]float64) map[string]float64 {
	out := map[string]float64{}
	n := float64(len(e.targets))
	for _, t := range e.targets {
		if s := bm25(q, t.terms, n, e.passDF, e.passAvgLn); s > out[t.section] {
			out[t.section] = s
		}
	}
	return out
}

// bm25 is the Okapi BM25 score (k1 1.2, b 0.75) of bag d, in a collection
// of n bags with document frequencies df and mean length avgLn, for
// weighted query stems.
func bm25(q map[string]float64, d *bag, n float64, df map[string]int, avgLn float64) float64 {
	const k1, b = 1.2, 0.75
	s := 0.0
	for st, w := range q {
		tf := float64(d.tf[st])
		if tf == 0 {
			continue
		}
		f := float64(df[st])
		idf := math.Log(1 + (n-f+0.5)/(f+0.5))
		s += w * idf * tf * (k1 + 1) / (tf + k1*(1-b+b*float64(d.n)/avgLn))
	}
	return s
}

// Targets returns how many candidate answers the engine knows.
func (e *Engine) Targets() int { return len(e.targets) }

// cand accumulates the evidence for one target.
type cand struct {
	t       *target
	ref     []string
	passage float64
	terms   []string
}

// evidence is what the engine knows about one recommendation before its
// neighbours are taken into account.
type evidence struct {
	rec   recmap.Item
	cands map[string]*cand
	// sec scores each section (0..1): BM25 of the section as one text plus
	// the recommendation's terms in its heading and its concepts.
	sec map[string]float64
	// concepts are the taxonomy concepts the recommendation matches;
	// conceptNorm their total rarity.
	concepts    map[string]bool
	conceptNorm float64
}

// Suggest ranks the candidate answers to rec, best first, each with its
// reasons. SuggestAll does better for a whole report, because it also uses
// the recommendations around each one.
func (e *Engine) Suggest(ctx context.Context, rec recmap.Item, opts Options) ([]recmap.Suggestion, error) {
	ev, err := e.evidence(ctx, rec)
	if err != nil {
		return nil, err
	}
	return e.rank(ev, ev.sec, opts), nil
}

// SuggestAll ranks the candidate answers to each recommendation. Reports
// list their recommendations theme by theme, so the sections that answer a
// recommendation's neighbours (the recommendations next to it under the
// same heading) lend it some weight: a short recommendation whose own
// words are vague is read in the light of the ones around it.
func (e *Engine) SuggestAll(ctx context.Context, recs []recmap.Item, opts func(recmap.Item) Options) (map[string][]recmap.Suggestion, error) {
	evs := make([]*evidence, len(recs))
	for i, r := range recs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ev, err := e.evidence(ctx, r)
		if err != nil {
			return nil, err
		}
		evs[i] = ev
	}
	order := make([]int, len(evs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return lessItem(evs[order[a]].rec, evs[order[b]].rec) })
	e.feedback(evs, order)
	out := make(map[string][]recmap.Suggestion, len(recs))
	for pos, i := range order {
		ev := evs[i]
		sec := smoothed(evs, order, pos)
		o := Options{}
		if opts != nil {
			o = opts(ev.rec)
		}
		out[ev.rec.ID] = e.rank(ev, sec, o)
	}
	return out, nil
}

// smoothed returns the section scores of the recommendation at position
// pos of order, with those of its neighbours added (see neighbourWindow),
// normalised.
func smoothed(evs []*evidence, order []int, pos int) map[string]float64 {
	ev := evs[order[pos]]
	sec := make(map[string]float64, len(ev.sec))
	for k, v := range ev.sec {
		sec[k] = v
	}
	for d := 1; d <= neighbourWindow; d++ {
		w := neighbourWeight / float64(int(1)<<(d-1))
		for _, p := range []int{pos - d, pos + d} {
			if p < 0 || p >= len(order) {
				continue
			}
			nb := evs[order[p]]
			if !sameGroup(ev.rec, nb.rec) {
				continue
			}
			for k, v := range nb.sec {
				sec[k] += w * v
			}
		}
	}
	normalise(sec)
	return sec
}

// Neighbour smoothing: recommendations up to neighbourWindow places away,
// under the same heading of the same document, add their section scores
// with weight neighbourWeight, halved at each further place.
const (
	neighbourWindow = 2
	neighbourWeight = 0.3
	headingShare    = 0.3 // weight of the heading match inside a section's score
	passageShare    = 0.5 // weight of the best passage beside the whole section
	conceptShare    = 1.0 // weight of the shared concepts inside a section's score
)

// sameGroup reports whether two recommendations are listed together: the
// same document, under the same heading.
func sameGroup(a, b recmap.Item) bool {
	return a.DocID == b.DocID && strings.Join(a.Section, "\x00") == strings.Join(b.Section, "\x00")
}

func normalise(m map[string]float64) {
	best := 0.0
	for _, v := range m {
		best = math.Max(best, v)
	}
	if best == 0 {
		return
	}
	for k, v := range m {
		m[k] = v / best
	}
}

// evidence gathers, for one recommendation, the explicit references to it,
// the passages the index finds for its terms, and the score of every
// section.
func (e *Engine) evidence(ctx context.Context, rec recmap.Item) (*evidence, error) {
	ev := &evidence{rec: rec, cands: map[string]*cand{}, sec: map[string]float64{}}
	if len(e.targets) == 0 {
		return ev, nil
	}
	// 1. Explicit references.
	for _, key := range e.citeKeys(rec) {
		for _, kind := range key.kinds {
			for _, id := range e.cites[citeIndex(kind, key.num)] {
				if c := ev.get(e, id); c != nil && e.refApplies(c.t, rec, key) {
					c.ref = appendOnce(c.ref, key.raw)
				}
			}
		}
	}
	// 3. Text similarity through the index, with the taxonomy's terms in
	// the candidates' other languages.
	terms := salient(withoutStates(rec))
	q := index.SimilarQuery{Filters: map[string][]string{"kind": {string(recmap.KindAction), string(recmap.KindProvision)}}, Size: 60}
	for _, w := range terms {
		q.Terms = append(q.Terms, index.Term{Text: w, Boost: 1})
	}
	ev.concepts = map[string]bool{}
	for c := range e.conceptsOf(withoutStates(rec), rec.Lang) {
		ev.concepts[c] = true
	}
	ev.conceptNorm = e.conceptNorm(ev.concepts)
	own := len(q.Terms)
	exp, expLangs := e.expansion(ev.concepts, rec.Lang)
	q.Terms = append(q.Terms, exp...)
	if len(q.Terms) == 0 {
		return ev, nil
	}
	hits, err := e.ix.Similar(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("suggest for %s: %w", rec.ID, err)
	}
	top := 0.0
	for _, h := range hits {
		top = math.Max(top, h.Score)
	}
	for _, h := range hits {
		if c := ev.get(e, h.ID); c != nil && top > 0 {
			c.passage = h.Score / top
			c.terms = h.Matched
		}
	}
	// Sections: national reports and plans answer one theme under one
	// heading, so each section is scored as one text with the same terms,
	// and its heading, the most telling words, once more on its own.
	qs := map[string]float64{}
	for i, t := range q.Terms {
		lang := rec.Lang
		if i >= own {
			lang = expLangs[i-own]
		}
		for _, st := range analyse(t.Text, lang) {
			qs[st] = math.Max(qs[st], t.Boost)
		}
	}
	// A stem the recommendation repeats is what it is about.
	qtf := map[string]int{}
	for _, st := range analyse(withoutStates(rec), rec.Lang) {
		qtf[st]++
	}
	for st, n := range qtf {
		if _, ok := qs[st]; ok && n > 1 {
			qs[st] *= 1 + math.Log(float64(n))
		}
	}
	// The whole section and its best passage count alike.
	ev.sec = e.sectionBM25(qs)
	normalise(ev.sec)
	pass := e.passageBM25(qs)
	normalise(pass)
	for k := range ev.sec {
		ev.sec[k] *= 1 - passageShare
	}
	for k, v := range pass {
		ev.sec[k] += passageShare * v
	}
	head := e.headingScores(qs)
	normalise(head)
	for k, v := range head {
		ev.sec[k] += headingShare * v
	}
	for k, v := range e.sectionConcepts(ev.concepts) {
		ev.sec[k] += e.conceptWeight(rec.Lang, e.secLang[k]) * conceptShare * v
	}
	// A section outside the follow-up part weighs less before the scores
	// are normalised, so that it neither sets the scale for the sections
	// that do answer nor lends its full weight to the neighbours.
	for k := range ev.sec {
		if e.secOff[k] {
			ev.sec[k] *= offPartWeight
		}
	}
	normalise(ev.sec)
	return ev, nil
}

func (ev *evidence) get(e *Engine, id string) *cand {
	c, ok := ev.cands[id]
	if !ok {
		t := e.targets[id]
		if t == nil {
			return nil
		}
		c = &cand{t: t}
		ev.cands[id] = c
	}
	return c
}

// headingScores scores each section by the query stems in its heading,
// weighted by how rare each stem is among headings.
func (e *Engine) headingScores(q map[string]float64) map[string]float64 {
	out := map[string]float64{}
	for _, t := range e.targets {
		if _, done := out[t.section]; done {
			continue
		}
		s := 0.0
		for st := range t.heading {
			if w, ok := q[st]; ok {
				s += w * math.Log(1+float64(e.sections)/float64(e.headDF[st]))
			}
		}
		out[t.section] = s
	}
	return out
}

// rank turns evidence and (possibly smoothed) section scores into ranked
// suggestions with reasons.
func (e *Engine) rank(ev *evidence, sec map[string]float64, opts Options) []recmap.Suggestion {
	limit := opts.Limit
	if limit <= 0 {
		limit = 10
	}
	rec := ev.rec
	// Bring in the passages of the best sections even when they share no
	// term with the recommendation themselves.
	inBest := map[string]bool{}
	for _, s := range topKeys(sec, 3) {
		inBest[s] = true
	}
	for id, t := range e.targets {
		if inBest[t.section] {
			ev.get(e, id)
			continue
		}
		for c := range t.concepts {
			if ev.concepts[c] {
				ev.get(e, id)
				break
			}
		}
	}
	recTopics := map[string]bool{}
	for _, tp := range rec.Topics {
		recTopics[tp.Topic] = true
	}
	topicNorm := 0.0
	for tp := range recTopics {
		topicNorm += e.topicIDF(tp)
	}
	out := make([]recmap.Suggestion, 0, len(ev.cands))
	for id, c := range ev.cands {
		if opts.Rejected[id] {
			continue
		}
		s := recmap.Suggestion{Rec: rec.ID, Target: id, Kind: c.t.item.Kind}
		scale := 1.0
		if c.t.offPart {
			scale = offPartWeight
		}
		add := func(kind, detail string, w float64) {
			// References are explicit; section scores are scaled already.
			if kind != "reference" && kind != "section" {
				w *= scale
			}
			if w <= 0 {
				return
			}
			s.Score += w
			s.Reasons = append(s.Reasons, recmap.Reason{Kind: kind, Detail: detail, Weight: round3(w)})
		}
		if len(c.ref) > 0 {
			add("reference", "cites "+strings.Join(c.ref, "; "), wReference)
		}
		var shared []string
		tsum := 0.0
		for _, tp := range c.t.item.Topics {
			if recTopics[tp.Topic] {
				shared = append(shared, tp.Topic)
				tsum += e.topicIDF(tp.Topic)
			}
		}
		if len(shared) > 0 && topicNorm > 0 {
			add("topic", strings.Join(shared, ", "), wTopic*tsum/topicNorm)
		}
		if v, shared := e.conceptOverlap(ev.concepts, ev.conceptNorm, func(k string) float64 {
			if c.t.concepts[k] {
				return 1
			}
			return 0
		}); v > 0 {
			add("concept", strings.Join(shared, ", "), e.conceptWeight(rec.Lang, c.t.lang)*wConcept*v)
		}
		if len(c.terms) > 0 {
			add("terms", strings.Join(c.terms, ", "), wPassage*c.passage)
		}
		if v := sec[c.t.section]; v > 0 {
			add("section", sectionName(c.t), wSection*v)
		}
		if s.Score == 0 {
			continue
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return lessItem(e.targets[out[i].Target].item, e.targets[out[j].Target].item)
	})
	// Show alternatives: each further suggestion from a section already
	// shown weighs a little less, so the top of the list spans sections.
	seen := map[string]int{}
	for i := range out {
		sk := e.targets[out[i].Target].section
		out[i].Score *= math.Pow(sectionRepeat, float64(seen[sk]))
		seen[sk]++
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	for i := range out {
		out[i].Score = round3(out[i].Score)
	}
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// sectionRepeat is the factor applied to each further suggestion from the
// same section.
const sectionRepeat = 0.75

func (e *Engine) topicIDF(tp string) float64 {
	return math.Log(1 + float64(len(e.targets))/float64(1+e.topicDF[tp]))
}

func sectionName(t *target) string {
	if len(t.item.Section) == 0 {
		return t.doc.Symbol
	}
	return t.item.Section[len(t.item.Section)-1]
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

func appendOnce(list []string, s string) []string {
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}

func topKeys(m map[string]float64, k int) []string {
	keys := make([]string, 0, len(m))
	for key := range m {
		keys = append(keys, key)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if len(keys) > k {
		keys = keys[:k]
	}
	return keys
}

// lessItem orders items by document then document order.
func lessItem(a, b recmap.Item) bool {
	if a.DocID != b.DocID {
		return a.DocID < b.DocID
	}
	return a.ParaIndex < b.ParaIndex
}

func (e *Engine) targetLangs() []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range e.targets {
		l := t.item.Lang
		if l == "" {
			l = t.doc.Language
		}
		if l != "" && !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}

// maxParaRecs is the most recommendations a paragraph may hold for a
// citation of the paragraph to count as a citation of each of them.
const maxParaRecs = 12

// citeKey is one way a document may cite a recommendation.
type citeKey struct {
	num    string   // the number as a citing document writes it
	kinds  []string // the reference kinds that may cite it this way
	prefix string   // required paragraph prefix for bare numbers ("115"), or ""
	raw    string
}

// citeIndex is the key of Engine.cites: a reference kind and a number.
func citeIndex(kind, num string) string { return kind + "\x00" + num }

// Reference kinds that cite a recommendation by its own or its paragraph's
// number: GRETA's recommendations are paragraphs, so "paragraph 54" and
// "Recommendation 54" both name them.
var byNumber = []string{rules.RefRecommendation, rules.RefParagraph}

// citeKeys lists the numbers under which other documents may cite rec:
// its own number ("115.62", "54.2"), its parent paragraph ("54"), and a bare
// item number ("62") that a national report uses for "Recommendation 62".
func (e *Engine) citeKeys(rec recmap.Item) []citeKey {
	var keys []citeKey
	n := rec.Number
	if n == "" {
		return nil
	}
	keys = append(keys, citeKey{num: n, kinds: byNumber, raw: n})
	if rec.Para != "" && rec.Para != n && e.paraRecs[rec.DocID+"#"+rec.Para] <= maxParaRecs {
		keys = append(keys, citeKey{num: rec.Para, kinds: byNumber, raw: "paragraph " + rec.Para})
	}
	// A bare item number ("Recommendation 62" for 115.62) only names an
	// item of a long list, as UPR reports number them, not the bullets of
	// one GRETA paragraph; and only as a recommendation: "paragraph 115"
	// is the list itself, not its 115th item.
	if p, last, ok := strings.Cut(n, "."); ok && !strings.Contains(last, ".") && e.paraRecs[rec.DocID+"#"+p] > maxParaRecs {
		keys = append(keys, citeKey{num: last, kinds: []string{rules.RefRecommendation}, prefix: p, raw: "recommendation " + last})
	}
	return keys
}

// refApplies checks that a citation of key.num by target t really means
// rec: a bare number is read with the prefix the citing document states
// ("numbered as in paragraph 115"), or else any prefix, and never across
// countries.
func (e *Engine) refApplies(t *target, rec recmap.Item, key citeKey) bool {
	rd := e.docs[rec.DocID]
	if rd.Country != "" && t.doc.Country != "" && rd.Country != t.doc.Country {
		return false
	}
	if t.item.DocID == rec.DocID || t.item.Kind == recmap.KindProvision {
		// A legal text does not answer a report by citing it.
		return false
	}
	if key.prefix != "" {
		if p, ok := e.prefix[t.item.DocID]; ok && p != key.prefix {
			return false
		}
	}
	return true
}

// statedPrefix finds "numbered as in paragraph 115" style statements.
func statedPrefix(text string) string {
	lower := strings.ToLower(text)
	for _, pat := range []string{"as in paragraph ", "in paragraph ", "numbered as in para. "} {
		i := strings.Index(lower, pat)
		if i < 0 || !strings.Contains(lower, "recommendation") {
			continue
		}
		j := i + len(pat)
		k := j
		for k < len(lower) && lower[k] >= '0' && lower[k] <= '9' {
			k++
		}
		if k > j {
			return lower[j:k]
		}
	}
	return ""
}

// salient returns the recommendation's content words, without the
// recommending States in parentheses, stopwords or duplicates.
func salient(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range words(complexPrepositions.ReplaceAllString(text, " ")) {
		if len([]rune(w)) < 3 || stopwords[w] || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	if len(out) > 40 {
		out = out[:40]
	}
	return out
}

// complexPrepositions are the English word groups that work as one
// preposition ("in order to", "based on", "with regard to"): their
// words ("order", "based", "regard") say nothing of the subject.
var complexPrepositions = regexp.MustCompile(`(?i)\b(?:in order (?:to|for|that)|(?:based|depending) (?:up)?on|(?:with|in) (?:regard|respect|relation|reference) to|in (?:line|accordance|conformity|compliance|keeping) with|with a view to|in (?:the )?(?:light|view) of|as well as|so as to|on the basis of|by (?:means|way) of|in terms of|in the framework of|in the context of|on the part of|in the field of|in the area of)\b`)

func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// withoutStates returns a recommendation's text without the names of the
// States that made it: "(Iran (Islamic Republic of))" says nothing about
// the subject.
func withoutStates(rec recmap.Item) string {
	t := rec.Text
	for _, st := range rec.States {
		t = strings.ReplaceAll(t, st, " ")
	}
	return t
}

// stemLen is the length of the crude stems: long enough to keep
// "discrimination" apart from "discretion", short enough to join
// "trafficking" and "traffickers", "áldozatok" and "áldozat".
const stemLen = 7

// stem returns a word's crude stem (see stems) and whether it counts.
func stem(w string) (string, bool) {
	r := []rune(w)
	if len(r) < 4 || stopwords[w] || unicode.IsDigit(r[0]) {
		return "", false
	}
	if len(r) > stemLen {
		r = r[:stemLen]
	}
	return string(r), true
}

// stems returns a set of crude stems (the first stemLen letters) of the
// content words: enough to match "trafficking" with "traffickers" and
// "áldozatok" with "áldozat" in headings, in any language.
func stems(text string) map[string]bool {
	out := map[string]bool{}
	for _, w := range words(text) {
		if st, ok := stem(w); ok {
			out[st] = true
		}
	}
	return out
}

// stopwords are function words and the boilerplate of recommendations
// ("continue efforts to ensure") that say nothing about the subject.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or of to in on for with by from at as is are be been being was were
		that this these those which who whom whose its it their there than into through within without between among
		all any each every other such more most further also including include includes inter alia not no nor but
		should shall may must will would could can continue continues continuing efforts effort ensure ensuring
		take taking measures measure steps step necessary adopt adopting strengthen strengthening consider considering
		implement implementing implementation improve improving promote promoting increase increasing develop developing
		further particular particularly especially well both them they its his her our we us you your
		government authorities authority state states country national recommendation recommendations
		paragraph paragraphs greta urges invites considers calls recommends expects
		és a az hogy nem is egy van vagy valamint illetve szerint között alatt után előtt
		le la les des du de et en au aux pour par sur dans une un est sont`) {
		m[w] = true
	}
	return m
}()

// followUpRe recognises the heading of the part of a national report or
// reply that reports on the implementation of earlier recommendations
// ("II. Implementation of recommendations from the previous cycles",
// "Follow-up to the previous review", "Suivi des recommandations").
var followUpRe = regexp.MustCompile(`(?i)\b(?:implementation|follow[- ]?up|suivi|mise en (?:œ|oe)uvre)\b.{0,40}\b(?:recommendations?|recommandations?|review|examen)\b|\brecommendations?\b.{0,40}\b(?:implementation|follow[- ]?up)\b`)

// IsFollowUpHeading reports whether a heading introduces the part of a
// document that reports on the implementation of earlier recommendations.
func IsFollowUpHeading(h string) bool { return followUpRe.MatchString(h) }

// offPartWeight scales the text evidence for a target outside its
// document's follow-up part: such a document says where it answers the
// recommendations, and the rest of it (introduction, achievements, new
// challenges, pledges) answers them less often.
const offPartWeight = 0.75

// markFollowUp sets offPart on the targets of documents that have a
// follow-up part, outside that part.
func (e *Engine) markFollowUp() {
	has := map[string]bool{}
	in := func(t *target) bool {
		for _, h := range t.item.Section {
			if IsFollowUpHeading(h) {
				return true
			}
		}
		return false
	}
	for _, t := range e.targets {
		if in(t) {
			has[t.item.DocID] = true
		}
	}
	for _, t := range e.targets {
		t.offPart = has[t.item.DocID] && !in(t)
		if t.offPart {
			e.secOff[t.section] = true
		}
	}
}
