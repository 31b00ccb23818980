package workspace

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/index"
	"github.com/recmap/recmap/rules"
)

// StoreVersion is the layout version of store.db. A workspace written with
// another version is refused with ErrIncompatible.
const StoreVersion = 1

// Errors callers branch on.
var (
	ErrLocked       = errors.New("workspace is locked by another recmap process")
	ErrIncompatible = errors.New("workspace was written by an incompatible version of recmap")
	ErrNotFound     = errors.New("not found")
	// ErrNoSuggestions is Accept's error for a recommendation that has not
	// been mapped yet.
	ErrNoSuggestions = errors.New("no suggestions yet")
)

// NotFoundError is the error for a reference to a document, item or
// recommendation the workspace does not hold, or for one that matches
// several documents (Candidates lists their IDs). It says what was looked
// for, so that a caller can say where to look (the CLI names a command,
// the web server a page). It wraps ErrNotFound, unless the reference was
// ambiguous.
type NotFoundError struct {
	Kind       string // "document", "item", "recommendation", "target"
	Ref        string
	Candidates []string
}

func (e *NotFoundError) Error() string {
	if len(e.Candidates) > 0 {
		return fmt.Sprintf("%s %q is ambiguous: it matches %s", e.Kind, e.Ref, strings.Join(e.Candidates, ", "))
	}
	return fmt.Sprintf("%s %q: not found", e.Kind, e.Ref)
}

func (e *NotFoundError) Unwrap() error {
	if len(e.Candidates) > 0 {
		return nil
	}
	return ErrNotFound
}

// Bucket names in store.db.
var (
	bMeta      = []byte("meta")      // "version" → StoreVersion, "created" → RFC 3339
	bDocs      = []byte("docs")      // doc ID → JSON docRecord
	bItems     = []byte("items")     // item ID → JSON recmap.Item
	bDocItems  = []byte("docitems")  // doc ID → JSON []item ID, in document order
	bSHA       = []byte("sha")       // SHA-256 hex → doc ID
	bDecisions = []byte("decisions") // seq (8 bytes big endian) → JSON recmap.Decision
	bRecDec    = []byte("recdec")    // rec ID + 0x00 + seq → nil: a recommendation's decisions
	bSuggest   = []byte("suggest")   // rec ID → JSON []Suggestion (derived by Map; replaceable)
	bPending   = []byte("pending")   // "doc\x00ID" or "item\x00ID" → nil: index work not yet done
)

var allBuckets = [][]byte{bMeta, bDocs, bItems, bDocItems, bSHA, bDecisions, bRecDec, bSuggest, bPending}

// Options configure Open.
type Options struct {
	// LockWait is how long Open waits for another process to release the
	// workspace before failing with ErrLocked. Zero means 1 second.
	LockWait time.Duration
	// Taxonomy overrides the embedded topic taxonomy for ingest.
	Taxonomy *rules.Taxonomy
	// Isolate reads every ingested file in a child process
	// (extract.Options.Isolate), whatever IngestOptions say: a hostile file
	// cannot crash or hang the process that holds the workspace.
	Isolate bool
}

// Workspace is an open workspace folder.
type Workspace struct {
	dir string
	db  *bolt.DB
	ix  *index.Index
	tax *rules.Taxonomy
	// isolate makes every ingest read files in child processes.
	isolate bool
}

// docRecord is what the store keeps about one document.
type docRecord struct {
	Doc       recmap.Document   `json:"doc"`
	Path      string            `json:"path"` // where it was ingested from
	Warnings  []string          `json:"warnings,omitempty"`
	Detection []rules.Detection `json:"detection,omitempty"`
	Counts    map[string]int    `json:"counts"` // items by kind
	// Unreadable are the pages whose text layer did not decode.
	Unreadable []int `json:"unreadable_pages,omitempty"`
}

