package workspace

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/recmap/recmap"
)

// State is a recommendation's current state: the replay of its decisions.
type State struct {
	Rec      string           `json:"rec"`
	Links    []string         `json:"links,omitempty"`    // confirmed actions and provisions, in the order linked
	Rejected []string         `json:"rejected,omitempty"` // suggestions an analyst rejected
	Repeats  []string         `json:"repeats,omitempty"`  // confirmed predecessors in earlier rounds
	Status   string           `json:"status,omitempty"`
	Evidence string           `json:"evidence,omitempty"`
	Comment  string           `json:"comment,omitempty"`
	Last     *recmap.Decision `json:"last,omitempty"`
}

// Apply folds one decision into the state.
func (s *State) Apply(d recmap.Decision) {
	switch d.Op {
	case recmap.OpLink:
		s.Links = addOnce(s.Links, d.Target)
		s.Rejected = slices.DeleteFunc(s.Rejected, func(x string) bool { return x == d.Target })
	case recmap.OpUnlink:
		s.Links = slices.DeleteFunc(s.Links, func(x string) bool { return x == d.Target })
		s.Repeats = slices.DeleteFunc(s.Repeats, func(x string) bool { return x == d.Target })
	case recmap.OpReject:
		s.Links = slices.DeleteFunc(s.Links, func(x string) bool { return x == d.Target })
		s.Repeats = slices.DeleteFunc(s.Repeats, func(x string) bool { return x == d.Target })
		s.Rejected = addOnce(s.Rejected, d.Target)
	case recmap.OpRepeat:
		s.Repeats = addOnce(s.Repeats, d.Target)
	case recmap.OpStatus:
		s.Status = d.Value
	case recmap.OpEvidence:
		s.Evidence = d.Value
	case recmap.OpComment:
		s.Comment = d.Value
	}
	dd := d
	s.Last = &dd
}

func addOnce(list []string, v string) []string {
	if slices.Contains(list, v) {
		return list
	}
	return append(list, v)
}

// bStates caches each recommendation's State, the fold of its decisions:
// rec ID → JSON State. Decide updates it in the transaction that appends
// the decisions, so reading a state costs the same whatever the length of
// the history. Its key statesSeq holds the decisions bucket's sequence when
// the cache was last written: a cache that lags behind the decisions (a
// workspace written by a recmap without it) is not read, and the next
// Decide rebuilds it from the decisions.
var (
	bStates   = []byte("states")
	statesSeq = []byte("\x00seq") // no recommendation ID starts with a NUL
)

// replay returns a recommendation's state: the cached fold when the cache
// is current, else the fold of its decisions.
func replay(tx *bolt.Tx, rec string) State {
	if s, ok := cachedState(tx, rec); ok {
		return s
	}
	return fold(tx, rec)
}

// fold builds a recommendation's state from its decisions.
func fold(tx *bolt.Tx, rec string) State {
	s := State{Rec: rec}
	for _, d := range history(tx, rec) {
		s.Apply(d)
	}
	return s
}

// statesCurrent returns the state cache when it covers every decision.
func statesCurrent(tx *bolt.Tx) *bolt.Bucket {
	b := tx.Bucket(bStates)
	if b == nil {
		return nil
	}
	want := tx.Bucket(bDecisions).Sequence()
	got := b.Get(statesSeq)
	if (got == nil && want != 0) || (got != nil && !bytes.Equal(got, seqKey(want))) {
		return nil
	}
	return b
}

// cachedState reads rec's state from a current cache.
func cachedState(tx *bolt.Tx, rec string) (State, bool) {
	b := statesCurrent(tx)
	if b == nil {
		return State{}, false
	}
	return stateIn(b, rec)
}

// stateIn reads rec's state from the cache b.
func stateIn(b *bolt.Bucket, rec string) (State, bool) {
	raw := b.Get([]byte(rec))
	if raw == nil {
		return State{Rec: rec}, true // no decisions
	}
	var s State
	if err := json.Unmarshal(raw, &s); err != nil {
		return State{}, false
	}
	return s, true
}

