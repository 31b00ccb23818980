package extract

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The plausibility check: a PDF's text layer can be there and still not
// decode (a font without a usable encoding gives no text, private-use
// characters, or letters that are not the document's words). Such pages
// are reported, never passed on as text.

// textQuality counts what a page's text is made of.
type textQuality struct {
	glyphs    int // glyphs shown, spaces excluded
	undecoded int // glyphs without text, or with private-use, replacement or control characters
	worstFont string
	tokens    int // runs of letters
	tokenLen  int // letters in them
	function  int // tokens that are common function words of a European language
}

// add counts the words of one line of text.
func (q *textQuality) add(s string) {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		q.tokens++
		q.tokenLen += utf8.RuneCountInString(w)
		if _, ok := functionWords[strings.ToLower(w)]; ok {
			q.function++
		}
	}
}

// badRune is a character no real text is made of.
func badRune(r rune) bool {
	return r == utf8.RuneError || r < ' ' && r != '\t' && r != '\n' ||
		r >= 0x7F && r < 0xA0 || r >= 0xE000 && r <= 0xF8FF || r >= 0xF0000
}

// unreadable tells whether a page's text does not decode: most of its
// glyphs give no text, or its words are not words of any language recmap
// meets (scattered letters, no function words in a page of text).
func (q textQuality) unreadable() bool {
	if q.glyphs < 40 {
		return false
	}
	if float64(q.undecoded) > 0.5*float64(q.glyphs) {
		return true
	}
	if q.tokens < 60 {
		return false
	}
	mean := float64(q.tokenLen) / float64(q.tokens)
	return mean < 2.2 || float64(q.function) < 0.01*float64(q.tokens)
}

// unreadableDetail names the pages whose text does not decode and the
// fonts most of their undecoded glyphs were set in (three at most).
func unreadableDetail(pages []int, fonts []string) string {
	count := map[string]int{}
	for _, f := range fonts {
		if f != "" {
			count[f]++
		}
	}
	names := make([]string, 0, len(count))
	for f := range count {
		names = append(names, f)
	}
	sort.Slice(names, func(i, j int) bool {
		if count[names[i]] != count[names[j]] {
			return count[names[i]] > count[names[j]]
		}
		return names[i] < names[j]
	})
	what := "no usable encoding"
	switch {
	case len(names) == 1:
		what = "font " + names[0] + ", no usable encoding"
	case len(names) > 3:
		what = fmt.Sprintf("fonts %s and %d more, no usable encoding", strings.Join(names[:3], ", "), len(names)-3)
	case len(names) > 1:
		what = "fonts " + strings.Join(names, ", ") + ", no usable encoding"
	}
	return fmt.Sprintf("%s (%s)", pageRanges(pages), what)
}

// pageRanges writes sorted page numbers as "page 3" or "pages 3–9, 12".
func pageRanges(pages []int) string {
	var parts []string
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, fmt.Sprint(pages[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d–%d", pages[i], pages[j]))
		}
		i = j + 1
	}
	if len(pages) == 1 {
		return "page " + parts[0]
	}
	return "pages " + strings.Join(parts, ", ")
}

// functionWords are frequent articles, prepositions, conjunctions and
// auxiliaries of the languages of European monitoring reports. Any real
// page of running text holds some of them; text that decodes to the wrong
// letters holds almost none.
var functionWords = func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range strings.Fields(`
		the of and to in is for that on with by be are as or was were has have this not it an
		from at which shall should its their
		de het een van en in op te voor met zijn die dat niet aan ook bij door of naar om
		wordt worden als er heeft hebben deze dit
		a az és hogy nem egy is meg de ha mint vagy által szerint kell pedig valamint
		der die das und zu den von mit ist des im für auf dem sich nicht eine ein
		le la les des et du en un une pour dans par sur au aux est que qui ou pas
		el los las y del por con para se al una es lo
		il di che per della dei nel sono
		da do das dos em com um uma não
		na się w z że nie jest do oraz przez
		și în cu pe care este
		je v se na že ve pro jsou není
		je da se na za ki so ali
		och att är för av på som det`) {
		m[w] = struct{}{}
	}
	return m
}()
