package main

import (
	"bufio"
	"context"
	"crypto/tls"
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
		args: "[--addr 127.0.0.1:8080] [--data DIR] [--auth-file FILE] [--host-name NAME] [--tls-cert FILE --tls-key FILE] [--max-upload MB]",
		summary: "serve the web interface: search, recommendations with suggestions and decisions, " +
			"documents, upload, Excel export",
		run: runServe,
	})
}

// authEnv is the environment variable that may hold the shared password.
const authEnv = "RECMAP_AUTH"

func runServe(ctx context.Context, e *env, args []string) error {
	var (
		ws         wsFlags
		user       userFlag
		addr       string
		authFile   string
		auth       string
		hostNames  hostList
		tlsCert    string
		tlsKey     string
		maxUpload  int64
		maxQueue   int
		maxQueueMB int64
		insecure   bool
		hashUser   string
	)
	fs := e.flags(commands["serve"])
	ws.register(fs, e)
	user.register(fs)
	fs.StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on; anything but a loopback address needs sign-in")
	fs.StringVar(&authFile, "auth-file", "", "require sign-in: a users file (lines user:bcrypt-hash or user:sha256:hex; see --hash-password), "+
		"or a file whose one line is a shared password; without it, the shared password in $"+authEnv+" if set")
	fs.StringVar(&auth, "auth", "", "old spelling of --auth-file (a users file, or env:VAR); a password here is refused")
	fs.Var(&hostNames, "host-name", "a name the server is reached by besides its address (repeat or separate by commas); requests for other host names are refused")
	fs.StringVar(&tlsCert, "tls-cert", "", "serve HTTPS with this PEM certificate (with --tls-key); cookies are then Secure")
	fs.StringVar(&tlsKey, "tls-key", "", "the PEM private key of --tls-cert")
	fs.Int64Var(&maxUpload, "max-upload", web.DefaultMaxUpload>>20, "largest upload, in MB")
	fs.IntVar(&maxQueue, "max-queue", web.DefaultMaxQueue, "uploads waiting or running at once; more are answered 'busy, try later'")
	fs.Int64Var(&maxQueueMB, "max-queue-mb", web.DefaultMaxQueueBytes>>20, "MB of uploaded files waiting or running at once")
	fs.BoolVar(&insecure, "insecure-no-auth", false, "allow a non-loopback --addr without sign-in (anyone on the network can read and decide)")
	fs.StringVar(&hashUser, "hash-password", "", "print a users-file line for this user with a bcrypt hash of the password read from stdin, and exit")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("serve takes no arguments, got %d", fs.NArg()) // never echo: it may be a password
	}
	if hashUser != "" {
		return hashPassword(e, hashUser)
	}
	if maxUpload <= 0 {
		return usagef("--max-upload must be at least 1 (MB)")
	}
	if maxQueue <= 0 || maxQueueMB <= 0 {
		return usagef("--max-queue and --max-queue-mb must be at least 1")
	}
	if (tlsCert == "") != (tlsKey == "") {
		return usagef("--tls-cert and --tls-key go together")
	}
	cfg := web.Config{
		DefaultUser:   user.get(),
		MaxUpload:     maxUpload << 20,
		MaxQueue:      maxQueue,
		MaxQueueBytes: maxQueueMB << 20,
		HostNames:     hostNames,
		Logger:        slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelInfo})),
	}
	envName := authEnv
	if auth != "" {
		if authFile != "" {
			return usagef("give --auth-file only")
		}
		var err error
		if authFile, envName, err = oldAuthFlag(e, auth); err != nil {
			return err
		}
	}
	a, err := loadAuth(e, authFile, envName)
	if err != nil {
		return err
	}
	cfg.Auth = a
	if tlsCert != "" {
		cert, err := tls.LoadX509KeyPair(tlsCert, tlsKey)
		if err != nil {
			return fmt.Errorf("serve: load TLS certificate %s: %w", tlsCert, err)
		}
		cfg.TLS = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	loop, err := isLoopback(addr)
	if err != nil {
		return usagef("--addr %s: %v", addr, err)
	}
	if !loop && cfg.Auth == nil && !insecure {
		return usagef("--addr %s is reachable from other machines, and without sign-in anyone who can reach it "+
			"can read every document and record decisions in anyone's name; give --auth-file FILE (a users file, "+
			"or a file holding a shared password) or set %s, or --insecure-no-auth if the network is trusted", addr, authEnv)
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
	scheme := "http"
	if cfg.TLS != nil {
		scheme = "https"
	}
	fmt.Fprintf(e.stderr, "recmap: serving workspace %s at %s://%s/ (%s); Ctrl-C stops\n", w.Dir(), scheme, ln.Addr(), mode)
	return srv.Serve(ctx, ln)
}

// hostList is --host-name: repeatable, each value one or more names
// separated by commas.
type hostList []string

func (h *hostList) String() string { return strings.Join(*h, ",") }

func (h *hostList) Set(v string) error {
	for _, n := range strings.Split(v, ",") {
		if n = strings.TrimSpace(n); n != "" {
			*h = append(*h, n)
		}
	}
	return nil
}

// hashPassword prints a users-file line for user with a bcrypt hash of the
// password on stdin.
func hashPassword(e *env, user string) error {
	pw, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if pw = strings.TrimRight(pw, "\r\n"); pw == "" {
		return fmt.Errorf("hash password: no password on stdin: %v", err)
	}
	line, err := web.HashPassword(user, pw)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, line)
	return nil
}

