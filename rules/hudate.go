package rules

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Deadline words that are not dates. An Item's Deadline holds an ISO date
// or one of these.
const (
	DeadlineOngoing   = "ongoing"   // "folyamatos", "continuous", "permanent"
	DeadlineAnnual    = "annual"    // "évente", "annually", "every year"
	DeadlineImmediate = "immediate" // "azonnal", "immediately"
)

// dateMonths maps month names and their usual abbreviations in Hungarian,
// English and French (lower case, without a trailing dot) to 1..12.
var dateMonths = map[string]int{}

func init() {
	for i, names := range [][]string{
		{"január", "jan", "january", "janvier", "janv"},
		{"február", "febr", "feb", "february", "février", "févr", "fevrier"},
		{"március", "márc", "marc", "mar", "march", "mars"},
		{"április", "ápr", "apr", "april", "avril", "avr"},
		{"május", "máj", "may", "mai"},
		{"június", "jún", "jun", "june", "juin"},
		{"július", "júl", "jul", "july", "juillet", "juil"},
		{"augusztus", "aug", "august", "août", "aout"},
		{"szeptember", "szept", "sept", "sep", "september", "septembre"},
		{"október", "okt", "oct", "october", "octobre"},
		{"november", "nov", "novembre"},
		{"december", "dec", "décembre", "decembre"},
	} {
		for _, n := range names {
			dateMonths[n] = i + 1
		}
	}
}

const monthRE = `(\p{L}{3,10})\.?`

var (
	// 2023. december 31. | 2023. dec. 31-ig | 2024. június 30-áig
	reHuLong = regexp.MustCompile(`(?i)\b((?:19|20|21)\d\d)\.?\s*` + monthRE + `\s*(\d{1,2})\b(?:\.|-(?:\p{L}{1,8}))?`)
	// 2023. december (month only) – tried after reHuLong
	reHuMonth = regexp.MustCompile(`(?i)\b((?:19|20|21)\d\d)\.?\s*` + monthRE + `(?:\s|$|[,;.)]|-)`)
	// 31 December 2026 | 1er juillet 2024 | 31. December 2026
	reEnDMY = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th|er)?\.?\s+` + monthRE + `,?\s+((?:19|20|21)\d\d)\b`)
	// December 31, 2026
	reEnMDY = regexp.MustCompile(`(?i)\b` + monthRE + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20|21)\d\d)\b`)
	// December 2026 | end of June 2025
	reEnMY = regexp.MustCompile(`(?i)\b` + monthRE + `\s+((?:19|20|21)\d\d)\b`)
	// 2023-12-31 | 2023.12.31. | 2023. 12. 31. | 2023/12/31
	reNumYMD = regexp.MustCompile(`\b((?:19|20|21)\d\d)\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\b\.?`)
	// 31.12.2023 | 31/12/2023
	reNumDMY = regexp.MustCompile(`\b(\d{1,2})\s*[./]\s*(\d{1,2})\s*[./]\s*((?:19|20|21)\d\d)\b`)
	// Q3 2025 | 2025 Q3 | 2025. III. negyedév | 2025 első félév | H1 2025
	reQuarter   = regexp.MustCompile(`(?i)\b(?:Q([1-4])\s*(?:of\s+)?((?:19|20|21)\d\d)|((?:19|20|21)\d\d)\s*[-/]?\s*Q([1-4]))\b`)
	reHalf      = regexp.MustCompile(`(?i)\b(?:H([12])\s*((?:19|20|21)\d\d)|(first|second)\s+half\s+(?:of\s+)?((?:19|20|21)\d\d))\b`)
	reHuPeriod  = regexp.MustCompile(`(?i)\b((?:19|20|21)\d\d)\.?\s*(?:évi?\s+)?(I{1,3}V?|IV|első|második|harmadik|negyedik|[1-4])\.?\s*(félév|negyedév)`)
	reYearEnd   = regexp.MustCompile(`(?i)\b(?:end\s+(?:of\s+)?((?:19|20|21)\d\d)|((?:19|20|21)\d\d)\.?\s*(?:év\s*)?vég(?:é(?:ig|n)|e)|fin\s+((?:19|20|21)\d\d))\b`)
	reYearAlone = regexp.MustCompile(`^(?i)(?:by\s+|until\s+|in\s+)?((?:19|20|21)\d\d)\.?(?:\s*(?:év|-ig|ig|-ben|-ban))?\.?$`)
	reYearRange = regexp.MustCompile(`^((?:19|20|21)\d\d)\s*[-–—/]\s*((?:19|20|21)\d\d)\.?$`)
)

