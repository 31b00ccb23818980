package rules

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/recmap/recmap"
)

//go:embed topics.json
var defaultTaxonomyJSON []byte

// Topic is one subject of the taxonomy, with its labels and the terms that
// signal it, per language (ISO 639-1: en, hu, fr …).
//
// A term is a sequence of words matched on word boundaries, ignoring case;
// a word ending in "*" matches every word it begins, which is how the
// inflected forms of Hungarian (áldozat*: áldozat, áldozatok, áldozatának)
// and English stems (traffick*: trafficking, trafficked, traffickers) are
// caught. Hyphens and apostrophes separate words, in terms as in text.
// Exclude lists phrases whose words do not count for the topic ("drug
// traffick*" is not about trafficking in human beings).
//
// A topic with a Parent is a concept: a finer subject inside its parent
// ("compensation.state" in "compensation"), whose terms in each language
// say the same thing, so that a concept matched in one language can be
// looked for with its terms in another. Tag and Topics leave concepts out,
// so the matrix, facets and filters keep the top-level topics; Match
// returns both.
type Topic struct {
	ID      string              `json:"id"`
	Parent  string              `json:"parent,omitempty"`
	Labels  map[string]string   `json:"labels,omitempty"`
	Terms   map[string][]string `json:"terms"`
	Exclude map[string][]string `json:"exclude,omitempty"`
}

// Taxonomy is the topic vocabulary used to tag items and to expand queries
// across languages. The zero value has no topics; use DefaultTaxonomy or
// LoadTaxonomy.
type Taxonomy struct {
	topics []Topic // top-level topics and concepts, in file order
	top    []Topic // top-level topics only
	byID   map[string]int
	langs  map[string]*termIndex // per language
}

type taxonomyFile struct {
	Version int     `json:"version"`
	Note    string  `json:"note,omitempty"`
	Topics  []Topic `json:"topics"`
}

var (
	defaultTax     *Taxonomy
	defaultTaxOnce sync.Once
)

// DefaultTaxonomy returns the taxonomy embedded in recmap (rules/topics.json).
func DefaultTaxonomy() *Taxonomy {
	defaultTaxOnce.Do(func() {
		t, err := LoadTaxonomy(bytes.NewReader(defaultTaxonomyJSON))
		if err != nil {
			panic("rules: embedded topics.json: " + err.Error())
		}
		defaultTax = t
	})
	return defaultTax
}

// LoadTaxonomy reads a taxonomy in the format of the embedded topics.json,
// for a user who overrides the default. Syntax errors name the line and
// column.
func LoadTaxonomy(r io.Reader) (*Taxonomy, error) {
	data, err := io.ReadAll(io.LimitReader(r, 16<<20))
	if err != nil {
		return nil, fmt.Errorf("read taxonomy: %w", err)
	}
	var f taxonomyFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			line, col := lineCol(data, se.Offset)
			return nil, fmt.Errorf("taxonomy: line %d, column %d: %w", line, col, err)
		case errors.As(err, &te):
			line, col := lineCol(data, te.Offset)
			return nil, fmt.Errorf("taxonomy: line %d, column %d: %s must be %s, not %s", line, col, te.Field, te.Type, te.Value)
		case errors.Is(err, io.ErrUnexpectedEOF):
			line, col := lineCol(data, int64(len(data)))
			return nil, fmt.Errorf("taxonomy: line %d, column %d: unexpected end of file", line, col)
		}
		return nil, fmt.Errorf("taxonomy: %w", err)
	}
	return newTaxonomy(f.Topics)
}

func lineCol(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line = 1 + bytes.Count(data[:off], []byte("\n"))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	col = 1 + utf8.RuneCount(data[start:off])
	return line, col
}