// oldAuthFlag reads the old --auth: a users file, or env:VAR naming the
// variable with the shared password. It returns the file to read or the
// variable. A password given on the command line is refused without being
// repeated.
func oldAuthFlag(e *env, v string) (file, envName string, err error) {
	if name, ok := strings.CutPrefix(v, "env:"); ok {
		if e.getenv(name) == "" {
			return "", "", usagef("--auth env:%s: the variable is not set or empty", name)
		}
		return "", name, nil
	}
	if st, err := os.Stat(v); err == nil && !st.IsDir() {
		return v, "", nil
	}
	return "", "", usagef("--auth takes a users file; a password on the command line is visible to every user of "+
		"the machine: put it in a file (--auth-file FILE, mode 0600) or in $%s", authEnv)
}

// loadAuth reads the sign-in: the users file or shared-password file
// named by --auth-file, else the shared password in the environment
// variable envName (RECMAP_AUTH, or the one the old --auth env:VAR named).
// Only hashes are kept; the variable is removed from the environment so
// that no child process inherits it.
func loadAuth(e *env, file, envName string) (*web.Auth, error) {
	if file != "" {
		return loadAuthFile(e, file)
	}
	name := envName
	if name == "" {
		return nil, nil
	}
	pw := e.getenv(name)
	if pw == "" {
		return nil, nil
	}
	os.Unsetenv(name)
	return sharedPassword(pw, "$"+name)
}

// loadAuthFile reads --auth-file: a users file, or one line with the
// shared password.
func loadAuthFile(e *env, path string) (*web.Auth, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("auth file: %w", err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("auth file %s: not a regular file", path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("auth file: %w", err)
	}
	if looksLikeUsers(string(b)) {
		a, err := web.ParseUsers(strings.NewReader(string(b)))
		if err != nil {
			return nil, fmt.Errorf("auth file %s: %w", path, err)
		}
		return a, nil
	}
	if st.Mode().Perm()&0o077 != 0 {
		fmt.Fprintf(e.stderr, "recmap: warning: %s holds a password and other users can read it (mode %o); chmod 600 %s\n", path, st.Mode().Perm(), path)
	}
	lines := strings.FieldsFunc(string(b), func(r rune) bool { return r == '\n' || r == '\r' })
	if len(lines) != 1 {
		return nil, fmt.Errorf("auth file %s: want user:hash lines or one line with the shared password, found %d lines", path, len(lines))
	}
	return sharedPassword(lines[0], path)
}

// looksLikeUsers reports whether a file is a users file: its first line
// that is not blank or a comment is user:hash.
func looksLikeUsers(s string) bool {
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		_, hash, ok := strings.Cut(line, ":")
		return ok && (strings.HasPrefix(hash, "$2") || strings.HasPrefix(hash, "sha256:"))
	}
	return true // blank: ParseUsers says "no users"
}

func sharedPassword(pw, from string) (*web.Auth, error) {
	if len(pw) < 8 {
		return nil, usagef("%s: a shared password needs at least 8 characters", from)
	}
	a, err := web.SharedPassword(pw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", from, err)
	}
	return a, nil
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
