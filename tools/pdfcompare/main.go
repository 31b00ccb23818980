// Command pdfcompare measures the PDF reader of package extract against
// poppler's pdftotext, which must be installed (it is a reference for this
// evaluation only; recmap itself never calls it): how faithful our text is,
// and how fast and lean we are.
//
// Usage:
//
//	go run ./tools/pdfcompare [-pdftotext path] [-min 0.98] [-v] [-json | -table] FILE.pdf...
//	go run ./tools/pdfcompare -bench [-runs N] [-json | -table] FILE.pdf...
//	go run ./tools/pdfcompare -text FILE.pdf...   # print our text only
//
// # Fidelity
//
// For each file it prints a line with:
//
//   - status: ok, low, unreadable, garbage or error (below).
//   - free: the order-free word agreement 2·|A∩B|/(|A|+|B|), A and B the
//     multisets of our words and pdftotext's: a word counts as often as it
//     occurs in both, wherever it occurs. Words are maximal runs of letters
//     and digits, lower-cased and NFKC-normalised, so punctuation,
//     hyphenation marks and spacing do not count. It says whether the words
//     are right, whatever their order.
//   - order: the reading-order agreement 2·L/(n+m), L the longest common
//     subsequence of the two word sequences: whether the words come in the
//     same order. It is exact (Myers' O(ND) algorithm) unless the texts
//     differ by more than some 25 000 insertions and deletions (for a
//     160 000-word file; the bound grows with the square root of the size).
//     Beyond that L is the length of a common subsequence found by anchoring
//     on words that occur once in each text, a lower bound, printed "≥0.8123".
//     lcs.go tells the details.
//   - words: our word count / pdftotext's.
//   - numbered: how many lines of pdftotext -layout's output that start with
//     a paragraph number ("115.23", "54.") are the Number of one of our
//     paragraphs; the numbers that are not are listed.
//   - removed: the lines extract removed as running headers, footers and
//     page numbers (-v prints them, and extract's warnings).
//
// Our text is the paragraphs in order, with each page's footnotes after the
// paragraphs that start on that page (where pdftotext prints them). The
// running headers, footers and page numbers that extract removes on purpose
// are removed from pdftotext's text too, page by page: a removed line's
// words are cut from the page's reference words where they occur in a row.
// So both agreements measure the body text.
//
// A file's status:
//
//	ok          order-free agreement ≥ -min
//	low         order-free agreement in [0.9, -min)
//	unreadable  extract reported that the text layer does not decode: the
//	            whole document (extract.ErrUnreadableText) or some pages
//	            (Document.Unreadable, named in a warning)
//	garbage     order-free agreement below 0.9 without such a report: wrong
//	            text handed out as right, the worst case. A file with some
//	            unreadable pages is garbage when the agreement on its other
//	            pages is below 0.9.
//	error       pdftotext or extract failed on the file
//
// The last line sums up the run, e.g.
//
//	45 files: 40 ≥ 0.98 order-free, 3 in [0.9, 0.98), 1 reported unreadable, 1 garbage (below 0.9 without a warning): P0121D01.pdf; reading order mean 0.970 (over 44 files)
//
// where the reading-order mean leaves out the files reported unreadable or
// failed, and says how many of its terms are lower bounds.
//
// -json prints instead one JSON object: "files", a row per file with every
// measure above, and "summary", the counts and the summary line. -table
// prints a Markdown table (file, pages, words ours/ref, order-free, reading
// order, status) followed by the summary line.
//
// # Speed and memory
//
// -bench runs, for each file, pdftotext (pdftotext -enc UTF-8 FILE -, the
// text discarded) and our extraction (pdfcompare itself in a child process
// that calls extract.File and discards the document) -runs times each,
// alternating, and prints the fastest wall time of each side, their ratio,
// the least CPU time (user + system: our extraction reads pages in
// parallel, pdftotext does not) and the peak resident set size (getrusage
// ru_maxrss; the highest of the runs, as memory is a limit to stay under),
// then the totals:
//
//	total: recmap 4.8 s, pdftotext 9.4 s, ratio 0.51; peak memory 180 MB (P0077D01.pdf), pdftotext 16 MB (P0077D01.pdf); CPU recmap 8.0 s, pdftotext 9.4 s; fastest of 3 runs
//
// The child runs the garbage collector at GOGC=400, as cmd/recmap's batch
// commands do, unless GOGC is set (it is passed on). A file extract reports
// unreadable is timed like any other and noted. -json and -table print the
// same rows as JSON or Markdown.
//
// # Exit status
//
//	0  every file reaches -min or is reported unreadable (-bench: every
//	   file was measured)
//	1  the run could not be done
//	2  usage error
//	3  the run finished but some file is low, garbage or failed
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/recmap/recmap/extract"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

