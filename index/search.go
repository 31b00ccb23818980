package index

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/recmap/recmap"
)

// Query is a search.
type Query struct {
	// Text is in the query-string syntax of the package documentation.
	// Empty text matches every entry (browse by filters and facets).
	Text string
	// Filters restrict the hits: field → allowed values. Values of one
	// field are alternatives (OR); fields combine with AND. Field names
	// are those of the query syntax (kind, body, topic, strength …).
	// Filters do not change scores.
	Filters map[string][]string
	// From and Size page through the hits. Size 0 means 10; at most 1,000.
	From, Size int
	// Facets names the fields to count values of over all hits. Nil means
	// DefaultFacets; an empty non-nil slice means none.
	Facets []string
	// FacetSize is the number of values returned per facet, most frequent
	// first. 0 means 20.
	FacetSize int
	// Highlight asks for Fragments in every hit.
	Highlight bool
	// MaxLength is the longest Text accepted, in characters; 0 means
	// MaxQueryLen. A longer Text is a *QueryError.
	MaxLength int
}

// DefaultFacets are the facets Search counts when Query.Facets is nil.
var DefaultFacets = []string{"kind", "body", "round", "strength", "topics", "status", "country", "position", "doc"}

// Results is what Search found.
type Results struct {
	Total  uint64                  `json:"total"`
	Took   time.Duration           `json:"took_ns"`
	Hits   []Hit                   `json:"hits"`
	Facets map[string][]FacetCount `json:"facets,omitempty"` // keyed by the names in Query.Facets; most frequent first, ties by value
}

// FacetCount is one value of a facet and the number of hits that have it.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Hit is one matching entry.
type Hit struct {
	ID       string      `json:"id"`
	Score    float64     `json:"score"` // always finite; 0 for every hit of a browse (no query text)
	Kind     recmap.Kind `json:"kind"`
	DocID    string      `json:"doc"`
	Symbol   string      `json:"symbol,omitempty"`
	Number   string      `json:"number,omitempty"`
	Para     string      `json:"para,omitempty"`
	Page     int         `json:"page,omitempty"`
	Section  string      `json:"section,omitempty"` // heading path joined with " › "
	Lang     string      `json:"lang,omitempty"`
	Strength string      `json:"strength,omitempty"`
	Position string      `json:"position,omitempty"`
	Status   string      `json:"status,omitempty"`
	Topics   []string    `json:"topics,omitempty"`
	Text     string      `json:"text"`
	// Fragments are the best passages of Text with the matched words
	// marked (Query.Highlight); for Similar they are not filled.
	Fragments []Fragment `json:"fragments,omitempty"`
	// Matched lists the Similar query terms this hit contains.
	Matched []string `json:"matched,omitempty"`
}

// Fragment is a passage of plain text. Marks are byte ranges [start, end)
// in Text that matched the query, in order and not overlapping. Text is not
// escaped: escape it for HTML and insert the marks while doing so.
type Fragment struct {
	Text  string   `json:"text"`
	Marks [][2]int `json:"marks"`
}

const (
	defaultSize      = 10
	maxSize          = 1000
	maxFrom          = 10000
	defaultFacetSize = 20
)

