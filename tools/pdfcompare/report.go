package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// summary is the outcome of a fidelity run.
type summary struct {
	Files      int      `json:"files"`
	Min        float64  `json:"min"`
	OK         int      `json:"ok"`
	Low        int      `json:"low"`
	Unreadable int      `json:"unreadable"`
	Garbage    []string `json:"garbage"`
	Errors     []string `json:"errors,omitempty"`
	// ReadingOrderMean is the mean reading-order agreement of the files
	// compared and not reported unreadable (ReadingOrderFiles of them);
	// ReadingOrderInexact of those are lower bounds.
	ReadingOrderMean    float64 `json:"reading_order_mean"`
	ReadingOrderFiles   int     `json:"reading_order_files"`
	ReadingOrderInexact int     `json:"reading_order_inexact"`
	Line                string  `json:"line"`
}

// summarize counts the results by status and writes the summary line.
func summarize(results []*fileResult, minOK float64) summary {
	s := summary{Files: len(results), Min: minOK, Garbage: []string{}}
	var orderSum float64
	for _, r := range results {
		switch r.Status {
		case statusOK:
			s.OK++
		case statusLow:
			s.Low++
		case statusUnreadable:
			s.Unreadable++
		case statusGarbage:
			s.Garbage = append(s.Garbage, r.File)
		case statusError:
			s.Errors = append(s.Errors, r.File)
		}
		if r.Status != statusError && r.Status != statusUnreadable {
			orderSum += r.ReadingOrder
			s.ReadingOrderFiles++
			if !r.ReadingOrderExact {
				s.ReadingOrderInexact++
			}
		}
	}
	if s.ReadingOrderFiles > 0 {
		s.ReadingOrderMean = orderSum / float64(s.ReadingOrderFiles)
	}

	var b strings.Builder
	fmt.Fprintf(&b, "%d %s: %d ≥ %g order-free", s.Files, plural(s.Files, "file"), s.OK, minOK)
	if minOK > garbageBar {
		fmt.Fprintf(&b, ", %d in [%g, %g)", s.Low, garbageBar, minOK)
	}
	fmt.Fprintf(&b, ", %d reported unreadable, %d garbage (below %g without a warning)", s.Unreadable, len(s.Garbage), garbageBar)
	if len(s.Garbage) > 0 {
		fmt.Fprintf(&b, ": %s", strings.Join(s.Garbage, ", "))
	}
	if len(s.Errors) > 0 {
		fmt.Fprintf(&b, "; %d not compared (error): %s", len(s.Errors), strings.Join(s.Errors, ", "))
	}
	if s.ReadingOrderFiles > 0 {
		fmt.Fprintf(&b, "; reading order mean %.3f", s.ReadingOrderMean)
		var notes []string
		if s.ReadingOrderFiles != s.Files {
			notes = append(notes, fmt.Sprintf("over %d %s", s.ReadingOrderFiles, plural(s.ReadingOrderFiles, "file")))
		}
		if s.ReadingOrderInexact > 0 {
			notes = append(notes, fmt.Sprintf("%d of them lower bounds", s.ReadingOrderInexact))
		}
		if len(notes) > 0 {
			fmt.Fprintf(&b, " (%s)", strings.Join(notes, ", "))
		}
	}
	s.Line = b.String()
	return s
}

// passed tells whether the run meets the exit-status rule: every file
// reaches the bar or is reported unreadable, none is garbage or failed.
func (s summary) passed() bool {
	return s.OK+s.Unreadable == s.Files
}

// writeLine prints one file's result in the default output.
func writeLine(w io.Writer, r *fileResult) {
	if r.Status == statusError {
		fmt.Fprintf(w, "%-10s %s\n     %s\n", r.Status, r.Path, r.Error)
		return
	}
	fmt.Fprintf(w, "%-10s free=%.4f order=%s words=%d/%d numbered=%d/%d removed=%d  %s\n",
		r.Status, r.OrderFree, orderString(r), r.WordsOurs, r.WordsRef,
		r.Numbered-len(r.MissingNumbers), r.Numbered, r.Removed, r.Path)
	if r.UnreadableDocument {
		fmt.Fprintf(w, "     unreadable: %s\n", r.Warnings[0])
	}
	if len(r.UnreadablePages) > 0 {
		fmt.Fprintf(w, "     unreadable pages: %s; order-free on the others %.4f\n", pageList(r.UnreadablePages), *r.OrderFreeReadable)
	}
	if len(r.MissingNumbers) > 0 {
		fmt.Fprintf(w, "     missing numbers: %s\n", strings.Join(first(r.MissingNumbers, 20), " "))
	}
}

// orderString prints the reading-order agreement, with "≥" when it is a
// lower bound.
func orderString(r *fileResult) string {
	if r.ReadingOrderExact {
		return fmt.Sprintf("%.4f", r.ReadingOrder)
	}
	return fmt.Sprintf("≥%.4f", r.ReadingOrder)
}

// pageList prints page numbers with runs collapsed: "3–5, 9".
func pageList(pages []int) string {
	var parts []string
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d–%d", pages[i], pages[j]))
		} else {
			parts = append(parts, fmt.Sprint(pages[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

func first(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], "…")
	}
	return s
}

// writeTable prints the results as a Markdown table followed by the
// summary line.
func writeTable(w io.Writer, results []*fileResult, s summary) {
	fmt.Fprintln(w, "| file | pages | words ours/ref | order-free | reading order | status |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---|")
	for _, r := range results {
		status := r.Status
		switch {
		case r.Status == statusError:
			status += ": " + r.Error
		case r.UnreadableDocument:
			status += " (document)"
		case len(r.UnreadablePages) > 0:
			status += fmt.Sprintf(" (pages %s; %.4f on the others)", pageList(r.UnreadablePages), *r.OrderFreeReadable)
		}
		if r.Status == statusError {
			fmt.Fprintf(w, "| %s | %d | | | | %s |\n", mdEscape(r.File), r.Pages, mdEscape(status))
			continue
		}
		fmt.Fprintf(w, "| %s | %d | %d/%d | %.4f | %s | %s |\n",
			mdEscape(r.File), r.Pages, r.WordsOurs, r.WordsRef, r.OrderFree, orderString(r), mdEscape(status))
	}
	fmt.Fprintf(w, "\n%s\n", s.Line)
}

func mdEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ")
}

// writeJSON prints the results and the summary as one JSON object.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
