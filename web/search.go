package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/recmap/recmap/index"
	"github.com/recmap/recmap/workspace"
)

// facetFields are the facets the search page shows, in order, with labels.
var facetFields = []struct{ Field, Label string }{
	{"kind", "Kind"},
	{"body", "Body"},
	{"round", "Round / cycle"},
	{"strength", "Strength"},
	{"topics", "Topic"},
	{"status", "Status"},
	{"country", "Country"},
	{"position", "UPR position"},
	{"doc", "Document"},
}

const (
	pageSize    = 20
	maxPageSize = 100
)

// searchParams are a search as its URL states it.
type searchParams struct {
	Text    string
	Filters map[string][]string
	From    int
	Size    int
}

func parseSearch(v url.Values) searchParams {
	p := searchParams{Text: strings.TrimSpace(v.Get("q")), Filters: map[string][]string{}, Size: pageSize}
	for _, f := range facetFields {
		for _, val := range v[f.Field] {
			if val = strings.TrimSpace(val); val != "" && !slices.Contains(p.Filters[f.Field], val) {
				p.Filters[f.Field] = append(p.Filters[f.Field], val)
			}
		}
	}
	if n, err := strconv.Atoi(v.Get("from")); err == nil && n > 0 {
		p.From = min(n, 10000)
	}
	if n, err := strconv.Atoi(v.Get("size")); err == nil && n > 0 {
		p.Size = min(n, maxPageSize)
	}
	return p
}

// values renders the parameters back into a URL query, with from changed.
func (p searchParams) values(from int) url.Values {
	v := url.Values{}
	if p.Text != "" {
		v.Set("q", p.Text)
	}
	for _, f := range facetFields {
		for _, val := range p.Filters[f.Field] {
			v.Add(f.Field, val)
		}
	}
	if from > 0 {
		v.Set("from", strconv.Itoa(from))
	}
	if p.Size != pageSize {
		v.Set("size", strconv.Itoa(p.Size))
	}
	return v
}

func (s *Server) search(ctx context.Context, p searchParams) (*index.Results, error) {
	facets := make([]string, len(facetFields))
	for i, f := range facetFields {
		facets[i] = f.Field
	}
	return s.ws.Index().Search(ctx, index.Query{
		Text: p.Text, Filters: p.Filters, From: p.From, Size: p.Size,
		Facets: facets, Highlight: true,
	})
}

// searchView is the search page.
type searchView struct {
	Query      string
	Total      uint64
	Took       string
	First      int // 1-based number of the first hit shown
	Last       int
	Hits       []hitView
	Facets     []facetView
	Prev, Next string // URLs, "" at the ends
	Error      *queryErrorView
	Filtered   bool
	Fields     []string // for the syntax help
}

type queryErrorView struct {
	Msg    string
	Before string // the query up to the problem
	After  string
}

type hitView struct {
	ID       string      `json:"id"`
	Kind     string      `json:"kind"`
	DocID    string      `json:"doc"`
	Symbol   string      `json:"symbol,omitempty"`
	Title    string      `json:"doc_title,omitempty"`
	Para     string      `json:"para,omitempty"`
	Number   string      `json:"number,omitempty"`
	Page     int         `json:"page,omitempty"`
	Cite     string      `json:"cite"`
	Strength string      `json:"strength,omitempty"`
	Position string      `json:"position,omitempty"`
	Status   string      `json:"status,omitempty"`
	Topics   []string    `json:"topics,omitempty"`
	Section  string      `json:"section,omitempty"`
	Snippets [][]Segment `json:"snippets"`
	Score    float64     `json:"score"`
}

type facetView struct {
	Field  string       `json:"field"`
	Label  string       `json:"label"`
	Values []facetValue `json:"values"`
}

type facetValue struct {
	Value   string `json:"value"`
	Count   int    `json:"count"`
	Checked bool   `json:"checked,omitempty"`
	ID      string `json:"-"` // the checkbox's element ID
}

// docTitles returns the documents of the given IDs (nil on a store error:
// the page then shows IDs instead of titles).
func (s *Server) docTitles(ctx context.Context, ids ...string) map[string]workspace.DocInfo {
	docs, err := s.ws.DocsByID(ctx, ids)
	if err != nil {
		return nil
	}
	return docs
}

// hitDocs are the document IDs of a page of hits.
func hitDocs(res *index.Results) []string {
	ids := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		ids = append(ids, h.DocID)
	}
	return ids
}

