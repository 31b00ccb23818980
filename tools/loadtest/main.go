// Loadtest is a loopback load generator for `recmap serve`: it sends
// searches at a fixed rate (open loop: a slow answer does not slow the
// arrivals) and reports latency percentiles and errors.
//
//	go run ./tools/loadtest                      # in-process server over the sample workspace
//	go run ./tools/loadtest -rate 50 -duration 60s -path /search
//	go run ./tools/loadtest -url http://127.0.0.1:8080 -user anna -password …
//
// Without -url it builds a temporary workspace with the sample corpus
// ingested and mapped, serves it on a loopback port, and loads that. The
// queries are a fixed list (phrases, facets, fuzzy and field queries, some
// paging) cycled in order; -path chooses the HTML page (/search, the
// default) or the JSON API (/api/search). The target for the sample
// workspace is p99 < 100 ms with no errors at 50 searches/s; the exit
// status is 1 when -p99 is exceeded or any request fails.
//
//	go run ./tools/loadtest -guess -duration 10s   # password guessing
//
// With -guess the in-process server requires sign-in (a users file);
// -guessers clients (100) send wrong passwords to POST /login as fast as
// they are answered, each with its own session, while a signed-in user
// searches at -rate. It reports the password checks the guessers got (a
// 401; a 429 is a refusal without a check) and the user's search
// latency. The target: fewer than 50 guesses in all, p99 under 200 ms.
//
//	go build -o /tmp/recmap-srv ./cmd/recmap
//	go run ./tools/loadtest -bin /tmp/recmap-srv -hostile /tmp/hx/pdf -hostile /tmp/hx/other
//
// With -hostile the server is a child process, `recmap serve` of -bin
// over a copy of the sample workspace, reading uploads as it does in
// production (each file in a grandchild, extract.Options.Isolate). One
// client searches -query on -path at up to -rate (closed loop: one search
// at a time) for the whole run, while every file in the -hostile folders
// is uploaded in turn to POST /api/ingest (session cookie and
// X-CSRF-Token, as a script does; a 503 "busy" is retried after its
// Retry-After, at most 10 s) and its job polled on /api/jobs/{id} until
// it ends. It reports each file's outcome as the server gives it, the
// time and CPU (server and extraction children) it took, the search
// latency percentiles overall, during the uploads and during each file,
// the slow searches by job phase, and whether the server stayed up and
// still answers. The target ("answering searches within 100 ms
// throughout"): the server never exits, no search fails, and the p99 of
// every 10 s window of the uploads is under -p99 (100 ms); the exit
// status is 1 otherwise.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/recmap/recmap/sample"
	"github.com/recmap/recmap/web"
	"github.com/recmap/recmap/workspace"
)

// queries are what the generator asks, in turn: URL parameters as a
// person types them (encoded by encode).
var queries = []string{
	"q=trafficking",
	`q="labour exploitation"`,
	"q=compensation&kind=recommendation",
	"q=victim identification",
	"q=+trafficking -kind:paragraph",
	"q=strength:urge",
	"q=exploited",
	"q=áldozat",
	"q=aldozat",
	"q=shelter~",
	"q=inspect*",
	"q=children&body=GRETA&round=3",
	"q=training judges",
	"q=non-punishment",
	"q=topic:compensation",
	"q=&kind=action",
	"q=&kind=recommendation&strength=urge&from=20",
	"q=data collection&kind=recommendation&kind=action",
	`q="National Referral Mechanism"`,
	"q=trafficking&from=40",
}