func newTaxonomy(topics []Topic) (*Taxonomy, error) {
	t := &Taxonomy{topics: topics, byID: map[string]int{}, langs: map[string]*termIndex{}}
	for i, tp := range topics {
		if tp.ID == "" {
			return nil, fmt.Errorf("taxonomy: topic %d has no id", i+1)
		}
		if _, dup := t.byID[tp.ID]; dup {
			return nil, fmt.Errorf("taxonomy: topic %q defined twice", tp.ID)
		}
		t.byID[tp.ID] = i
		if tp.Parent == "" {
			t.top = append(t.top, tp)
		}
		n := 0
		for lang, terms := range tp.Terms {
			ix := t.langs[lang]
			if ix == nil {
				ix = newTermIndex()
				t.langs[lang] = ix
			}
			for _, term := range terms {
				if ix.add(i, term, false) {
					n++
				}
			}
		}
		if n == 0 {
			return nil, fmt.Errorf("taxonomy: topic %q has no terms", tp.ID)
		}
		for lang, terms := range tp.Exclude {
			ix := t.langs[lang]
			if ix == nil {
				ix = newTermIndex()
				t.langs[lang] = ix
			}
			for _, term := range terms {
				ix.add(i, term, true)
			}
		}
	}
	for _, tp := range topics {
		if tp.Parent == "" {
			continue
		}
		p, ok := t.byID[tp.Parent]
		if !ok {
			return nil, fmt.Errorf("taxonomy: concept %q: no parent topic %q", tp.ID, tp.Parent)
		}
		if topics[p].Parent != "" {
			return nil, fmt.Errorf("taxonomy: concept %q: parent %q is itself a concept", tp.ID, tp.Parent)
		}
	}
	return t, nil
}

// Topics returns the taxonomy's top-level topics in file order.
func (t *Taxonomy) Topics() []Topic { return t.top }

// Concepts returns the taxonomy's concepts (topics with a parent) in file
// order.
func (t *Taxonomy) Concepts() []Topic {
	var out []Topic
	for _, tp := range t.topics {
		if tp.Parent != "" {
			out = append(out, tp)
		}
	}
	return out
}

// Parent returns the parent topic of a concept, "" for a top-level topic
// or an unknown ID.
func (t *Taxonomy) Parent(id string) string {
	if i, ok := t.byID[id]; ok {
		return t.topics[i].Parent
	}
	return ""
}

// Label returns the topic's label in lang, falling back to English and
// then to its ID.
func (t *Taxonomy) Label(topic, lang string) string {
	i, ok := t.byID[topic]
	if !ok {
		return topic
	}
	if l := t.topics[i].Labels[lang]; l != "" {
		return l
	}
	if l := t.topics[i].Labels["en"]; l != "" {
		return l
	}
	return topic
}

// Terms returns the terms of a topic or concept in lang as written in the taxonomy
// (a trailing "*" marks a prefix), or in every language when lang is "".
// The mapping engine uses it to expand a query across languages.
func (t *Taxonomy) Terms(topic, lang string) []string {
	i, ok := t.byID[topic]
	if !ok {
		return nil
	}
	if lang != "" {
		return append([]string(nil), t.topics[i].Terms[lang]...)
	}
	langs := make([]string, 0, len(t.topics[i].Terms))
	for l := range t.topics[i].Terms {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	var out []string
	seen := map[string]bool{}
	for _, l := range langs {
		for _, term := range t.topics[i].Terms[l] {
			if !seen[term] {
				seen[term] = true
				out = append(out, term)
			}
		}
	}
	return out
}

// Tag returns the top-level topics text is about, with the words that said
// so, in taxonomy order. lang selects the terms of one language; when it is
// "" or the taxonomy has no terms in it, the terms of every language are
// used.
func (t *Taxonomy) Tag(text, lang string) []recmap.TopicTag {
	return t.match(text, lang, false)
}

// Match is Tag with the concepts: every topic and concept text matches,
// with the words that triggered it, in taxonomy order. The mapping engine
// expands a recommendation with the terms, in the candidates' languages, of
// exactly the concepts it matched.
func (t *Taxonomy) Match(text, lang string) []recmap.TopicTag {
	return t.match(text, lang, true)
}

func (t *Taxonomy) match(text, lang string, concepts bool) []recmap.TopicTag {
	if t == nil || len(t.topics) == 0 || text == "" {
		return nil
	}
	words := tokenize(text)
	if len(words) == 0 {
		return nil
	}
	var idx []*termIndex
	if ix, ok := t.langs[lang]; ok && lang != "" {
		idx = []*termIndex{ix}
	} else {
		langs := make([]string, 0, len(t.langs))
		for l := range t.langs {
			langs = append(langs, l)
		}
		sort.Strings(langs)
		for _, l := range langs {
			idx = append(idx, t.langs[l])
		}
	}
	type span struct{ from, to int }
	excluded := map[int][]span{}
	hits := map[int][]span{}
	for _, ix := range idx {
		for pos := range words {
			for _, ct := range ix.candidates(words[pos]) {
				end, ok := ct.matchAt(words, pos)
				if !ok {
					continue
				}
				if ct.exclude {
					excluded[ct.topic] = append(excluded[ct.topic], span{pos, end})
				} else {
					hits[ct.topic] = append(hits[ct.topic], span{pos, end})
				}
			}
		}
	}
	var out []recmap.TopicTag
	for i, tp := range t.topics {
		if tp.Parent != "" && !concepts {
			continue
		}
		var terms []string
		seen := map[string]bool{}
	hit:
		for _, h := range hits[i] {
			for _, x := range excluded[i] {
				if h.from >= x.from && h.to <= x.to {
					continue hit
				}
			}
			s := strings.Join(words[h.from:h.to], " ")
			if !seen[s] && len(terms) < 10 {
				seen[s] = true
				terms = append(terms, s)
			}
		}
		if len(terms) > 0 {
			out = append(out, recmap.TopicTag{Topic: tp.ID, Terms: terms})
		}
	}
	return out
}

// tokenize splits text into lower-case NFC words; every character that is
// not a letter or digit separates words.
func tokenize(text string) []string {
	text = norm.NFC.String(strings.ToLower(text))
	return strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '*' })
}

