package main

import (
	"strings"
	"unicode"

	"github.com/recmap/recmap/extract"
	"golang.org/x/text/unicode/norm"
)

// tokens splits text into lower-cased, NFKC-normalised maximal runs of
// letters and digits.
func tokens(s string) []string {
	s = norm.NFKC.String(strings.ToLower(s))
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func paraTokens(p extract.Paragraph) []string {
	return append(tokens(p.Number), tokens(p.Text)...)
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

// orderFree is the multiset overlap 2·|A∩B|/(|A|+|B|) of two word lists:
// each word counts as often as it occurs in both, wherever it occurs. Two
// empty lists agree fully.
func orderFree(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	count := make(map[string]int, len(a))
	for _, w := range a {
		count[w]++
	}
	common := 0
	for _, w := range b {
		if count[w] > 0 {
			count[w]--
			common++
		}
	}
	return float64(2*common) / float64(len(a)+len(b))
}
