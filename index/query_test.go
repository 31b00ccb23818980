package index_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/recmap/recmap/index"
)

func TestQueryError(t *testing.T) {
	x := open(t)
	tests := []struct {
		query   string
		pos     int
		msgPart string
	}{
		{`"victims of`, 0, "unbalanced '\"'"},
		{`trafficking "victims of`, 12, "unbalanced '\"'"},
		{`(a b`, 0, "unbalanced '('"},
		{`x (a (b c)`, 2, "unbalanced '('"},
		{`a b)`, 3, "unbalanced ')'"},
		{`a + b`, 2, "'+' must be followed"},
		{`a -`, 2, "'-' must be followed"},
		{`+-a`, 1, "'-' after '+'"},
		{`foo:bar`, 0, `unknown field "foo"`},
		{`+kind:recommendation bodyy:GRETA`, 21, `unknown field "bodyy"`},
		{`kind:`, 4, "missing value"},
		{`kind: action`, 4, "missing value"},
		{`()`, 0, "empty parentheses"},
		{`a~3`, 1, "fuzziness"},
		{`a^x`, 1, "boost"},
		{`page:abc`, 5, "not a number"},
		{`page:>NaN`, 6, "not a number"},
		{`page:Inf`, 5, "not a number"},
		{`published:yesterday`, 10, "not a date"},
		{`kind:>a`, 5, "comparison"},
		{`"a"b`, 3, "after the phrase"},
		{`a"b"`, 1, "put a space before a phrase"},
		{`*`, 0, "wildcard"},
		{`kind:(a b)`, 5, "group"},
		{`a\`, 1, "escapes nothing"},
		{`""`, 0, "empty phrase"},
		{`áldozat (x`, 9, "unbalanced '('"},
		{strings.Repeat("a", index.MaxQueryLen+1), index.MaxQueryLen, "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.query[:min(len(tt.query), 30)], func(t *testing.T) {
			_, err := x.Search(t.Context(), index.Query{Text: tt.query})
			var qe *index.QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("err = %v, want *QueryError", err)
			}
			if qe.Pos != tt.pos || !strings.Contains(qe.Msg, tt.msgPart) || qe.Query != tt.query {
				t.Errorf("got pos %d msg %q, want pos %d msg containing %q", qe.Pos, qe.Msg, tt.pos, tt.msgPart)
			}
		})
	}
}

func TestQueryValid(t *testing.T) {
	x := open(t)
	for _, q := range []string{
		``, `   `, `a`, `Article 11(4)`, `Art.10(2)(a)`, `+(a b) -(c "d e")`, `"a b"~1`, `a~ b~2 c^2 "d"^1.5`,
		`doc:GRETA(2023)08`, `doc:"sha256:0123"`, `sha256\:abc`, `page:12 page:>=3 page:<4 published:<=2023-06`,
		`anti-trafficking`, `A/HRC/28/15`, `áldozatok`, `(a (b (c)))`, `kind:recommendation^3`, `id:x#1`,
		"a\u00a0b", `topic:child* kind:rec?mmendation`,
	} {
		if _, err := x.Search(t.Context(), index.Query{Text: q, Highlight: true}); err != nil {
			t.Errorf("%q: %v", q, err)
		}
	}
}

func FuzzQuery(f *testing.F) {
	for _, s := range []string{`+trafficking "victim identification" -kind:paragraph`, `(a (b`, `áldozat~2^3`,
		`page:>=12 published:2023`, `a\`, `x:y`, `"`, `+-`, `kind:(a)`, `Art.10(2)(a))`, `*a?`} {
		f.Add(s)
	}
	x, err := index.Open(filepath.Join(f.TempDir(), "idx"))
	if err != nil {
		f.Fatal(err)
	}
	defer x.Close()
	f.Fuzz(func(t *testing.T, s string) {
		_, err := x.Search(t.Context(), index.Query{Text: s, Highlight: true})
		var qe *index.QueryError
		if errors.As(err, &qe) {
			if qe.Pos < 0 || qe.Pos > len(s) {
				t.Fatalf("%q: position %d outside the query", s, qe.Pos)
			}
			if utf8.ValidString(s) && !utf8.ValidString(qe.Error()) {
				t.Fatalf("%q: error message is not UTF-8", s)
			}
			return
		}
		if err != nil {
			t.Fatalf("%q: non-query error %v", s, err)
		}
	})
}
