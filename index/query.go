package index

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxQueryLen is the longest query text Search accepts, in characters,
// unless Query.MaxLength says otherwise.
const MaxQueryLen = 2000

// maxDepth bounds the nesting of parentheses.
const maxDepth = 16

// QueryError is a query that cannot be parsed. Pos is the byte offset in
// Query where the problem is.
type QueryError struct {
	Query string
	Pos   int
	Msg   string
}

// Column returns the 0-based position of the problem in characters (runes),
// for putting a caret under it.
func (e *QueryError) Column() int {
	p := min(max(e.Pos, 0), len(e.Query))
	return utf8.RuneCountInString(e.Query[:p])
}

func (e *QueryError) Error() string {
	p := min(max(e.Pos, 0), len(e.Query))
	return fmt.Sprintf("query: %s (at character %d)", e.Msg, utf8.RuneCountInString(e.Query[:p])+1)
}

// occur says whether a clause must, should or must not match.
type occur int

const (
	should occur = iota
	must
	mustNot
)

// clauseKind is the shape of a clause.
type clauseKind int

const (
	cWord   clauseKind = iota // a single word (maybe fuzzy or wildcard)
	cPhrase                   // "a quoted phrase"
	cRange                    // page:>10, published:<=2020
	cGroup                    // ( clauses )
)

// fieldKind is how a query field is searched.
type fieldKind int

const (
	fkText    fieldKind = iota // every text field, analysed
	fkKeyword                  // exact value (case variants tried)
	fkNumber                   // page
	fkDate                     // published
	fkID                       // item ID
)

type fieldSpec struct {
	name string // bleve field
	kind fieldKind
}

// queryFields maps the field names users type to index fields.
var queryFields = map[string]fieldSpec{
	"text":      {"", fkText},
	"kind":      {fKind, fkKeyword},
	"type":      {fKind, fkKeyword},
	"body":      {fBody, fkKeyword},
	"family":    {fFamily, fkKeyword},
	"country":   {fCountry, fkKeyword},
	"round":     {fRound, fkKeyword},
	"cycle":     {fRound, fkKeyword},
	"strength":  {fStrength, fkKeyword},
	"topic":     {fTopics, fkKeyword},
	"topics":    {fTopics, fkKeyword},
	"position":  {fPosition, fkKeyword},
	"status":    {fStatus, fkKeyword},
	"doc":       {fDoc, fkKeyword},
	"document":  {fDoc, fkKeyword},
	"symbol":    {fSymbol, fkKeyword},
	"lang":      {fLang, fkKeyword},
	"language":  {fLang, fkKeyword},
	"number":    {fNumber, fkKeyword},
	"para":      {fPara, fkKeyword},
	"page":      {fPage, fkNumber},
	"published": {fPublished, fkDate},
	"date":      {fPublished, fkDate},
	"id":        {"", fkID},
}

