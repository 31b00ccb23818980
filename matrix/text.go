package matrix

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxCellChars is the most characters (UTF-16 code units) an Excel cell holds.
const MaxCellChars = 32767

// truncMarker is appended to text cut at MaxCellChars.
const truncMarker = " … [truncated: see source, %d more characters]"

// Fingerprint returns the fingerprint import compares to detect that a
// recommendation's text changed since export: the first 16 hex digits of the
// SHA-256 of the text with runs of white space collapsed.
func Fingerprint(text string) string {
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(text), " ")))
	return hex.EncodeToString(sum[:8])
}

// clean makes s safe to store in a cell: invalid UTF-8 becomes U+FFFD and
// characters XML 1.0 cannot hold (C0 controls other than tab, LF and CR;
// U+FFFE, U+FFFF) are removed. CRLF and lone CR become LF.
func clean(s string) string {
	ok := true
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || !xmlChar(r) || r == '\r' {
			ok = false
			break
		}
		i += n
	}
	if ok {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\r':
			b.WriteByte('\n')
		case xmlChar(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
		return false
	}
	return true
}

// fit cleans s and cuts it to MaxCellChars, ending it with a visible marker
// that says how much was cut. It reports whether it cut.
func fit(s string) (string, bool) {
	s = clean(s)
	if len(s) <= MaxCellChars { // bytes ≥ UTF-16 units: fast path
		return s, false
	}
	total := utf16Len(s)
	if total <= MaxCellChars {
		return s, false
	}
	// Reserve room for the marker with the widest count it can carry.
	room := MaxCellChars - utf16Len(strings.Replace(truncMarker, "%d", strconv.Itoa(total), 1))
	units, cut := 0, 0
	for i, r := range s {
		w := utf16.RuneLen(r)
		if units+w > room {
			cut = i
			break
		}
		units += w
	}
	rest := total - units
	return s[:cut] + strings.Replace(truncMarker, "%d", strconv.Itoa(rest), 1), true
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// risky reports whether a spreadsheet program would take s for a formula or
// command if a user retyped it: it starts with = + - @, a tab or a CR.
func risky(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// joinIDs writes a list of IDs one per line, the way the ID columns hold them.
func joinIDs(ids []string) string { return strings.Join(ids, "\n") }

// SplitIDs splits an ID cell as import reads it: IDs separated by new lines,
// semicolons or commas; blanks dropped; duplicates removed; order kept.
func SplitIDs(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r == ';' || r == ',' })
	var out []string
	seen := map[string]bool{}
	for _, id := range f {
		id = strings.TrimSpace(id)
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, id)
	}
	return out
}

// normValue is how import compares free-text cells: line endings unified,
// trailing white space ignored.
func normValue(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimRight(s, " \t\n")
}

// shorten returns s cut to about n runes on a word boundary, with an ellipsis.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := 0
	for i := range s {
		if cut >= n {
			s = s[:i]
			break
		}
		cut++
	}
	if j := strings.LastIndexByte(s, ' '); j > n/2 {
		s = s[:j]
	}
	return s + "…"
}