// Search runs q. A malformed q.Text gives a *QueryError.
func (x *Index) Search(ctx context.Context, q Query) (*Results, error) {
	clauses, err := parseQuery(q.Text, q.MaxLength)
	if err != nil {
		return nil, err
	}
	size := q.Size
	if size <= 0 {
		size = defaultSize
	}
	size = min(size, maxSize)
	if q.From < 0 || q.From > maxFrom {
		return nil, fmt.Errorf("search: from %d is out of range 0..%d", q.From, maxFrom)
	}
	bq, err := x.boolQuery(clauses, false)
	if err != nil {
		return nil, err
	}
	filter, err := filterQuery(q.Filters)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	top := withFilter(bq, filter)
	req := bleve.NewSearchRequestOptions(top, size, q.From, false)
	req.Fields = storedFields
	facets := q.Facets
	if facets == nil {
		facets = DefaultFacets
	}
	fsize := q.FacetSize
	if fsize <= 0 {
		fsize = defaultFacetSize
	}
	want := map[string]string{} // bleve field → facet name asked for
	for _, name := range facets {
		fs, ok := queryFields[strings.ToLower(name)]
		if !ok || !facetFields[fs.name] {
			return nil, fmt.Errorf("search: cannot count facet %q", name)
		}
		want[fs.name] = name
	}
	var fq *facetQuery
	switch {
	case len(want) > 0 && x.bleveFacets:
		req.AddFacet(fFacet, bleve.NewFacetRequest(fFacet, x.facetTerms()))
	case len(want) > 0:
		fq = &facetQuery{Query: top, cache: &x.facets}
		req.Query = fq
	}
	res, err := x.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	var locs map[string][][2]int
	if q.Highlight && len(res.Hits) > 0 && hasText(clauses) {
		if locs, err = x.locations(ctx, clauses, res.Hits); err != nil {
			return nil, fmt.Errorf("search %q: highlight: %w", q.Text, err)
		}
	}
	out := &Results{Total: res.Total, Took: res.Took, Hits: make([]Hit, len(res.Hits))}
	browse := bq.Must == nil && bq.Should == nil && bq.MustNot == nil
	for i, dm := range res.Hits {
		out.Hits[i] = hitFrom(dm)
		if browse || math.IsNaN(out.Hits[i].Score) || math.IsInf(out.Hits[i].Score, 0) {
			// Without query text nothing scores: Bleve gives the
			// zero-boost filters NaN (0/0 in its query norm).
			out.Hits[i].Score = 0
		}
		if q.Highlight {
			out.Hits[i].Fragments = fragments(out.Hits[i].Text, locs[dm.ID])
		}
	}
	if len(want) > 0 {
		out.Facets = make(map[string][]FacetCount, len(want))
		for _, name := range want {
			out.Facets[name] = []FacetCount{}
		}
		count := func(term string, n int) {
			field, value, ok := strings.Cut(term, ":")
			if name, asked := want[field]; ok && asked {
				out.Facets[name] = append(out.Facets[name], FacetCount{Value: value, Count: n})
			}
		}
		if fr := res.Facets[fFacet]; fr != nil {
			for _, t := range fr.Terms.Terms() {
				count(t.Term, t.Count)
			}
		}
		if fq != nil && fq.counter != nil {
			for term, n := range fq.counter.terms() {
				count(term, n)
			}
		}
		for name, fc := range out.Facets {
			slices.SortStableFunc(fc, func(a, b FacetCount) int {
				if a.Count != b.Count {
					return b.Count - a.Count
				}
				return strings.Compare(a.Value, b.Value)
			})
			out.Facets[name] = fc[:min(len(fc), fsize)]
		}
	}
	return out, nil
}

// boolQuery translates parsed clauses. Unqualified words and phrases become
// a disjunction over every text field, each analysed by its own analyzer:
// that is what makes "exploited" find "exploitation" (text_en),
// "áldozatok" find "áldozat" (text_hu) and "aldozat" find "áldozat"
// (text_fold), without the user naming a language. Phrases are answered
// from the pair fields (pairs.go) unless positional is set: highlighting
// needs the term locations only positional phrases give.
func (x *Index) boolQuery(cs []clause, positional bool) (*query.BooleanQuery, error) {
	var mustQ, shouldQ, notQ []query.Query
	for _, c := range cs {
		q, err := x.clauseQuery(c, positional)
		if err != nil {
			return nil, err
		}
		switch c.occur {
		case must:
			mustQ = append(mustQ, q)
		case mustNot:
			notQ = append(notQ, q)
		default:
			shouldQ = append(shouldQ, q)
		}
	}
	bq := query.NewBooleanQuery(nil, nil, nil)
	if len(mustQ) > 0 {
		bq.AddMust(mustQ...)
	}
	if len(shouldQ) > 0 {
		bq.AddShould(shouldQ...)
	}
	if len(notQ) > 0 {
		bq.AddMustNot(notQ...)
	}
	return bq, nil
}

func (x *Index) clauseQuery(c clause, positional bool) (query.Query, error) {
	var q query.Query
	switch {
	case c.kind == cGroup:
		bq, err := x.boolQuery(c.sub, positional)
		if err != nil {
			return nil, err
		}
		q = bq
	case c.field.kind == fkText:
		q = x.textQuery(c, positional)
	case c.field.kind == fkKeyword:
		q = keywordQuery(c.field.name, c.text, c.wildcard, c.fuzzy)
	case c.field.kind == fkID:
		q = query.NewDocIDQuery([]string{c.text})
	case c.field.kind == fkNumber:
		v, err := strconv.ParseFloat(c.text, 64)
		if err != nil {
			return nil, &QueryError{Pos: c.pos, Msg: fmt.Sprintf("%q is not a number", c.text)}
		}
		q = pageQuery(c.op, v)
	case c.field.kind == fkDate:
		start, end, ok := parseDateRange(c.text)
		if !ok {
			return nil, &QueryError{Pos: c.pos, Msg: fmt.Sprintf("%q is not a date", c.text)}
		}
		q = dateQuery(c.field.name, c.op, start, end)
	default:
		return nil, errors.New("search: unknown clause")
	}
	if c.boost > 0 {
		if bq, ok := q.(query.BoostableQuery); ok {
			bq.SetBoost(c.boost)
		}
	}
	return q, nil
}

