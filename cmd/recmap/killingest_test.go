package main

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestKillDuringIngest kills an ingest of the sample corpus part-way, at
// several moments, then ingests the same files again to completion: the
// second run must finish, and the workspace must hold every document
// exactly once with the same items as an ingest that was never
// interrupted, the index agreeing with the store.
func TestKillDuringIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds recmap and runs it as a child process")
	}
	bin := buildRecmap(t)
	ctx := t.Context()
	corpus := writeSample(t, filepath.Join(t.TempDir(), "sample"))
	ingest := append([]string{"ingest"}, corpus...)

	ref := filepath.Join(t.TempDir(), "ref")
	if out, err := child(ctx, bin, ref, ingest...).CombinedOutput(); err != nil {
		t.Fatalf("reference ingest: %v\n%s", err, out)
	}
	want := docCounts(t, ctx, bin, ref)
	for _, after := range []time.Duration{50 * time.Millisecond, 150 * time.Millisecond, 300 * time.Millisecond, 600 * time.Millisecond} {
		ws := filepath.Join(t.TempDir(), "ws")
		cmd := child(ctx, bin, ws, ingest...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
			t.Logf("kill after %s: ingest had already finished", after)
		case <-time.After(after):
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
		}
		if out, err := child(ctx, bin, ws, ingest...).CombinedOutput(); err != nil {
			t.Fatalf("kill after %s: second ingest: %v\n%s", after, err, out)
		}
		if got := docCounts(t, ctx, bin, ws); !maps.Equal(got, want) {
			t.Errorf("kill after %s: documents and item counts %v, want %v", after, got, want)
		}
		if out, err := child(ctx, bin, ws, "check").CombinedOutput(); err != nil {
			t.Errorf("kill after %s: check: %v\n%s", after, err, out)
		}
	}
}

// docCounts returns each document of a workspace with its item counts.
func docCounts(t *testing.T, ctx context.Context, bin, ws string) map[string]string {
	t.Helper()
	out, err := child(ctx, bin, ws, "docs", "--json").Output()
	if err != nil {
		t.Fatalf("docs: %v", err)
	}
	var docs []struct {
		ID     string         `json:"id"`
		Counts map[string]int `json:"counts"`
	}
	if err := json.Unmarshal(out, &docs); err != nil {
		t.Fatalf("docs --json: %v\n%s", err, out)
	}
	m := map[string]string{}
	for _, d := range docs {
		if _, dup := m[d.ID]; dup {
			t.Errorf("document %s listed twice", d.ID)
		}
		m[d.ID] = fmt.Sprint(d.Counts)
	}
	return m
}
