package extract

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// LimitError is a document over one of the Limits. Limit names the field
// of Limits, so that each front end can say how to raise it.
type LimitError struct {
	Limit string // the field of Limits: "MaxPages", "MaxParagraphs", "Timeout" …
	What  string // what was counted: "pages", "bytes of text"
	Max   int64
	Text  string // the whole message, where What and Max do not say it
}

func (e *LimitError) Error() string {
	if e.Text != "" {
		return fmt.Sprintf("%v: %s", ErrTooLarge, e.Text)
	}
	if rest, ok := strings.CutPrefix(e.What, "bytes"); ok && e.Max >= 1<<20 && e.Max%(1<<20) == 0 {
		return fmt.Sprintf("%v: more than %d MB%s", ErrTooLarge, e.Max>>20, rest)
	}
	return fmt.Sprintf("%v: more than %d %s", ErrTooLarge, e.Max, e.What)
}

func (e *LimitError) Unwrap() error { return ErrTooLarge }

// maxParagraphBytes bounds one paragraph: longer runs of text (a file that
// is one 20 MB line) are cut at word boundaries, so that no later step
// works on a string without end.
const maxParagraphBytes = 32 << 10

// checkDocumentLimits holds a document to the paragraph and text limits and cuts
// overlong paragraphs.
func checkDocumentLimits(doc *Document, lim Limits) error {
	if len(doc.Paragraphs) > lim.MaxParagraphs {
		return &LimitError{Limit: "MaxParagraphs", What: "paragraphs", Max: int64(lim.MaxParagraphs)}
	}
	var total int64
	long := 0
	for _, p := range doc.Paragraphs {
		total += int64(len(p.Text))
		if len(p.Text) > maxParagraphBytes {
			long++
		}
	}
	if total > lim.MaxText {
		return &LimitError{Limit: "MaxText", What: "bytes of text", Max: lim.MaxText}
	}
	if long == 0 {
		return nil
	}
	var out []Paragraph
	for _, p := range doc.Paragraphs {
		if len(p.Text) <= maxParagraphBytes {
			out = append(out, p)
			continue
		}
		for i, piece := range cutText(p.Text, maxParagraphBytes) {
			q := p
			q.Text, q.BoldSpans = piece, nil
			if i > 0 {
				q.Number, q.Heading = "", 0
			}
			out = append(out, q)
		}
	}
	if len(out) > lim.MaxParagraphs {
		return &LimitError{Limit: "MaxParagraphs", What: "paragraphs", Max: int64(lim.MaxParagraphs)}
	}
	doc.Paragraphs = out
	doc.Warnings = append(doc.Warnings, fmt.Sprintf("%d paragraphs longer than %d KB were cut at word boundaries", long, maxParagraphBytes>>10))
	return nil
}

// cutText cuts s into pieces of at most max bytes, at the last space
// before the bound where there is one, never inside a character.
func cutText(s string, max int) []string {
	var out []string
	for len(s) > max {
		cut := strings.LastIndexByte(s[:max], ' ')
		if cut < max/2 {
			cut = max
			for cut > 0 && !utf8.RuneStart(s[cut]) {
				cut--
			}
		}
		out = append(out, strings.TrimSpace(s[:cut]))
		s = s[cut:]
	}
	if t := strings.TrimSpace(s); t != "" {
		out = append(out, t)
	}
	return out
}
