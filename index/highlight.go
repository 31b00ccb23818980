package index

import (
	"slices"
	"unicode/utf8"
)

const (
	fragLen      = 240 // target fragment length in bytes
	fragLead     = 60  // context kept before the first mark of a fragment
	maxFragments = 3
	ellipsis     = "…"
)

// fragments cuts text into at most maxFragments passages around the spans
// (byte ranges that matched). Text short enough is one fragment. Without
// spans, the fragment is the start of the text.
func fragments(text string, spans [][2]int) []Fragment {
	if text == "" {
		return nil
	}
	spans = mergeSpans(text, spans)
	if len(text) <= fragLen*3/2 {
		return []Fragment{{Text: text, Marks: spans}}
	}
	if len(spans) == 0 {
		return []Fragment{cut(text, 0, fragLen, nil)}
	}
	// Greedy: the window that covers most uncovered spans, then the next.
	used := make([]bool, len(spans))
	var wins [][2]int
	for len(wins) < maxFragments {
		best, bestN := -1, 0
		for i := range spans {
			if used[i] {
				continue
			}
			start := max(0, spans[i][0]-fragLead)
			end := start + fragLen
			n := 0
			for j := i; j < len(spans) && spans[j][1] <= end; j++ {
				if !used[j] {
					n++
				}
			}
			if n > bestN {
				best, bestN = i, n
			}
		}
		if best < 0 {
			break
		}
		start := max(0, spans[best][0]-fragLead)
		end := min(len(text), start+fragLen)
		if spans[best][1] > end { // one very long mark
			end = spans[best][1]
		}
		for j := best; j < len(spans) && spans[j][1] <= end; j++ {
			used[j] = true
		}
		wins = append(wins, [2]int{start, end})
	}
	slices.SortFunc(wins, func(a, b [2]int) int { return a[0] - b[0] })
	// Merge windows that overlap.
	merged := wins[:1]
	for _, w := range wins[1:] {
		last := &merged[len(merged)-1]
		if w[0] <= last[1] {
			last[1] = max(last[1], w[1])
			continue
		}
		merged = append(merged, w)
	}
	out := make([]Fragment, 0, len(merged))
	for _, w := range merged {
		var in [][2]int
		for _, s := range spans {
			if s[0] >= w[0] && s[1] <= w[1] {
				in = append(in, s)
			}
		}
		out = append(out, cut(text, w[0], w[1], in))
	}
	return out
}

// mergeSpans sorts spans, drops invalid ones and merges overlapping ones.
func mergeSpans(text string, spans [][2]int) [][2]int {
	var ok [][2]int
	for _, s := range spans {
		if s[0] >= 0 && s[0] < s[1] && s[1] <= len(text) {
			ok = append(ok, s)
		}
	}
	if len(ok) == 0 {
		return nil
	}
	slices.SortFunc(ok, func(a, b [2]int) int {
		if a[0] != b[0] {
			return a[0] - b[0]
		}
		return a[1] - b[1]
	})
	out := ok[:1]
	for _, s := range ok[1:] {
		last := &out[len(out)-1]
		if s[0] <= last[1] {
			last[1] = max(last[1], s[1])
			continue
		}
		out = append(out, s)
	}
	return out
}

// cut returns text[start:end] widened or narrowed to word boundaries, with
// ellipses where it was cut and marks shifted to the fragment.
func cut(text string, start, end int, marks [][2]int) Fragment {
	first, last := start, end
	if len(marks) > 0 {
		first, last = marks[0][0], marks[len(marks)-1][1]
	}
	start = wordStart(text, start, first)
	end = wordEnd(text, end, last)
	var f Fragment
	prefix := ""
	if start > 0 {
		prefix = ellipsis
	}
	f.Text = prefix + text[start:end]
	if end < len(text) {
		f.Text += ellipsis
	}
	for _, m := range marks {
		f.Marks = append(f.Marks, [2]int{m[0] - start + len(prefix), m[1] - start + len(prefix)})
	}
	return f
}

// wordStart moves i forward to the start of a word, but not past limit,
// and onto a rune boundary.
func wordStart(text string, i, limit int) int {
	if i <= 0 {
		return 0
	}
	j := i
	for j < limit && j < len(text) && !isSpace(text[j-1]) {
		j++
	}
	if j >= limit || j >= len(text) {
		j = i
	}
	for j > 0 && j < len(text) && !utf8.RuneStart(text[j]) {
		j--
	}
	for j < len(text) && isSpace(text[j]) {
		j++
	}
	return min(j, limit)
}

// wordEnd moves i back to the end of a word, but not before limit, and onto
// a rune boundary.
func wordEnd(text string, i, limit int) int {
	if i >= len(text) {
		return len(text)
	}
	j := i
	for j > limit && !isSpace(text[j]) {
		j--
	}
	if j <= limit {
		j = i
	}
	for j < len(text) && !utf8.RuneStart(text[j]) {
		j++
	}
	for j > limit && j > 0 && isSpace(text[j-1]) {
		j--
	}
	return max(j, limit)
}
