package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// runText builds the text of one paragraph (or one table cell line) from
// styled runs, as the DOCX and HTML readers meet them: white space is
// collapsed to single spaces, soft hyphens and zero-width characters are
// dropped, and the byte ranges set in bold are kept.
type runText struct {
	b       strings.Builder
	spans   [][2]int
	space   bool // a space is pending before the next visible character
	sizes   map[float64]int
	lastBld bool
}

// add appends s, set in bold or not, in a font of size pt (0 when unknown).
func (t *runText) add(s string, bold bool, pt float64) {
	for _, r := range s {
		switch {
		case r == '\u00ad', r == '\u200b', r == '\ufeff', r == '\u200c', r == '\u200d':
			continue
		case unicode.IsSpace(r) || r == '\u00a0':
			if t.b.Len() > 0 {
				t.space = true
			}
			continue
		case r == utf8.RuneError || (unicode.IsControl(r)):
			continue
		}
		if t.space {
			t.space = false
			t.write(" ", bold && t.lastBld)
		}
		t.write(string(r), bold)
		if pt > 0 {
			if t.sizes == nil {
				t.sizes = map[float64]int{}
			}
			t.sizes[pt]++
		}
	}
}

func (t *runText) write(s string, bold bool) {
	at := t.b.Len()
	t.b.WriteString(s)
	t.lastBld = bold
	if !bold {
		return
	}
	if n := len(t.spans); n > 0 && t.spans[n-1][1] == at {
		t.spans[n-1][1] = t.b.Len()
		return
	}
	t.spans = append(t.spans, [2]int{at, t.b.Len()})
}

// addSpace asks for a space before the next visible character (a tab or a
// line break in the source).
func (t *runText) addSpace() {
	if t.b.Len() > 0 {
		t.space = true
	}
}

func (t *runText) empty() bool { return t.b.Len() == 0 }

// line returns the text built so far with its bold spans.
func (t *runText) line() styled {
	return styled{text: t.b.String(), spans: t.spans}
}

// size returns the font size that most characters were set in.
func (t *runText) size() float64 {
	var best float64
	n := 0
	for pt, c := range t.sizes {
		if c > n || (c == n && pt > best) {
			best, n = pt, c
		}
	}
	return best
}

// styled is text with its bold byte ranges.
type styled struct {
	text  string
	spans [][2]int
}

// joinStyled joins lines with sep, moving their spans to the joined text.
func joinStyled(lines []styled, sep string) styled {
	var out styled
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteString(sep)
		}
		at := b.Len()
		b.WriteString(l.text)
		for _, sp := range l.spans {
			out.spans = append(out.spans, [2]int{sp[0] + at, sp[1] + at})
		}
	}
	out.text = b.String()
	return out
}

// paragraphOf makes a paragraph from styled text. When the source gave the
// paragraph no number or marker of its own, a number or bullet typed at the
// start of the text is split off with SplitNumber and SplitBullet, the same
// way the text reader does.
func paragraphOf(s styled, p Paragraph) Paragraph {
	text := s.text
	spans := s.spans
	if p.Number == "" && p.Marker == "" && p.Table == 0 {
		rest := text
		if m, r := SplitBullet(text); m != "" {
			p.Marker, rest = m, r
			if p.List == 0 {
				p.List = 1
			}
		} else if n, r := SplitNumber(text); n != "" {
			p.Number, rest = n, r
		}
		spans = shiftSpans(append([][2]int(nil), spans...), len(text)-len(rest))
		text = rest
	}
	trimmed := strings.TrimRight(text, " ")
	text = trimmed
	var out [][2]int
	for _, sp := range spans {
		sp[1] = min(sp[1], len(text))
		if sp[0] < sp[1] {
			out = append(out, sp)
		}
	}
	p.Text = text
	p.BoldSpans = out
	p.Bold = boldShare(text, out)
	return p
}
