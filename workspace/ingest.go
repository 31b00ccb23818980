package workspace

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/extract"
	"github.com/recmap/recmap/index"
	"github.com/recmap/recmap/rules"
)

// IngestOptions configure Ingest.
type IngestOptions struct {
	Workers int             // documents extracted in parallel; 0 means GOMAXPROCS
	Extract extract.Options // limits for reading each file
	Profile recmap.Family   // force a rules profile; "" detects per document
	// MaxItems bounds the items cut from one document; 0 means
	// rules.DefaultMaxItems. A document over it keeps its first MaxItems
	// items and gets a warning naming --max-items.
	MaxItems int
	// Progress, when set, is called after each file, from one goroutine.
	Progress func(FileResult, int, int)
	// Transform, when set, may rewrite a document's extracted text before
	// the rules run (recmap eval uses it to strip explicit references).
	Transform func(*extract.Document)
}

// Outcome is what happened to one input file.
type Outcome string

// The outcomes of ingesting a file.
const (
	Added     Outcome = "added"     // a new document
	Replaced  Outcome = "replaced"  // a new version of a known document
	Unchanged Outcome = "unchanged" // the same bytes were ingested before
	Failed    Outcome = "failed"
)

// FileResult reports one input file.
type FileResult struct {
	Path     string         `json:"path"`
	Outcome  Outcome        `json:"outcome"`
	DocID    string         `json:"doc,omitempty"`
	Family   recmap.Family  `json:"family,omitempty"`
	Pages    int            `json:"pages,omitempty"`
	Counts   map[string]int `json:"counts,omitempty"`
	Warnings []string       `json:"warnings,omitempty"`
	// Unreadable are the pages whose text layer did not decode (left out).
	Unreadable []int  `json:"unreadable_pages,omitempty"`
	Err        error  `json:"-"`
	Error      string `json:"error,omitempty"`
}

// Report summarises an ingest.
type Report struct {
	Files    []FileResult   `json:"files"`
	Counts   map[string]int `json:"counts"` // items by kind over added and replaced documents
	Pages    int            `json:"pages"`
	Duration time.Duration  `json:"duration"`
}

// Failed returns how many files failed.
func (r *Report) Failed() int {
	n := 0
	for _, f := range r.Files {
		if f.Outcome == Failed {
			n++
		}
	}
	return n
}

// Input is one file to ingest: a name for messages and a way to read it.
type Input struct {
	Name string
	Read func() ([]byte, error)
	path string // a file on disk, checked before it is read
}

// Extensions are the file name endings Ingest picks up when it walks a
// folder. Files named explicitly are read whatever their ending.
var Extensions = []string{".pdf", ".docx", ".html", ".htm", ".xhtml", ".txt", ".md", ".markdown"}

// Inputs expands paths (files and folders, walked recursively, hidden
// entries skipped) into inputs. A path that does not exist is an input that
// fails with a clear error, so that the batch reports it and goes on.
func Inputs(paths []string) []Input {
	var out []Input
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil || !st.IsDir() {
			out = append(out, fileInput(p))
			continue
		}
		var found []string
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				found = append(found, path) // reported when read
				return nil
			}
			name := d.Name()
			if path != p && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && hasExt(name) {
				found = append(found, path)
			}
			return nil
		})
		sort.Strings(found)
		for _, f := range found {
			out = append(out, fileInput(f))
		}
	}
	return out
}

func hasExt(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range Extensions {
		if ext == e {
			return true
		}
	}
	return false
}

func fileInput(path string) Input {
	return Input{Name: path, Read: func() ([]byte, error) { return os.ReadFile(path) }, path: path}
}

