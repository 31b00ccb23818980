package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/recmap/recmap/extract/extracttest"
)

// TestHostileBatch ingests every hostile case, a named pipe and a device in
// one batch with the built recmap, a good report placed after them: the
// process survives, each bad file gets a message naming it, the good file
// is added and the batch exits 3.
func TestHostileBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("builds recmap and reads the hostile inputs (about a minute)")
	}
	bin := buildRecmap(t)
	dir := t.TempDir()
	var files []string
	write := func(name string, data []byte) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	for name, data := range extracttest.PDFs() {
		if name != "ok" {
			write(name+".pdf", data)
		}
	}
	for name, data := range extracttest.Others() {
		write(name, data)
	}
	fifo := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	files = append(files, fifo, "/dev/zero")
	write("zz-good-report.pdf", extracttest.PDFs()["ok"])

	ws := filepath.Join(t.TempDir(), "ws")
	cmd := child(t.Context(), bin, ws, append([]string{"ingest", "--json", "--timeout", "3s", "--max-memory", "600"}, files...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	t.Logf("batch of %d files in %s", len(files), time.Since(start).Round(time.Millisecond))
	if code := cmd.ProcessState.ExitCode(); code != 3 {
		t.Fatalf("exit %d (%v), want 3\n%s\n%s", code, err, stdout.String(), stderr.String())
	}
	var rep struct {
		Files []struct{ Path, Outcome, Error string }
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("ingest --json: %v\n%s", err, stdout.String())
	}
	if len(rep.Files) != len(files) {
		t.Fatalf("%d files reported, want %d", len(rep.Files), len(files))
	}
	for _, f := range rep.Files {
		switch {
		case strings.HasSuffix(f.Path, "zz-good-report.pdf") && f.Outcome != "added":
			t.Errorf("the good report after the hostile files: %s %s", f.Outcome, f.Error)
		case f.Outcome == "failed" && !strings.Contains(f.Error, filepath.Base(f.Path)):
			t.Errorf("the error for %s does not name it: %s", f.Path, f.Error)
		}
		t.Logf("%-28s %-7s %.110s", filepath.Base(f.Path), f.Outcome, f.Error)
	}
	if strings.Contains(stderr.String(), "goroutine ") || strings.Contains(stderr.String(), "panic") {
		t.Errorf("a Go runtime crash reached the user:\n%s", stderr.String())
	}
}
