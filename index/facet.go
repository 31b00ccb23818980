package index

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Facet counting.
//
// Bleve counts a facet by reading the doc values of every hit: for a broad
// query (40,000 hits of 100,000) that decompresses doc-value chunks and
// converts every term to a string key of a map, two thirds of the CPU of a
// search. Facet terms change only when segments do, and scorch segments are
// immutable, so facetCache keeps, per segment, the facet terms of every
// document as small integers (built once from the postings of fFacet), and
// a search counts a hit with a few array increments.
//
// The counting is hooked into the search by facetQuery, which wraps the
// query of the request: its searcher hands every match to the collector
// unchanged and counts it on the way. The collector takes every match of
// the top-level searcher as a hit, so the counts are over exactly the hits
// that make up Results.Total, as Bleve's facets were.

// facetCache holds the facet terms of the documents of recent segments.
type facetCache struct {
	mu   sync.Mutex
	segs map[segment.Segment]*segFacets
}

// segFacets are the facet terms of the documents of one segment, in
// compressed-row form: document n (local number) has the terms
// terms[ids[start[n]:start[n+1]]].
type segFacets struct {
	terms []string
	start []uint32
	ids   []uint32
}

// get returns the facet terms of the segments of snap, building those of
// new segments, and forgets segments that snap no longer has.
func (c *facetCache) get(segs []*scorch.SegmentSnapshot) ([]*segFacets, error) {
	out := make([]*segFacets, len(segs))
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.segs == nil {
		c.segs = map[segment.Segment]*segFacets{}
	}
	built := false
	for i, ss := range segs {
		seg := ss.Segment()
		sf := c.segs[seg]
		if sf == nil {
			var err error
			if sf, err = newSegFacets(seg); err != nil {
				return nil, err
			}
			c.segs[seg] = sf
			built = true
		}
		out[i] = sf
	}
	if built { // a new snapshot: drop the segments merged away
		live := make(map[segment.Segment]bool, len(segs))
		for _, ss := range segs {
			live[ss.Segment()] = true
		}
		for seg := range c.segs {
			if !live[seg] {
				delete(c.segs, seg)
			}
		}
	}
	return out, nil
}

// newSegFacets reads the facet terms of every document of seg from the
// postings of fFacet (deleted documents included: they are never hits).
func newSegFacets(seg segment.Segment) (*segFacets, error) {
	n := seg.Count()
	sf := &segFacets{start: make([]uint32, n+1)}
	dict, err := seg.Dictionary(fFacet)
	if err != nil {
		return nil, fmt.Errorf("facets: %w", err)
	}
	var lists []segment.PostingsList
	it := dict.AutomatonIterator(everyTerm{}, nil, nil)
	for {
		e, err := it.Next()
		if err != nil {
			return nil, fmt.Errorf("facets: %w", err)
		}
		if e == nil {
			break
		}
		pl, err := dict.PostingsList([]byte(e.Term), nil, nil)
		if err != nil {
			return nil, fmt.Errorf("facets: term %s: %w", e.Term, err)
		}
		sf.terms = append(sf.terms, e.Term)
		lists = append(lists, pl)
	}
	// visit calls f(doc, term) for every posting.
	visit := func(f func(doc uint64, term uint32)) error {
		for t, pl := range lists {
			pi := pl.Iterator(false, false, false, nil)
			for {
				p, err := pi.Next()
				if err != nil {
					return fmt.Errorf("facets: %w", err)
				}
				if p == nil {
					break
				}
				if d := p.Number(); d < n {
					f(d, uint32(t))
				}
			}
		}
		return nil
	}
	if err := visit(func(d uint64, _ uint32) { sf.start[d+1]++ }); err != nil {
		return nil, err
	}
	for i := uint64(1); i <= n; i++ {
		sf.start[i] += sf.start[i-1]
	}
	sf.ids = make([]uint32, sf.start[n])
	next := make([]uint32, n)
	copy(next, sf.start[:n])
	if err := visit(func(d uint64, t uint32) { sf.ids[next[d]] = t; next[d]++ }); err != nil {
		return nil, err
	}
	return sf, nil
}

// everyTerm is the automaton that accepts every term of a dictionary.
type everyTerm struct{}

func (everyTerm) Start() int               { return 0 }
func (everyTerm) IsMatch(int) bool         { return true }
func (everyTerm) CanMatch(int) bool        { return true }
func (everyTerm) WillAlwaysMatch(int) bool { return true }
func (everyTerm) Accept(int, byte) int     { return 0 }

var _ segment.Automaton = everyTerm{}

// facetCounter counts the facet terms of the hits of one search.
type facetCounter struct {
	offsets []uint64 // first global document number of each segment
	segs    []*segFacets
	counts  [][]int
	cur     int // segment of the last hit: hits come in document order
}

func (fc *facetCounter) add(id bindex.IndexInternalID) {
	n := id.Value()
	if fc.cur+1 < len(fc.offsets) && fc.offsets[fc.cur+1] <= n || n < fc.offsets[fc.cur] {
		fc.cur = sort.Search(len(fc.offsets), func(i int) bool { return fc.offsets[i] > n }) - 1
		if fc.cur < 0 {
			fc.cur = 0
			return
		}
	}
	sf, local := fc.segs[fc.cur], n-fc.offsets[fc.cur]
	if local+1 >= uint64(len(sf.start)) {
		return
	}
	cs := fc.counts[fc.cur]
	for _, t := range sf.ids[sf.start[local]:sf.start[local+1]] {
		cs[t]++
	}
}

// terms returns the count of every facet term that some hit has.
func (fc *facetCounter) terms() map[string]int {
	out := map[string]int{}
	for i, sf := range fc.segs {
		for t, n := range fc.counts[i] {
			if n > 0 {
				out[sf.terms[t]] += n
			}
		}
	}
	return out
}

// facetQuery wraps the query of a search to count the facets of its hits
// in counter, which its Searcher sets.
type facetQuery struct {
	query.Query
	cache   *facetCache
	counter *facetCounter
}

func (q *facetQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("facets: index reader is a %T, not a scorch snapshot", r)
	}
	segs := snap.Segments()
	sfs, err := q.cache.get(segs)
	if err != nil {
		return nil, err
	}
	fc := &facetCounter{offsets: make([]uint64, len(segs)), segs: sfs, counts: make([][]int, len(segs))}
	var off uint64
	for i, ss := range segs {
		fc.offsets[i] = off
		off += ss.Segment().Count()
		fc.counts[i] = make([]int, len(sfs[i].terms))
	}
	if len(segs) == 0 {
		fc.offsets = []uint64{0}
		fc.segs = []*segFacets{{start: []uint32{0}}}
		fc.counts = [][]int{nil}
	}
	inner, err := q.Query.Searcher(ctx, r, m, o)
	if err != nil {
		return nil, err
	}
	q.counter = fc
	return &facetSearcher{Searcher: inner, fc: fc}, nil
}

// facetSearcher passes the matches of its searcher on, counting them.
type facetSearcher struct {
	search.Searcher
	fc *facetCounter
}

func (s *facetSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Next(ctx)
	if dm != nil {
		s.fc.add(dm.IndexInternalID)
	}
	return dm, err
}

func (s *facetSearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	if dm != nil {
		s.fc.add(dm.IndexInternalID)
	}
	return dm, err
}
