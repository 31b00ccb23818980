package web_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/sample"
	"github.com/recmap/recmap/web"
	"github.com/recmap/recmap/workspace"
)

// sampleNames are the sample files the tests ingest: all but the PDF copy
// of the action plan (the DOCX is the same plan).
func sampleNames() []string {
	var names []string
	for _, n := range sample.Files() {
		if n != "hu-action-plan-2099-2100.pdf" {
			names = append(names, "files/"+n)
		}
	}
	return names
}

// newWorkspace opens a workspace in a temp dir with inputs ingested and
// mapped.
func newWorkspace(t testing.TB, inputs []workspace.Input) *workspace.Workspace {
	t.Helper()
	ctx := t.Context()
	ws, err := workspace.Open(ctx, t.TempDir(), workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	if len(inputs) > 0 {
		rep, err := ws.Ingest(ctx, inputs, workspace.IngestOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Failed() > 0 {
			t.Fatalf("ingest: %+v", rep.Files)
		}
		if _, err := ws.Map(ctx, workspace.MapOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	return ws
}

func sampleWorkspace(t testing.TB) *workspace.Workspace {
	return newWorkspace(t, workspace.FSInputs(sample.FS, sampleNames()))
}

// client is a browser-like test client: cookies, no redirects followed.
type client struct {
	t    *testing.T
	base string
	hc   *http.Client
}

func newServer(t *testing.T, ws *workspace.Workspace, cfg web.Config) *client {
	t.Helper()
	srv, err := web.New(ws, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { ts.Close(); srv.Close() })
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: ts.URL, hc: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

func (c *client) do(req *http.Request) (*http.Response, string) {
	c.t.Helper()
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func (c *client) get(path string) (*http.Response, string) {
	c.t.Helper()
	req, _ := http.NewRequestWithContext(c.t.Context(), "GET", c.base+path, nil)
	return c.do(req)
}

func (c *client) postForm(path string, form url.Values, hdr ...string) (*http.Response, string) {
	c.t.Helper()
	req, _ := http.NewRequestWithContext(c.t.Context(), "POST", c.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	return c.do(req)
}

// token returns the session's CSRF token (and starts the session).
func (c *client) token() string {
	c.t.Helper()
	resp, body := c.get("/api/session")
	if resp.StatusCode != 200 {
		c.t.Fatalf("session: %d %s", resp.StatusCode, body)
	}
	var s struct{ CSRF string }
	json.Unmarshal([]byte(body), &s)
	return s.CSRF
}

func firstRec(t *testing.T, ws *workspace.Workspace) recmap.Item {
	t.Helper()
	recs, err := ws.Select(t.Context(), workspace.Filter{Kinds: []recmap.Kind{recmap.KindRecommendation}})
	if err != nil || len(recs) == 0 {
		t.Fatalf("no recommendations: %v", err)
	}
	return recs[0]
}

func TestEscaping(t *testing.T) {
	ws := newWorkspace(t, workspace.Inputs([]string{"../testdata/hostile/report.txt"}))
	c := newServer(t, ws, web.Config{})
	items, err := ws.Select(t.Context(), workspace.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var scriptItem string
	for _, it := range items {
		if strings.Contains(it.Text, "<script>") {
			scriptItem = it.ID
		}
	}
	if scriptItem == "" {
		t.Fatal("no item holds the <script> text")
	}
	for _, tt := range []struct{ path, want string }{
		{"/search?q=identified", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"/search?q=alert", "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;"},
		{"/search?q=script", "&lt;<mark>script</mark>&gt;"},
		{"/search?q=onerror", "&lt;img src=x <mark>onerror</mark>=alert(2)&gt;"},
		{"/search", ""},
		{"/item/" + url.PathEscape(scriptItem), "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"/docs", ""},
	} {
		path := tt.path
		t.Run(path, func(t *testing.T) {
			resp, body := c.get(path)
			if resp.StatusCode != 200 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			if !strings.Contains(body, tt.want) {
				t.Errorf("page lacks %q", tt.want)
			}
			if n := strings.Count(body, "<script"); n != 1 { // the page's own app.js
				t.Errorf("%d <script elements, want 1", n)
			}
			for _, bad := range []string{"<script>alert", "<img src=x", `<a href="javascript:`, "<b>escaped"} {
				if strings.Contains(body, bad) {
					t.Errorf("raw %q from the document in the page", bad)
				}
			}
		})
	}
}

func TestSecurityHeaders(t *testing.T) {
	c := newServer(t, newWorkspace(t, nil), web.Config{})
	resp, _ := c.get("/search")
	for h, want := range map[string]string{
		"Content-Security-Policy": "frame-ancestors 'none'",
		"X-Content-Type-Options":  "nosniff",
	} {
		if got := resp.Header.Get(h); !strings.Contains(got, want) {
			t.Errorf("%s = %q, want it to contain %q", h, got, want)
		}
	}
	if csp := resp.Header.Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP allows inline script or style: %s", csp)
	}
}

func TestCSRF(t *testing.T) {
	ws := sampleWorkspace(t)
	rec := firstRec(t, ws)
	c := newServer(t, ws, web.Config{DefaultUser: "tester"})
	tok := c.token()
	path := "/item/" + url.PathEscape(rec.ID)
	tests := []struct {
		name string
		form url.Values
		hdr  []string
		want int
	}{
		{"no token", url.Values{"op": {"status"}, "value": {"in progress"}}, nil, 403},
		{"wrong token", url.Values{"op": {"status"}, "value": {"in progress"}, "csrf": {"x" + tok}}, nil, 403},
		{"cross-site", url.Values{"op": {"status"}, "value": {"in progress"}, "csrf": {tok}}, []string{"Sec-Fetch-Site", "cross-site"}, 403},
		{"other origin", url.Values{"op": {"status"}, "value": {"in progress"}, "csrf": {tok}}, []string{"Origin", "http://evil.example"}, 403},
		{"good", url.Values{"op": {"status"}, "value": {"in progress"}, "csrf": {tok}}, []string{"Sec-Fetch-Site", "same-origin"}, 303},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := c.postForm(path, tt.form, tt.hdr...)
			if resp.StatusCode != tt.want {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.want, clip(body))
			}
		})
	}
	hist, err := ws.History(t.Context(), rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 1 || hist[0].Value != "in progress" || hist[0].User != "tester" || hist[0].Origin != "web" {
		t.Errorf("history = %+v, want one status decision by tester", hist)
	}
	// The API needs the token too, as a header.
	req, _ := http.NewRequestWithContext(t.Context(), "POST", c.base+"/api/decide", strings.NewReader(`{"rec":"`+rec.ID+`","op":"comment","value":"x"}`))
	req.Header.Set("Content-Type", "application/json")
	if resp, _ := c.do(req); resp.StatusCode != 403 {
		t.Errorf("API decide without token: %d, want 403", resp.StatusCode)
	}
	// GET never changes anything.
	if resp, _ := c.get(path + "?op=status&value=implemented&csrf=" + tok); resp.StatusCode != 200 {
		t.Errorf("GET item: %d", resp.StatusCode)
	}
	if st, _ := ws.State(t.Context(), rec.ID); st.Status != "in progress" {
		t.Errorf("status = %q after GET, want unchanged", st.Status)
	}
}

func multipartBody(t *testing.T, csrf string, files map[string][]byte) (string, *bytes.Buffer) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if csrf != "" {
		mw.WriteField("csrf", csrf)
	}
	for name, data := range files {
		w, err := mw.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	mw.Close()
	return mw.FormDataContentType(), &buf
}

func TestUpload(t *testing.T) {
	ws := newWorkspace(t, nil)
	c := newServer(t, ws, web.Config{MaxUpload: 64 << 10, DefaultUser: "uploader"})
	tok := c.token()
	hostile, err := os.ReadFile("../testdata/hostile/report.txt")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		path  string
		csrf  string
		files map[string][]byte
		want  int
	}{
		{"too large", "/api/ingest", tok, map[string][]byte{"big.txt": bytes.Repeat([]byte("trafficking victims "), 5000)}, 413},
		{"zip named pdf", "/api/ingest", tok, map[string][]byte{"report.pdf": []byte("PK\x03\x04\x14\x00\x00\x00zipzipzip")}, 415},
		{"png", "/docs", tok, map[string][]byte{"scan.png": []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")}, 415},
		{"empty", "/api/ingest", tok, map[string][]byte{"empty.txt": {}}, 400},
		{"no token", "/api/ingest", "", map[string][]byte{"report.txt": hostile}, 403},
		{"good", "/api/ingest", tok, map[string][]byte{"report.txt": hostile}, 202},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ct, body := multipartBody(t, tt.csrf, tt.files)
			req, _ := http.NewRequestWithContext(t.Context(), "POST", c.base+tt.path, body)
			req.Header.Set("Content-Type", ct)
			resp, got := c.do(req)
			if resp.StatusCode != tt.want {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.want, clip(got))
			}
			if tt.want != 202 {
				return
			}
			var j web.Job
			if err := json.Unmarshal([]byte(got), &j); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(20 * time.Second)
			for j.Running() && time.Now().Before(deadline) {
				time.Sleep(50 * time.Millisecond)
				_, got = c.get("/api/jobs/" + j.ID)
				j = web.Job{}
				json.Unmarshal([]byte(got), &j)
			}
			if j.State != "done" || j.Failed() > 0 || j.User != "uploader" {
				t.Fatalf("job = %s", got)
			}
			docs, _ := ws.Docs(t.Context())
			if len(docs) != 1 {
				t.Fatalf("%d documents after upload, want 1", len(docs))
			}
			if resp, body := c.get("/jobs/" + j.ID); resp.StatusCode != 200 || !strings.Contains(body, "report.txt") {
				t.Errorf("job page: %d", resp.StatusCode)
			}
		})
	}
}

func TestAuth(t *testing.T) {
	ws := sampleWorkspace(t)
	rec := firstRec(t, ws)
	sum := sha256.Sum256([]byte("s3cret-pw"))
	line, err := web.HashPassword("anna", "correct horse")
	if err != nil {
		t.Fatal(err)
	}
	users, err := web.ParseUsers(strings.NewReader("# staff\n" + line + "\nbela:sha256:" + hex.EncodeToString(sum[:]) + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("shared password", func(t *testing.T) {
		shared, err := web.SharedPassword("team-password")
		if err != nil {
			t.Fatal(err)
		}
		c := newServer(t, ws, web.Config{Auth: shared})
		if resp, _ := c.get("/search?q=x"); resp.StatusCode != 303 || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
			t.Fatalf("anonymous search: %d %s, want redirect to /login", resp.StatusCode, resp.Header.Get("Location"))
		}
		if resp, _ := c.get("/api/search?q=x"); resp.StatusCode != 401 {
			t.Fatalf("anonymous API: %d, want 401", resp.StatusCode)
		}
		if resp, _ := c.get("/export"); resp.StatusCode != 303 {
			t.Fatalf("anonymous export: %d, want redirect", resp.StatusCode)
		}
		tok := c.token()
		if resp, _ := c.postForm("/login", url.Values{"csrf": {tok}, "user": {"Kata"}, "password": {"wrong"}}); resp.StatusCode != 401 {
			t.Fatalf("wrong password: %d, want 401", resp.StatusCode)
		}
		resp, _ := c.postForm("/login", url.Values{"csrf": {tok}, "user": {"Kata"}, "password": {"team-password"}, "next": {"/docs"}})
		if resp.StatusCode != 303 || resp.Header.Get("Location") != "/docs" {
			t.Fatalf("sign in: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		if resp, body := c.get("/docs"); resp.StatusCode != 200 || !strings.Contains(body, "Kata") {
			t.Fatalf("signed in docs: %d", resp.StatusCode)
		}
		tok = c.token() // the session changed on sign-in
		if resp, body := c.postForm("/item/"+url.PathEscape(rec.ID), url.Values{"csrf": {tok}, "op": {"comment"}, "value": {"checked"}}); resp.StatusCode != 303 {
			t.Fatalf("decide: %d %s", resp.StatusCode, clip(body))
		}
		hist, _ := ws.History(t.Context(), rec.ID)
		if len(hist) == 0 || hist[len(hist)-1].User != "Kata" {
			t.Errorf("last decision %+v, want user Kata", hist)
		}
	})
	t.Run("users file", func(t *testing.T) {
		c := newServer(t, ws, web.Config{Auth: users})
		tok := c.token()
		for _, tt := range []struct{ user, pw string }{{"anna", "wrong"}, {"nobody", "correct horse"}, {"bela", "correct horse"}} {
			if resp, _ := c.postForm("/login", url.Values{"csrf": {tok}, "user": {tt.user}, "password": {tt.pw}}); resp.StatusCode != 401 {
				t.Errorf("%s/%s: %d, want 401", tt.user, tt.pw, resp.StatusCode)
			}
		}
		if resp, _ := c.postForm("/login", url.Values{"csrf": {tok}, "user": {"anna"}, "password": {"correct horse"}}); resp.StatusCode != 303 {
			t.Fatalf("anna: %d", resp.StatusCode)
		}
		// A script with HTTP Basic credentials needs no session or token.
		req, _ := http.NewRequestWithContext(t.Context(), "POST", c.base+"/api/decide",
			strings.NewReader(`{"rec":"`+rec.ID+`","op":"evidence","value":"Act 12 of 2099"}`))
		req.SetBasicAuth("bela", "s3cret-pw")
		req.Header.Set("Content-Type", "application/json")
		plain := &http.Client{}
		resp, err := plain.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("basic decide: %d", resp.StatusCode)
		}
		if st, _ := ws.State(t.Context(), rec.ID); st.Last == nil || st.Last.User != "bela" || st.Evidence != "Act 12 of 2099" {
			t.Errorf("state %+v, want evidence by bela", st)
		}
		req, _ = http.NewRequestWithContext(t.Context(), "GET", c.base+"/api/docs", nil)
		req.SetBasicAuth("bela", "nope")
		resp, err = plain.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 401 {
			t.Errorf("bad basic: %d, want 401", resp.StatusCode)
		}
	})
	t.Run("bad users file", func(t *testing.T) {
		for _, in := range []string{"", "anna\n", "anna:plain\n", "anna:sha256:abc\n", line + "\n" + line + "\n"} {
			if _, err := web.ParseUsers(strings.NewReader(in)); err == nil {
				t.Errorf("ParseUsers(%q) = nil error", in)
			}
		}
	})
}

func TestSearchAndAPI(t *testing.T) {
	ws := sampleWorkspace(t)
	c := newServer(t, ws, web.Config{DefaultUser: "api"})

	t.Run("page", func(t *testing.T) {
		resp, body := c.get("/search?q=compensation&kind=recommendation")
		if resp.StatusCode != 200 {
			t.Fatalf("status %d", resp.StatusCode)
		}
		for _, want := range []string{"<mark>", `value="recommendation" checked`, "para.", "p. "} {
			if !strings.Contains(body, want) {
				t.Errorf("page lacks %q", want)
			}
		}
	})
	t.Run("syntax error", func(t *testing.T) {
		resp, body := c.get("/search?q=" + url.QueryEscape(`"unclosed`))
		if resp.StatusCode != 400 || !strings.Contains(body, "query-error") {
			t.Errorf("status %d, want 400 with the error shown", resp.StatusCode)
		}
		resp, body = c.get("/api/search?q=" + url.QueryEscape(`nofield:x`))
		var e struct {
			Error string
			Pos   int
		}
		json.Unmarshal([]byte(body), &e)
		if resp.StatusCode != 400 || e.Error == "" {
			t.Errorf("API: %d %s", resp.StatusCode, body)
		}
	})
	t.Run("paging", func(t *testing.T) {
		_, body := c.get("/search?q=trafficking&size=5")
		m := regexp.MustCompile(`href="(/search\?[^"]*from=5[^"]*)"`).FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no link to the next page")
		}
		next := strings.ReplaceAll(m[1], "&amp;", "&")
		resp, body := c.get(next)
		if resp.StatusCode != 200 || !strings.Contains(body, "Results 6–10") {
			t.Errorf("next page %s: %d", next, resp.StatusCode)
		}
	})
	t.Run("browse", func(t *testing.T) {
		for _, path := range []string{"/api/search?kind=action", "/search?kind=action", "/api/search?q=&kind=recommendation&from=20"} {
			if resp, body := c.get(path); resp.StatusCode != 200 {
				t.Errorf("%s: %d %s", path, resp.StatusCode, clip(body))
			}
		}
	})
	t.Run("api", func(t *testing.T) {
		_, body := c.get("/api/search?q=compensation&kind=recommendation&size=3")
		var res struct {
			Total uint64
			Hits  []struct {
				ID, Cite, Kind string
				Snippets       [][]web.Segment
			}
		}
		if err := json.Unmarshal([]byte(body), &res); err != nil {
			t.Fatal(err)
		}
		if res.Total == 0 || len(res.Hits) == 0 || res.Hits[0].Kind != "recommendation" {
			t.Fatalf("api search: %s", clip(body))
		}
		id := res.Hits[0].ID
		resp, body := c.get("/api/items/" + url.PathEscape(id))
		if resp.StatusCode != 200 || !strings.Contains(body, `"suggestions"`) {
			t.Fatalf("api item: %d %s", resp.StatusCode, clip(body))
		}
		resp, body = c.get("/api/suggestions/" + url.PathEscape(id))
		var sugg []recmap.Suggestion
		if resp.StatusCode != 200 || json.Unmarshal([]byte(body), &sugg) != nil || len(sugg) == 0 {
			t.Fatalf("api suggestions: %d %s", resp.StatusCode, clip(body))
		}
		tok := c.token()
		req, _ := http.NewRequestWithContext(t.Context(), "POST", c.base+"/api/decide",
			strings.NewReader(`[{"rec":"`+id+`","op":"accept","note":"api"},{"rec":"`+id+`","op":"status","value":"bogus"}]`))
		req.Header.Set("X-CSRF-Token", tok)
		req.Header.Set("Content-Type", "application/json")
		resp, body = c.do(req)
		if resp.StatusCode != 422 || !strings.Contains(body, `"op": "link"`) || !strings.Contains(body, "bogus") {
			t.Fatalf("api decide: %d %s", resp.StatusCode, body)
		}
		st, _ := ws.State(t.Context(), id)
		if len(st.Links) != 1 || st.Last.User != "api" {
			t.Errorf("state after accept: %+v", st)
		}
		if resp, _ := c.get("/api/items/" + url.PathEscape("nope#1")); resp.StatusCode != 404 {
			t.Errorf("missing item: %d, want 404", resp.StatusCode)
		}
	})
	t.Run("name", func(t *testing.T) {
		tok := c.token()
		if resp, _ := c.postForm("/name", url.Values{"csrf": {tok}, "name": {"Zsófia <b>"}, "next": {"//evil.example"}}); resp.StatusCode != 303 || resp.Header.Get("Location") != "/" {
			t.Fatalf("name: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		_, body := c.get("/api/session")
		if !strings.Contains(body, `"Zsófia \u003cb\u003e"`) {
			t.Errorf("session after naming: %s", body)
		}
	})
	t.Run("export", func(t *testing.T) {
		resp, body := c.get("/export")
		if resp.StatusCode != 200 || !strings.HasPrefix(body, "PK") || !strings.Contains(resp.Header.Get("Content-Disposition"), ".xlsx") {
			t.Errorf("export: %d %q", resp.StatusCode, resp.Header.Get("Content-Disposition"))
		}
	})
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

func TestServeShutdown(t *testing.T) {
	srv, err := web.New(newWorkspace(t, nil), web.Config{})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/api/docs")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("docs: %d", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve after cancel: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Serve did not return after its context was cancelled")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/api/docs"); err == nil {
		t.Error("server still answers after shutdown")
	}
}