// QueryFields returns the field names a query may use (kind:, topic: …),
// sorted, for help texts.
func QueryFields() []string {
	out := make([]string, 0, len(queryFields))
	for k := range queryFields {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// clause is one parsed element of a query. The parsed form does not depend
// on Bleve: another backend translates the same clauses.
type clause struct {
	occur    occur
	kind     clauseKind
	field    fieldSpec // zero value: all text fields
	text     string    // word or phrase, unescaped
	op       string    // cRange: ">", ">=", "<", "<=" or "" for equality
	fuzzy    int       // edit distance, 0 = exact
	wildcard bool      // word contains * or ?
	boost    float64   // 0 = none
	sub      []clause  // cGroup
	pos      int       // byte offset of the clause in the query
}

// parseQuery parses the query-string syntax described in the package documentation. maxLen is the longest
// query accepted in characters; 0 means MaxQueryLen.
func parseQuery(s string, maxLen int) ([]clause, error) {
	if maxLen <= 0 {
		maxLen = MaxQueryLen
	}
	if len(s) > maxLen { // bytes ≥ characters: count only long ones
		if n := utf8.RuneCountInString(s); n > maxLen {
			pos := 0
			for range maxLen {
				_, w := utf8.DecodeRuneInString(s[pos:])
				pos += w
			}
			return nil, &QueryError{Query: s, Pos: pos, Msg: fmt.Sprintf("query is %d characters long; the limit is %d (raise it with --max-query, or Query.MaxLength)", n, maxLen)}
		}
	}
	if !utf8.ValidString(s) {
		pos := 0
		for pos < len(s) {
			r, w := utf8.DecodeRuneInString(s[pos:])
			if r == utf8.RuneError && w <= 1 {
				break
			}
			pos += w
		}
		return nil, &QueryError{Query: strings.ToValidUTF8(s, "\uFFFD"), Pos: pos, Msg: "the query is not valid UTF-8 text: retype it, or check the terminal's character set"}
	}
	p := &parser{s: s}
	cs, err := p.seq(0)
	if err != nil {
		return nil, err
	}
	return cs, nil
}

type parser struct {
	s string
	i int
}

func (p *parser) errf(pos int, format string, args ...any) error {
	return &QueryError{Query: p.s, Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func (p *parser) skipSpace() {
	for p.i < len(p.s) {
		if isSpace(p.s[p.i]) {
			p.i++
			continue
		}
		// Unicode spaces (no-break space, ideographic space…).
		r, w := utf8.DecodeRuneInString(p.s[p.i:])
		if r == '\u00a0' || r == '\u2000' || r == '\u2002' || r == '\u2003' || r == '\u2009' || r == '\u202f' || r == '\u3000' {
			p.i += w
			continue
		}
		return
	}
}

// seq parses clauses up to the end of input or, inside a group, up to the
// closing parenthesis (which it does not consume).
func (p *parser) seq(depth int) ([]clause, error) {
	var out []clause
	for {
		p.skipSpace()
		if p.i >= len(p.s) {
			return out, nil
		}
		if p.s[p.i] == ')' {
			if depth == 0 {
				return nil, p.errf(p.i, "unbalanced ')': no '(' opens it")
			}
			return out, nil
		}
		c, err := p.clause(depth)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
}

func (p *parser) clause(depth int) (clause, error) {
	c := clause{pos: p.i}
	switch p.s[p.i] {
	case '+', '-':
		sign := p.s[p.i]
		if sign == '+' {
			c.occur = must
		} else {
			c.occur = mustNot
		}
		p.i++
		if p.i >= len(p.s) || isSpace(p.s[p.i]) || p.s[p.i] == ')' {
			return c, p.errf(c.pos, "'%c' must be followed by a word, phrase or group without a space", sign)
		}
		if p.s[p.i] == '+' || p.s[p.i] == '-' {
			return c, p.errf(p.i, "'%c' after '%c'", p.s[p.i], sign)
		}
	}
	start := p.i
	switch p.s[p.i] {
	case '(':
		if depth+1 > maxDepth {
			return c, p.errf(p.i, "parentheses nested more than %d deep", maxDepth)
		}
		p.i++
		sub, err := p.seq(depth + 1)
		if err != nil {
			return c, err
		}
		if p.i >= len(p.s) {
			return c, p.errf(start, "unbalanced '(': no ')' closes it")
		}
		p.i++ // ')'
		if len(sub) == 0 {
			return c, p.errf(start, "empty parentheses")
		}
		c.kind, c.sub = cGroup, sub
		return c, p.suffix(&c, false)
	case '"':
		txt, err := p.phrase()
		if err != nil {
			return c, err
		}
		c.kind, c.text = cPhrase, txt
		return c, p.suffix(&c, true)
	}
	// field:value?
	if name, ok := p.fieldName(); ok {
		fs, known := queryFields[strings.ToLower(name)]
		if !known {
			return c, p.errf(start, "unknown field %q (known fields: %s); to search for the word, write it as %s\\:", name, strings.Join(QueryFields(), ", "), name)
		}
		c.field = fs
		p.i += len(name) + 1
		if p.i >= len(p.s) || isSpace(p.s[p.i]) || p.s[p.i] == ')' {
			return c, p.errf(start+len(name), "missing value after %q", name+":")
		}
		switch p.s[p.i] {
		case '(':
			return c, p.errf(p.i, "a group after %q is not supported; repeat the field for each value", name+":")
		case '"':
			txt, err := p.phrase()
			if err != nil {
				return c, err
			}
			c.kind, c.text = cPhrase, txt
			if fs.kind == fkNumber || fs.kind == fkDate {
				c.kind = cRange
			}
			return c, p.suffix(&c, true)
		case '>', '<':
			if fs.kind != fkNumber && fs.kind != fkDate {
				return c, p.errf(p.i, "%q takes no comparison; only page: and published: do", name+":")
			}
			c.op = p.s[p.i : p.i+1]
			p.i++
			if p.i < len(p.s) && p.s[p.i] == '=' {
				c.op += "="
				p.i++
			}
		case '=':
			return c, p.errf(p.i, "write %s:VALUE, not %s:=VALUE", name, name)
		}
	}
	vpos := p.i
	w, wild, err := p.word()
	if err != nil {
		return c, err
	}
	if w == "" {
		return c, p.errf(vpos, "missing value")
	}
	c.kind, c.text, c.wildcard = cWord, w, wild
	switch c.field.kind {
	case fkNumber:
		c.kind = cRange
		if v, err := strconv.ParseFloat(w, 64); err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return c, p.errf(vpos, "%q is not a number", w)
		}
	case fkDate:
		c.kind = cRange
		if _, _, ok := parseDateRange(w); !ok {
			return c, p.errf(vpos, "%q is not a date (write 2023, 2023-06 or 2023-06-30)", w)
		}
	}
	if c.kind == cRange && wild {
		return c, p.errf(vpos, "wildcards are not allowed in %s: values", c.field.name)
	}
	if wild {
		lit := 0
		for _, r := range w {
			if r != '*' && r != '?' {
				lit++
			}
		}
		if lit < 2 {
			return c, p.errf(vpos, "a wildcard word needs at least two letters besides * and ?")
		}
	}
	return c, p.suffix(&c, false)
}

// fieldName reports whether the input at p.i starts with NAME followed by
// ':' where NAME is made of letters, digits and '_'.
func (p *parser) fieldName() (string, bool) {
	j := p.i
	for j < len(p.s) {
		b := p.s[j]
		if b == '_' || ('a' <= b && b <= 'z') || ('A' <= b && b <= 'Z') || ('0' <= b && b <= '9') {
			j++
			continue
		}
		break
	}
	if j > p.i && j < len(p.s) && p.s[j] == ':' {
		return p.s[p.i:j], true
	}
	return "", false
}

// phrase reads a quoted phrase starting at p.i.
func (p *parser) phrase() (string, error) {
	start := p.i
	p.i++
	var b strings.Builder
	for p.i < len(p.s) {
		ch := p.s[p.i]
		switch ch {
		case '\\':
			if p.i+1 >= len(p.s) {
				return "", p.errf(p.i, "'\\' at the end of the query escapes nothing")
			}
			b.WriteByte(p.s[p.i+1])
			p.i += 2
			continue
		case '"':
			p.i++
			txt := strings.TrimSpace(b.String())
			if txt == "" {
				return "", p.errf(start, "empty phrase")
			}
			return txt, nil
		}
		b.WriteByte(ch)
		p.i++
	}
	return "", p.errf(start, "unbalanced '\"': no quote closes the phrase")
}

// word reads an unquoted word. Parentheses inside a word ("11(4)") belong to
// it when they balance; a ')' that closes nothing in the word ends it.
func (p *parser) word() (w string, wildcard bool, err error) {
	var b strings.Builder
	depth := 0
	for p.i < len(p.s) {
		ch := p.s[p.i]
		if isSpace(ch) {
			break
		}
		if ch == '\\' {
			if p.i+1 >= len(p.s) {
				return "", false, p.errf(p.i, "'\\' at the end of the query escapes nothing")
			}
			_, sz := utf8.DecodeRuneInString(p.s[p.i+1:])
			b.WriteString(p.s[p.i+1 : p.i+1+sz])
			p.i += 1 + sz
			continue
		}
		if ch == '"' || ch == '~' || ch == '^' {
			break
		}
		if ch == '(' {
			depth++
		}
		if ch == ')' {
			if depth == 0 {
				break
			}
			depth--
		}
		if ch == '*' || ch == '?' {
			wildcard = true
		}
		if ch >= utf8.RuneSelf {
			r, sz := utf8.DecodeRuneInString(p.s[p.i:])
			if r == '\u00a0' || r == '\u202f' || r == '\u3000' {
				break
			}
			b.WriteString(p.s[p.i : p.i+sz])
			p.i += sz
			continue
		}
		b.WriteByte(ch)
		p.i++
	}
	return b.String(), wildcard, nil
}

// suffix reads the optional ~N and ^BOOST after a clause and checks that
// the clause ends there.
func (p *parser) suffix(c *clause, phrase bool) error {
	if p.i < len(p.s) && p.s[p.i] == '~' {
		tpos := p.i
		if c.kind == cGroup || c.kind == cRange || c.field.kind == fkID || c.wildcard {
			return p.errf(tpos, "'~' (fuzzy) applies to words and phrases only")
		}
		p.i++
		j := p.i
		for j < len(p.s) && '0' <= p.s[j] && p.s[j] <= '9' {
			j++
		}
		c.fuzzy = 1
		if j > p.i {
			n, err := strconv.Atoi(p.s[p.i:j])
			if err != nil || n > 2 {
				return p.errf(tpos, "fuzziness must be 0, 1 or 2")
			}
			c.fuzzy = n
		}
		p.i = j
	}
	if p.i < len(p.s) && p.s[p.i] == '^' {
		bpos := p.i
		p.i++
		j := p.i
		for j < len(p.s) && (('0' <= p.s[j] && p.s[j] <= '9') || p.s[j] == '.') {
			j++
		}
		f, err := strconv.ParseFloat(p.s[p.i:j], 64)
		if err != nil || f <= 0 || f > 1000 {
			return p.errf(bpos, "'^' must be followed by a boost between 0 and 1000, like ^2")
		}
		c.boost = f
		p.i = j
	}
	if p.i < len(p.s) && !isSpace(p.s[p.i]) && p.s[p.i] != ')' {
		r, _ := utf8.DecodeRuneInString(p.s[p.i:])
		if r == '\u00a0' || r == '\u202f' || r == '\u3000' {
			return nil
		}
		switch r {
		case '"':
			return p.errf(p.i, "unexpected '\"': put a space before a phrase")
		case '~', '^':
			return p.errf(p.i, "unexpected %q", r)
		}
		if phrase {
			return p.errf(p.i, "unexpected %q after the phrase: put a space after the closing quote", r)
		}
		return p.errf(p.i, "unexpected %q", r)
	}
	return nil
}
