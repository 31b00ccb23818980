package web

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/recmap/recmap/workspace"
)

// TestThrottleLockout drives the throttle with a clock of its own: limits
// count running and failed checks, a lockout ends after its time and
// doubles at the next one, a success clears an account, and the check
// slots bound the checks at once.
func TestThrottleLockout(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	th := newThrottle(SignInLimits{Concurrent: 2, AccountFailures: 3, ClientFailures: 100, Window: time.Hour, Lockout: time.Minute})
	th.now = func() time.Time { return now }
	fail := func(user string) bool {
		tk, _, ok := th.admit(user, "10.0.0.1")
		if ok {
			tk.done(false)
		}
		return ok
	}
	// Two checks at once fill the slots; the third waits.
	a, _, ok1 := th.admit("anna", "10.0.0.1")
	b, _, ok2 := th.admit("bela", "10.0.0.1")
	if _, _, ok := th.admit("cili", "10.0.0.1"); !ok1 || !ok2 || ok {
		t.Fatalf("slots: admitted %v %v %v, want true true false", ok1, ok2, ok)
	}
	a.done(true)
	b.done(true)

	for i := range 3 {
		if !fail("anna") {
			t.Fatalf("failure %d refused before the limit", i+1)
		}
	}
	if _, retry, ok := th.admit("Anna", "10.0.0.2"); ok || retry != time.Minute {
		t.Fatalf("after 3 failures: admitted %v, retry %s; want a 1 minute lockout (names fold case)", ok, retry)
	}
	now = now.Add(time.Minute + time.Second)
	for i := range 3 {
		if !fail("anna") {
			t.Fatalf("after the lockout, failure %d refused", i+1)
		}
	}
	if _, retry, ok := th.admit("anna", "10.0.0.1"); ok || retry != 2*time.Minute {
		t.Fatalf("second lockout: admitted %v, retry %s; want 2 minutes", ok, retry)
	}
	now = now.Add(2*time.Minute + time.Second)
	tk, _, ok := th.admit("anna", "10.0.0.1")
	if !ok {
		t.Fatal("refused after the second lockout")
	}
	tk.done(true)
	for i := range 3 {
		fail("anna")
		_ = i
	}
	if _, retry, _ := th.admit("anna", "10.0.0.1"); retry != time.Minute {
		t.Errorf("after a success the back-off starts again: retry %s, want 1 minute", retry)
	}
	// Failures older than the window are forgotten.
	fail("bela")
	fail("bela")
	now = now.Add(2 * time.Hour)
	fail("bela")
	fail("bela")
	if _, _, ok := th.admit("bela", "10.0.0.1"); !ok {
		t.Error("failures outside the window counted")
	}
}

func newTestServer(t *testing.T, cfg Config) *Server {
	t.Helper()
	ws, err := workspace.Open(t.Context(), t.TempDir(), workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	s, err := New(ws, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// post sends a POST through the whole handler with a valid CSRF token.
func post(t *testing.T, s *Server, path, ct string, body []byte) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("POST", path, bytes.NewReader(body))
	req.Host = "127.0.0.1"
	sid := newSID()
	req.AddCookie(&http.Cookie{Name: sidCookie, Value: sid})
	req.Header.Set("Content-Type", ct)
	req.Header.Set("X-CSRF-Token", s.csrfToken(sid))
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

func uploadBody(t *testing.T, name string, size int) ([]byte, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write([]byte("# Report\n\n" + strings.Repeat("Victims need shelters. ", size/23+1)))
	mw.Close()
	return buf.Bytes(), mw.FormDataContentType()
}

// TestUploadQueueBusy holds the job runner, fills the queue, and checks
// that the next upload is answered 503 with Retry-After, by length and by
// bytes, and that the queue takes uploads again once it drains.
func TestUploadQueueBusy(t *testing.T) {
	s := newTestServer(t, Config{MaxQueue: 2, MaxQueueBytes: 10 << 10})
	s.jobs.run.Lock() // no job runs: they wait in the queue
	small, ct := uploadBody(t, "a.md", 1<<10)
	big, bigCT := uploadBody(t, "b.md", 9<<10)
	if rec := post(t, s, "/api/ingest", ct, small); rec.Code != http.StatusAccepted {
		t.Fatalf("first upload: %d %s", rec.Code, rec.Body)
	}
	rec := post(t, s, "/api/ingest", bigCT, big)
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" || !strings.Contains(rec.Body.String(), "busy") {
		t.Errorf("upload past the queued bytes: %d %q %s", rec.Code, rec.Header().Get("Retry-After"), rec.Body)
	}
	if rec := post(t, s, "/api/ingest", ct, small); rec.Code != http.StatusAccepted {
		t.Fatalf("second small upload: %d %s", rec.Code, rec.Body)
	}
	if rec := post(t, s, "/api/ingest", ct, small); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("upload past the queue length: %d, want 503", rec.Code)
	}
	s.jobs.run.Unlock()
	s.wg.Wait() // the queued jobs finish
	if rec := post(t, s, "/api/ingest", bigCT, big); rec.Code != http.StatusAccepted {
		t.Errorf("upload after the queue drained: %d %s", rec.Code, rec.Body)
	}
	s.wg.Wait()
	for _, j := range s.jobs.list() {
		if j.State != "done" {
			t.Errorf("job %s: %s %s", j.ID, j.State, j.Error)
		}
	}
}

// TestDecideOutOfTime gives /api/decide no time: nothing is recorded, and
// the answer says so for every decision (503 with Retry-After).
func TestDecideOutOfTime(t *testing.T) {
	s := newTestServer(t, Config{})
	s.decideBudget = -time.Second
	body, _ := json.Marshal([]decision{{Rec: "x#1", Op: "comment", Value: "a"}, {Rec: "x#2", Op: "comment", Value: "b"}})
	rec := post(t, s, "/api/decide", "application/json", body)
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("out of time: %d %q", rec.Code, rec.Header().Get("Retry-After"))
	}
	var got struct{ Results []struct{ Error string } }
	json.Unmarshal(rec.Body.Bytes(), &got)
	if len(got.Results) != 2 || !strings.Contains(got.Results[0].Error, "not recorded") || !strings.Contains(got.Results[1].Error, "not recorded") {
		t.Errorf("results: %+v", got.Results)
	}
}

func TestSafeNextFuzzSeeds(t *testing.T) {
	for _, next := range []string{"/%252F/evil", "/\u2028x", "/%C2%85evil", "/%E2%80%AE"} {
		got := safeNext(next)
		if got != "/" && got != next {
			t.Errorf("safeNext(%q) = %q", next, got)
		}
	}
}

// FuzzSafeNext: whatever safeNext returns is "/" or the input, starts with
// one slash, and has no backslash or control character even decoded.
func FuzzSafeNext(f *testing.F) {
	for _, s := range []string{"/docs", "//evil", "/\\evil", "/%09/evil", "http:x", "/%2F/x", "/item/a%23b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, next string) {
		got := safeNext(next)
		if got == "/" {
			return
		}
		if got != next || !localPath(got) {
			t.Fatalf("safeNext(%q) = %q", next, got)
		}
		if dec, err := url.PathUnescape(got); err != nil || !localPath(dec) {
			t.Fatalf("safeNext(%q) = %q, decoded %q", next, got, dec)
		}
	})
}
