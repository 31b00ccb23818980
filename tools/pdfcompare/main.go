// Command pdfcompare measures the PDF reader of package extract against
// poppler's pdftotext, which must be installed (it is a reference for this
// evaluation only; recmap itself never calls it).
//
// Usage:
//
//	go run ./tools/pdfcompare [-pdftotext path] [-min 0.98] [-v] FILE.pdf...
//	go run ./tools/pdfcompare -text FILE.pdf   # print our text only
//
// For each file it prints:
//
//   - sim: the word-sequence similarity 2·LCS/(n+m) between our text and
//     pdftotext's. Words are maximal runs of letters and digits, lower-cased
//     and NFKC-normalised, so punctuation, hyphenation marks and spacing do
//     not count, only words and their order.
//   - numbered: how many lines of pdftotext's output that start with a
//     paragraph number ("115.23", "54.") are the Number of one of our
//     paragraphs, and the numbers that are not.
//
// Our text is the paragraphs in order, with each page's footnotes after the
// paragraphs that start on that page (where pdftotext prints them). The
// running headers, footers and page numbers that extract removes on purpose
// are removed from pdftotext's text too, page by page: a removed line's
// words are cut from the page's reference words where they occur in a row.
// So sim measures the body text, and the removal itself is judged by the
// numbers of removed lines printed with -v.
//
// Exit status: 0 when every file reaches -min and has no missing numbered
// line, 1 otherwise, 2 on usage errors.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"unicode"

	"github.com/recmap/recmap/extract"
	"golang.org/x/text/unicode/norm"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "pdfcompare:", err)
		if err == errUsage {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

var errUsage = fmt.Errorf("usage: pdfcompare [-pdftotext path] [-min 0.98] [-v] FILE.pdf")

func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("pdfcompare", flag.ContinueOnError)
	bin := fs.String("pdftotext", "/usr/bin/pdftotext", "path of poppler's pdftotext")
	minSim := fs.Float64("min", 0.98, "similarity a file must reach")
	verbose := fs.Bool("v", false, "print the lines extract removed as headers, footers and page numbers")
	text := fs.Bool("text", false, "print our text of each file instead of comparing")
	if err := fs.Parse(args); err != nil || fs.NArg() == 0 {
		return errUsage
	}
	failed := 0
	for _, path := range fs.Args() {
		if *text {
			doc, err := extract.File(ctx, path)
			if err != nil {
				return err
			}
			fmt.Fprintln(stdout, doc.Text())
			continue
		}
		r, err := compare(ctx, *bin, path, *verbose, stdout)
		if err != nil {
			fmt.Fprintf(stdout, "%s: %v\n", path, err)
			failed++
			continue
		}
		status := "ok"
		if r.sim < *minSim || len(r.missing) > 0 {
			status = "FAIL"
			failed++
		}
		fmt.Fprintf(stdout, "%-4s sim=%.4f words=%d/%d numbered=%d/%d removed=%d  %s\n",
			status, r.sim, r.ours, r.ref, r.numbered-len(r.missing), r.numbered, r.removed, path)
		if len(r.missing) > 0 {
			fmt.Fprintf(stdout, "     missing numbers: %s\n", strings.Join(first(r.missing, 20), " "))
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files below the bar", failed, fs.NArg())
	}
	return nil
}

type result struct {
	sim       float64
	ours, ref int
	numbered  int
	missing   []string
	removed   int
}

func first(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], "…")
	}
	return s
}

