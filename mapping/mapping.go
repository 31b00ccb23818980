package mapping

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
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
	wPassage   = 0.40 // BM25 of the action or provision itself
	wSection   = 0.30 // BM25 of the best passages of its section
	wHeading   = 0.20 // the recommendation's terms in the section heading
	wTopic     = 0.10 // shared taxonomy topics
)

// target is a candidate answer: an action or a provision.
type target struct {
	item    recmap.Item
	doc     recmap.Document
	section string          // doc ID + heading path: the group it belongs to
	heading map[string]bool // stems of its heading path
	refs    []recmap.Reference
}

// Engine maps recommendations to candidate answers. Build one with New for
// a set of documents; it is safe for concurrent Suggest calls.
type Engine struct {
	ix      Retriever
	tax     *rules.Taxonomy
	targets map[string]*target
	docs    map[string]recmap.Document
	recs    map[string]recmap.Item
	// cites maps a cited number (as the citing document wrote it, e.g. "78"
	// or "54") to the targets that cite it.
	cites map[string][]string
	// prefix is the paragraph a bare "Recommendation 62" refers to when a
	// document says so ("numbered as in paragraph 115 of …").
	prefix map[string]string
	// headDF counts in how many sections a heading stem occurs.
	headDF   map[string]int
	sections int
	topicDF  map[string]int
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
		headDF: map[string]int{}, topicDF: map[string]int{}}
	for _, d := range docs {
		e.docs[d.ID] = d
	}
	seenSection := map[string]bool{}
	for _, it := range items {
		switch {
		case it.Kind == recmap.KindRecommendation:
			e.recs[it.ID] = it
		case IsTarget(it):
			t := &target{item: it, doc: e.docs[it.DocID]}
			t.section = it.DocID + "\x00" + strings.Join(it.Section, "\x00")
			t.heading = stems(strings.Join(it.Section, " "))
			t.refs = append(t.refs, it.References...)
			for _, h := range it.Section {
				t.refs = append(t.refs, rules.ParseReferences(h)...)
			}
			for _, r := range t.refs {
				if r.Kind != "recommendation" && r.Kind != "paragraph" {
					continue
				}
				for _, n := range r.Targets {
					e.cites[n] = append(e.cites[n], it.ID)
				}
			}
			if !seenSection[t.section] {
				seenSection[t.section] = true
				e.sections++
				for s := range t.heading {
					e.headDF[s]++
				}
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
	return e
}

// Targets returns how many candidate answers the engine knows.
func (e *Engine) Targets() int { return len(e.targets) }

// cand accumulates the evidence for one target.
type cand struct {
	t                          *target
	ref                        []string
	passage, section, head, tp float64
	terms                      []string
	topics                     []string
}

// Suggest ranks the candidate answers to rec, best first, each with its
// reasons.
func (e *Engine) Suggest(ctx context.Context, rec recmap.Item, opts Options) ([]recmap.Suggestion, error) {
	limit := opts.Limit
	if limit <= 0 {
		limit = 10
	}
	if len(e.targets) == 0 {
		return nil, nil
	}
	cands := map[string]*cand{}
	get := func(id string) *cand {
		c, ok := cands[id]
		if !ok {
			t := e.targets[id]
			if t == nil {
				return nil
			}
			c = &cand{t: t}
			cands[id] = c
		}
		return c
	}

	// 1. Explicit references.
	for _, key := range e.citeKeys(rec) {
		for _, id := range e.cites[key.num] {
			if c := get(id); c != nil && e.refApplies(c.t, rec, key) {
				c.ref = appendOnce(c.ref, key.raw)
			}
		}
	}

	// 3. Text similarity through the index.
	words := salient(rec.Text)
	q := index.SimilarQuery{Filters: map[string][]string{"kind": {string(recmap.KindAction), string(recmap.KindProvision)}}, Size: 60}
	for _, w := range words {
		q.Terms = append(q.Terms, index.Term{Text: w, Boost: 1})
	}
	langs := e.targetLangs()
	for _, tp := range rec.Topics {
		for _, lang := range langs {
			if lang == rec.Lang {
				continue
			}
			for _, term := range e.tax.Terms(tp.Topic, lang) {
				q.Terms = append(q.Terms, index.Term{Text: term, Boost: 0.5})
			}
		}
	}
	if len(q.Terms) > 0 {
		hits, err := e.ix.Similar(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("suggest for %s: %w", rec.ID, err)
		}
		top := 0.0
		for _, h := range hits {
			top = math.Max(top, h.Score)
		}
		for _, h := range hits {
			c := get(h.ID)
			if c == nil || top == 0 {
				continue
			}
			c.passage = h.Score / top
			c.terms = h.Matched
		}
	}

	// Section aggregation: a section whose passages answer the
	// recommendation lends weight to each of its passages.
	secScore := map[string][]float64{}
	for _, c := range cands {
		if c.passage > 0 {
			secScore[c.t.section] = append(secScore[c.t.section], c.passage)
		}
	}
	secAgg := map[string]float64{}
	best := 0.0
	for s, v := range secScore {
		sort.Sort(sort.Reverse(sort.Float64Slice(v)))
		sum := 0.0
		for i := 0; i < len(v) && i < 3; i++ {
			sum += v[i]
		}
		secAgg[s] = sum
		best = math.Max(best, sum)
	}
	// Heading match: the recommendation's stems in the heading path,
	// weighted by how rare the stem is among headings.
	recStems := stems(rec.Text)
	headBySec := map[string]float64{}
	headBest := 0.0
	for _, t := range e.targets {
		if _, done := headBySec[t.section]; done {
			continue
		}
		s := 0.0
		for st := range t.heading {
			if recStems[st] {
				s += math.Log(1 + float64(e.sections)/float64(e.headDF[st]))
			}
		}
		headBySec[t.section] = s
		headBest = math.Max(headBest, s)
	}
	// Bring in the passages of the best sections even when they share no
	// term with the recommendation themselves.
	bestSecs := topKeys(secAgg, 2)
	for _, s := range topKeys(headBySec, 1) {
		if headBySec[s] > 0 {
			bestSecs = append(bestSecs, s)
		}
	}
	inBest := map[string]bool{}
	for _, s := range bestSecs {
		inBest[s] = true
	}
	for id, t := range e.targets {
		if inBest[t.section] {
			get(id)
		}
	}

	// 2. Shared topics, rarer topics weighing more.
	recTopics := map[string]bool{}
	for _, tp := range rec.Topics {
		recTopics[tp.Topic] = true
	}
	for _, c := range cands {
		if best > 0 {
			c.section = secAgg[c.t.section] / best
		}
		if headBest > 0 {
			c.head = headBySec[c.t.section] / headBest
		}
		if len(recTopics) > 0 {
			sum, n := 0.0, 0.0
			for _, tp := range c.t.item.Topics {
				if recTopics[tp.Topic] {
					w := math.Log(1 + float64(len(e.targets))/float64(1+e.topicDF[tp.Topic]))
					sum += w
					c.topics = append(c.topics, tp.Topic)
				}
			}
			for tp := range recTopics {
				n += math.Log(1 + float64(len(e.targets))/float64(1+e.topicDF[tp]))
			}
			if n > 0 {
				c.tp = sum / n
			}
		}
	}

	out := make([]recmap.Suggestion, 0, len(cands))
	for id, c := range cands {
		if opts.Rejected[id] {
			continue
		}
		s := recmap.Suggestion{Rec: rec.ID, Target: id, Kind: c.t.item.Kind}
		add := func(kind, detail string, w float64) {
			if w <= 0 {
				return
			}
			s.Score += w
			s.Reasons = append(s.Reasons, recmap.Reason{Kind: kind, Detail: detail, Weight: round3(w)})
		}
		if len(c.ref) > 0 {
			add("reference", "cites "+strings.Join(c.ref, "; "), wReference)
		}
		if len(c.topics) > 0 {
			add("topic", strings.Join(c.topics, ", "), wTopic*c.tp)
		}
		if len(c.terms) > 0 {
			add("terms", strings.Join(c.terms, ", "), wPassage*c.passage)
		}
		if c.section > 0 {
			add("section", "its section answers the same terms: "+sectionName(c.t), wSection*c.section)
		}
		if c.head > 0 {
			add("heading", "heading: "+sectionName(c.t), wHeading*c.head)
		}
		if s.Score == 0 {
			continue
		}
		s.Score = round3(s.Score)
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return lessItem(e.targets[out[i].Target].item, e.targets[out[j].Target].item)
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
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

// citeKey is one way a document may cite a recommendation.
type citeKey struct {
	num    string // the number as a citing document writes it
	prefix string // required paragraph prefix for bare numbers ("115"), or ""
	raw    string
}

// citeKeys lists the numbers under which other documents may cite rec:
// its own number ("115.62", "54.2"), its parent paragraph ("54"), and a bare
// item number ("62") that a national report uses for "Recommendation 62".
func (e *Engine) citeKeys(rec recmap.Item) []citeKey {
	var keys []citeKey
	n := rec.Number
	if n == "" {
		return nil
	}
	keys = append(keys, citeKey{num: n, raw: n})
	if rec.Para != "" && rec.Para != n {
		keys = append(keys, citeKey{num: rec.Para, raw: "paragraph " + rec.Para})
	}
	if p, last, ok := strings.Cut(n, "."); ok && !strings.Contains(last, ".") {
		keys = append(keys, citeKey{num: last, prefix: p, raw: "recommendation " + last})
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
	if t.item.DocID == rec.DocID {
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
	for _, w := range words(text) {
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

func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// stems returns a set of crude stems (the first five letters) of the
// content words: enough to match "trafficking" with "traffickers" and
// "áldozatok" with "áldozat" in headings, in any language.
func stems(text string) map[string]bool {
	out := map[string]bool{}
	for _, w := range words(text) {
		r := []rune(w)
		if len(r) < 4 || stopwords[w] || unicode.IsDigit(r[0]) {
			continue
		}
		if len(r) > 5 {
			r = r[:5]
		}
		out[string(r)] = true
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