func hitViews(res *index.Results, docs map[string]workspace.DocInfo) []hitView {
	out := make([]hitView, 0, len(res.Hits))
	for _, h := range res.Hits {
		v := hitView{ID: h.ID, Kind: string(h.Kind), DocID: h.DocID, Symbol: h.Symbol, Para: h.Para,
			Number: h.Number, Page: h.Page, Strength: h.Strength, Position: h.Position,
			Status: h.Status, Topics: h.Topics, Section: h.Section, Score: h.Score}
		if d, ok := docs[h.DocID]; ok {
			v.Title = d.Title
		}
		v.Cite = cite(h.Symbol, h.DocID, h.Para, h.Number, h.Page)
		for _, f := range h.Fragments {
			v.Snippets = append(v.Snippets, segments(f))
		}
		if len(v.Snippets) == 0 {
			v.Snippets = [][]Segment{{{Text: clip(300, h.Text)}}}
		}
		out = append(out, v)
	}
	return out
}

// cite is how a hit names its source: "GRETA(2099)01 para. 54, p. 12".
func cite(symbol, docID, para, number string, page int) string {
	c := symbol
	if c == "" {
		c = docID
	}
	switch {
	case para != "":
		c += ", para. " + para
	case number != "":
		c += ", " + number
	}
	if page > 0 {
		c += fmt.Sprintf(", p. %d", page)
	}
	return c
}

func facetViews(res *index.Results, p searchParams) []facetView {
	var out []facetView
	for _, f := range facetFields {
		fv := facetView{Field: f.Field, Label: f.Label}
		seen := map[string]bool{}
		for _, c := range res.Facets[f.Field] {
			if c.Value == "" {
				continue
			}
			seen[c.Value] = true
			fv.Values = append(fv.Values, facetValue{Value: c.Value, Count: c.Count, Checked: slices.Contains(p.Filters[f.Field], c.Value)})
		}
		// A chosen value stays on screen, so that it can be unchosen.
		for _, v := range p.Filters[f.Field] {
			if !seen[v] {
				fv.Values = append(fv.Values, facetValue{Value: v, Checked: true})
			}
		}
		for i := range fv.Values {
			fv.Values[i].ID = fmt.Sprintf("f-%s-%d", f.Field, i)
		}
		if len(fv.Values) > 0 {
			out = append(out, fv)
		}
	}
	return out
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	p := parseSearch(r.URL.Query())
	v := searchView{Query: p.Text, Filtered: len(p.Filters) > 0, Fields: index.QueryFields()}
	res, err := s.search(r.Context(), p)
	code := http.StatusOK
	if err != nil {
		var qe *index.QueryError
		if !errors.As(err, &qe) {
			s.fail(w, r, http.StatusInternalServerError, "The search could not be run.", err)
			return
		}
		pos := min(max(qe.Pos, 0), len(qe.Query))
		v.Error = &queryErrorView{Msg: qe.Msg, Before: qe.Query[:pos], After: qe.Query[pos:]}
		code = http.StatusBadRequest
	} else {
		v.Total = res.Total
		v.Took = res.Took.Round(100_000).String()
		v.Hits = hitViews(res, s.docTitles(r.Context(), hitDocs(res)...))
		v.Facets = facetViews(res, p)
		if len(v.Hits) > 0 {
			v.First = p.From + 1
			v.Last = p.From + len(v.Hits)
		}
		if p.From > 0 {
			v.Prev = "/search?" + p.values(max(0, p.From-p.Size)).Encode()
		}
		if uint64(p.From+len(v.Hits)) < res.Total && p.From+p.Size <= 10000 {
			v.Next = "/search?" + p.values(p.From+p.Size).Encode()
		}
	}
	title := "Search"
	if p.Text != "" {
		title = p.Text + " – Search"
	}
	s.render(w, r, code, "search", title, v)
}

// apiSearch is the search page as JSON: the same parameters.
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	p := parseSearch(r.URL.Query())
	res, err := s.search(r.Context(), p)
	if err != nil {
		var qe *index.QueryError
		if errors.As(err, &qe) {
			writeJSON(w, http.StatusBadRequest, map[string]any{"error": qe.Msg, "query": qe.Query, "pos": qe.Pos})
			return
		}
		s.fail(w, r, http.StatusInternalServerError, "The search could not be run.", err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"total":   res.Total,
		"took_ms": float64(res.Took.Microseconds()) / 1000,
		"from":    p.From,
		"hits":    hitViews(res, s.docTitles(r.Context(), hitDocs(res)...)),
		"facets":  facetViews(res, p),
	})
}
