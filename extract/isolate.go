package extract

import (
	"bufio"
	"bytes"
	"context"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"syscall"
	"time"
)

// Isolation: a parser crash that Go cannot recover (a stack overflow, the
// runtime running out of memory) or a loop that ignores the context must
// not take the caller down. With Options.Isolate the file is read by a
// child process of the same program, started with childEnv set; the
// program's main calls IsChild and ServeChild first thing. The child gets
// a ceiling on its address space and stack, and the parent kills it at the
// deadline. A child that dies becomes an *Error for that file.

// childEnv marks a process started to read one file for its parent.
const childEnv = "RECMAP_EXTRACT_CHILD"

// IsChild reports whether this process was started by Options.Isolate to
// read one file. The program's main must then call ServeChild and exit
// with its code.
func IsChild() bool { return os.Getenv(childEnv) == "1" }

// childRequest is what the parent sends before the file's bytes.
type childRequest struct {
	Name      string
	Format    Format
	Limits    Limits
	Workers   int
	KeepLines bool
	Size      int64
}

// childReply is what the child sends back: the document or the error.
type childReply struct {
	Doc     *Document
	Kind    string // the sentinel's name; "" for errors of no sentinel
	Page    int
	Message string // the error's text below its *Error
	Failed  bool
	Limit   *LimitError // when the error was one
}

// sentinels name the errors a reply can carry.
var sentinels = map[string]error{
	"encrypted": ErrEncrypted, "no-text": ErrNoTextLayer, "unreadable": ErrUnreadableText,
	"corrupt": ErrCorrupt, "empty": ErrEmpty, "unsupported": ErrUnsupported, "too-large": ErrTooLarge,
	"canceled": context.Canceled, "deadline": context.DeadlineExceeded,
}

// ServeChild reads one file for the parent, from standard input to
// standard output, under the memory ceiling the request sets, and returns
// the exit code.
func ServeChild() int {
	in := bufio.NewReader(os.Stdin)
	var req childRequest
	line, err := in.ReadBytes('\n')
	if err == nil {
		err = json.Unmarshal(line, &req)
	}
	if err != nil || req.Size < 0 || req.Size > req.Limits.withDefaults().MaxFileSize {
		fmt.Fprintln(os.Stderr, "extract child: bad request")
		return 2
	}
	lim := req.Limits.withDefaults()
	limitMemory(lim.MaxMemory)
	// Give way to the parent: a server answering searches must not wait
	// behind a file being read.
	_ = syscall.Setpriority(syscall.PRIO_PROCESS, 0, 10)
	data := make([]byte, req.Size)
	if _, err := io.ReadFull(in, data); err != nil {
		fmt.Fprintln(os.Stderr, "extract child: read input:", err)
		return 2
	}
	o := Options{Limits: req.Limits, Workers: req.Workers, KeepLines: req.KeepLines}
	doc, err := o.Read(context.Background(), bytes.NewReader(data), req.Size, req.Format, req.Name)
	rep := childReply{Doc: doc}
	if err != nil {
		rep = replyOf(err)
	}
	if err := gob.NewEncoder(os.Stdout).Encode(rep); err != nil {
		fmt.Fprintln(os.Stderr, "extract child: write reply:", err)
		return 2
	}
	return 0
}

// limitMemory bounds the child's goroutine stacks (a parser recursing
// without end dies at once instead of growing a 1 GB stack), lets its
// garbage collector wait longer but work harder near the ceiling, and caps its address
// space far above the ceiling as a backstop against allocations no machine
// can serve. The parent watches the resident size (watchMemory).
func limitMemory(max int64) {
	if max <= 0 {
		return
	}
	debug.SetMaxStack(int(min(max/4, 256<<20)))
	// A child lives for one file: let its heap grow before collecting
	// (a quarter less CPU), up to half the ceiling.
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(max / 2)
	as := uint64(4*max) + 4<<30
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: as, Max: as})
}

// watchMemory kills the process when its resident size passes max, until
// done is closed, and reports whether it did.
func watchMemory(p *os.Process, max int64, done <-chan struct{}) <-chan bool {
	killed := make(chan bool, 1)
	go func() {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				killed <- false
				return
			case <-t.C:
				if rss := residentBytes(p.Pid); max > 0 && rss > max {
					_ = p.Kill()
					killed <- true
					return
				}
			}
		}
	}()
	return killed
}

