package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/recmap/recmap/web"
)

// BenchmarkSearchPage renders the search page for a mix of queries over
// the sample workspace: the cost of one search as a person sees it
// (query, nine facets, highlighting, template). tools/loadtest measures
// the same under a request rate.
func BenchmarkSearchPage(b *testing.B) {
	ws := sampleWorkspace(b)
	srv, err := web.New(ws, web.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	h := srv.Handler()
	qs := []url.Values{
		{"q": {"trafficking"}},
		{"q": {`"labour exploitation"`}},
		{"q": {"compensation"}, "kind": {"recommendation"}},
		{"q": {"+trafficking -kind:paragraph"}},
		{"q": {"áldozat"}},
		{"q": {"shelter~"}},
		{"kind": {"recommendation"}, "strength": {"urge"}, "from": {"20"}},
	}
	for _, path := range []string{"/search", "/api/search"} {
		b.Run(path, func(b *testing.B) {
			i := 0
			for b.Loop() {
				req := httptest.NewRequest("GET", path+"?"+qs[i%len(qs)].Encode(), nil)
				req.Host = "127.0.0.1"
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d", req.URL, rec.Code)
				}
				i++
			}
		})
	}
}
