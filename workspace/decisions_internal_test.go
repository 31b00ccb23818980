package workspace

import (
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/recmap/recmap"
)

// TestStateCacheRebuilt checks that a cache behind the decisions (as a
// recmap without it leaves a workspace) is not read, and that the next
// decision rebuilds it.
func TestStateCacheRebuilt(t *testing.T) {
	ctx := t.Context()
	ws, err := Open(ctx, t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	in := Input{Name: "r.md", Read: func() ([]byte, error) {
		return []byte("# Report\n\nGRETA(2097)05\n\n11. **GRETA urges the authorities to make compensation accessible.**\n\n12. **GRETA invites the authorities to train judges.**\n"), nil
	}}
	if _, err := ws.Ingest(ctx, []Input{in}, IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	const rec = "GRETA(2097)05#11"
	decide := func(v string) {
		t.Helper()
		if _, err := ws.Decide(ctx, recmap.Decision{Rec: rec, Op: recmap.OpComment, Value: v, User: "a"}); err != nil {
			t.Fatal(err)
		}
	}
	decide("one")
	// Another recmap appends a decision without touching the cache.
	err = ws.db.Update(func(tx *bolt.Tx) error {
		seq, _ := tx.Bucket(bDecisions).NextSequence()
		if err := putJSON(tx.Bucket(bDecisions), string(seqKey(seq)), recmap.Decision{Seq: seq, Rec: rec, Op: recmap.OpStatus, Value: "implemented", User: "old"}); err != nil {
			return err
		}
		return tx.Bucket(bRecDec).Put(append(append([]byte(rec), 0), seqKey(seq)...), nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	st, err := ws.State(ctx, rec)
	if err != nil || st.Status != "implemented" || st.Comment != "one" {
		t.Fatalf("state with a stale cache: %+v, %v; want the replay", st, err)
	}
	decide("two")
	err = ws.db.View(func(tx *bolt.Tx) error {
		if statesCurrent(tx) == nil {
			t.Error("cache not current after a decision")
		}
		st, ok := cachedState(tx, rec)
		if !ok || st.Status != "implemented" || st.Comment != "two" {
			t.Errorf("cached state %+v (%v), want status implemented, comment two", st, ok)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
