package mapping

import (
	"strings"
	"sync"
	"unicode"

	"github.com/recmap/recmap/index"
)

// The engine compares texts by their terms as the search index analyses
// them (index.Terms: Porter stems in English, Snowball stems in Hungarian
// and French), so that "right" meets "rights" and "discrimination" meets
// "discriminate", without the boilerplate of recommendations (stopwords).

// analyse returns the content terms of text in lang, in text order,
// repeats included.
func analyse(text, lang string) []string {
	lang = baseLang(lang)
	stop := stopTerms(lang)
	var out []string
	for _, t := range index.Terms(text, lang) {
		t = irregular(t, lang)
		if len([]rune(t)) < 3 || stop[t] || unicode.IsDigit([]rune(t)[0]) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// termSet returns the set of content terms of text in lang.
func termSet(text, lang string) map[string]bool {
	out := map[string]bool{}
	for _, t := range analyse(text, lang) {
		out[t] = true
	}
	return out
}

// baseLang reduces "en-GB" to "en".
func baseLang(lang string) string {
	l := strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(l, "-_"); i >= 0 {
		l = l[:i]
	}
	return l
}

// irregular joins the English plurals a suffix stemmer cannot:
// "children" and "child", "women" and "woman". They are the plurals that
// name the groups recommendations speak of.
func irregular(t, lang string) string {
	if lang != "en" {
		return t
	}
	switch t {
	case "children":
		return "child"
	case "women":
		return "woman"
	case "men":
		return "man"
	}
	return t
}

var stopCache sync.Map // lang → map[string]bool

// stopTerms returns the stopwords (function words and the boilerplate of
// recommendations, see stopwords) as lang's analyser makes them.
func stopTerms(lang string) map[string]bool {
	if m, ok := stopCache.Load(lang); ok {
		return m.(map[string]bool)
	}
	m := map[string]bool{}
	for w := range stopwords {
		for _, t := range index.Terms(w, lang) {
			m[t] = true
		}
	}
	stopCache.Store(lang, m)
	return m
}
