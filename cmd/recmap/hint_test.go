package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/recmap/recmap/workspace"
)

// A reference to something the workspace does not hold fails with the
// workspace's error, which names no command (the web server shows it too),
// and the CLI adds which command lists what exists.
func TestNotFoundHint(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		hint string
	}{
		{[]string{"link", "--data", dir, "GRETA(2099)01#99", "HU-NAP#1"}, "recmap search --kind recommendation"},
		{[]string{"history", "--data", dir, "GRETA(2099)01#99"}, "find its ID with 'recmap search'"},
	} {
		var stdout, stderr bytes.Buffer
		err := run(t.Context(), tc.args, &stdout, &stderr)
		if !errors.Is(err, workspace.ErrNotFound) {
			t.Fatalf("%v: error %v, want one wrapping ErrNotFound", tc.args, err)
		}
		if strings.Contains(err.Error(), "recmap ") {
			t.Errorf("%v: the workspace's error names a command: %v", tc.args, err)
		}
		if code := exitCode(err, &stderr); code != exitFailure {
			t.Errorf("%v: exit %d, want %d", tc.args, code, exitFailure)
		}
		if !strings.Contains(stderr.String(), "what to do: ") || !strings.Contains(stderr.String(), tc.hint) {
			t.Errorf("%v: stderr %q, want a hint naming %q", tc.args, stderr.String(), tc.hint)
		}
	}

	// remove is a batch: it reports each document it cannot find, with the
	// hint, and goes on.
	var stdout, stderr bytes.Buffer
	err := run(t.Context(), []string{"remove", "--data", dir, "GRETA(2099)01"}, &stdout, &stderr)
	var pe *partialError
	if !errors.As(err, &pe) {
		t.Fatalf("remove: error %v, want a partial failure", err)
	}
	if !strings.Contains(stderr.String(), "what to do: 'recmap docs' lists the documents") {
		t.Errorf("remove: stderr %q, want the hint to 'recmap docs'", stderr.String())
	}
}
