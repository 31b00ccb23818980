package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/recmap/recmap/extract"
)

// garbageBar is the order-free agreement below which a file that extract
// did not report unreadable counts as garbage.
const garbageBar = 0.9

// Statuses of a compared file, from best to worst.
const (
	statusOK         = "ok"         // order-free ≥ -min
	statusLow        = "low"        // order-free in [garbageBar, -min)
	statusUnreadable = "unreadable" // extract reported (some of) its text as not decoding
	statusGarbage    = "garbage"    // below garbageBar and not reported unreadable
	statusError      = "error"      // pdftotext or extract failed
)

// fileResult is one file's comparison: a row of -json and -table.
type fileResult struct {
	File         string  `json:"file"`
	Path         string  `json:"path"`
	Pages        int     `json:"pages"`
	WordsOurs    int     `json:"words_ours"`
	WordsRef     int     `json:"words_ref"`
	OrderFree    float64 `json:"order_free"`
	ReadingOrder float64 `json:"reading_order"`
	// ReadingOrderExact is false when ReadingOrder comes from the anchored
	// approximation, a lower bound (see lcs.go).
	ReadingOrderExact bool `json:"reading_order_exact"`
	// UnreadableDocument: extract returned ErrUnreadableText.
	UnreadableDocument bool `json:"unreadable_document,omitempty"`
	// UnreadablePages: Document.Unreadable.
	UnreadablePages []int `json:"unreadable_pages,omitempty"`
	// OrderFreeReadable is the order-free agreement on the pages not in
	// UnreadablePages, set when some pages are: it decides whether the
	// text extract did return is garbage.
	OrderFreeReadable *float64 `json:"order_free_readable_pages,omitempty"`
	Numbered          int      `json:"numbered_lines"`
	MissingNumbers    []string `json:"missing_numbers,omitempty"`
	Removed           int      `json:"removed_lines"`
	Warnings          []string `json:"warnings,omitempty"`
	Status            string   `json:"status"`
	Error             string   `json:"error,omitempty"`
}

// reportedUnreadable tells whether extract said that (some of) the file's
// text does not decode.
func (r *fileResult) reportedUnreadable() bool {
	return r.UnreadableDocument || len(r.UnreadablePages) > 0
}

// classify sets r.Status from the measures and the bar minOK.
func (r *fileResult) classify(minOK float64) {
	switch {
	case r.Error != "":
		r.Status = statusError
	case r.UnreadableDocument:
		r.Status = statusUnreadable
	case len(r.UnreadablePages) > 0:
		// The warning covers the pages it names, not the text returned
		// for the others.
		r.Status = statusUnreadable
		if r.OrderFreeReadable != nil && *r.OrderFreeReadable < garbageBar {
			r.Status = statusGarbage
		}
	case r.OrderFree >= minOK:
		r.Status = statusOK
	case r.OrderFree >= garbageBar:
		r.Status = statusLow
	default:
		r.Status = statusGarbage
	}
}

// compareFile compares our extraction of path with pdftotext's. Failures of
// either side are recorded in the result; only a cancelled ctx is returned
// as an error. With verbose non-nil, the lines extract removed as running
// headers, footers and page numbers are written to it.
func compareFile(ctx context.Context, pdftotext, path string, verbose io.Writer) (*fileResult, error) {
	r := &fileResult{File: filepath.Base(path), Path: path}
	fail := func(err error) (*fileResult, error) {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		r.Error = err.Error()
		return r, nil
	}
	out, err := runPdftotext(ctx, pdftotext, path)
	if err != nil {
		return fail(err)
	}
	layout, err := runPdftotext(ctx, pdftotext, path, "-layout")
	if err != nil {
		return fail(err)
	}
	refPages := strings.Split(string(out), "\f")
	if n := len(refPages); n > 1 && strings.TrimSpace(refPages[n-1]) == "" {
		refPages = refPages[:n-1] // pdftotext ends every page with \f
	}
	r.Pages = len(refPages)

	doc, err := extract.Options{KeepLines: true}.File(ctx, path)
	switch {
	case errors.Is(err, extract.ErrUnreadableText):
		r.UnreadableDocument = true
		r.Warnings = []string{err.Error()}
		doc = nil
	case err != nil:
		return fail(err)
	}
	if doc != nil {
		r.Pages = len(doc.Pages)
		r.UnreadablePages = doc.Unreadable
		r.Warnings = doc.Warnings
		if verbose != nil {
			for _, w := range doc.Warnings {
				fmt.Fprintf(verbose, "     warning: %s\n", w)
			}
		}
	}

	// Reference words, page by page, minus the lines extract removed.
	var ref, refReadable []string
	for i, pg := range refPages {
		words := tokens(pg)
		if doc != nil && i < len(doc.Pages) {
			for _, l := range doc.Pages[i].Lines {
				if l.Role == "" || l.Role == "footnote" {
					continue
				}
				r.Removed++
				if verbose != nil {
					fmt.Fprintf(verbose, "     p%d %s: %q\n", i+1, l.Role, l.Text)
				}
				words = cut(words, tokens(l.Text))
			}
		}
		ref = append(ref, words...)
		if !slices.Contains(r.UnreadablePages, i+1) {
			refReadable = append(refReadable, words...)
		}
	}

	// Our words: paragraphs, each page's footnotes after its paragraphs.
	var ours []string
	if doc != nil {
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
	}
	r.WordsOurs, r.WordsRef = len(ours), len(ref)
	r.OrderFree = orderFree(ours, ref)
	if len(r.UnreadablePages) > 0 {
		of := orderFree(ours, refReadable)
		r.OrderFreeReadable = &of
	}
	r.ReadingOrder, r.ReadingOrderExact = readingOrder(ours, ref)

	// Numbered lines.
	if doc != nil {
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
			r.Numbered++
			if have[num] > 0 {
				have[num]--
				continue
			}
			r.MissingNumbers = append(r.MissingNumbers, num)
		}
	}
	return r, nil
}

func runPdftotext(ctx context.Context, bin, path string, flags ...string) ([]byte, error) {
	args := append(flags, "-enc", "UTF-8", path, "-")
	var stderr strings.Builder
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			err = fmt.Errorf("%w: %s", err, lastLine(msg))
		}
		return nil, fmt.Errorf("pdftotext %s: %w", path, err)
	}
	return out, nil
}

func lastLine(s string) string {
	return s[strings.LastIndexByte(s, '\n')+1:]
}

// reNumbered matches a line of pdftotext -layout that starts with a
// recommendation or paragraph number followed by its text: "115.23 Take",
// "54. The". A number that wraps to the start of a line inside a list of
// references ("…, 140.46, 140.47") is not followed by a capital.
var reNumbered = regexp.MustCompile(`^\s*(?:(\d{1,3}(?:\.\d{1,3}){1,2})\.?|(\d{1,3})\.)\s+[\p{Lu}(“"]`)
