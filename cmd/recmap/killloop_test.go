package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/matrix"
	"github.com/recmap/recmap/workspace"
)

// buildRecmap builds the recmap binary into a temporary folder.
func buildRecmap(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("uses SIGKILL and flock semantics of Unix")
	}
	bin := filepath.Join(t.TempDir(), "recmap")
	cmd := exec.CommandContext(t.Context(), "go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// child runs the recmap binary on workspace ws.
func child(ctx context.Context, bin, ws string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "RECMAP_DATA="+ws, "RECMAP_TAXONOMY=")
	return cmd
}

// savedRE matches what the CLI prints for a decision it has recorded:
// "link REC → TARGET (decision N by USER)", "status of REC set to … (decision
// N by USER)" and import's "applied  cell P7: REC status … (decision N)".
var (
	savedRE   = regexp.MustCompile(`\(decision ([0-9]+)( by [^)]*)?\)\s*$`)
	linkRE    = regexp.MustCompile(`^link (\S+) → `)
	statusRE  = regexp.MustCompile(`^status of (\S+) set to `)
	appliedRE = regexp.MustCompile(`^applied\s+cell \S+: (\S+) `)
)

// saved is a decision a child printed as saved.
type saved struct {
	rec  string
	seq  int
	line string
}

func parseSaved(out string) []saved {
	var s []saved
	for _, l := range strings.Split(out, "\n") {
		m := savedRE.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		seq, _ := strconv.Atoi(m[1])
		for _, re := range []*regexp.Regexp{linkRE, statusRE, appliedRE} {
			if r := re.FindStringSubmatch(l); r != nil {
				s = append(s, saved{rec: r[1], seq: seq, line: l})
				break
			}
		}
	}
	return s
}

// TestKillLoop starts recmap children doing ingest, map, decisions, import
// and export, SIGKILLs each at a random moment, and then checks that the
// workspace opens, passes 'recmap check' without repair, and that every
// decision a child printed as saved is in 'recmap history'.
//
// Acceptable outcome: check passes directly after every kill, because Open
// finishes the index work a killed process left pending (the store is
// written first in one fsynced bbolt transaction, the index after it). A
// kill that needs 'check --repair' is counted and fails the test, since it
// would mean Open left work undone.
func TestKillLoop(t *testing.T) {
	if testing.Short() {
		t.Skip("kill loop: builds recmap and runs it about 200 times")
	}
	bin := buildRecmap(t)
	ctx := t.Context()
	tmp := t.TempDir()
	ws := filepath.Join(tmp, "ws")
	corpus := writeSample(t, filepath.Join(tmp, "sample"))

	iterations := 120
	if s := os.Getenv("RECMAP_KILLS"); s != "" {
		iterations, _ = strconv.Atoi(s)
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("RECMAP_KILL_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("seed %d (set RECMAP_KILL_SEED to repeat)", seed)
	rng := rand.New(rand.NewPCG(seed, 1))

	var (
		kills, finished, repairs int
		confirmed                []saved
		recs, targets            []string
	)
	ops := map[string]int{}
	// took is each operation's typical run time, learnt from the runs that
	// finished; a kill comes at a uniform moment within it.
	took := map[string]time.Duration{}
	for i := range iterations {
		if len(recs) == 0 {
			recs, targets = workspaceIDs(t, ctx, ws)
		}
		op := "ingest"
		if len(recs) > 0 {
			op = []string{"ingest", "map", "link", "link", "status", "status", "import", "export"}[rng.IntN(8)]
		}
		var args []string
		budget := 300 * time.Millisecond
		switch op {
		case "ingest":
			// The sample corpus (unchanged after the first complete run)
			// plus one new text document, so that every run commits.
			note := filepath.Join(tmp, fmt.Sprintf("note-%03d.txt", i))
			os.WriteFile(note, []byte(fmt.Sprintf("Kill-loop note %d\n\n1. The ministry reports on victim identification, run %d.\n\n2. Shelters received funding in run %d.\n", i, i, i)), 0o644)
			args = append(append([]string{"ingest"}, corpus...), note)
			budget = 900 * time.Millisecond
		case "map":
			args = []string{"map"}
			budget = 500 * time.Millisecond
		case "link":
			args = []string{"link", "--user", "kill", recs[rng.IntN(len(recs))], targets[rng.IntN(len(targets))]}
		case "status":
			args = []string{"status", "--user", "kill", recs[rng.IntN(len(recs))], recmap.Statuses[rng.IntN(len(recmap.Statuses))]}
		case "import":
			wb := filepath.Join(tmp, fmt.Sprintf("edited-%03d.xlsx", i))
			editedMatrix(t, ctx, ws, wb, rng, i)
			args = []string{"import", "--user", "kill", wb}
			budget = 500 * time.Millisecond
		case "export":
			args = []string{"export", filepath.Join(tmp, "out.xlsx")}
			budget = 250 * time.Millisecond
		}
		ops[op]++
		var stdout, stderr bytes.Buffer
		cmd := child(ctx, bin, ws, args...)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		if d, ok := took[op]; ok {
			budget = d * 95 / 100
		}
		var kill <-chan time.Time // nil: let it finish (one run in six)
		if rng.IntN(6) > 0 {
			kill = time.After(time.Duration(rng.Int64N(int64(budget))))
		}
		start := time.Now()
		select {
		case err := <-done:
			if d, ok := took[op]; ok {
				took[op] = (d + time.Since(start)) / 2
			} else {
				took[op] = time.Since(start)
			}
			finished++
			if code := cmd.ProcessState.ExitCode(); code != 0 && code != 3 {
				t.Errorf("iteration %d: recmap %s (not killed) failed: %v\n%s", i, strings.Join(args, " "), err, stderr.String())
			}
		case <-kill:
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
			kills++
		}
		if strings.Contains(stderr.String(), "panic:") {
			t.Errorf("iteration %d: recmap %s panicked:\n%s", i, op, stderr.String())
		}
		confirmed = append(confirmed, parseSaved(stdout.String())...)

		// The workspace must open and pass check without repair.
		out, err := child(ctx, bin, ws, "check").CombinedOutput()
		if err != nil {
			repairs++
			t.Errorf("iteration %d: check after killing %s: %v\n%s", i, op, err, out)
			if out, err := child(ctx, bin, ws, "check", "--repair").CombinedOutput(); err != nil {
				t.Fatalf("iteration %d: check --repair: %v\n%s", i, err, out)
			}
			if out, err := child(ctx, bin, ws, "check").CombinedOutput(); err != nil {
				t.Fatalf("iteration %d: check after repair: %v\n%s", i, err, out)
			}
		}
	}

	lost := 0
	byRec := map[string][]saved{}
	for _, s := range confirmed {
		byRec[s.rec] = append(byRec[s.rec], s)
	}
	for rec, ss := range byRec {
		var out bytes.Buffer
		cmd := child(ctx, bin, ws, "history", rec)
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			t.Fatalf("history %s: %v\n%s", rec, err, out.String())
		}
		have := map[int]bool{}
		for _, l := range strings.Split(out.String(), "\n") {
			if f := strings.Fields(l); len(f) > 0 {
				if n, err := strconv.Atoi(f[0]); err == nil {
					have[n] = true
				}
			}
		}
		for _, s := range ss {
			if !have[s.seq] {
				lost++
				t.Errorf("decision %d on %s was printed as saved but is not in history: %q", s.seq, rec, s.line)
			}
		}
	}
	t.Logf("kill loop: %d iterations (%v), %d killed, %d finished; check needed repair %d times; decisions confirmed %d, lost %d",
		iterations, ops, kills, finished, repairs, len(confirmed), lost)
	if kills < min(50, iterations/2) {
		t.Errorf("only %d of %d children were killed", kills, iterations)
	}
}

// workspaceIDs returns the recommendations and actions of ws, none when
// the sample corpus is not ingested yet.
func workspaceIDs(t *testing.T, ctx context.Context, ws string) (recs, targets []string) {
	t.Helper()
	w, err := workspace.Open(ctx, ws, workspace.Options{})
	if err != nil {
		t.Fatalf("open %s: %v", ws, err)
	}
	defer w.Close()
	items, err := w.Select(ctx, workspace.Filter{Kinds: []recmap.Kind{recmap.KindRecommendation, recmap.KindAction}})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		switch it.Kind {
		case recmap.KindRecommendation:
			recs = append(recs, it.ID)
		case recmap.KindAction:
			targets = append(targets, it.ID)
		}
	}
	if len(recs) == 0 || len(targets) == 0 {
		return nil, nil
	}
	return recs, targets
}