// dateSpan is one date found in a text, with its byte position.
type dateSpan struct {
	iso        string
	start, end int
}

// scanDates returns the calendar dates written in s, in order: full dates
// in Hungarian ("2023. december 31."), English ("31 December 2026",
// "December 31, 2026"), French ("1er juillet 2024") and numeric forms
// ("2023.12.31.", "31.12.2023", "2023-12-31"). A month without a day
// ("2024. március", "June 2025") stands for its last day.
func scanDates(s string) []dateSpan {
	var out []dateSpan
	taken := func(a, b int) bool {
		for _, m := range out {
			if a < m.end && b > m.start {
				return true
			}
		}
		return false
	}
	add := func(y, mo, d int, a, b int) {
		if taken(a, b) {
			return
		}
		// An impossible date ("február 30.") still claims its text, so
		// that a shorter pattern does not read it as a month.
		iso, _ := isoDate(y, mo, d)
		out = append(out, dateSpan{iso, a, b})
	}
	for _, m := range reNumYMD.FindAllStringSubmatchIndex(s, -1) {
		add(dateAtoi(s[m[2]:m[3]]), dateAtoi(s[m[4]:m[5]]), dateAtoi(s[m[6]:m[7]]), m[0], m[1])
	}
	for _, m := range reNumDMY.FindAllStringSubmatchIndex(s, -1) {
		add(dateAtoi(s[m[6]:m[7]]), dateAtoi(s[m[4]:m[5]]), dateAtoi(s[m[2]:m[3]]), m[0], m[1])
	}
	for _, m := range reHuLong.FindAllStringSubmatchIndex(s, -1) {
		if mo, ok := dateMonthOf(s[m[4]:m[5]]); ok {
			add(dateAtoi(s[m[2]:m[3]]), mo, dateAtoi(s[m[6]:m[7]]), m[0], m[1])
		}
	}
	for _, m := range reEnDMY.FindAllStringSubmatchIndex(s, -1) {
		if mo, ok := dateMonthOf(s[m[4]:m[5]]); ok {
			add(dateAtoi(s[m[6]:m[7]]), mo, dateAtoi(s[m[2]:m[3]]), m[0], m[1])
		}
	}
	for _, m := range reEnMDY.FindAllStringSubmatchIndex(s, -1) {
		if mo, ok := dateMonthOf(s[m[2]:m[3]]); ok {
			add(dateAtoi(s[m[6]:m[7]]), mo, dateAtoi(s[m[4]:m[5]]), m[0], m[1])
		}
	}
	for _, m := range reHuMonth.FindAllStringSubmatchIndex(s, -1) {
		if mo, ok := dateMonthOf(s[m[4]:m[5]]); ok {
			y := dateAtoi(s[m[2]:m[3]])
			add(y, mo, lastDay(y, mo), m[0], m[5])
		}
	}
	for _, m := range reEnMY.FindAllStringSubmatchIndex(s, -1) {
		if mo, ok := dateMonthOf(s[m[2]:m[3]]); ok {
			y := dateAtoi(s[m[4]:m[5]])
			add(y, mo, lastDay(y, mo), m[0], m[1])
		}
	}
	for _, m := range reQuarter.FindAllStringSubmatchIndex(s, -1) {
		q, y := 0, 0
		if m[2] >= 0 {
			q, y = dateAtoi(s[m[2]:m[3]]), dateAtoi(s[m[4]:m[5]])
		} else {
			y, q = dateAtoi(s[m[6]:m[7]]), dateAtoi(s[m[8]:m[9]])
		}
		add(y, q*3, lastDay(y, q*3), m[0], m[1])
	}
	for _, m := range reHalf.FindAllStringSubmatchIndex(s, -1) {
		h, y := 0, 0
		if m[2] >= 0 {
			h, y = dateAtoi(s[m[2]:m[3]]), dateAtoi(s[m[4]:m[5]])
		} else {
			h, y = 1, dateAtoi(s[m[8]:m[9]])
			if strings.EqualFold(s[m[6]:m[7]], "second") {
				h = 2
			}
		}
		add(y, h*6, lastDay(y, h*6), m[0], m[1])
	}
	for _, m := range reHuPeriod.FindAllStringSubmatchIndex(s, -1) {
		y := dateAtoi(s[m[2]:m[3]])
		n := dateOrdinal(s[m[4]:m[5]])
		mo := n * 3
		if strings.HasPrefix(strings.ToLower(s[m[6]:m[7]]), "fél") {
			mo = n * 6
		}
		if n > 0 && mo <= 12 {
			add(y, mo, lastDay(y, mo), m[0], m[1])
		}
	}
	for _, m := range reYearEnd.FindAllStringSubmatchIndex(s, -1) {
		for g := 2; g <= 6; g += 2 {
			if m[g] >= 0 {
				add(dateAtoi(s[m[g]:m[g+1]]), 12, 31, m[0], m[1])
			}
		}
	}
	valid := out[:0]
	for _, d := range out {
		if d.iso != "" {
			valid = append(valid, d)
		}
	}
	out = valid
	// Order by position.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].start < out[j-1].start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// ParseDate reads a deadline or date as written in a Hungarian, English or
// French document and returns it as an ISO date (2023-12-31), or as
// DeadlineOngoing, DeadlineAnnual or DeadlineImmediate. A period stands for
// its last day ("Q3 2025" → 2025-09-30, "2024. I. félév" → 2024-06-30, "end
// of 2025" → 2025-12-31). When several dates are written, a range ("2023.
// január 1. – 2024. december 31.") gives its end and a list gives the first
// date. It reports false when s holds no deadline it understands.
func ParseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	ds := scanDates(s)
	if len(ds) > 0 {
		if len(ds) >= 2 && isRange(s, ds[0], ds[1]) {
			return ds[1].iso, true
		}
		return ds[0].iso, true
	}
	t := strings.Trim(s, " .;,")
	if m := reYearAlone.FindStringSubmatch(t); m != nil {
		return fmt.Sprintf("%s-12-31", m[1]), true
	}
	if m := reYearRange.FindStringSubmatch(t); m != nil {
		return fmt.Sprintf("%s-12-31", m[2]), true
	}
	if w := deadlineWord(s); w != "" {
		return w, true
	}
	return "", false
}

