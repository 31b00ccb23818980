package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/recmap/recmap/index"
)

// pages are the parsed templates: the layout plus one file per page.
type pages struct {
	t map[string]*template.Template
}

var funcs = template.FuncMap{
	"itemURL": func(id string) string { return "/item/" + escapeID(id) },
	"join":    strings.Join,
	"clip":    clip,
	"add":     func(a, b int) int { return a + b },
	"when": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Local().Format("2006-01-02 15:04")
	},
	"pct":   func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
	"score": func(f float64) string { return fmt.Sprintf("%.2f", f) },
}

func loadPages() (*pages, error) {
	layout, err := template.New("layout").Funcs(funcs).ParseFS(assets, "assets/templates/layout.tmpl")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(assets, "assets/templates/*.tmpl")
	if err != nil {
		return nil, err
	}
	p := &pages{t: map[string]*template.Template{}}
	for _, n := range names {
		base := strings.TrimSuffix(n[len("assets/templates/"):], ".tmpl")
		if base == "layout" {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(assets, n)
		if err != nil {
			return nil, err
		}
		p.t[base] = t
	}
	return p, nil
}

// page is what every template gets: the layout's fields and the page's
// own data in Data.
type page struct {
	Title  string
	Active string // the navigation entry to mark
	User   string
	CSRF   string
	Auth   bool // sign-in is configured (show Sign out, hide the name form)
	Signed bool
	Path   string // this page's URL, for forms that come back here
	Data   any
}

// render writes page name with data. Templates run into a buffer first, so
// that a template error becomes a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name, title string, data any) {
	id := whoFrom(r.Context())
	active := name
	if name == "job" {
		active = "docs"
	}
	p := page{Title: title, Active: active, User: id.user, CSRF: s.csrfToken(id.sid),
		Auth: s.cfg.Auth != nil, Signed: id.signed, Path: r.URL.RequestURI(), Data: data}
	t, ok := s.pages.t[name]
	if !ok {
		http.Error(w, "no page "+name, http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		s.log.Error("render", "page", name, "err", err)
		http.Error(w, "The page could not be shown.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// fail answers with an error: JSON under /api/, a page otherwise. msg is
// for the user; err, when set, is logged.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, code int, msg string, err error) {
	if err != nil || code >= 500 {
		s.log.Warn("request failed", "method", r.Method, "path", r.URL.Path, "code", code, "err", err)
	}
	if isAPI(r) {
		writeJSON(w, code, map[string]any{"error": msg})
		return
	}
	if whoFrom(r.Context()).sid == "" {
		// Before identify ran (cross-origin refusal): no layout.
		http.Error(w, msg, code)
		return
	}
	s.render(w, r, code, "error", http.StatusText(code), errorView{Code: code, Message: msg})
}

type errorView struct {
	Code    int
	Message string
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

func writeJSON(w http.ResponseWriter, code int, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		http.Error(w, `{"error":"encode response"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	w.Write(append(b, '\n'))
}

func errorsAs[T error](err error, target *T) bool { return errors.As(err, target) }

func sizeLabel(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// clip shortens s to about n characters at a word boundary.
func clip(n int, s string) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + " …"
}

// Segment is a run of a snippet: plain text, or text that matched the
// query. Templates escape each Text; nothing here is HTML.
type Segment struct {
	Text string `json:"text"`
	Mark bool   `json:"mark,omitempty"`
}

// segments cuts a fragment at its marks. Marks out of order or out of
// range are ignored, never trusted to slice.
func segments(f index.Fragment) []Segment {
	var out []Segment
	last := 0
	for _, m := range f.Marks {
		if m[0] < last || m[1] > len(f.Text) || m[0] >= m[1] {
			continue
		}
		if m[0] > last {
			out = append(out, Segment{Text: f.Text[last:m[0]]})
		}
		out = append(out, Segment{Text: f.Text[m[0]:m[1]], Mark: true})
		last = m[1]
	}
	if last < len(f.Text) {
		out = append(out, Segment{Text: f.Text[last:]})
	}
	return out
}

// escapeID makes an item ID one path segment: IDs hold "/" and "#".
func escapeID(id string) string { return url.PathEscape(id) }