// readInput reads an input. A file on disk must be a regular file (a
// FIFO or a device would block or never end) within the file size limit,
// checked before a byte is read.
func readInput(in Input, lim extract.Limits) ([]byte, error) {
	if in.path == "" {
		return in.Read()
	}
	max := lim.MaxFileSize
	if max <= 0 {
		max = extract.DefaultLimits.MaxFileSize
	}
	// Stat before opening: opening a FIFO blocks until someone writes.
	st, err := os.Stat(in.path)
	if err != nil {
		return nil, err
	}
	tooLarge := &extract.Error{Path: in.Name, Err: &extract.LimitError{Limit: "MaxFileSize", What: "bytes in the file", Max: max}}
	switch {
	case !st.Mode().IsRegular():
		return nil, &extract.Error{Path: in.Name, Err: fmt.Errorf("%w: %s, not a regular file", extract.ErrUnsupported, fileKind(st.Mode()))}
	case st.Size() > max:
		return nil, tooLarge
	}
	f, err := os.Open(in.path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err == nil && int64(len(data)) > max {
		err = tooLarge // it grew since Stat
	}
	return data, err
}

// fileKind names what a path that is not a regular file is.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// FSInputs returns inputs for the named files of fsys (e.g. an embedded
// sample corpus).
func FSInputs(fsys fs.FS, names []string) []Input {
	out := make([]Input, len(names))
	for i, n := range names {
		out[i] = Input{Name: n, Read: func() ([]byte, error) { return fs.ReadFile(fsys, n) }}
	}
	return out
}

// A commit takes every finished document, up to these bounds. The item
// bound keeps a batch's index segment, which is built in memory, small
// enough for a batch's heap to stay near 0.5 GB (ingest of the real
// corpus: 1.9 GB at 20,000 items, 0.59 GB at 5,000, same time).
const (
	maxCommitDocs  = 64
	maxCommitItems = 5000
)

func itemsOf(p parsed) []recmap.Item {
	if p.res == nil {
		return nil
	}
	return p.res.Items
}

type parsed struct {
	in   Input
	i    int
	sha  string
	res  *rules.Result
	doc  *extract.Document
	err  error
	skip bool // bytes already known
}

// Ingest extracts, parses and indexes the inputs. Files are read in
// parallel; one committer stores the documents and indexes them, taking
// every document finished since its last commit in one transaction and
// one index batch (atomic per document), so a failure or an interrupt
// loses nothing already committed. The returned error is only for
// failures of the workspace itself; bad files are reported in the Report.
func (ws *Workspace) Ingest(ctx context.Context, inputs []Input, opts IngestOptions) (*Report, error) {
	start := time.Now()
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	known := ws.knownSHAs()
	jobs := make(chan int)
	// Workers run ahead of the committer by a few documents, so that
	// extraction goes on while a batch is indexed.
	results := make(chan parsed, 4*workers)
	var wg sync.WaitGroup
	// With several documents in flight, give each one page worker fewer.
	xo := opts.Extract
	xo.Isolate = xo.Isolate || ws.isolate
	if xo.Workers == 0 && len(inputs) > 1 {
		xo.Workers = max(1, runtime.GOMAXPROCS(0)/workers)
	}
	for range min(workers, max(1, len(inputs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results <- ws.parseOne(ctx, inputs[i], i, known, xo, opts)
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range inputs {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	rep := &Report{Files: make([]FileResult, len(inputs)), Counts: map[string]int{}}
	done := 0
	var fatal error
	for p := range results {
		// Commit every document the workers have finished meanwhile
		// together: one store transaction and one index batch (still
		// atomic per document) instead of one each, which is what keeps
		// indexing from being the bottleneck (index.ReplaceMany).
		group, items := []parsed{p}, len(itemsOf(p))
	drain:
		for len(group) < maxCommitDocs && items < maxCommitItems {
			select {
			case q, ok := <-results:
				if !ok {
					break drain
				}
				group = append(group, q)
				items += len(itemsOf(q))
			default:
				break drain
			}
		}
		var todo []*parsed
		for i := range group {
			if q := &group[i]; q.err == nil && !q.skip {
				todo = append(todo, q)
			}
		}
		var outcomes []Outcome
		var err error
		if fatal == nil && len(todo) > 0 {
			outcomes, err = ws.commit(ctx, todo)
			if err != nil {
				fatal = err
			}
		}
		for _, p := range group {
			fr := FileResult{Path: p.in.Name}
			switch {
			case p.err != nil:
				fr.Outcome, fr.Err, fr.Error = Failed, p.err, p.err.Error()
			case p.skip:
				fr.Outcome = Unchanged
				fr.DocID = known[p.sha]
			case fatal != nil:
				fr.Outcome, fr.Err, fr.Error = Failed, fatal, fatal.Error()
			default:
				fr.Outcome, outcomes = outcomes[0], outcomes[1:]
				fr.DocID, fr.Family, fr.Pages = p.res.Doc.ID, p.res.Doc.Family, p.res.Doc.Pages
				fr.Counts = countKinds(p.res.Items)
				fr.Warnings = append(append([]string(nil), p.doc.Warnings...), p.res.Warnings...)
				fr.Unreadable = p.doc.Unreadable
				rep.Pages += fr.Pages
				for k, n := range fr.Counts {
					rep.Counts[k] += n
				}
			}
			rep.Files[p.i] = fr
			done++
			if opts.Progress != nil {
				opts.Progress(fr, done, len(inputs))
			}
		}
	}
	rep.Duration = time.Since(start)
	if fatal != nil {
		return rep, fatal
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	if err := ws.resolve(ctx); err != nil {
		return rep, err
	}
	return rep, nil
}

func (ws *Workspace) knownSHAs() map[string]string {
	known := map[string]string{}
	ws.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bSHA).ForEach(func(k, v []byte) error {
			known[string(k)] = string(v)
			return nil
		})
	})
	return known
}

func (ws *Workspace) parseOne(ctx context.Context, in Input, i int, known map[string]string, xo extract.Options, opts IngestOptions) parsed {
	p := parsed{in: in, i: i}
	if err := ctx.Err(); err != nil {
		p.err = err
		return p
	}
	data, err := readInput(in, xo.Limits)
	if err != nil {
		p.err = fmt.Errorf("read %s: %w", in.Name, unwrapPath(err))
		return p
	}
	sum := sha256.Sum256(data)
	p.sha = hex.EncodeToString(sum[:])
	if _, ok := known[p.sha]; ok {
		p.skip = true
		return p
	}
	doc, err := xo.Read(ctx, bytes.NewReader(data), int64(len(data)), extract.Unknown, in.Name)
	if err != nil {
		p.err = err
		return p
	}
	if opts.Transform != nil {
		opts.Transform(doc)
	}
	maxItems := opts.MaxItems
	if maxItems <= 0 {
		maxItems = rules.DefaultMaxItems
	}
	res, err := rules.Parse(ctx, doc, rules.Options{Family: opts.Profile, Taxonomy: ws.tax, MaxItems: maxItems})
	if err != nil {
		p.err = err
		return p
	}
	if len(res.Items) >= maxItems {
		noteItemLimit(res, maxItems)
	}
	p.doc, p.res = doc, res
	return p
}

// noteItemLimit makes the warning of a document cut at the item limit name
// the flag that raises it, adding a warning if rules gave none.
func noteItemLimit(res *rules.Result, maxItems int) {
	const raise = " (raise with --max-items)"
	for i, w := range res.Warnings {
		if strings.Contains(w, "limit of "+strconv.Itoa(maxItems)) {
			res.Warnings[i] = w + raise
			return
		}
	}
	res.Warnings = append(res.Warnings, fmt.Sprintf("only the first %d items of this document are kept%s", maxItems, raise))
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func countKinds(items []recmap.Item) map[string]int {
	m := map[string]int{}
	for _, it := range items {
		m[string(it.Kind)]++
	}
	return m
}

// commit stores parsed documents, each replacing an earlier version with
// the same ID, in one transaction that marks them pending, then brings the
// index up to date in one batch and clears the marks (see Crash safety in
// the package documentation). It returns each document's outcome.
func (ws *Workspace) commit(ctx context.Context, ps []*parsed) ([]Outcome, error) {
	outcomes := make([]Outcome, len(ps))
	ids := make([]string, 0, len(ps))
	seen := map[string]bool{}
	err := ws.db.Update(func(tx *bolt.Tx) error {
		for i, p := range ps {
			o, err := storeDoc(tx, p)
			if err != nil {
				return fmt.Errorf("store %s: %w", p.in.Name, err)
			}
			outcomes[i] = o
			if id := p.res.Doc.ID; !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := ws.syncDocs(ctx, ids); err != nil {
		if len(ps) == 1 {
			return nil, fmt.Errorf("store %s: %w", ps[0].in.Name, err)
		}
		return nil, fmt.Errorf("store %d documents: %w", len(ps), err)
	}
	return outcomes, nil
}

// storeDoc stores one parsed document in tx with its pending mark and sets
// p.res.Doc to what was stored.
func storeDoc(tx *bolt.Tx, p *parsed) (Outcome, error) {
	doc := p.res.Doc
	doc.Ingested = time.Now().UTC()
	if doc.ID == "" {
		doc.ID = "sha256:" + p.sha[:12]
	}
	outcome := Added
	var old docRecord
	had, err := getJSON(tx.Bucket(bDocs), doc.ID, &old)
	if err != nil {
		return Failed, err
	}
	if had && old.Doc.Family != doc.Family {
		// The same symbol in a document of another family is another
		// document that cites it (a thematic list, a reply), not a new
		// version: keep both.
		renamed := doc.ID + "~" + p.sha[:8]
		p.res.Warnings = append(p.res.Warnings, fmt.Sprintf("%s is already the ID of %s (%s); this %s is kept beside it as %s", doc.ID, old.Path, old.Doc.Family, doc.Family, renamed))
		for i := range p.res.Items {
			if rest, ok := strings.CutPrefix(p.res.Items[i].ID, doc.ID+"#"); ok {
				p.res.Items[i].ID = renamed + "#" + rest
			}
		}
		doc.ID = renamed
		had, err = getJSON(tx.Bucket(bDocs), doc.ID, &old)
		if err != nil {
			return Failed, err
		}
	}
	newIDs := make([]string, len(p.res.Items))
	keep := make(map[string]bool, len(newIDs))
	for i := range p.res.Items {
		p.res.Items[i].DocID = doc.ID
		newIDs[i] = p.res.Items[i].ID
		keep[newIDs[i]] = true
	}
	if had {
		outcome = Replaced
		var oldIDs []string
		if _, err := getJSON(tx.Bucket(bDocItems), doc.ID, &oldIDs); err != nil {
			return Failed, err
		}
		for _, id := range oldIDs {
			if !keep[id] {
				tx.Bucket(bItems).Delete([]byte(id))
				tx.Bucket(bSuggest).Delete([]byte(id))
			}
		}
		if old.Doc.SHA256 != p.sha {
			tx.Bucket(bSHA).Delete([]byte(old.Doc.SHA256))
		}
	}
	for _, it := range p.res.Items {
		if err := putJSON(tx.Bucket(bItems), it.ID, it); err != nil {
			return Failed, err
		}
	}
	if err := putJSON(tx.Bucket(bDocItems), doc.ID, newIDs); err != nil {
		return Failed, err
	}
	if had && old.Path != p.in.Name {
		p.res.Warnings = append(p.res.Warnings, fmt.Sprintf("new version of %s: replaces %s", doc.ID, old.Path))
	}
	rec := docRecord{Doc: doc, Path: p.in.Name, Warnings: append(append([]string(nil), p.doc.Warnings...), p.res.Warnings...),
		Detection: p.res.Detection, Counts: countKinds(p.res.Items), Unreadable: p.doc.Unreadable}
	if err := putJSON(tx.Bucket(bDocs), doc.ID, rec); err != nil {
		return Failed, err
	}
	if err := tx.Bucket(bSHA).Put([]byte(p.sha), []byte(doc.ID)); err != nil {
		return Failed, err
	}
	if err := tx.Bucket(bPending).Put(pendingDoc(doc.ID), nil); err != nil {
		return Failed, err
	}
	p.res.Doc = doc
	return outcome, nil
}

// resolve applies what one document says about another's items once both
// are in the workspace: the positions (supported / noted) that UPR State
// responses give the Working Group report's recommendations. It runs after
// every ingest, so the order in which the two documents arrive does not
// matter, and a new version of either is resolved again.
func (ws *Workspace) resolve(ctx context.Context) error {
	docs, err := ws.Docs(ctx)
	if err != nil {
		return err
	}
	bySymbol := map[string]string{}
	for _, d := range docs {
		bySymbol[d.ID] = d.ID
		if d.Symbol != "" {
			bySymbol[d.Symbol] = d.ID
		}
	}
	for _, d := range docs {
		if d.Family != recmap.FamilyUPRResponses {
			continue
		}
		resp, err := ws.Items(ctx, d.ID)
		if err != nil {
			return err
		}
		targets := map[string]bool{}
		for _, it := range resp {
			for _, r := range it.References {
				if id, ok := bySymbol[r.Doc]; ok && r.Doc != "" && id != d.ID {
					targets[id] = true
				}
			}
		}
		for wgID := range targets {
			if err := ws.applyPositions(ctx, wgID, resp); err != nil {
				return fmt.Errorf("apply positions of %s to %s: %w", d.ID, wgID, err)
			}
		}
	}
	return nil
}

func (ws *Workspace) applyPositions(ctx context.Context, wgID string, resp []recmap.Item) error {
	wg, err := ws.Items(ctx, wgID)
	if err != nil {
		return err
	}
	before := make([]string, len(wg))
	for i, it := range wg {
		before[i] = it.Position
	}
	rules.ApplyPositions(wg, resp)
	var changed []recmap.Item
	for i, it := range wg {
		if it.Position != before[i] {
			changed = append(changed, it)
		}
	}
	if len(changed) == 0 {
		return nil
	}
	err = ws.db.Update(func(tx *bolt.Tx) error {
		for _, it := range changed {
			if err := putJSON(tx.Bucket(bItems), it.ID, it); err != nil {
				return err
			}
		}
		return tx.Bucket(bPending).Put(pendingDoc(wgID), nil)
	})
	if err != nil {
		return err
	}
	// Re-index the changed items only (one batch up to 1,000 of them,
	// far more than a report has recommendations); a process killed
	// before the mark is cleared re-indexes the whole document on Open.
	entries := make([]index.Entry, len(changed))
	err = ws.db.View(func(tx *bolt.Tx) error {
		var r docRecord
		if _, err := getJSON(tx.Bucket(bDocs), wgID, &r); err != nil {
			return err
		}
		for i, it := range changed {
			entries[i] = index.Entry{Item: it, Doc: r.Doc}
			if it.Kind == recmap.KindRecommendation {
				entries[i].Status = replay(tx, it.ID).Status
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := ws.ix.Update(ctx, entries); err != nil {
		return fmt.Errorf("index %s: %w", wgID, err)
	}
	return ws.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bPending).Delete(pendingDoc(wgID)) })
}