// openStates returns the state cache for writing, rebuilt from every
// decision when it is missing or behind.
func openStates(tx *bolt.Tx) (*bolt.Bucket, error) {
	if b := statesCurrent(tx); b != nil {
		return b, nil
	}
	if tx.Bucket(bStates) != nil {
		if err := tx.DeleteBucket(bStates); err != nil {
			return nil, fmt.Errorf("rebuild state cache: %w", err)
		}
	}
	b, err := tx.CreateBucket(bStates)
	if err != nil {
		return nil, fmt.Errorf("rebuild state cache: %w", err)
	}
	all, err := foldAll(tx)
	if err != nil {
		return nil, fmt.Errorf("rebuild state cache: %w", err)
	}
	for rec, s := range all {
		if err := putJSON(b, rec, s); err != nil {
			return nil, fmt.Errorf("rebuild state cache: %w", err)
		}
	}
	if err := b.Put(statesSeq, seqKey(tx.Bucket(bDecisions).Sequence())); err != nil {
		return nil, fmt.Errorf("rebuild state cache: %w", err)
	}
	return b, nil
}

// foldAll folds every decision into the states of their recommendations.
func foldAll(tx *bolt.Tx) (map[string]State, error) {
	out := map[string]State{}
	err := tx.Bucket(bDecisions).ForEach(func(_, v []byte) error {
		var d recmap.Decision
		if err := json.Unmarshal(v, &d); err != nil {
			return err
		}
		s, ok := out[d.Rec]
		if !ok {
			s = State{Rec: d.Rec}
		}
		s.Apply(d)
		out[d.Rec] = s
		return nil
	})
	return out, err
}

func history(tx *bolt.Tx, rec string) []recmap.Decision {
	var out []recmap.Decision
	prefix := append([]byte(rec), 0)
	c := tx.Bucket(bRecDec).Cursor()
	decs := tx.Bucket(bDecisions)
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		raw := decs.Get(k[len(prefix):])
		var d recmap.Decision
		if raw != nil && json.Unmarshal(raw, &d) == nil {
			out = append(out, d)
		}
	}
	return out
}

// History returns every decision about a recommendation, oldest first.
func (ws *Workspace) History(ctx context.Context, rec string) ([]recmap.Decision, error) {
	var out []recmap.Decision
	err := ws.db.View(func(tx *bolt.Tx) error {
		out = history(tx, rec)
		return nil
	})
	return out, err
}

// State returns a recommendation's current state.
func (ws *Workspace) State(ctx context.Context, rec string) (State, error) {
	var s State
	err := ws.db.View(func(tx *bolt.Tx) error {
		s = replay(tx, rec)
		return nil
	})
	return s, err
}

