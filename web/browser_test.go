package web_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/recmap/recmap"
	"github.com/recmap/recmap/web"
)

var keepShots = flag.String("screenshots", "", "save the browser test's screenshots in this folder instead of a temp dir")

// findChromium returns the browser binary, or "" when there is none.
func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestBrowser drives Chromium through the pages a policy officer uses:
// search for a phrase, narrow by a facet, open a recommendation, accept a
// suggested link, export the workbook. Every step waits for the elements
// it needs with a deadline, so a missing element fails the test. Each page
// is saved as a screenshot under the test's temp dir.
func TestBrowser(t *testing.T) {
	bin := findChromium()
	if bin == "" {
		t.Skip("no chromium, chromium-browser or google-chrome on PATH")
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	ws := sampleWorkspace(t)
	srv, err := web.New(ws, web.Config{DefaultUser: "browser-test"})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	sctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(sctx, ln) }()
	t.Cleanup(func() {
		stop()
		if err := <-served; err != nil {
			t.Errorf("serve: %v", err)
		}
	})

	shots := t.TempDir()
	if *keepShots != "" {
		shots = *keepShots
		os.MkdirAll(shots, 0o755)
	}
	downloads := t.TempDir()
	t.Logf("screenshots in %s", shots)

	// Page errors (script exceptions, CSP violations) fail the test too.
	var mu sync.Mutex
	var pageErrors []string
	downloaded := make(chan string, 1)
	listen := func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			mu.Lock()
			pageErrors = append(pageErrors, fmt.Sprintf("exception: %s (%s:%d)", ev.ExceptionDetails.Text, ev.ExceptionDetails.URL, ev.ExceptionDetails.LineNumber))
			mu.Unlock()
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError {
				mu.Lock()
				pageErrors = append(pageErrors, ev.Entry.Text+" "+ev.Entry.URL)
				mu.Unlock()
			}
		case *browser.EventDownloadProgress:
			if ev.State == browser.DownloadProgressStateCompleted {
				select {
				case downloaded <- ev.GUID:
				default:
				}
			}
		}
	}

	actx, cancelAlloc := chromedp.NewExecAllocator(t.Context(),
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithListener(listen))
	defer cancelBrowser()

	shot := func(name string) {
		ctx, cancel := context.WithTimeout(bctx, 10*time.Second)
		defer cancel()
		buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Logf("screenshot %s: %v", name, err)
			return
		}
		p := filepath.Join(shots, name+".png")
		if err := os.WriteFile(p, buf, 0o644); err != nil {
			t.Error(err)
		}
		t.Logf("screenshot: %s", p)
	}
	// step runs actions with a deadline; on failure it saves a screenshot
	// of the page as it was and stops the test.
	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		ctx, cancel := context.WithTimeout(bctx, 15*time.Second)
		defer cancel()
		if err := chromedp.Do(ctx, actions...); err != nil {
			if errors.Is(err, context.DeadlineExceeded) {
				err = fmt.Errorf("an expected element did not appear within 15s: %w", err)
			}
			shot(name + "-FAILED")
			t.Fatalf("%s: %v", name, err)
		}
	}
	// value runs one action that returns a value, with a deadline.
	text := func(name string, a chromedp.Action[string]) string {
		t.Helper()
		ctx, cancel := context.WithTimeout(bctx, 10*time.Second)
		defer cancel()
		v, err := chromedp.Run(ctx, a)
		if err != nil {
			shot(name + "-FAILED")
			t.Fatalf("%s: %v", name, err)
		}
		return v
	}

	// Start the browser (no deadline on the first run: it would end the
	// browser), with logging and downloads on.
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	if err := chromedp.ListenBrowser(bctx, listen); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(bctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.CallBrowser(bctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: new(true),
	}); err != nil {
		t.Fatal(err)
	}

	// 1. Search for a phrase.
	step("search",
		chromedp.Navigate(base+"/search"),
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), `"labour exploitation"`),
		chromedp.Click(chromedp.ID("search-button")),
		chromedp.WaitVisible(chromedp.CSS(`li.hit mark`)),
		chromedp.WaitVisible(chromedp.ID("facet-kind")),
	)
	total := text("total", chromedp.Text(chromedp.ID("total")))
	shot("1-search")
	if total == "" || total == "0" {
		t.Fatalf("search found %q hits", total)
	}

	// 2. Narrow to recommendations with the facet checkbox.
	// The click checks the box at once and loads the next page a moment
	// later: mark this page, so that the wait is for the new one.
	step("facet",
		chromedp.Evaluate[chromedp.Void](`document.body.dataset.old = "1"`),
		chromedp.Click(chromedp.CSS(`#facet-kind input[value="recommendation"]`)),
		chromedp.WaitVisible(chromedp.CSS(`body:not([data-old]) #facet-kind input[value="recommendation"]:checked`)),
		chromedp.WaitVisible(chromedp.CSS(`li.hit`)),
	)
	url := text("location", chromedp.Location())
	ctx, cancel := context.WithTimeout(bctx, 10*time.Second)
	kinds, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("li.hit .hit-head .tag:first-of-type")).map(e => e.textContent)`))
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	shot("2-facet")
	if !strings.Contains(url, "kind=recommendation") || !strings.Contains(url, "labour+exploitation") {
		t.Errorf("URL after the facet click = %s, want the query and kind=recommendation in it", url)
	}
	if len(kinds) == 0 || slices.ContainsFunc(kinds, func(k string) bool { return k != "recommendation" }) {
		t.Errorf("hits after the facet: kinds %q, want only recommendations", kinds)
	}

	// 3. Open the first recommendation.
	step("open recommendation",
		chromedp.Click(chromedp.CSS(`li.hit a.hit-link`)),
		chromedp.WaitVisible(chromedp.ID("fulltext")),
		chromedp.WaitVisible(chromedp.CSS(`#context .ctx.current`)),
		chromedp.WaitVisible(chromedp.CSS(`#suggestions li.suggestion button.accept[value="link"]`)),
		chromedp.WaitVisible(chromedp.ID("status-select")),
	)
	recID := text("item id", chromedp.Text(chromedp.ID("item-id")))
	fullText := text("full text", chromedp.Text(chromedp.ID("fulltext")))
	shot("3-recommendation")
	rec, err := ws.Item(t.Context(), recID)
	if err != nil || rec.Kind != recmap.KindRecommendation {
		t.Fatalf("page shows %q: %v (kind %s)", recID, err, rec.Kind)
	}
	if !strings.Contains(strings.ToLower(fullText), "labour") {
		t.Errorf("full text %q does not contain the phrase searched for", fullText)
	}

	// 4. Accept the first suggested action or provision.
	ctx, cancel = context.WithTimeout(bctx, 10*time.Second)
	attr, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#suggestions li.suggestion:has(button.accept[value="link"])`), "data-id"))
	cancel()
	if err != nil || !attr.Exists {
		t.Fatalf("suggestion target: %v", err)
	}
	target := attr.Value
	step("accept",
		chromedp.Click(chromedp.CSS(`#suggestions li.suggestion button.accept[value="link"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#linked li.linked-item`)),
		chromedp.WaitVisible(chromedp.ID("history")),
	)
	shot("4-accepted")
	hist, err := ws.History(t.Context(), recID)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 1 || hist[0].Op != recmap.OpLink || hist[0].Target != target || hist[0].User != "browser-test" || hist[0].Origin != "web" {
		t.Errorf("history of %s = %+v, want one link to %s by browser-test from web", recID, hist, target)
	}

	// 5. Documents page and Export.
	step("documents",
		chromedp.Navigate(base+"/docs"),
		chromedp.WaitVisible(chromedp.CSS(`#docs tbody tr`)),
		chromedp.WaitVisible(chromedp.ID("upload-form")),
		chromedp.WaitVisible(chromedp.ID("export")),
	)
	shot("5-documents")
	step("export", chromedp.Click(chromedp.ID("export")))
	var guid string
	select {
	case guid = <-downloaded:
	case <-time.After(20 * time.Second):
		shot("5-export-FAILED")
		t.Fatal("export: no download completed within 20s")
	}
	f, err := excelize.OpenFile(filepath.Join(downloads, guid))
	if err != nil {
		t.Fatalf("exported workbook: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	for _, want := range []string{"Matrix", "Summary", "Reply", "Actions", "Sources"} {
		if !slices.Contains(sheets, want) {
			t.Errorf("workbook sheets %q lack %s", sheets, want)
		}
	}
	rows, err := f.GetRows("Matrix")
	if err != nil || len(rows) < 10 {
		t.Errorf("Matrix has %d rows (%v)", len(rows), err)
	}

	// 6. Upload a hostile document: the page shows its progress, and its
	// <script> is text on the page, never a script.
	hostile, err := filepath.Abs("../testdata/hostile/report.txt")
	if err != nil {
		t.Fatal(err)
	}
	step("upload",
		chromedp.Navigate(base+"/docs"),
		chromedp.WaitVisible(chromedp.ID("file")),
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{hostile}),
		chromedp.Click(chromedp.CSS(`#upload-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.ID("upload-status")),
		chromedp.WaitVisible(chromedp.CSS(`#job[data-running="false"] #job-results tbody tr`)),
	)
	shot("6-upload")
	state := text("job state", chromedp.Text(chromedp.ID("job-state")))
	if !strings.HasPrefix(state, "Finished") {
		t.Errorf("upload: job state %q, want Finished", state)
	}
	step("hostile search",
		chromedp.Navigate(base+"/search?q=identified&doc=GRETA(2099)66"),
		chromedp.WaitVisible(chromedp.CSS(`li.hit .snippet`)),
	)
	snippet := text("hostile snippet", chromedp.Text(chromedp.CSS(`li.hit .snippet`)))
	shot("7-hostile")
	if !strings.Contains(snippet, "<script>alert(1)</script>") {
		t.Errorf("hostile snippet %q: want the <script> shown as text", snippet)
	}
	ctx, cancel = context.WithTimeout(bctx, 10*time.Second)
	scripts, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.scripts.length`))
	cancel()
	if err != nil || scripts != 1 {
		t.Errorf("page has %d script elements (%v), want only app.js", scripts, err)
	}

	mu.Lock()
	defer mu.Unlock()
	for _, e := range pageErrors {
		t.Errorf("browser reported: %s", e)
	}
}