// Open opens the workspace in dir, creating it if needed, and finishes any
// index work a killed process left pending.
func Open(ctx context.Context, dir string, opts Options) (*Workspace, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open workspace %s: %w", dir, err)
	}
	wait := opts.LockWait
	if wait <= 0 {
		wait = time.Second
	}
	dbPath := filepath.Join(dir, "store.db")
	db, err := bolt.Open(dbPath, 0o600, &bolt.Options{Timeout: wait})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, fmt.Errorf("open workspace %s: %w%s", dir, ErrLocked, lockHolder(dir))
		}
		return nil, fmt.Errorf("open workspace %s: %w", dir, err)
	}
	ws := &Workspace{dir: dir, db: db, tax: opts.Taxonomy, isolate: opts.Isolate}
	if err := ws.init(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open workspace %s: %w", dir, err)
	}
	writePID(dir)
	ix, created, err := openIndex(filepath.Join(dir, "index"))
	if err != nil {
		db.Close()
		if errors.Is(err, index.ErrIncompatible) {
			return nil, fmt.Errorf("open workspace %s: %w (decisions are kept: they live in the store)", dir, err)
		}
		return nil, fmt.Errorf("open workspace %s: index: %w (run 'recmap reindex' to rebuild it)", dir, err)
	}
	ws.ix = ix
	if created {
		// A new index next to a store that holds documents (a first run
		// killed early, or an index folder deleted by hand): fill it.
		if err := ws.markAllPending(); err != nil {
			ws.Close()
			return nil, fmt.Errorf("open workspace %s: %w", dir, err)
		}
	}
	if err := ws.finishPending(ctx); err != nil {
		ws.Close()
		return nil, fmt.Errorf("open workspace %s: finish pending index work: %w", dir, err)
	}
	return ws, nil
}

// openIndex opens the index at path, creating it first under a temporary
// name and renaming it into place, so that a process killed while creating
// it leaves no half-made index behind: the next Open starts again, and
// pending work fills it from the store.
func openIndex(path string) (ix *index.Index, created bool, err error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		tmp := path + ".new"
		if err := os.RemoveAll(tmp); err != nil {
			return nil, false, err
		}
		ix, err := index.Open(tmp)
		if err != nil {
			return nil, false, err
		}
		if err := ix.Close(); err != nil {
			return nil, false, err
		}
		if err := os.Rename(tmp, path); err != nil {
			return nil, false, err
		}
		created = true
	}
	ix, err = index.Open(path)
	return ix, created, err
}

// markAllPending records index work for every document in the store.
func (ws *Workspace) markAllPending() error {
	return ws.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bDocs).ForEach(func(k, _ []byte) error {
			return tx.Bucket(bPending).Put(pendingDoc(string(k)), nil)
		})
	})
}

// Dir returns the workspace folder.
func (ws *Workspace) Dir() string { return ws.dir }

// Index returns the workspace's search index.
func (ws *Workspace) Index() *index.Index { return ws.ix }

// Close releases the workspace.
func (ws *Workspace) Close() error {
	var errs []error
	if ws.ix != nil {
		errs = append(errs, ws.ix.Close())
	}
	os.Remove(filepath.Join(ws.dir, lockFile))
	errs = append(errs, ws.db.Close())
	return errors.Join(errs...)
}

func (ws *Workspace) init() error {
	return ws.db.Update(func(tx *bolt.Tx) error {
		for _, b := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		m := tx.Bucket(bMeta)
		v := m.Get([]byte("version"))
		if v == nil {
			m.Put([]byte("created"), []byte(time.Now().UTC().Format(time.RFC3339)))
			return m.Put([]byte("version"), []byte(strconv.Itoa(StoreVersion)))
		}
		if string(v) != strconv.Itoa(StoreVersion) {
			return fmt.Errorf("%w: store version %s, this recmap reads version %d; use the recmap release that wrote it to export the matrix, then ingest again into a new workspace", ErrIncompatible, v, StoreVersion)
		}
		return nil
	})
}

func seqKey(n uint64) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], n)
	return k[:]
}

func getJSON(b *bolt.Bucket, key string, v any) (bool, error) {
	raw := b.Get([]byte(key))
	if raw == nil {
		return false, nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return true, fmt.Errorf("decode %s %q: %w", b.Tx().DB().Path(), key, err)
	}
	return true, nil
}

func putJSON(b *bolt.Bucket, key string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put([]byte(key), raw)
}

func pendingDoc(id string) []byte  { return []byte("doc\x00" + id) }
func pendingItem(id string) []byte { return []byte("item\x00" + id) }