var (
	errUsage      = errors.New("usage: pdfcompare [-pdftotext path] [-min 0.98] [-v] [-json | -table] [-bench [-runs N]] [-text] FILE.pdf...")
	errIncomplete = errors.New("not every file passed") // the run finished; exit status 3
)

// exitCode maps run's error to the exit status documented above.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	fmt.Fprintln(stderr, "pdfcompare:", err)
	switch {
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errIncomplete):
		return 3
	}
	return 1
}

// config is the command line.
type config struct {
	pdftotext string
	min       float64
	verbose   bool
	text      bool
	bench     bool
	runs      int
	format    string // "", "json" or "table"
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 2 && args[0] == workerFlag {
		return extractOnly(ctx, args[1], stdout)
	}
	fs := flag.NewFlagSet("pdfcompare", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg config
	var asJSON, asTable bool
	fs.StringVar(&cfg.pdftotext, "pdftotext", "/usr/bin/pdftotext", "path of poppler's pdftotext")
	fs.Float64Var(&cfg.min, "min", 0.98, "order-free agreement a file must reach")
	fs.BoolVar(&cfg.verbose, "v", false, "print the lines extract removed as headers, footers and page numbers, and its warnings")
	fs.BoolVar(&cfg.text, "text", false, "print our text of each file instead of comparing")
	fs.BoolVar(&cfg.bench, "bench", false, "measure time and peak memory of pdftotext and of our extraction")
	fs.IntVar(&cfg.runs, "runs", 1, "with -bench, runs of each side per file (the fastest counts)")
	fs.BoolVar(&asJSON, "json", false, "print a JSON object with a row per file and the summary")
	fs.BoolVar(&asTable, "table", false, "print a Markdown table with a row per file and the summary line")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() == 0 || (asJSON && asTable) || (cfg.text && cfg.bench) || cfg.runs < 1 {
		return errUsage
	}
	if asJSON {
		cfg.format = "json"
	} else if asTable {
		cfg.format = "table"
	}
	switch {
	case cfg.text:
		return printText(ctx, fs.Args(), stdout)
	case cfg.bench:
		return bench(ctx, cfg, fs.Args(), stdout)
	}
	return fidelity(ctx, cfg, fs.Args(), stdout, stderr)
}

// printText prints our text of each file.
func printText(ctx context.Context, paths []string, stdout io.Writer) error {
	for _, path := range paths {
		doc, err := extract.File(ctx, path)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, doc.Text())
	}
	return nil
}

// fidelity compares each file with pdftotext and prints the results in the
// chosen format, then the summary.
func fidelity(ctx context.Context, cfg config, paths []string, stdout, stderr io.Writer) error {
	var verbose io.Writer
	if cfg.verbose {
		verbose = stdout
		if cfg.format != "" {
			verbose = stderr
		}
	}
	var results []*fileResult
	for _, path := range paths {
		r, err := compareFile(ctx, cfg.pdftotext, path, verbose)
		if err != nil {
			return err
		}
		r.classify(cfg.min)
		results = append(results, r)
		if cfg.format == "" {
			writeLine(stdout, r)
		}
	}
	s := summarize(results, cfg.min)
	switch cfg.format {
	case "json":
		if err := writeJSON(stdout, struct {
			Files   []*fileResult `json:"files"`
			Summary summary       `json:"summary"`
		}{results, s}); err != nil {
			return err
		}
	case "table":
		writeTable(stdout, results, s)
	default:
		fmt.Fprintln(stdout, s.Line)
	}
	if !s.passed() {
		return fmt.Errorf("%w: %d of %d files low, garbage or failed", errIncomplete, s.Files-s.OK-s.Unreadable, s.Files)
	}
	return nil
}
