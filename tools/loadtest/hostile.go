package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/recmap/recmap/web"
)

// hostileOptions are the flags of -hostile.
type hostileOptions struct {
	dirs   []string
	bin    string
	path   string
	query  string
	rate   float64
	settle time.Duration
	p99    time.Duration
}

// dirList is the repeatable -hostile flag.
type dirList []string

func (d *dirList) String() string { return strings.Join(*d, ",") }

func (d *dirList) Set(v string) error {
	*d = append(*d, v)
	return nil
}

// busyWaitMax caps the wait after a 503: the server's Retry-After (60 s)
// is advice for people; the tool polls sooner.
const busyWaitMax = 10 * time.Second

// runHostile uploads every file of o.dirs to a `recmap serve` child while
// one client searches, and reports the outcomes and the search latency.
func runHostile(ctx context.Context, out io.Writer, o hostileOptions) error {
	if o.bin == "" {
		return errors.New("-hostile needs -bin: the recmap binary to serve with")
	}
	if o.rate <= 0 {
		return errors.New("-rate must be positive")
	}
	var files []string
	for _, d := range o.dirs {
		fs, err := listFiles(d)
		if err != nil {
			return fmt.Errorf("hostile folder %s: %w", d, err)
		}
		files = append(files, fs...)
	}
	tmp, err := os.MkdirTemp("", "recmap-hostile-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	data := filepath.Join(tmp, "ws")
	ws, err := sampleWorkspace(ctx, data)
	if err != nil {
		return err
	}
	if err := ws.Close(); err != nil {
		return fmt.Errorf("close the sample workspace: %w", err)
	}

	logPath := filepath.Join(os.TempDir(), "recmap-hostile-server.log")
	srv, err := startServer(ctx, o.bin, data, logPath)
	if err != nil {
		return err
	}
	defer srv.stop()
	fmt.Fprintf(out, "server: %s serve (pid %d) at %s over the sample workspace; its log: %s\n",
		o.bin, srv.cmd.Process.Pid, srv.base, logPath)
	fmt.Fprintf(out, "searching %s?%s at up to %.0f/s, one at a time; uploading %d files to /api/ingest\n",
		o.path, encode(o.query), o.rate, len(files))

	up, tok, err := session(ctx, srv.base)
	if err != nil {
		return fmt.Errorf("session at %s: %w", srv.base, err)
	}
	up.Timeout = 5 * time.Minute

	var st state
	stopSearch := make(chan struct{})
	searched := make(chan []search, 1)
	go func() { searched <- searcher(ctx, stopSearch, srv.base+o.path+"?"+encode(o.query), o.rate, &st) }()

	runStart := time.Now()
	sleep(ctx, o.settle)
	var runs []*fileRun
	for _, f := range files {
		if ctx.Err() != nil || srv.exited() {
			break
		}
		fr := uploadOne(ctx, up, tok, srv, f, &st)
		runs = append(runs, fr)
		fmt.Fprintf(out, "  %s: %s (%.1f s)\n", fr.name, fr.outcome, fr.end.Sub(fr.start).Seconds())
	}
	sleep(ctx, o.settle)
	close(stopSearch)
	all := <-searched

	// The server must still answer after the last file.
	final := searchOnce(ctx, &http.Client{Timeout: 10 * time.Second}, srv.base+o.path+"?"+encode(o.query))
	upTheWholeTime := !srv.exited()
	srv.stop()

	fmt.Fprintln(out)
	rep := report{out: out, runs: runs, all: all, runStart: runStart, target: o.p99}
	worst := rep.print()
	fmt.Fprintln(out)
	if upTheWholeTime {
		fmt.Fprintf(out, "server stayed up the whole run (pid %d); a search after the last file: ", srv.cmd.Process.Pid)
	} else {
		fmt.Fprintf(out, "server EXITED at +%.1f s: %v; a search after the last file: ", srv.exitAt.Sub(runStart).Seconds(), srv.exitErr)
	}
	if final.err != nil {
		fmt.Fprintf(out, "FAILED: %v\n", final.err)
	} else {
		fmt.Fprintf(out, "HTTP 200 in %s\n", final.d.Round(10*time.Microsecond))
	}
	fmt.Fprintf(out, "server stopped by SIGINT: %v; log warnings/errors: %d\n", orOK(srv.exitErr), srv.warnings())
	if !upTheWholeTime {
		fmt.Fprintln(out, "last lines of the server's stderr:")
		for _, l := range srv.lastLines() {
			fmt.Fprintln(out, "  ", l)
		}
	}

	errs := 0
	for _, s := range all {
		if s.err != nil {
			errs++
		}
	}
	switch {
	case !upTheWholeTime:
		return errors.New("the server exited during the run")
	case final.err != nil:
		return fmt.Errorf("the server does not answer after the last file: %w", final.err)
	case errs > 0:
		return fmt.Errorf("%d of %d searches failed", errs, len(all))
	case len(runs) < len(files):
		return fmt.Errorf("uploaded %d of %d files", len(runs), len(files))
	case worst > o.p99:
		return fmt.Errorf("p99 in a %s window of the uploads reached %s, above the target %s", window, worst.Round(10*time.Microsecond), o.p99)
	}
	return nil
}

func orOK(err error) any {
	if err == nil {
		return "exit 0"
	}
	return err
}

// listFiles returns the regular files in dir, by name.
func listFiles(dir string) ([]string, error) {
	es, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range es {
		if e.Type().IsRegular() {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no files")
	}
	return out, nil
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// state is what the uploader is doing, for the searcher to note against
// each search: the file and the job's phase as last polled ("upload"
// while the request is sent).
type state struct {
	mu          sync.Mutex
	file, phase string
}

func (s *state) set(file, phase string) {
	s.mu.Lock()
	s.file, s.phase = file, phase
	s.mu.Unlock()
}

func (s *state) get() (string, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.file, s.phase
}

// search is one search request.
type search struct {
	at          time.Time
	d           time.Duration
	err         error
	file, phase string // the upload in flight when it started
}

// searcher sends one search after another (at most rate a second) until
// stop is closed; a search in flight then is finished, not cancelled.
func searcher(ctx context.Context, stop <-chan struct{}, u string, rate float64, st *state) []search {
	c := &http.Client{Timeout: 10 * time.Second}
	interval := time.Duration(float64(time.Second) / rate)
	var out []search
	next := time.Now()
	for ctx.Err() == nil {
		select {
		case <-stop:
			return out
		default:
		}
		file, phase := st.get()
		s := searchOnce(ctx, c, u)
		if ctx.Err() != nil {
			break // interrupted
		}
		s.file, s.phase = file, phase
		out = append(out, s)
		next = next.Add(interval)
		if wait := time.Until(next); wait > 0 {
			sleep(ctx, wait)
		} else {
			next = time.Now()
		}
	}
	return out
}

func searchOnce(ctx context.Context, c *http.Client, u string) search {
	s := search{at: time.Now()}
	req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		s.err = err
		return s
	}
	resp, err := c.Do(req)
	if err == nil {
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err == nil && resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("search: HTTP %d", resp.StatusCode)
		}
	}
	s.d, s.err = time.Since(s.at), err
	return s
}

// fileRun is one uploaded file: what the server said and what it cost.
type fileRun struct {
	name    string
	size    int64
	outcome string // as the server reports it
	status  int    // of the upload request
	busy    int    // 503s before it was taken
	job     web.Job
	start   time.Time // upload request sent
	taken   time.Time // upload answered
	mapAt   time.Time // the job was first seen mapping
	end     time.Time // the job was seen finished (or the upload refused)

	cpu cpuDelta
}

// uploadOne uploads one file and waits for its job to end.
func uploadOne(ctx context.Context, c *http.Client, tok string, srv *serverProc, path string, st *state) *fileRun {
	fr := &fileRun{name: filepath.Base(path)}
	fr.start = time.Now()
	before := srv.cpu()
	defer func() {
		fr.end = time.Now()
		fr.cpu = srv.cpu().since(before)
		st.set("", "")
	}()
	data, err := os.ReadFile(path)
	if err != nil {
		fr.outcome = "not sent: " + err.Error()
		return fr
	}
	fr.size = int64(len(data))
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	w, _ := mw.CreateFormFile("file", fr.name)
	w.Write(data)
	mw.Close()

	st.set(fr.name, "upload")
	for {
		fr.start = time.Now()
		req, _ := http.NewRequestWithContext(ctx, "POST", srv.base+"/api/ingest", bytes.NewReader(body.Bytes()))
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("X-CSRF-Token", tok)
		req.Header.Set("Accept", "application/json")
		resp, err := c.Do(req)
		fr.taken = time.Now()
		if err != nil {
			fr.outcome = "upload failed: " + err.Error()
			return fr
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fr.status = resp.StatusCode
		if resp.StatusCode == http.StatusServiceUnavailable {
			fr.busy++
			wait := busyWaitMax
			if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && time.Duration(s)*time.Second < wait {
				wait = time.Duration(s) * time.Second
			}
			sleep(ctx, wait)
			if ctx.Err() != nil || srv.exited() {
				fr.outcome = "busy (503) until the run ended"
				return fr
			}
			continue
		}
		if resp.StatusCode != http.StatusAccepted {
			var e struct{ Error string }
			json.Unmarshal(b, &e)
			fr.outcome = fmt.Sprintf("refused, HTTP %d: %s", resp.StatusCode, e.Error)
			return fr
		}
		if err := json.Unmarshal(b, &fr.job); err != nil {
			fr.outcome = "upload answer unreadable: " + err.Error()
			return fr
		}
		break
	}

	// Poll the job as the page does, until it ends.
	for {
		st.set(fr.name, fr.job.Phase)
		if fr.job.Phase == "map" && fr.mapAt.IsZero() {
			fr.mapAt = time.Now()
		}
		if !fr.job.Running() {
			break
		}
		sleep(ctx, 200*time.Millisecond)
		if ctx.Err() != nil || srv.exited() {
			fr.outcome = "job still " + fr.job.State + " when the run ended"
			return fr
		}
		req, _ := http.NewRequestWithContext(ctx, "GET", srv.base+"/api/jobs/"+fr.job.ID, nil)
		resp, err := c.Do(req)
		if err != nil {
			fr.outcome = "job poll failed: " + err.Error()
			return fr
		}
		err = json.NewDecoder(resp.Body).Decode(&fr.job)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			fr.outcome = fmt.Sprintf("job poll: HTTP %d: %v", resp.StatusCode, err)
			return fr
		}
	}
	fr.outcome = jobOutcome(fr.job)
	return fr
}

// jobOutcome is a finished job as the server reports it: the job's state,
// then each file's outcome with its error or its pages and items.
func jobOutcome(j web.Job) string {
	var b strings.Builder
	fmt.Fprintf(&b, "job %s", j.State)
	if j.Error != "" {
		fmt.Fprintf(&b, " (%s)", j.Error)
	}
	for _, r := range j.Results {
		fmt.Fprintf(&b, "; %s", r.Outcome)
		switch {
		case r.Error != "":
			fmt.Fprintf(&b, ": %s", r.Error)
		default:
			n := 0
			for _, c := range r.Counts {
				n += c
			}
			fmt.Fprintf(&b, ", %d pages, %d items", r.Pages, n)
			if len(r.Warnings) > 0 {
				fmt.Fprintf(&b, ", %d warnings (first: %s)", len(r.Warnings), r.Warnings[0])
			}
		}
	}
	if j.Mapped > 0 {
		fmt.Fprintf(&b, "; %d recommendations mapped", j.Mapped)
	}
	return b.String()
}

// serverProc is `recmap serve` running as a child of the tool.
type serverProc struct {
	cmd  *exec.Cmd
	base string
	done chan struct{} // closed when the process has ended

	exitErr error     // set before done is closed
	exitAt  time.Time // likewise

	mu       sync.Mutex
	tail     []string // the last lines of its stderr
	warns    int      // WARN and ERROR lines
	stopOnce sync.Once
}

var servingRE = regexp.MustCompile(`serving workspace .* at (https?://[^ ]+?)/? \(`)

// startServer starts bin serve over the workspace in data, on a loopback
// port, with its stderr copied to logPath, and waits for its address.
func startServer(ctx context.Context, bin, data, logPath string) (*serverProc, error) {
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "serve", "--data", data, "--addr", "127.0.0.1:0", "--user", "loadtest")
	cmd.Stdout = logf
	stderr, err := cmd.StderrPipe()
	if err != nil {
		logf.Close()
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("start %s serve: %w", bin, err)
	}
	p := &serverProc{cmd: cmd, done: make(chan struct{})}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(logf, line)
			if m := servingRE.FindStringSubmatch(line); m != nil {
				select {
				case addr <- m[1]:
				default:
				}
			}
			p.mu.Lock()
			p.tail = append(p.tail, line)
			if len(p.tail) > 20 {
				p.tail = p.tail[1:]
			}
			if strings.Contains(line, "level=WARN") || strings.Contains(line, "level=ERROR") {
				p.warns++
			}
			p.mu.Unlock()
		}
		io.Copy(logf, stderr)
		p.exitErr = cmd.Wait()
		p.exitAt = time.Now()
		logf.Close()
		close(p.done)
	}()
	select {
	case p.base = <-addr:
		return p, nil
	case <-p.done:
		return nil, fmt.Errorf("%s serve exited at start: %v: %s", bin, p.exitErr, strings.Join(p.lastLines(), "; "))
	case <-time.After(30 * time.Second):
		p.stop()
		return nil, fmt.Errorf("%s serve: no address after 30 s", bin)
	case <-ctx.Done():
		p.stop()
		return nil, ctx.Err()
	}
}

