package workspace

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/index"
)

// DocInfo describes an ingested document.
type DocInfo struct {
	recmap.Document
	Path     string         `json:"path"`
	Warnings []string       `json:"warnings,omitempty"`
	Counts   map[string]int `json:"counts"`
	// Unreadable are the pages whose text layer did not decode: their
	// text is not in the document's items.
	Unreadable []int `json:"unreadable_pages,omitempty"`
}

// Docs lists the ingested documents, ordered by family then symbol.
func (ws *Workspace) Docs(ctx context.Context) ([]DocInfo, error) {
	var out []DocInfo
	err := ws.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bDocs).ForEach(func(k, v []byte) error {
			var r docRecord
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("decode document %s: %w", k, err)
			}
			out = append(out, DocInfo{Document: r.Doc, Path: r.Path, Warnings: r.Warnings, Counts: r.Counts, Unreadable: r.Unreadable})
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Family != out[j].Family {
			return familyRank(out[i].Family) < familyRank(out[j].Family)
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

func familyRank(f recmap.Family) int {
	for i, g := range recmap.Families {
		if f == g {
			return i
		}
	}
	return len(recmap.Families)
}

// DocsByID returns the documents with the given IDs that the workspace
// holds, reading only their records (a search page names the documents
// of its hits, not all of them).
func (ws *Workspace) DocsByID(ctx context.Context, ids []string) (map[string]DocInfo, error) {
	out := make(map[string]DocInfo, len(ids))
	err := ws.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bDocs)
		for _, id := range ids {
			if _, done := out[id]; done {
				continue
			}
			v := b.Get([]byte(id))
			if v == nil {
				continue
			}
			var r docRecord
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("decode document %s: %w", id, err)
			}
			out[id] = DocInfo{Document: r.Doc, Path: r.Path, Warnings: r.Warnings, Counts: r.Counts, Unreadable: r.Unreadable}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read documents: %w", err)
	}
	return out, nil
}

// Doc returns one document by ID, symbol, file name or SHA-256 prefix.
func (ws *Workspace) Doc(ctx context.Context, ref string) (DocInfo, error) {
	docs, err := ws.Docs(ctx)
	if err != nil {
		return DocInfo{}, err
	}
	var match []DocInfo
	for _, d := range docs {
		switch {
		case d.ID == ref, d.Symbol == ref:
			return d, nil
		case d.FileName == ref, len(ref) >= 6 && strings.HasPrefix(d.SHA256, strings.TrimPrefix(ref, "sha256:")):
			match = append(match, d)
		}
	}
	switch len(match) {
	case 1:
		return match[0], nil
	case 0:
		return DocInfo{}, &NotFoundError{Kind: "document", Ref: ref}
	}
	ids := make([]string, len(match))
	for i, d := range match {
		ids[i] = d.ID
	}
	return DocInfo{}, &NotFoundError{Kind: "document", Ref: ref, Candidates: ids}
}

// Item returns one item by ID.
func (ws *Workspace) Item(ctx context.Context, id string) (recmap.Item, error) {
	var it recmap.Item
	err := ws.db.View(func(tx *bolt.Tx) error {
		ok, err := getJSON(tx.Bucket(bItems), id, &it)
		if err == nil && !ok {
			err = &NotFoundError{Kind: "item", Ref: id}
		}
		return err
	})
	return it, err
}

// Items returns a document's items in document order.
func (ws *Workspace) Items(ctx context.Context, docID string) ([]recmap.Item, error) {
	var out []recmap.Item
	err := ws.db.View(func(tx *bolt.Tx) error {
		var err error
		out, err = docItems(tx, docID)
		return err
	})
	return out, err
}

func docItems(tx *bolt.Tx, docID string) ([]recmap.Item, error) {
	var ids []string
	if _, err := getJSON(tx.Bucket(bDocItems), docID, &ids); err != nil {
		return nil, err
	}
	items := tx.Bucket(bItems)
	out := make([]recmap.Item, 0, len(ids))
	for _, id := range ids {
		var it recmap.Item
		ok, err := getJSON(items, id, &it)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, it)
		}
	}
	return out, nil
}

