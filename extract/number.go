package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// SplitNumber splits the number a document printed before a paragraph from
// its text: "54. GRETA urges…" gives ("54", "GRETA urges…"); "122.78 Continue
// efforts…" gives ("122.78", "Continue efforts…"). The first component has
// at most three digits, so years ("2023. december 31.") are not numbers.
// It returns ("", s) when s does not start with a paragraph number.
func SplitNumber(s string) (num, rest string) {
	t := strings.TrimLeft(s, " \t")
	i := 0
	parts := 0
	for {
		j := i
		for j < len(t) && t[j] >= '0' && t[j] <= '9' {
			j++
		}
		digits := j - i
		if digits == 0 || (parts == 0 && digits > 3) || digits > 4 {
			break
		}
		parts++
		i = j
		if i < len(t) && t[i] == '.' && i+1 < len(t) && t[i+1] >= '0' && t[i+1] <= '9' {
			i++
			continue
		}
		break
	}
	if parts == 0 {
		return "", s
	}
	num = t[:i]
	after := t[i:]
	switch {
	case strings.HasPrefix(after, ". "), strings.HasPrefix(after, ".\t"):
		after = after[2:]
	case parts > 1 && (strings.HasPrefix(after, " ") || strings.HasPrefix(after, "\t")):
		after = after[1:]
	case strings.HasPrefix(after, ".") && len(after) == 1:
		after = ""
	case parts > 1 && after == "":
	default:
		return "", s
	}
	after = strings.TrimLeft(after, " \t")
	if after != "" {
		r, _ := utf8.DecodeRuneInString(after)
		// "3. %" or "1. , and" are not numbered paragraphs.
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("\"'“‘(«[–-•", r) {
			return "", s
		}
	}
	return num, after
}

// bulletMarkers are the characters that start a bullet list item.
var bulletMarkers = []string{"•", "–", "—", "-", "*", "·", "▪", "◦", "", "o "}

// SplitBullet splits a bullet marker from the start of s: "– take steps"
// gives ("–", "take steps"). Lettered points "(a) …" and "a) …" count as
// markers too. It returns ("", s) when s is not a list item.
func SplitBullet(s string) (marker, rest string) {
	t := strings.TrimLeft(s, " \t")
	for _, m := range bulletMarkers {
		if strings.HasPrefix(t, m) {
			r := t[len(m):]
			if m == "o " {
				return "o", strings.TrimLeft(r, " \t")
			}
			if r == "" || (r[0] != ' ' && r[0] != '\t' && r[0] != '\u00a0') {
				continue
			}
			return m, strings.TrimLeft(r, " \t\u00a0")
		}
	}
	// (a) (iv) a) i)
	if len(t) > 2 {
		open := t[0] == '('
		j := 0
		if open {
			j = 1
		}
		k := j
		for k < len(t) && k-j < 4 && t[k] >= 'a' && t[k] <= 'z' {
			k++
		}
		if k > j && k < len(t) && t[k] == ')' && (k-j == 1 || isRoman(t[j:k])) {
			r := t[k+1:]
			if r == "" || r[0] == ' ' || r[0] == '\t' {
				return t[:k+1], strings.TrimLeft(r, " \t")
			}
		}
	}
	return "", s
}

func isRoman(s string) bool {
	for _, c := range s {
		if !strings.ContainsRune("ivxl", c) {
			return false
		}
	}
	return true
}