// encode turns "q=a b&kind=x" into a URL query string.
func encode(q string) string {
	v := url.Values{}
	for _, kv := range strings.Split(q, "&") {
		k, val, _ := strings.Cut(kv, "=")
		v.Add(k, val)
	}
	return v.Encode()
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fl := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	base := fl.String("url", "", "server to load (default: an in-process server over the sample workspace)")
	path := fl.String("path", "/search", "page to request: /search (HTML) or /api/search (JSON)")
	rate := fl.Float64("rate", 50, "requests per second")
	dur := fl.Duration("duration", 60*time.Second, "how long to send")
	user := fl.String("user", "", "HTTP Basic user (for a server with --auth)")
	pw := fl.String("password", "", "HTTP Basic password")
	p99 := fl.Duration("p99", 100*time.Millisecond, "fail when the 99th percentile is above this")
	guess := fl.Bool("guess", false, "password guessing: -guessers clients send wrong passwords while a signed-in user searches")
	guessers := fl.Int("guessers", 100, "with -guess: clients guessing at once")
	maxGuesses := fl.Int("max-guesses", 50, "with -guess: fail when the guessers get this many password checks")
	var hostile dirList
	fl.Var(&hostile, "hostile", "hostile uploads: upload every file in this folder (repeat for more) to a `recmap serve` child while one client searches")
	bin := fl.String("bin", "", "with -hostile: the recmap binary to serve with (build it fresh: go build -o /tmp/recmap-srv ./cmd/recmap)")
	query := fl.String("query", "q=victims trafficking", "with -hostile: the search, as URL parameters")
	settle := fl.Duration("settle", 5*time.Second, "with -hostile: searching before the first upload and after the last")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if len(hostile) > 0 {
		return runHostile(ctx, out, hostileOptions{dirs: hostile, bin: *bin, path: *path, query: *query,
			rate: *rate, settle: *settle, p99: *p99})
	}
	if *guess {
		if *p99 == 100*time.Millisecond {
			*p99 = 200 * time.Millisecond
		}
		return runGuess(ctx, out, guessOptions{path: *path, rate: *rate, dur: *dur, guessers: *guessers, p99: *p99, maxGuesses: *maxGuesses})
	}
	if *rate <= 0 {
		return fmt.Errorf("-rate must be positive")
	}
	if *base == "" {
		u, cleanup, err := serveSample(ctx)
		if err != nil {
			return err
		}
		defer cleanup()
		*base = u
	}

	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 100}}
	type result struct {
		d   time.Duration
		err error
	}
	var (
		mu      sync.Mutex
		results []result
		wg      sync.WaitGroup
	)
	one := func(q string) {
		defer wg.Done()
		req, err := http.NewRequestWithContext(ctx, "GET", *base+*path+"?"+encode(q), nil)
		if err != nil {
			panic(err)
		}
		if *user != "" {
			req.SetBasicAuth(*user, *pw)
		}
		start := time.Now()
		resp, err := client.Do(req)
		if err == nil {
			_, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if err == nil && resp.StatusCode != http.StatusOK {
				err = fmt.Errorf("%s: HTTP %d", q, resp.StatusCode)
			}
		}
		d := time.Since(start)
		mu.Lock()
		results = append(results, result{d, err})
		mu.Unlock()
	}

	fmt.Fprintf(out, "loading %s%s at %.0f requests/s for %s (%d queries in turn)\n", *base, *path, *rate, *dur, len(queries))
	// Open loop on a fixed schedule: request i leaves at start + i/rate,
	// whatever happened to the ones before it.
	interval := time.Duration(float64(time.Second) / *rate)
	start := time.Now()
	sent := 0
	for ; ctx.Err() == nil; sent++ {
		at := start.Add(time.Duration(sent) * interval)
		if at.Sub(start) >= *dur {
			break
		}
		time.Sleep(time.Until(at))
		wg.Add(1)
		go one(queries[sent%len(queries)])
	}
	wg.Wait()
	elapsed := time.Since(start)

	var lat []time.Duration
	var errs []error
	for _, r := range results {
		lat = append(lat, r.d)
		if r.err != nil {
			errs = append(errs, r.err)
		}
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	fmt.Fprintf(out, "sent %d in %s (%.1f/s); errors %d\n", sent, elapsed.Round(time.Millisecond), float64(sent)/elapsed.Seconds(), len(errs))
	fmt.Fprintf(out, "latency p50 %s  p90 %s  p99 %s  max %s\n",
		pct(0.50).Round(10*time.Microsecond), pct(0.90).Round(10*time.Microsecond),
		pct(0.99).Round(10*time.Microsecond), pct(1).Round(10*time.Microsecond))
	for i, e := range errs {
		if i == 5 {
			fmt.Fprintf(out, "… and %d more errors\n", len(errs)-5)
			break
		}
		fmt.Fprintln(out, "error:", e)
	}
	switch {
	case len(errs) > 0:
		return fmt.Errorf("%d of %d requests failed", len(errs), sent)
	case pct(0.99) > *p99:
		return fmt.Errorf("p99 %s is above the target %s", pct(0.99), *p99)
	}
	return nil
}

// serveSample starts an in-process server over a temporary workspace with
// the sample corpus, on a loopback port.
func serveSample(ctx context.Context) (string, func(), error) {
	return serveSampleWith(ctx, web.Config{DefaultUser: "loadtest"})
}

// serveSampleWith is serveSample with a server configuration.
func serveSampleWith(ctx context.Context, cfg web.Config) (string, func(), error) {
	dir, err := os.MkdirTemp("", "recmap-loadtest-*")
	if err != nil {
		return "", nil, err
	}
	fail := func(err error) (string, func(), error) {
		os.RemoveAll(dir)
		return "", nil, err
	}
	ws, err := sampleWorkspace(ctx, dir)
	if err != nil {
		return fail(err)
	}
	srv, err := web.New(ws, cfg)
	if err != nil {
		ws.Close()
		return fail(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		ws.Close()
		return fail(err)
	}
	sctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { srv.Serve(sctx, ln); close(done) }()
	cleanup := func() {
		cancel()
		<-done
		ws.Close()
		os.RemoveAll(dir)
	}
	return "http://" + ln.Addr().String(), cleanup, nil
}

// sampleWorkspace opens a workspace in dir with the sample corpus
// ingested and mapped (but the 2099 action plan, which the sample keeps
// for an upload).
func sampleWorkspace(ctx context.Context, dir string) (*workspace.Workspace, error) {
	ws, err := workspace.Open(ctx, dir, workspace.Options{})
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(sample.FS, "files/*")
	if err != nil {
		ws.Close()
		return nil, err
	}
	names = slices.DeleteFunc(names, func(n string) bool { return n == "files/hu-action-plan-2099-2100.pdf" })
	if _, err := ws.Ingest(ctx, workspace.FSInputs(sample.FS, names), workspace.IngestOptions{}); err != nil {
		ws.Close()
		return nil, fmt.Errorf("ingest the sample: %w", err)
	}
	if _, err := ws.Map(ctx, workspace.MapOptions{}); err != nil {
		ws.Close()
		return nil, fmt.Errorf("map the sample: %w", err)
	}
	return ws, nil
}
