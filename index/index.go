package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/recmap/recmap"
)

// ErrIncompatible says that the index on disk was built by a recmap whose
// mapping differs from this one. Rebuild it with `recmap reindex`.
var ErrIncompatible = errors.New("index was built by an incompatible version of recmap; rebuild it with `recmap reindex`")

// ErrLocked says that another process has the index open.
var ErrLocked = errors.New("index is in use by another recmap process")

// Entry is one item to index, with the document it comes from and, for
// recommendations, the analyst's implementation status ("" when none).
type Entry struct {
	Item   recmap.Item
	Doc    recmap.Document
	Status string
}

// Index is a full-text index of items. It is safe for concurrent use: any
// number of goroutines may search while one writes.
type Index struct {
	path string
	bi   bleve.Index
	// wmu serialises writers, so that looking up a document's old items and
	// replacing them is one step.
	wmu sync.Mutex
	// gen counts the writes; facetN caches the number of distinct terms of
	// fFacet at a generation, for the size of the one facet request that
	// counts every facet.
	gen    atomic.Uint64
	facetN atomic.Pointer[facetCount]
	// facets holds the facet terms of every document for Search's own
	// facet counting (facet.go); bleveFacets, set by tests only, makes
	// Search count with a Bleve facet request instead.
	facets      facetCache
	bleveFacets bool
}

type facetCount struct{ gen, n uint64 }

// facetTerms returns an upper bound of the number of distinct "field:value"
// facet terms (terms of deleted entries linger until segments merge; the
// slack covers a write that lands while counting).
func (x *Index) facetTerms() int {
	const slack = 64
	g := x.gen.Load()
	if c := x.facetN.Load(); c != nil && c.gen == g {
		return int(c.n) + slack
	}
	n := 0
	if dict, err := x.bi.FieldDict(fFacet); err == nil {
		for {
			e, err := dict.Next()
			if err != nil || e == nil {
				break
			}
			n++
		}
		dict.Close()
	}
	x.facetN.Store(&facetCount{gen: g, n: uint64(n)})
	return n + slack
}

const (
	schemaKey = "recmap.schema"
	// batchSize bounds the batches of Update; Replace and ReplaceMany
	// always use one batch, whatever its size, so that they are atomic.
	batchSize = 1000
)

// Open opens the index at path, creating it when path does not exist or is
// an empty directory.
func Open(path string) (*Index, error) {
	cfg := map[string]any{"bolt_timeout": "2s"}
	_, err := os.Stat(filepath.Join(path, "index_meta.json"))
	switch {
	case err == nil:
		bi, err := bleve.OpenUsing(path, cfg)
		if err != nil {
			if strings.Contains(err.Error(), "timeout") {
				return nil, fmt.Errorf("open index %s: %w", path, ErrLocked)
			}
			return nil, fmt.Errorf("open index %s: %w", path, err)
		}
		v, err := bi.GetInternal([]byte(schemaKey))
		if err != nil {
			bi.Close()
			return nil, fmt.Errorf("open index %s: %w", path, err)
		}
		if string(v) != SchemaVersion {
			bi.Close()
			if v == nil {
				v = []byte("none")
			}
			return nil, fmt.Errorf("open index %s: schema version %s, this recmap needs %s: %w", path, v, SchemaVersion, ErrIncompatible)
		}
		return &Index{path: path, bi: bi}, nil
	case !errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("open index %s: %w", path, err)
	}
	if ents, err := os.ReadDir(path); err == nil && len(ents) > 0 {
		return nil, fmt.Errorf("open index %s: directory is not empty and holds no index", path)
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("create index %s: %w", path, err)
	}
	im, err := newMapping()
	if err != nil {
		return nil, fmt.Errorf("create index %s: mapping: %w", path, err)
	}
	bi, err := bleve.NewUsing(path, im, scorch.Name, scorch.Name, cfg)
	if err != nil {
		return nil, fmt.Errorf("create index %s: %w", path, err)
	}
	if err := bi.SetInternal([]byte(schemaKey), []byte(SchemaVersion)); err != nil {
		bi.Close()
		return nil, fmt.Errorf("create index %s: %w", path, err)
	}
	return &Index{path: path, bi: bi}, nil
}

// Close closes the index. Searches in flight finish first.
func (x *Index) Close() error {
	if err := x.bi.Close(); err != nil {
		return fmt.Errorf("close index %s: %w", x.path, err)
	}
	return nil
}

// Replace makes docID's entries exactly entries: the items the index held
// for docID and that are not in entries are deleted, the others added or
// overwritten, all in one batch, so no search sees half a document. Every
// entry must belong to docID (Item.DocID empty or equal to docID).
// Replacing with no entries is Delete.
func (x *Index) Replace(ctx context.Context, docID string, entries []Entry) error {
	return x.ReplaceMany(ctx, map[string][]Entry{docID: entries})
}