func compare(ctx context.Context, bin, path string, verbose bool, w io.Writer) (*result, error) {
	out, err := exec.CommandContext(ctx, bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		return nil, fmt.Errorf("run pdftotext: %w", err)
	}
	layout, err := exec.CommandContext(ctx, bin, "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		return nil, fmt.Errorf("run pdftotext -layout: %w", err)
	}
	refPages := strings.Split(string(out), "\f")
	doc, err := extract.Options{KeepLines: true}.File(ctx, path)
	if err != nil {
		return nil, err
	}
	res := &result{}

	// Reference words, page by page, minus the lines extract removed.
	var ref []string
	for i, pg := range refPages {
		words := tokens(pg)
		if i < len(doc.Pages) {
			for _, l := range doc.Pages[i].Lines {
				if l.Role == "" || l.Role == "footnote" {
					continue
				}
				res.removed++
				if verbose {
					fmt.Fprintf(w, "     p%d %s: %q\n", i+1, l.Role, l.Text)
				}
				words = cut(words, tokens(l.Text))
			}
		}
		ref = append(ref, words...)
	}

	// Our words: paragraphs, each page's footnotes after its paragraphs.
	var ours []string
	fn := 0
	for _, p := range doc.Paragraphs {
		for fn < len(doc.Footnotes) && doc.Footnotes[fn].Page < p.Page {
			ours = append(ours, paraTokens(doc.Footnotes[fn])...)
			fn++
		}
		ours = append(ours, paraTokens(p)...)
	}
	for ; fn < len(doc.Footnotes); fn++ {
		ours = append(ours, paraTokens(doc.Footnotes[fn])...)
	}
	res.ours, res.ref = len(ours), len(ref)
	res.sim = similarity(ours, ref)

	// Numbered lines.
	have := map[string]int{}
	for _, p := range doc.Paragraphs {
		if p.Number != "" {
			have[p.Number]++
		}
	}
	for _, line := range strings.Split(string(layout), "\n") {
		m := reNumbered.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		num := m[1] + m[2]
		res.numbered++
		if have[num] > 0 {
			have[num]--
			continue
		}
		res.missing = append(res.missing, num)
	}
	return res, nil
}

// reNumbered matches a line of pdftotext -layout that starts with a
// recommendation or paragraph number followed by its text: "115.23 Take",
// "54. The". A number that wraps to the start of a line inside a list of
// references ("…, 140.46, 140.47") is not followed by a capital.
var reNumbered = regexp.MustCompile(`^\s*(?:(\d{1,3}(?:\.\d{1,3}){1,2})\.?|(\d{1,3})\.)\s+[\p{Lu}(“"]`)

func paraTokens(p extract.Paragraph) []string {
	return append(tokens(p.Number), tokens(p.Text)...)
}

// tokens splits text into lower-cased runs of letters and digits.
func tokens(s string) []string {
	s = norm.NFKC.String(strings.ToLower(s))
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// cut removes the first run of want from words; failing that, it removes
// each of want's words once from the first or last 30 words of the page.
func cut(words, want []string) []string {
	if len(want) == 0 {
		return words
	}
outer:
	for i := 0; i+len(want) <= len(words); i++ {
		for k := range want {
			if words[i+k] != want[k] {
				continue outer
			}
		}
		return append(words[:i:i], words[i+len(want):]...)
	}
	for _, t := range want {
		for i, wd := range words {
			if wd == t && (i < 30 || i >= len(words)-30) {
				words = append(words[:i:i], words[i+1:]...)
				break
			}
		}
	}
	return words
}

// similarity is 2·LCS/(n+m), with the LCS from Myers' O(ND) difference
// algorithm on interned words.
func similarity(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	ids := map[string]int32{}
	intern := func(s []string) []int32 {
		out := make([]int32, len(s))
		for i, w := range s {
			id, ok := ids[w]
			if !ok {
				id = int32(len(ids))
				ids[w] = id
			}
			out[i] = id
		}
		return out
	}
	x, y := intern(a), intern(b)
	d := editDistance(x, y)
	return float64(len(x)+len(y)-d) / float64(len(x)+len(y))
}

// editDistance is the number of insertions and deletions that turn x into
// y (Myers 1986, forward greedy, linear space).
func editDistance(x, y []int32) int {
	n, m := len(x), len(y)
	maxD := n + m
	off := maxD + 1
	v := make([]int, 2*maxD+3)
	for d := 0; d <= maxD; d++ {
		for k := -d; k <= d; k += 2 {
			var i int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				i = v[off+k+1]
			} else {
				i = v[off+k-1] + 1
			}
			j := i - k
			for i < n && j < m && x[i] == y[j] {
				i++
				j++
			}
			v[off+k] = i
			if i >= n && j >= m {
				return d
			}
		}
	}
	return maxD
}