// States returns the current state of every recommendation that has
// decisions, keyed by recommendation ID.
func (ws *Workspace) States(ctx context.Context) (map[string]State, error) {
	var out map[string]State
	err := ws.db.View(func(tx *bolt.Tx) error {
		b := statesCurrent(tx)
		if b == nil {
			var err error
			out, err = foldAll(tx)
			return err
		}
		out = map[string]State{}
		return b.ForEach(func(k, v []byte) error {
			if bytes.Equal(k, statesSeq) {
				return nil
			}
			var s State
			if err := json.Unmarshal(v, &s); err != nil {
				return fmt.Errorf("state of %s: %w", k, err)
			}
			out[string(k)] = s
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read decisions: %w", err)
	}
	return out, nil
}

// Decide records decisions in one durable transaction, after checking that
// each names a known recommendation and, for links, a known target. It
// returns the decisions as stored (with sequence number and time). Either
// all are recorded or none is.
func (ws *Workspace) Decide(ctx context.Context, ds ...recmap.Decision) ([]recmap.Decision, error) {
	now := time.Now().UTC()
	out := make([]recmap.Decision, 0, len(ds))
	recs := map[string]bool{}
	err := ws.db.Update(func(tx *bolt.Tx) error {
		items := tx.Bucket(bItems)
		cache, err := openStates(tx)
		if err != nil {
			return err
		}
		changed := map[string]State{}
		for _, d := range ds {
			d, err := validate(items, d)
			if err != nil {
				return err
			}
			st, ok := changed[d.Rec]
			if !ok {
				if st, ok = stateIn(cache, d.Rec); !ok {
					st = fold(tx, d.Rec) // an unreadable entry: start again from the history
				}
			}
			seq, err := tx.Bucket(bDecisions).NextSequence()
			if err != nil {
				return err
			}
			d.Seq = seq
			if d.Time.IsZero() {
				d.Time = now
			}
			if err := putJSON(tx.Bucket(bDecisions), string(seqKey(seq)), d); err != nil {
				return err
			}
			if err := tx.Bucket(bRecDec).Put(append(append([]byte(d.Rec), 0), seqKey(seq)...), nil); err != nil {
				return err
			}
			if d.Op == recmap.OpStatus {
				recs[d.Rec] = true
				if err := tx.Bucket(bPending).Put(pendingItem(d.Rec), nil); err != nil {
					return err
				}
			}
			st.Apply(d)
			changed[d.Rec] = st
			out = append(out, d)
		}
		return putStates(cache, changed, tx.Bucket(bDecisions).Sequence())
	})
	if err != nil {
		return nil, fmt.Errorf("record decision: %w", err)
	}
	for rec := range recs {
		if err := ws.syncItem(ctx, rec); err != nil {
			// The decision is saved; the index catches up on the next Open.
			return out, fmt.Errorf("decision saved, but the search index is behind (it catches up on the next run): %w", err)
		}
	}
	return out, nil
}

// putStates writes changed states to the cache and marks it current up to
// the decision sequence seq.
func putStates(cache *bolt.Bucket, changed map[string]State, seq uint64) error {
	for rec, st := range changed {
		if err := putJSON(cache, rec, st); err != nil {
			return fmt.Errorf("cache state of %s: %w", rec, err)
		}
	}
	return cache.Put(statesSeq, seqKey(seq))
}

func validate(items *bolt.Bucket, d recmap.Decision) (recmap.Decision, error) {
	var rec recmap.Item
	ok, err := getJSON(items, d.Rec, &rec)
	if err != nil {
		return d, err
	}
	if !ok {
		return d, &NotFoundError{Kind: "recommendation", Ref: d.Rec}
	}
	if rec.Kind != recmap.KindRecommendation {
		return d, fmt.Errorf("%s is a %s, not a recommendation", d.Rec, rec.Kind)
	}
	if d.User == "" {
		return d, fmt.Errorf("decision on %s: no user given", d.Rec)
	}
	switch d.Op {
	case recmap.OpLink, recmap.OpUnlink, recmap.OpReject, recmap.OpRepeat:
		if d.Target == "" {
			return d, fmt.Errorf("%s %s: no target item given", d.Op, d.Rec)
		}
		if items.Get([]byte(d.Target)) == nil && d.Op != recmap.OpUnlink {
			return d, fmt.Errorf("%s %s: %w", d.Op, d.Rec, &NotFoundError{Kind: "target", Ref: d.Target})
		}
	case recmap.OpStatus:
		if d.Value != "" {
			v, ok := recmap.ValidStatus(d.Value)
			if !ok {
				return d, fmt.Errorf("status %q for %s: not one of %q", d.Value, d.Rec, recmap.Statuses)
			}
			d.Value = v
		}
	case recmap.OpEvidence, recmap.OpComment:
	default:
		return d, fmt.Errorf("decision on %s: unknown operation %q", d.Rec, d.Op)
	}
	return d, nil
}

// PutSuggestions replaces the stored suggestions of the given
// recommendations. Suggestions are derived data: Map recomputes them, and
// they never change a decision.
func (ws *Workspace) PutSuggestions(ctx context.Context, byRec map[string][]recmap.Suggestion) error {
	err := ws.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bSuggest)
		for rec, s := range byRec {
			if err := putJSON(b, rec, s); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store suggestions: %w", err)
	}
	return nil
}

// Suggestions returns the stored suggestions for a recommendation, best
// first.
func (ws *Workspace) Suggestions(ctx context.Context, rec string) ([]recmap.Suggestion, error) {
	var out []recmap.Suggestion
	err := ws.db.View(func(tx *bolt.Tx) error {
		_, err := getJSON(tx.Bucket(bSuggest), rec, &out)
		return err
	})
	return out, err
}
