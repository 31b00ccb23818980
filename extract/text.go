package extract

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// readText reads plain text or Markdown. Paragraphs are separated by blank
// lines; a line that starts with a paragraph number or a bullet starts a new
// paragraph even without a blank line. Markdown headings become headings,
// "**bold**" becomes bold spans, and pipe tables become Tables.
//
// Text that is not valid UTF-8 is read as Windows-1252 (the usual
// alternative for Western European files) with a warning.
func readText(ctx context.Context, data []byte, markdown bool) (*Document, error) {
	doc := &Document{}
	s := string(data)
	s = strings.TrimPrefix(s, "\ufeff")
	if !utf8.ValidString(s) {
		dec, err := charmap.Windows1252.NewDecoder().String(s)
		if err != nil {
			return nil, fmt.Errorf("%w: not UTF-8 and not Windows-1252 text", ErrUnsupported)
		}
		s = dec
		doc.Warnings = append(doc.Warnings, "not valid UTF-8: read as Windows-1252; save the file as UTF-8 to be sure of accented letters")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")

	var cur []string
	var table *Table
	flush := func() {
		if len(cur) == 0 {
			return
		}
		text := strings.Join(cur, " ")
		cur = cur[:0]
		p := Paragraph{}
		if markdown {
			text, p.BoldSpans = stripMarkdownBold(text)
			p.Bold = boldShare(text, p.BoldSpans)
		}
		orig := text
		if m, rest := SplitBullet(text); m != "" {
			p.List, p.Marker, text = 1, m, rest
		} else if n, rest := SplitNumber(text); n != "" {
			p.Number, text = n, rest
		}
		text = strings.TrimSpace(text)
		p.BoldSpans = shiftSpans(p.BoldSpans, len(orig)-len(text)-(len(orig)-len(strings.TrimRight(orig, " \t"))))
		p.Text = text
		if p.Text != "" {
			doc.Paragraphs = append(doc.Paragraphs, p)
		}
	}
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		if i%1024 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		t := strings.TrimSpace(line)
		if markdown && strings.HasPrefix(t, "|") && strings.HasSuffix(t, "|") && len(t) > 1 {
			flush()
			cells := strings.Split(strings.Trim(t, "|"), "|")
			if isTableRule(cells) {
				continue
			}
			if table == nil {
				doc.Tables = append(doc.Tables, Table{})
				table = &doc.Tables[len(doc.Tables)-1]
			}
			for j := range cells {
				cells[j] = strings.TrimSpace(cells[j])
			}
			table.Rows = append(table.Rows, cells)
			doc.Paragraphs = append(doc.Paragraphs, Paragraph{Text: strings.Join(cells, " | "), Table: len(doc.Tables)})
			continue
		}
		table = nil
		switch {
		case t == "":
			flush()
		case markdown && strings.HasPrefix(t, "#"):
			flush()
			level := len(t) - len(strings.TrimLeft(t, "#"))
			text := strings.TrimSpace(strings.Trim(t, "#"))
			text, _ = stripMarkdownBold(text)
			if text != "" && level <= 6 {
				p := Paragraph{Text: text, Heading: level}
				if n, rest := SplitNumber(text); n != "" {
					p.Number, p.Text = n, rest
				}
				doc.Paragraphs = append(doc.Paragraphs, p)
			}
		default:
			if len(cur) > 0 {
				if m, _ := SplitBullet(t); m != "" {
					flush()
				} else if n, _ := SplitNumber(t); n != "" {
					flush()
				}
			}
			cur = append(cur, t)
		}
	}
	flush()
	return doc, nil
}

func isTableRule(cells []string) bool {
	for _, c := range cells {
		if strings.Trim(strings.TrimSpace(c), ":-") != "" {
			return false
		}
	}
	return true
}

// stripMarkdownBold removes "**" and "__" markers and returns the byte
// ranges of the text they enclosed.
func stripMarkdownBold(s string) (string, [][2]int) {
	if !strings.Contains(s, "**") && !strings.Contains(s, "__") {
		return s, nil
	}
	var b strings.Builder
	var spans [][2]int
	start := -1
	for i := 0; i < len(s); {
		if i+1 < len(s) && (s[i:i+2] == "**" || s[i:i+2] == "__") {
			if start < 0 {
				start = b.Len()
			} else {
				spans = append(spans, [2]int{start, b.Len()})
				start = -1
			}
			i += 2
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	if start >= 0 && start < b.Len() {
		spans = append(spans, [2]int{start, b.Len()})
	}
	return b.String(), spans
}

func boldShare(s string, spans [][2]int) float64 {
	if len(s) == 0 {
		return 0
	}
	n := 0
	for _, sp := range spans {
		n += sp[1] - sp[0]
	}
	return float64(n) / float64(len(s))
}

// shiftSpans moves spans left by d bytes (after a prefix was cut), dropping
// what falls before 0.
func shiftSpans(spans [][2]int, d int) [][2]int {
	if d == 0 || len(spans) == 0 {
		return spans
	}
	out := spans[:0]
	for _, sp := range spans {
		sp[0] -= d
		sp[1] -= d
		if sp[1] <= 0 {
			continue
		}
		if sp[0] < 0 {
			sp[0] = 0
		}
		out = append(out, sp)
	}
	return out
}