// isRange reports whether the text between two dates makes them a range.
func isRange(s string, a, b dateSpan) bool {
	if a.end > b.start {
		return false
	}
	mid := strings.ToLower(strings.TrimSpace(s[a.end:b.start]))
	mid = strings.Trim(mid, " .,")
	switch mid {
	case "-", "–", "—", "to", "until", "till", "and", "au", "-ig", "between":
		return true
	}
	before := strings.ToLower(s[:a.start])
	return strings.HasPrefix(mid, "-tól") || strings.HasPrefix(mid, "-től") || strings.HasPrefix(mid, "tól") ||
		strings.HasPrefix(mid, "től") || (strings.HasSuffix(strings.TrimSpace(before), "from") && (mid == "to" || mid == "until"))
}

// deadlineWords are the words that stand for a deadline that is not a
// date, by the value they give.
var deadlineWords = []struct {
	value string
	words []string
}{
	{DeadlineOngoing, []string{"folyamatos", "folyamatosan", "állandó", "ongoing", "on-going", "continuous", "continuously", "permanent", "permanently", "continuing", "en continu", "permanente"}},
	{DeadlineAnnual, []string{"évente", "évenként", "minden évben", "minden év", "annually", "annual", "yearly", "every year", "each year", "annuellement", "chaque année"}},
	{DeadlineImmediate, []string{"azonnal", "azonnali", "haladéktalanul", "immediately", "immediate", "without delay", "immédiatement"}},
}

// deadlineWord returns the non-date deadline s names, or "".
func deadlineWord(s string) string {
	l := strings.ToLower(s)
	best, at := "", len(l)+1
	for _, dw := range deadlineWords {
		for _, w := range dw.words {
			i := indexWord(l, w)
			if i >= 0 && i < at {
				best, at = dw.value, i
			}
		}
	}
	return best
}

// indexWord finds w in s as a whole word (or word prefix for Hungarian
// suffixes like "folyamatosan").
func indexWord(s, w string) int {
	for off := 0; off < len(s); {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return -1
		}
		i += off
		if i == 0 || !isLetterByte(s, i-1) {
			return i
		}
		off = i + len(w)
	}
	return -1
}

func isLetterByte(s string, i int) bool {
	c := s[i]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func dateMonthOf(name string) (int, bool) {
	m, ok := dateMonths[strings.ToLower(strings.TrimSuffix(name, "."))]
	return m, ok
}

func dateOrdinal(s string) int {
	switch strings.ToLower(strings.TrimSuffix(s, ".")) {
	case "i", "1", "első":
		return 1
	case "ii", "2", "második":
		return 2
	case "iii", "3", "harmadik":
		return 3
	case "iv", "4", "negyedik":
		return 4
	}
	return 0
}

func isoDate(y, m, d int) (string, bool) {
	if y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > lastDay(y, m) {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), true
}

func lastDay(y, m int) int {
	if m < 1 || m > 12 {
		return 0
	}
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func dateAtoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}