// textQuery searches a word or phrase in every text field.
func (x *Index) textQuery(c clause, positional bool) query.Query {
	if c.wildcard {
		wq := query.NewWildcardQuery(fold(c.text))
		wq.SetField(fTextFold)
		return wq
	}
	qs := make([]query.Query, 0, len(textFields))
	m := x.bi.Mapping()
	for _, tf := range textFields {
		if c.kind == cPhrase {
			// English entries have no pair_fold (their phrases are in
			// pair_en), so a phrase of English stop words only ("of the")
			// is found in their text_fold by position.
			if !positional && c.fuzzy == 0 && (tf.field != fTextFold || !onlyStopWords(m, c.text)) {
				if pq := pairQuery(m.AnalyzerNamed(tf.analyzer), c.text, tf.field, tf.pairField, tf.span); pq != nil {
					qs = append(qs, pq)
					continue
				}
			}
			pq := query.NewMatchPhraseQuery(c.text)
			pq.SetField(tf.field)
			pq.Fuzziness = c.fuzzy
			qs = append(qs, pq)
			continue
		}
		mq := query.NewMatchQuery(c.text)
		mq.SetField(tf.field)
		mq.SetOperator(query.MatchQueryOperatorAnd)
		mq.SetFuzziness(c.fuzzy)
		qs = append(qs, mq)
	}
	return query.NewDisjunctionQuery(qs)
}

// onlyStopWords reports whether English analysis leaves nothing of text.
func onlyStopWords(m mapping.IndexMapping, text string) bool {
	a := m.AnalyzerNamed(enAnalyzer)
	return a != nil && len(a.Analyze([]byte(text))) == 0
}