func (p *serverProc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// stop interrupts the server (it shuts down gracefully) and waits for it,
// killing it after 30 s.
func (p *serverProc) stop() {
	p.stopOnce.Do(func() {
		if p.exited() {
			return
		}
		p.cmd.Process.Signal(os.Interrupt)
		select {
		case <-p.done:
		case <-time.After(30 * time.Second):
			p.cmd.Process.Kill()
			<-p.done
		}
	})
}

func (p *serverProc) lastLines() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.tail)
}

func (p *serverProc) warnings() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.warns
}

// cpuSample is the CPU time of the server and of its children it has
// waited for (the extraction children), from /proc, and the machine's
// busy and total time from /proc/stat, all in clock ticks.
type cpuSample struct {
	self, children int64
	busy, total    int64
}

// cpuDelta is the CPU used between two samples.
type cpuDelta struct {
	self, children time.Duration
	busy           float64 // fraction of the machine's CPU in use
}

// clockTick is USER_HZ, 100 on Linux.
const clockTick = 10 * time.Millisecond

func (p *serverProc) cpu() cpuSample {
	var s cpuSample
	if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", p.cmd.Process.Pid)); err == nil {
		// Fields after the command name: state ppid … utime(14) stime(15) cutime(16) cstime(17).
		if i := bytes.LastIndexByte(b, ')'); i > 0 {
			f := strings.Fields(string(b[i+1:]))
			if len(f) > 14 {
				n := func(k int) int64 { v, _ := strconv.ParseInt(f[k-3], 10, 64); return v }
				s.self = n(14) + n(15)
				s.children = n(16) + n(17)
			}
		}
	}
	if b, err := os.ReadFile("/proc/stat"); err == nil {
		line, _, _ := strings.Cut(string(b), "\n")
		f := strings.Fields(line)
		for k, v := range f[1:] {
			x, _ := strconv.ParseInt(v, 10, 64)
			if k < 8 { // user nice system idle iowait irq softirq steal
				s.total += x
				if k != 3 && k != 4 {
					s.busy += x
				}
			}
		}
	}
	return s
}