// Filter selects items across documents. Empty fields match everything.
type Filter struct {
	Kinds  []recmap.Kind
	Docs   []string // document IDs or symbols
	Bodies []string
	Rounds []string
	Topics []string
	Family []recmap.Family
}

func (f Filter) matchDoc(d recmap.Document) bool {
	// UPR State responses repeat the report's recommendations only to give
	// their positions, which ingest copies onto the report's own items: they
	// are not recommendations of their own, unless asked for by family.
	if d.Family == recmap.FamilyUPRResponses && !containsFold(famStrings(f.Family), string(d.Family)) {
		return false
	}
	return (len(f.Docs) == 0 || containsFold(f.Docs, d.ID) || containsFold(f.Docs, d.Symbol)) &&
		(len(f.Bodies) == 0 || containsFold(f.Bodies, d.Body)) &&
		(len(f.Rounds) == 0 || containsFold(f.Rounds, d.Round)) &&
		(len(f.Family) == 0 || containsFold(famStrings(f.Family), string(d.Family)))
}

func (f Filter) matchItem(it recmap.Item) bool {
	if len(f.Kinds) > 0 && !containsFold(kindStrings(f.Kinds), string(it.Kind)) {
		return false
	}
	if len(f.Topics) > 0 {
		ok := false
		for _, t := range it.Topics {
			if containsFold(f.Topics, t.Topic) {
				ok = true
				break
			}
		}
		return ok
	}
	return true
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

func kindStrings(ks []recmap.Kind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

func famStrings(fs []recmap.Family) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = string(f)
	}
	return out
}

// Select returns the items that match f, grouped by document in the order
// of Docs, each document's items in document order.
func (ws *Workspace) Select(ctx context.Context, f Filter) ([]recmap.Item, error) {
	docs, err := ws.Docs(ctx)
	if err != nil {
		return nil, err
	}
	var out []recmap.Item
	err = ws.db.View(func(tx *bolt.Tx) error {
		for _, d := range docs {
			if !f.matchDoc(d.Document) {
				continue
			}
			items, err := docItems(tx, d.ID)
			if err != nil {
				return err
			}
			for _, it := range items {
				if f.matchItem(it) {
					out = append(out, it)
				}
			}
		}
		return nil
	})
	return out, err
}

// Context returns the items around id in its document: up to n before and
// n after, and the item itself, in document order.
func (ws *Workspace) Context(ctx context.Context, id string, n int) ([]recmap.Item, error) {
	it, err := ws.Item(ctx, id)
	if err != nil {
		return nil, err
	}
	items, err := ws.Items(ctx, it.DocID)
	if err != nil {
		return nil, err
	}
	for i := range items {
		if items[i].ID == id {
			return items[max(0, i-n):min(len(items), i+n+1)], nil
		}
	}
	return []recmap.Item{it}, nil
}

// Remove deletes a document and its items from the store and the index.
// Decisions about its recommendations stay in the audit log (they reappear
// if the document is ingested again).
func (ws *Workspace) Remove(ctx context.Context, ref string) (DocInfo, error) {
	d, err := ws.Doc(ctx, ref)
	if err != nil {
		return DocInfo{}, fmt.Errorf("remove %s: %w", ref, err)
	}
	err = ws.db.Update(func(tx *bolt.Tx) error {
		var ids []string
		if _, err := getJSON(tx.Bucket(bDocItems), d.ID, &ids); err != nil {
			return err
		}
		for _, id := range ids {
			tx.Bucket(bItems).Delete([]byte(id))
			tx.Bucket(bSuggest).Delete([]byte(id))
		}
		tx.Bucket(bDocItems).Delete([]byte(d.ID))
		tx.Bucket(bDocs).Delete([]byte(d.ID))
		tx.Bucket(bSHA).Delete([]byte(d.SHA256))
		return tx.Bucket(bPending).Put(pendingDoc(d.ID), nil)
	})
	if err != nil {
		return DocInfo{}, fmt.Errorf("remove %s: %w", d.ID, err)
	}
	if err := ws.syncDoc(ctx, d.ID); err != nil {
		return DocInfo{}, fmt.Errorf("remove %s: %w", d.ID, err)
	}
	return d, nil
}

