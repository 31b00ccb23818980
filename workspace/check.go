package workspace

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	bolt "go.etcd.io/bbolt"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/index"
)

// Problem is one inconsistency found by Check.
type Problem struct {
	Doc    string `json:"doc,omitempty"`
	Detail string `json:"detail"`
}

// CheckReport is the result of Check.
type CheckReport struct {
	Documents int       `json:"documents"`
	Items     int       `json:"items"`
	Decisions int       `json:"decisions"`
	Indexed   uint64    `json:"indexed"`
	Problems  []Problem `json:"problems,omitempty"`
	Repaired  bool      `json:"repaired"`
}

// Check compares the store with the index: every document's items indexed
// exactly once, nothing indexed that the store does not hold, every
// decision readable and pointing at a recommendation ID. With repair it
// re-indexes the documents that differ and removes what should not be
// there.
func (ws *Workspace) Check(ctx context.Context, repair bool) (*CheckReport, error) {
	rep := &CheckReport{}
	want := map[string]int{}
	err := ws.db.View(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bDocs).ForEach(func(k, v []byte) error {
			var r docRecord
			if err := json.Unmarshal(v, &r); err != nil {
				rep.Problems = append(rep.Problems, Problem{Doc: string(k), Detail: "document record unreadable: " + err.Error()})
				return nil
			}
			var ids []string
			if _, err := getJSON(tx.Bucket(bDocItems), string(k), &ids); err != nil {
				rep.Problems = append(rep.Problems, Problem{Doc: string(k), Detail: "item list unreadable: " + err.Error()})
			}
			for _, id := range ids {
				if tx.Bucket(bItems).Get([]byte(id)) == nil {
					rep.Problems = append(rep.Problems, Problem{Doc: string(k), Detail: "item " + id + " listed but missing"})
				}
			}
			want[string(k)] = len(ids)
			rep.Documents++
			rep.Items += len(ids)
			return nil
		}); err != nil {
			return err
		}
		return tx.Bucket(bDecisions).ForEach(func(k, v []byte) error {
			rep.Decisions++
			var d recmap.Decision
			if err := json.Unmarshal(v, &d); err != nil || d.Rec == "" {
				rep.Problems = append(rep.Problems, Problem{Detail: fmt.Sprintf("decision %x unreadable", k)})
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("check %s: %w", ws.dir, err)
	}
	got, err := ws.ix.DocIDs(ctx)
	if err != nil {
		return nil, fmt.Errorf("check %s: index: %w", ws.dir, err)
	}
	rep.Indexed, _ = ws.ix.Count()
	var bad []string
	for id, n := range want {
		if got[id] != n {
			rep.Problems = append(rep.Problems, Problem{Doc: id, Detail: fmt.Sprintf("store has %d items, index has %d", n, got[id])})
			bad = append(bad, id)
		}
	}
	for id, n := range got {
		if _, ok := want[id]; !ok {
			rep.Problems = append(rep.Problems, Problem{Doc: id, Detail: fmt.Sprintf("index has %d items of a document the store does not hold", n)})
			bad = append(bad, id)
		}
	}
	sort.Slice(rep.Problems, func(i, j int) bool { return rep.Problems[i].Doc < rep.Problems[j].Doc })
	if repair && len(bad) > 0 {
		sort.Strings(bad)
		if err := ws.syncDocs(ctx, bad); err != nil {
			return rep, fmt.Errorf("repair: %w", err)
		}
		rep.Repaired = true
	}
	return rep, nil
}

// Reindex rebuilds the search index from the store: use it after an
// upgrade that changed the index layout, or when Check finds damage that
// repair cannot fix. Decisions are untouched.
func Reindex(ctx context.Context, dir string, opts Options) (*CheckReport, error) {
	if _, err := os.Stat(filepath.Join(dir, "store.db")); err != nil {
		return nil, fmt.Errorf("reindex %s: no workspace there (%w)", dir, err)
	}
	// Remove the index before Open, so that an index Open cannot read is
	// not an obstacle. The store's lock is taken first.
	lockOnly, err := openStoreOnly(dir, opts)
	if err != nil {
		return nil, fmt.Errorf("reindex %s: %w", dir, err)
	}
	if err := lockOnly.Close(); err != nil {
		return nil, err
	}
	if err := os.RemoveAll(filepath.Join(dir, "index")); err != nil {
		return nil, fmt.Errorf("reindex %s: remove old index: %w", dir, err)
	}
	// Open finds no index, creates an empty one and fills it from the
	// store (see openIndex).
	ws, err := Open(ctx, dir, opts)
	if err != nil {
		return nil, fmt.Errorf("reindex %s: %w", dir, err)
	}
	defer ws.Close()
	return ws.Check(ctx, false)
}

func openStoreOnly(dir string, opts Options) (*bolt.DB, error) {
	wait := opts.LockWait
	if wait <= 0 {
		wait = 1e9
	}
	db, err := bolt.Open(filepath.Join(dir, "store.db"), 0o600, &bolt.Options{Timeout: wait})
	if err == bolt.ErrTimeout {
		return nil, fmt.Errorf("%w%s", ErrLocked, lockHolder(dir))
	}
	return db, err
}

var _ = index.ErrIncompatible