func (s cpuSample) since(b cpuSample) cpuDelta {
	d := cpuDelta{
		self:     time.Duration(s.self-b.self) * clockTick,
		children: time.Duration(s.children-b.children) * clockTick,
	}
	if s.total > b.total {
		d.busy = float64(s.busy-b.busy) / float64(s.total-b.total)
	}
	return d
}

// report prints the latency figures of a run.
type report struct {
	out      io.Writer
	runs     []*fileRun
	all      []search
	runStart time.Time
	target   time.Duration
}

// window is the span over which "throughout" is judged: the p99 of
// every window of the uploads must be under the target.
const window = 10 * time.Second

// print writes the per-file table and the percentiles, and returns the
// highest p99 of a window during the uploads.
func (r report) print() time.Duration {
	if len(r.runs) == 0 {
		fmt.Fprintln(r.out, "no file uploaded")
		return 0
	}
	first, last := r.runs[0].start, r.runs[len(r.runs)-1].end
	fmt.Fprintf(r.out, "per file: size, upload answer, job time (mapping), CPU of the server and of its extraction children, machine CPU busy, searches meanwhile\n")
	for _, f := range r.runs {
		var in []search
		for _, s := range r.all {
			if !s.at.Before(f.start) && s.at.Before(f.end) {
				in = append(in, s)
			}
		}
		mapping := ""
		if !f.mapAt.IsZero() {
			mapping = fmt.Sprintf(" (map ≥%.2f s)", f.end.Sub(f.mapAt).Seconds())
		}
		fmt.Fprintf(r.out, "  %-34s %7s  HTTP %d  %6.2f s%s  cpu server %.2f s children %.2f s  busy %3.0f%%  %s\n",
			f.name, sizeText(f.size), f.status, f.end.Sub(f.start).Seconds(), mapping,
			f.cpu.self.Seconds(), f.cpu.children.Seconds(), 100*f.cpu.busy, latencies(in))
	}
	fmt.Fprintln(r.out)
	var during, before, after []search
	for _, s := range r.all {
		switch {
		case s.at.Before(first):
			before = append(before, s)
		case s.at.Before(last):
			during = append(during, s)
		default:
			after = append(after, s)
		}
	}
	fmt.Fprintf(r.out, "search latency, whole run (%.1f s):   %s\n", r.all[len(r.all)-1].at.Sub(r.runStart).Seconds(), latencies(r.all))
	fmt.Fprintf(r.out, "  before the uploads:                %s\n", latencies(before))
	fmt.Fprintf(r.out, "  during the uploads (%.1f s):       %s\n", last.Sub(first).Seconds(), latencies(during))
	fmt.Fprintf(r.out, "  after the last file:               %s\n", latencies(after))

	// Throughout: the p99 of each window of the uploads.
	var worst time.Duration
	var over []string
	n := 0
	for w := first; w.Before(last); w = w.Add(window) {
		var in []search
		for _, s := range during {
			if !s.at.Before(w) && s.at.Before(w.Add(window)) {
				in = append(in, s)
			}
		}
		n++
		p := pct(durations(in), 0.99)
		worst = max(worst, p)
		if p > r.target {
			file := ""
			if len(in) > 0 {
				file = in[len(in)/2].file
			}
			over = append(over, fmt.Sprintf("+%.0f s (%s): %s", w.Sub(r.runStart).Seconds(), file, latencies(in)))
		}
	}
	fmt.Fprintf(r.out, "%s windows of the uploads: %d, with p99 over %s: %d; the worst p99 %.1f ms\n",
		window, n, r.target, len(over), float64(worst)/1e6)
	for _, o := range over {
		fmt.Fprintln(r.out, "  ", o)
	}

	// Slow searches by what the job was doing when they started.
	byPhase := map[string]int{}
	var slow []search
	for _, s := range r.all {
		if s.d > r.target {
			byPhase[cmpOr(s.phase, "no upload")]++
			slow = append(slow, s)
		}
	}
	if len(slow) > 0 {
		fmt.Fprintf(r.out, "searches over %s: %d; by the job's phase when they started:", r.target, len(slow))
		for _, ph := range slices.Sorted(maps.Keys(byPhase)) {
			fmt.Fprintf(r.out, " %s %d", ph, byPhase[ph])
		}
		fmt.Fprintln(r.out)
		slices.SortFunc(slow, func(a, b search) int { return int(b.d - a.d) })
		for _, s := range slow[:min(10, len(slow))] {
			fmt.Fprintf(r.out, "  %8s at +%6.1f s  %s %s\n", s.d.Round(time.Millisecond), s.at.Sub(r.runStart).Seconds(), s.file, s.phase)
		}
	}
	for _, s := range r.all {
		if s.err != nil {
			fmt.Fprintf(r.out, "search error at +%.1f s (%s %s): %v\n", s.at.Sub(r.runStart).Seconds(), s.file, s.phase, s.err)
		}
	}
	return worst
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func durations(ss []search) []time.Duration {
	d := make([]time.Duration, len(ss))
	for i, s := range ss {
		d[i] = s.d
	}
	slices.Sort(d)
	return d
}

// pct is the p-th quantile of sorted durations.
func pct(lat []time.Duration, p float64) time.Duration {
	if len(lat) == 0 {
		return 0
	}
	return lat[min(len(lat)-1, int(p*float64(len(lat))))]
}

// latencies formats the count, errors and percentiles of searches.
func latencies(ss []search) string {
	lat := durations(ss)
	errs := 0
	for _, s := range ss {
		if s.err != nil {
			errs++
		}
	}
	ms := func(d time.Duration) string { return strconv.FormatFloat(float64(d)/1e6, 'f', 1, 64) }
	return fmt.Sprintf("n %d err %d  p50 %s p90 %s p99 %s max %s ms", len(ss), errs,
		ms(pct(lat, 0.5)), ms(pct(lat, 0.9)), ms(pct(lat, 0.99)), ms(pct(lat, 1)))
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