// residentBytes reads a process's resident set size from /proc (0 where
// there is no /proc).
func residentBytes(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/statm", pid))
	if err != nil {
		return 0
	}
	var size, rss int64
	if _, err := fmt.Sscan(string(b), &size, &rss); err != nil {
		return 0
	}
	return rss * int64(os.Getpagesize())
}

func replyOf(err error) childReply {
	rep := childReply{Failed: true, Message: err.Error()}
	var e *Error
	if errors.As(err, &e) {
		rep.Page, rep.Message = e.Page, e.Err.Error()
	}
	for name, s := range sentinels {
		if errors.Is(err, s) {
			rep.Kind = name
		}
	}
	var le *LimitError
	if errors.As(err, &le) {
		rep.Limit = le
	}
	return rep
}

// childError is an error that came back from a child: its text and the
// sentinel it wrapped there.
type childError struct {
	msg      string
	sentinel error
}

func (e *childError) Error() string { return e.msg }
func (e *childError) Unwrap() error { return e.sentinel }

// readIsolated sends data to a child process of this program and returns
// what it read, or an *Error saying how the child failed.
func (o Options) readIsolated(ctx context.Context, data []byte, format Format, name string, lim Limits) (*Document, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("start a reader process: %w", err)
	}
	// The child keeps its own deadline; this one is for a child that does
	// not (a loop inside the PDF library).
	cctx, cancel := context.WithTimeout(ctx, lim.Timeout+2*time.Second)
	defer cancel()
	cmd := exec.CommandContext(cctx, exe)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	cmd.WaitDelay = time.Second
	req, _ := json.Marshal(childRequest{Name: name, Format: format, Limits: lim, Workers: o.Workers, KeepLines: o.KeepLines, Size: int64(len(data))})
	cmd.Stdin = io.MultiReader(bytes.NewReader(req), strings.NewReader("\n"), bytes.NewReader(data))
	var out bytes.Buffer
	stderr := &cappedBuffer{max: 16 << 10}
	cmd.Stdout, cmd.Stderr = &out, stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start a reader process: %w", err)
	}
	done := make(chan struct{})
	killed := watchMemory(cmd.Process, lim.MaxMemory, done)
	runErr := cmd.Wait()
	close(done)
	overMemory := <-killed
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if overMemory {
		return nil, &Error{Path: name, Err: memoryExceeded(lim)}
	}
	var rep childReply
	if runErr == nil && gob.NewDecoder(&out).Decode(&rep) == nil {
		if !rep.Failed {
			return rep.Doc, nil
		}
		if rep.Limit != nil {
			return nil, &Error{Path: name, Page: rep.Page, Err: rep.Limit}
		}
		return nil, &Error{Path: name, Page: rep.Page, Err: &childError{msg: rep.Message, sentinel: sentinels[rep.Kind]}}
	}
	return nil, &Error{Path: name, Err: childFailure(cctx, runErr, stderr.String(), lim)}
}

// childFailure says why a child died without a reply.
func childFailure(ctx context.Context, runErr error, stderr string, lim Limits) error {
	switch {
	case ctx.Err() != nil:
		return &LimitError{Limit: "Timeout", Text: fmt.Sprintf("reading did not end within %s and was stopped", lim.Timeout)}
	case strings.Contains(stderr, "stack exceeds"):
		return corrupt("the file crashed the reader (structures nested too deep): the file is malformed")
	case strings.Contains(stderr, "out of memory"), strings.Contains(stderr, "cannot allocate memory"):
		return memoryExceeded(lim)
	}
	first, _, _ := strings.Cut(strings.TrimSpace(stderr), "\n")
	if first == "" {
		first = fmt.Sprint(runErr)
	}
	return corrupt("the reader process failed (%s): the file is probably malformed", first)
}

func memoryExceeded(lim Limits) error {
	return &LimitError{Limit: "MaxMemory", Text: fmt.Sprintf("reading needed more than %d MB of memory", lim.MaxMemory>>20)}
}

// cappedBuffer keeps the first max bytes written to it.
type cappedBuffer struct {
	buf bytes.Buffer
	max int
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (b *cappedBuffer) String() string { return b.buf.String() }