// keywordVariants returns v as written, lower-cased and upper-cased, so
// that body:greta finds GRETA and kind:Action finds action.
func keywordVariants(v string) []string {
	out := []string{v}
	for _, w := range []string{strings.ToLower(v), strings.ToUpper(v)} {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

func keywordQuery(field, v string, wildcard bool, fuzzy int) query.Query {
	var qs []query.Query
	for _, w := range keywordVariants(v) {
		switch {
		case wildcard:
			wq := query.NewWildcardQuery(w)
			wq.SetField(field)
			qs = append(qs, wq)
		case fuzzy > 0:
			fq := query.NewFuzzyQuery(w)
			fq.SetField(field)
			fq.SetFuzziness(fuzzy)
			qs = append(qs, fq)
		default:
			tq := query.NewTermQuery(w)
			tq.SetField(field)
			qs = append(qs, tq)
		}
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewDisjunctionQuery(qs)
}

// pageQuery compares page numbers with v, as a range of page terms.
func pageQuery(op string, v float64) query.Query {
	lo, hi := math.Inf(-1), math.Inf(1) // pages allowed, inclusive
	switch op {
	case ">":
		lo = math.Floor(v) + 1
	case ">=":
		lo = math.Ceil(v)
	case "<":
		hi = math.Ceil(v) - 1
	case "<=":
		hi = math.Floor(v)
	default:
		lo, hi = math.Ceil(v), math.Floor(v)
	}
	lo, hi = max(lo, 1), min(hi, maxPage)
	if lo > hi {
		return query.NewMatchNoneQuery()
	}
	t := true
	q := query.NewTermRangeInclusiveQuery(pageTerm(int(lo)), pageTerm(int(hi)), &t, &t)
	q.SetField(fPage)
	return q
}

// dateQuery compares with the interval [start, end) a date prefix covers,
// as a range of date terms.
func dateQuery(field, op string, start, end time.Time) query.Query {
	t, f := true, false
	var q *query.TermRangeQuery
	switch op {
	case ">":
		q = query.NewTermRangeInclusiveQuery(dateTerm(end), "", &t, nil)
	case ">=":
		q = query.NewTermRangeInclusiveQuery(dateTerm(start), "", &t, nil)
	case "<":
		q = query.NewTermRangeInclusiveQuery("", dateTerm(start), nil, &f)
	case "<=":
		q = query.NewTermRangeInclusiveQuery("", dateTerm(end), nil, &f)
	default:
		q = query.NewTermRangeInclusiveQuery(dateTerm(start), dateTerm(end), &t, &f)
	}
	q.SetField(field)
	return q
}

// filterQuery turns Query.Filters into one non-scoring query, or nil.
func filterQuery(filters map[string][]string) (query.Query, error) {
	names := make([]string, 0, len(filters))
	for name, vals := range filters {
		if len(vals) > 0 {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return nil, nil
	}
	slices.Sort(names)
	var conj []query.Query
	for _, name := range names {
		fs, ok := queryFields[strings.ToLower(name)]
		if !ok || fs.kind == fkText {
			return nil, fmt.Errorf("unknown filter field %q", name)
		}
		var alts []query.Query
		for _, v := range filters[name] {
			switch fs.kind {
			case fkKeyword:
				for _, w := range keywordVariants(v) {
					tq := query.NewTermQuery(w)
					tq.SetField(fs.name)
					alts = append(alts, tq)
				}
			case fkID:
				alts = append(alts, query.NewDocIDQuery([]string{v}))
			case fkNumber:
				f, err := strconv.ParseFloat(v, 64)
				if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
					return nil, fmt.Errorf("filter %s: %q is not a number", name, v)
				}
				alts = append(alts, pageQuery("", f))
			case fkDate:
				start, end, ok := parseDateRange(v)
				if !ok {
					return nil, fmt.Errorf("filter %s: %q is not a date", name, v)
				}
				alts = append(alts, dateQuery(fs.name, "", start, end))
			}
		}
		for _, a := range alts {
			if b, ok := a.(query.BoostableQuery); ok {
				b.SetBoost(0) // filters do not change scores
			}
		}
		if len(alts) == 1 {
			conj = append(conj, alts[0])
		} else {
			conj = append(conj, query.NewDisjunctionQuery(alts))
		}
	}
	if len(conj) == 1 {
		return conj[0], nil
	}
	return query.NewConjunctionQuery(conj), nil
}

func hitFrom(dm *search.DocumentMatch) Hit {
	str := func(f string) string {
		s, _ := dm.Fields[f].(string)
		return s
	}
	h := Hit{
		ID:       dm.ID,
		Score:    dm.Score,
		Kind:     recmap.Kind(str(fKind)),
		DocID:    str(fDoc),
		Symbol:   str(fSymbol),
		Number:   str(fNumber),
		Para:     str(fPara),
		Section:  str(fSection),
		Lang:     str(fLang),
		Strength: str(fStrength),
		Position: str(fPosition),
		Status:   str(fStatus),
		Text:     str(fText),
	}
	if p, err := strconv.Atoi(str(fPage)); err == nil && p > 0 {
		h.Page = p
	}
	switch v := dm.Fields[fTopics].(type) {
	case string:
		h.Topics = []string{v}
	case []any:
		for _, t := range v {
			if s, ok := t.(string); ok {
				h.Topics = append(h.Topics, s)
			}
		}
	}
	return h
}

// withFilter combines the scoring query with the filters. The filters go in
// as a conjunct with boost 0, not as Bleve's BooleanQuery.Filter: a
// conjunction leapfrogs through the postings, while Filter tests every hit
// of the scoring query (400 ms instead of 5 for a broad query with a narrow
// filter on 100,000 entries).
func withFilter(bq *query.BooleanQuery, filter query.Query) query.Query {
	empty := bq.Must == nil && bq.Should == nil && bq.MustNot == nil
	switch {
	case filter == nil && empty:
		return query.NewMatchAllQuery()
	case filter == nil:
		return bq
	case empty:
		return filter
	}
	return query.NewConjunctionQuery([]query.Query{bq, filter})
}

// hasText reports whether any positive clause can match text.
func hasText(cs []clause) bool {
	for _, c := range cs {
		if c.occur == mustNot {
			continue
		}
		if c.kind == cGroup && hasText(c.sub) || c.kind != cGroup && c.field.kind == fkText {
			return true
		}
	}
	return false
}

// locations returns the matched byte ranges of the hits, keyed by ID. Term
// locations are costly to collect for every hit of a broad query, so the
// main search runs without them and this second search, restricted to the
// IDs of the page, collects them. Its phrases are positional: pair terms
// have no locations, and the positions mark the words of the phrase where
// they occur together.
func (x *Index) locations(ctx context.Context, clauses []clause, hits search.DocumentMatchCollection) (map[string][][2]int, error) {
	bq, err := x.boolQuery(clauses, true)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	q := query.NewConjunctionQuery([]query.Query{query.NewDocIDQuery(ids), bq})
	req := bleve.NewSearchRequestOptions(q, len(ids), 0, false)
	req.IncludeLocations = true
	res, err := x.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	out := make(map[string][][2]int, len(res.Hits))
	for _, dm := range res.Hits {
		out[dm.ID] = textSpans(dm)
	}
	return out, nil
}

// textSpans returns the byte ranges of the text that matched, from the term
// locations of every text field (their offsets all point into the stored
// text, since no field uses a char filter).
func textSpans(dm *search.DocumentMatch) [][2]int {
	var spans [][2]int
	for _, tf := range textFields {
		for _, locs := range dm.Locations[tf.field] {
			for _, l := range locs {
				spans = append(spans, [2]int{int(l.Start), int(l.End)})
			}
		}
	}
	return spans
}