// editedMatrix exports ws in process and edits a few Status and Comments
// cells, as staff would.
func editedMatrix(t *testing.T, ctx context.Context, ws, path string, rng *rand.Rand, i int) {
	t.Helper()
	var out bytes.Buffer
	if err := run(ctx, []string{"export", "--data", ws, path}, &out, &out); err != nil {
		t.Fatalf("export for import: %v\n%s", err, out.String())
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	l := findLayout(t, x)
	for range 3 {
		r := rng.IntN(len(l.rows))
		x.SetCellStr(matrix.SheetMatrix, l.cell(matrix.ColStatus, r), recmap.Statuses[rng.IntN(len(recmap.Statuses))])
		x.SetCellStr(matrix.SheetMatrix, l.cell(matrix.ColComments, r), fmt.Sprintf("kill-loop edit %d", i))
	}
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
}

// TestLockedSecondProcess holds a workspace open in this process and checks
// that a recmap process opening it is told clearly that it is locked, by
// whom, with exit code 1, and changes nothing.
func TestLockedSecondProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("builds recmap")
	}
	bin := buildRecmap(t)
	ctx := t.Context()
	ws := filepath.Join(t.TempDir(), "ws")
	w, err := workspace.Open(ctx, ws, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd := child(ctx, bin, ws, "ingest", writeSample(t, t.TempDir())[0])
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != exitFailure {
		t.Errorf("second process: exit code %d, want %d (err %v)", code, exitFailure, err)
	}
	for _, want := range []string{"workspace is locked by another recmap process", fmt.Sprintf("process %d", os.Getpid()), "try again"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("second process output lacks %q:\n%s", want, out.String())
		}
	}
	w.Close()

	// Released: the same command now works.
	out.Reset()
	cmd = child(ctx, bin, ws, "check")
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Errorf("after release: check: %v\n%s", err, out.String())
	}
}