// termIndex finds the terms of one language that can start at a word.
type termIndex struct {
	exact  map[string][]*compiledTerm // first word matched exactly
	prefix map[string][]*compiledTerm // first word is a prefix: keyed by its first 3 runes
	short  []*compiledTerm            // first word a prefix shorter than 3 runes
}

func newTermIndex() *termIndex {
	return &termIndex{exact: map[string][]*compiledTerm{}, prefix: map[string][]*compiledTerm{}}
}

type compiledTerm struct {
	topic   int
	words   []string
	prefix  []bool
	exclude bool
}

func (ix *termIndex) add(topic int, term string, exclude bool) bool {
	ws := tokenize(term)
	ct := &compiledTerm{topic: topic, exclude: exclude}
	for _, w := range ws {
		p := strings.HasSuffix(w, "*")
		w = strings.Trim(w, "*")
		if w == "" {
			continue
		}
		ct.words = append(ct.words, w)
		ct.prefix = append(ct.prefix, p)
	}
	if len(ct.words) == 0 {
		return false
	}
	first := ct.words[0]
	switch {
	case !ct.prefix[0]:
		ix.exact[first] = append(ix.exact[first], ct)
	case utf8.RuneCountInString(first) >= 3:
		k := key3(first)
		ix.prefix[k] = append(ix.prefix[k], ct)
	default:
		ix.short = append(ix.short, ct)
	}
	return true
}

func key3(w string) string {
	n := 0
	for i := range w {
		if n == 3 {
			return w[:i]
		}
		n++
	}
	return w
}

func (ix *termIndex) candidates(w string) []*compiledTerm {
	out := ix.exact[w]
	if p := ix.prefix[key3(w)]; len(p) > 0 {
		out = append(out[:len(out):len(out)], p...)
	}
	if len(ix.short) > 0 {
		out = append(out[:len(out):len(out)], ix.short...)
	}
	return out
}

// matchAt reports whether the term matches words from pos, and where the
// match ends.
func (ct *compiledTerm) matchAt(words []string, pos int) (int, bool) {
	if pos+len(ct.words) > len(words) {
		return 0, false
	}
	for i, w := range ct.words {
		got := words[pos+i]
		if ct.prefix[i] {
			if !strings.HasPrefix(got, w) {
				return 0, false
			}
		} else if got != w {
			return 0, false
		}
	}
	return pos + len(ct.words), true
}