// syncDoc makes the index hold exactly the store's items of docID (none
// when the document is gone), then clears the pending mark.
func (ws *Workspace) syncDoc(ctx context.Context, docID string) error {
	return ws.syncDocs(ctx, []string{docID})
}

// syncDocs is syncDoc for several documents: one read of the store, one
// index batch (ReplaceMany, atomic per document), one transaction clearing
// their pending marks.
func (ws *Workspace) syncDocs(ctx context.Context, docIDs []string) error {
	if len(docIDs) == 0 {
		return nil
	}
	docs := make(map[string][]index.Entry, len(docIDs))
	err := ws.db.View(func(tx *bolt.Tx) error {
		for _, docID := range docIDs {
			var r docRecord
			ok, err := getJSON(tx.Bucket(bDocs), docID, &r)
			if err != nil {
				return err
			}
			if !ok {
				docs[docID] = nil // gone: delete its entries
				continue
			}
			items, err := docItems(tx, docID)
			if err != nil {
				return err
			}
			entries := make([]index.Entry, len(items))
			for i, it := range items {
				entries[i] = index.Entry{Item: it, Doc: r.Doc}
				if it.Kind == recmap.KindRecommendation {
					entries[i].Status = replay(tx, it.ID).Status
				}
			}
			docs[docID] = entries
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := ws.ix.ReplaceMany(ctx, docs); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return ws.db.Update(func(tx *bolt.Tx) error {
		for _, docID := range docIDs {
			if err := tx.Bucket(bPending).Delete(pendingDoc(docID)); err != nil {
				return err
			}
		}
		return nil
	})
}

// syncItem re-indexes one item (after a status change).
func (ws *Workspace) syncItem(ctx context.Context, id string) error {
	var e index.Entry
	found := false
	err := ws.db.View(func(tx *bolt.Tx) error {
		ok, err := getJSON(tx.Bucket(bItems), id, &e.Item)
		if err != nil || !ok {
			return err
		}
		var r docRecord
		if _, err := getJSON(tx.Bucket(bDocs), e.Item.DocID, &r); err != nil {
			return err
		}
		e.Doc = r.Doc
		e.Status = replay(tx, id).Status
		found = true
		return nil
	})
	if err != nil {
		return err
	}
	if found {
		if err := ws.ix.Update(ctx, []index.Entry{e}); err != nil {
			return fmt.Errorf("index %s: %w", id, err)
		}
	}
	return ws.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bPending).Delete(pendingItem(id)) })
}

// finishPending redoes index work that a killed process left undone.
func (ws *Workspace) finishPending(ctx context.Context) error {
	var keys []string
	ws.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bPending).ForEach(func(k, _ []byte) error {
			keys = append(keys, string(k))
			return nil
		})
	})
	// Documents are re-indexed a few at a time, in one batch each (after
	// a reindex every document is pending).
	const group = 32
	var docIDs, itemIDs []string
	for _, k := range keys {
		kind, id, _ := strings.Cut(k, "\x00")
		if kind == "doc" {
			docIDs = append(docIDs, id)
		} else {
			itemIDs = append(itemIDs, id)
		}
	}
	for start := 0; start < len(docIDs); start += group {
		if err := ws.syncDocs(ctx, docIDs[start:min(start+group, len(docIDs))]); err != nil {
			return err
		}
	}
	for _, id := range itemIDs {
		if err := ws.syncItem(ctx, id); err != nil {
			return err
		}
	}
	return nil
}
