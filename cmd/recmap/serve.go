package main

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strings"

	"github.com/recmap/recmap/web"
)

func init() {
	register(&command{
		name: "serve",
		args: "[--addr 127.0.0.1:8080] [--data DIR] [--auth USERS-FILE|env:VAR|PASSWORD] [--max-upload MB]",
		summary: "serve the web interface: search, recommendations with suggestions and decisions, " +
			"documents, upload, Excel export",
		run: runServe,
	})
}

func runServe(ctx context.Context, e *env, args []string) error {
	var (
		ws        wsFlags
		user      userFlag
		addr      string
		auth      string
		maxUpload int64
		insecure  bool
		hashUser  string
	)
	fs := e.flags(commands["serve"])
	ws.register(fs, e)
	user.register(fs)
	fs.StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on; anything but a loopback address needs --auth")
	fs.StringVar(&auth, "auth", "", "require sign-in: a users file (lines user:bcrypt-hash or user:sha256:hex), "+
		"env:VAR for a shared password in an environment variable, or the shared password itself")
	fs.Int64Var(&maxUpload, "max-upload", web.DefaultMaxUpload>>20, "largest upload, in MB")
	fs.BoolVar(&insecure, "insecure-no-auth", false, "allow a non-loopback --addr without --auth (anyone on the network can read and decide)")
	fs.StringVar(&hashUser, "hash-password", "", "print a users-file line for this user with a bcrypt hash of the password read from stdin, and exit")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("serve takes no arguments, got %q", fs.Args())
	}
	if hashUser != "" {
		pw, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if pw = strings.TrimRight(pw, "\r\n"); pw == "" {
			return fmt.Errorf("hash password: no password on stdin: %v", err)
		}
		line, err := web.HashPassword(hashUser, pw)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, line)
		return nil
	}
	if maxUpload <= 0 {
		return usagef("--max-upload must be at least 1 (MB)")
	}
	cfg := web.Config{
		DefaultUser: user.get(),
		MaxUpload:   maxUpload << 20,
		Logger:      slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelInfo})),
	}
	a, err := loadAuth(e, auth)
	if err != nil {
		return err
	}
	cfg.Auth = a
	loop, err := isLoopback(addr)
	if err != nil {
		return usagef("--addr %s: %v", addr, err)
	}
	if !loop && cfg.Auth == nil && !insecure {
		return usagef("--addr %s is reachable from other machines, and without --auth anyone who can reach it "+
			"can read every document and record decisions in anyone's name; give --auth USERS-FILE (or env:VAR "+
			"for a shared password), or --insecure-no-auth if the network is trusted", addr)
	}

	w, err := ws.open(ctx)
	if err != nil {
		return err
	}
	defer w.Close()
	srv, err := web.New(w, cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	mode := "no sign-in; decisions recorded as the name each person gives (default " + cfg.DefaultUser + ")"
	if cfg.Auth != nil {
		mode = "sign-in required"
	}
	fmt.Fprintf(e.stderr, "recmap: serving workspace %s at http://%s/ (%s); Ctrl-C stops\n", w.Dir(), ln.Addr(), mode)
	return srv.Serve(ctx, ln)
}

// loadAuth reads --auth: a users file when the value names a file, a
// password from the environment for env:VAR, else the password itself.
func loadAuth(e *env, v string) (*web.Auth, error) {
	if v == "" {
		return nil, nil
	}
	if name, ok := strings.CutPrefix(v, "env:"); ok {
		pw := e.getenv(name)
		if pw == "" {
			return nil, usagef("--auth env:%s: the variable is not set or empty", name)
		}
		return web.SharedPassword(pw), nil
	}
	if st, err := os.Stat(v); err == nil && !st.IsDir() {
		f, err := os.Open(v)
		if err != nil {
			return nil, fmt.Errorf("auth: %w", err)
		}
		defer f.Close()
		a, err := web.ParseUsers(f)
		if err != nil {
			return nil, fmt.Errorf("auth %s: %w", v, err)
		}
		return a, nil
	}
	if strings.ContainsAny(v, "/\\") {
		return nil, usagef("--auth %s: no such users file", v)
	}
	if len(v) < 8 {
		return nil, usagef("--auth: a shared password needs at least 8 characters")
	}
	fmt.Fprintln(e.stderr, "recmap: warning: a password on the command line is visible to other local users; prefer --auth env:VAR or a users file")
	return web.SharedPassword(v), nil
}

// isLoopback reports whether addr only listens on this machine.
func isLoopback(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, err
	}
	if host == "localhost" {
		return true, nil
	}
	ip := net.ParseIP(host)
	if ip == nil {
		// A host name: whatever it resolves to, treat it as reachable.
		return false, nil
	}
	return ip.IsLoopback(), nil
}
