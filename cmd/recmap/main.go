package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"sort"
	"strings"
	"syscall"

	"github.com/recmap/recmap/extract"
	"github.com/recmap/recmap/workspace"
)

// gcPercent is the garbage collector's target for every command
// unless GOGC says otherwise: their heavy work is building index segments,
// which allocates much and keeps little, and with the heap allowed to grow
// to five times what is live an ingest takes a quarter fewer CPU-seconds
// (BenchmarkIngestCorpus in workspace runs with the same setting); the
// server, whose heap is small, collects a quarter as often, which keeps
// its pauses out of search latency when a file is being read beside it.
// The soft memory limit keeps the heap bounded whatever the work: near it
// the collector runs as often as it must (unless GOMEMLIMIT says
// otherwise).
const (
	gcPercent   = 400
	memoryLimit = 500 << 20
)

func main() {
	if extract.IsChild() {
		// started by an isolated read (extract.Options.Isolate) to read one file
		os.Exit(extract.ServeChild())
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
		if os.Getenv("GOMEMLIMIT") == "" {
			debug.SetMemoryLimit(memoryLimit)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, safeWriter{os.Stderr}))
}

// Exit codes: the contract documented in doc.go and the README.
const (
	exitOK      = 0 // success
	exitFailure = 1 // the command failed
	exitUsage   = 2 // the command line was wrong
	exitPartial = 3 // finished, but some inputs failed (the batch went on)
)

// usageError is a mistake on the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// partialError reports that a batch finished with some inputs failed. The
// failures have been printed already.
type partialError struct{ failed, total int }

func (e *partialError) Error() string {
	return fmt.Sprintf("%d of %d inputs failed", e.failed, e.total)
}

// exitCode maps an error to the process exit code, printing it. It is the
// only place that knows the table.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var ue *usageError
	var pe *partialError
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "recmap: %v\nRun 'recmap help' for usage.\n", err)
		return exitUsage
	case errors.As(err, &pe):
		fmt.Fprintf(stderr, "recmap: %v\n", err)
		return exitPartial
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "recmap: interrupted")
		return exitFailure
	}
	fmt.Fprintf(stderr, "recmap: %v\n", err)
	if h := notFoundHint(err); h != "" {
		fmt.Fprintf(stderr, "  what to do: %s\n", h)
	}
	return exitFailure
}

// notFoundHint says which command lists what a reference did not find.
func notFoundHint(err error) string {
	var nf *workspace.NotFoundError
	if !errors.As(err, &nf) {
		return ""
	}
	switch {
	case len(nf.Candidates) > 0:
		return "name the document by one of these IDs ('recmap docs' lists them)"
	case nf.Kind == "document":
		return "'recmap docs' lists the documents and their IDs"
	case nf.Kind == "recommendation":
		return "find its ID with 'recmap search --kind recommendation'"
	}
	return "find its ID with 'recmap search'"
}

// env is what every subcommand gets from main: its streams and the process
// environment, so that commands are testable without a process.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

// printJSON writes v to stdout as indented JSON, the form of every
// command's --json.
func (e *env) printJSON(v any) error {
	enc := json.NewEncoder(rawWriter(e.stdout)) // exact: JSON escapes what it must
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// command is one subcommand. Each lives in its own file.
type command struct {
	name    string
	args    string // usage after the name
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// commands is filled by each subcommand's file in init.
var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	e := &env{stdout: safeWriter{stdout}, stderr: safeWriter{stderr}, getenv: os.Getenv}
	return e.dispatch(ctx, args)
}

func (e *env) dispatch(ctx context.Context, args []string) error {
	if len(args) == 0 {
		e.usage(e.stderr)
		return usagef("no command given")
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				return c.run(ctx, e, []string{"-h"})
			}
		}
		e.usage(e.stdout)
		return nil
	}
	c, ok := commands[name]
	if !ok {
		return usagef("unknown command %q", name)
	}
	return c.run(ctx, e, args[1:])
}

func (e *env) usage(w io.Writer) {
	fmt.Fprintln(w, "recmap turns monitoring reports, legal texts and national plans into a compliance matrix.")
	fmt.Fprintln(w, "\nUsage: recmap COMMAND [flags] [arguments]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'recmap help COMMAND' for a command's flags.")
	fmt.Fprintln(w, "Exit codes: 0 success, 1 failure, 2 usage, 3 finished but some inputs failed.")
}

// flags returns a FlagSet for command c that prints its usage to stderr.
func (e *env) flags(c *command) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: recmap %s %s\n\n%s\n", c.name, c.args, c.summary)
		if hasFlags(fs) {
			fmt.Fprintln(e.stderr, "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// parse parses args, turning flag errors into usage errors.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(interspersed(fs, args)); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &usageError{msg: strings.TrimSpace(err.Error())}
	}
	return nil
}

// interspersed moves flags after positional arguments to the front, so that
// "recmap search trafficking --kind recommendation" works as users type it.
func interspersed(fs *flag.FlagSet, args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(a) > 1 && a[0] == '-' {
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if strings.Contains(name, "=") {
				continue
			}
			if f := fs.Lookup(name); f != nil {
				if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
					continue
				}
				if i+1 < len(args) {
					flags = append(flags, args[i+1])
					i++
				}
			}
			continue
		}
		pos = append(pos, a)
	}
	return append(flags, append([]string{"--"}, pos...)...)
}