// ReplaceMany is Replace for several documents at once: every document in
// docs gets exactly its entries (none deletes it), all in one batch, so a
// search sees each document either before or after, never half of it, and
// Bleve builds one segment instead of one per document, which is what
// makes bulk loads fast (see Speed). An item ID may appear in one document
// only.
func (x *Index) ReplaceMany(ctx context.Context, docs map[string][]Entry) error {
	ids := make([]string, 0, len(docs))
	n := 0
	for id, entries := range docs {
		if id == "" {
			return errors.New("replace: empty document ID")
		}
		ids = append(ids, id)
		n += len(entries)
	}
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	x.wmu.Lock()
	defer x.wmu.Unlock()
	b := x.bi.NewBatch()
	owner := make(map[string]string, n)
	for _, docID := range ids {
		entries := docs[docID]
		for i := range entries {
			e := &entries[i]
			if e.Item.ID == "" {
				return fmt.Errorf("replace %s: entry %d has no item ID", docID, i)
			}
			if e.Item.DocID != "" && e.Item.DocID != docID {
				return fmt.Errorf("replace %s: item %s belongs to document %s", docID, e.Item.ID, e.Item.DocID)
			}
			if o, dup := owner[e.Item.ID]; dup {
				return fmt.Errorf("replace %s: item %s is also an item of %s", docID, e.Item.ID, o)
			}
			owner[e.Item.ID] = docID
			if e.Item.DocID == "" {
				e = &Entry{Item: e.Item, Doc: e.Doc, Status: e.Status}
				e.Item.DocID = docID
			}
			if err := b.Index(e.Item.ID, toBleveDoc(e)); err != nil {
				return fmt.Errorf("replace %s: item %s: %w", docID, e.Item.ID, err)
			}
		}
	}
	for _, docID := range ids {
		old, err := x.itemIDs(ctx, docID)
		if err != nil {
			return fmt.Errorf("replace %s: %w", docID, err)
		}
		for _, id := range old {
			if _, keep := owner[id]; !keep {
				b.Delete(id)
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("replace %s: %w", strings.Join(ids, ", "), err)
	}
	err := x.bi.Batch(b)
	x.gen.Add(1)
	if err != nil {
		return fmt.Errorf("replace %s: %w", strings.Join(ids, ", "), err)
	}
	return nil
}

// Delete removes every entry of docID. Deleting an unknown document is not
// an error.
func (x *Index) Delete(ctx context.Context, docID string) error {
	if err := x.Replace(ctx, docID, nil); err != nil {
		return fmt.Errorf("delete: %w", err)
	}
	return nil
}

// Update adds or overwrites single entries, for instance after an analyst
// changed a status. It writes in batches of batchSize, so it is also the
// fast path for bulk loads of documents that are known to be new; unlike
// Replace it is atomic per batch only.
func (x *Index) Update(ctx context.Context, entries []Entry) error {
	x.wmu.Lock()
	defer x.wmu.Unlock()
	for start := 0; start < len(entries); start += batchSize {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("update: %w", err)
		}
		b := x.bi.NewBatch()
		for i := start; i < min(start+batchSize, len(entries)); i++ {
			e := &entries[i]
			if e.Item.ID == "" {
				return fmt.Errorf("update: entry %d has no item ID", i)
			}
			if e.Item.DocID == "" && e.Doc.ID == "" {
				return fmt.Errorf("update: item %s has no document ID", e.Item.ID)
			}
			if err := b.Index(e.Item.ID, toBleveDoc(e)); err != nil {
				return fmt.Errorf("update: item %s: %w", e.Item.ID, err)
			}
		}
		err := x.bi.Batch(b)
		x.gen.Add(1)
		if err != nil {
			return fmt.Errorf("update: %w", err)
		}
	}
	return nil
}

// Count returns the number of entries in the index.
func (x *Index) Count() (uint64, error) {
	n, err := x.bi.DocCount()
	if err != nil {
		return 0, fmt.Errorf("count index %s: %w", x.path, err)
	}
	return n, nil
}

// DocIDs returns every document in the index with its number of entries,
// for checking the index against the system of record.
func (x *Index) DocIDs(ctx context.Context) (map[string]int, error) {
	dict, err := x.bi.FieldDictPrefix(fFacet, []byte(fDoc+":"))
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	n := 0
	for {
		e, err := dict.Next()
		if err != nil {
			dict.Close()
			return nil, fmt.Errorf("list documents: %w", err)
		}
		if e == nil {
			break
		}
		n++
	}
	dict.Close()
	out := make(map[string]int, n)
	if n == 0 {
		return out, nil
	}
	req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), 0, 0, false)
	req.AddFacet(fFacet, bleve.NewFacetRequest(fFacet, x.facetTerms()))
	res, err := x.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	if fr := res.Facets[fFacet]; fr != nil {
		for _, t := range fr.Terms.Terms() {
			if id, ok := strings.CutPrefix(t.Term, fDoc+":"); ok {
				out[id] = t.Count
			}
		}
	}
	return out, nil
}

// itemIDs returns the IDs of the entries indexed for docID.
func (x *Index) itemIDs(ctx context.Context, docID string) ([]string, error) {
	q := query.NewTermQuery(docID)
	q.SetField(fDoc)
	size := 1024
	for {
		req := bleve.NewSearchRequestOptions(q, size, 0, false)
		req.Score = "none"
		res, err := x.bi.SearchInContext(ctx, req)
		if err != nil {
			return nil, err
		}
		if int(res.Total) <= size {
			ids := make([]string, len(res.Hits))
			for i, h := range res.Hits {
				ids[i] = h.ID
			}
			return ids, nil
		}
		size = int(res.Total)
	}
}
