package web

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/recmap/recmap/workspace"
)

//go:embed assets
var assets embed.FS

// DefaultMaxUpload is the largest upload (all files of one request
// together) when Config.MaxUpload is zero.
const DefaultMaxUpload = 50 << 20

// Defaults of the upload queue.
const (
	DefaultMaxQueue      = 4
	DefaultMaxQueueBytes = 200 << 20
)

// maxForm is the largest body of a request that is not an upload.
const maxForm = 1 << 20

// Config configures a Server. The zero value serves without sign-in, with
// the default upload limit, and records decisions as "web".
type Config struct {
	// Auth, when set, requires everyone to sign in (see SharedPassword and
	// ParseUsers). Nil serves without sign-in.
	Auth *Auth
	// DefaultUser is recorded on decisions without Auth when the person
	// has not given a name. Empty means "web".
	DefaultUser string
	// MaxUpload limits the body of an upload, in bytes. Zero means
	// DefaultMaxUpload.
	MaxUpload int64
	// SecureCookies marks cookies Secure (when served behind TLS). It is
	// set when TLS is.
	SecureCookies bool
	// TLS, when set, makes Serve speak HTTPS with its certificates (see
	// tls.LoadX509KeyPair); session cookies are then Secure.
	TLS *tls.Config
	// HostNames are the names, besides the address served, that requests
	// may carry in their Host header: a server reached as
	// recmap.ministry.example lists it here. Requests for any other host
	// are refused with 421 (a DNS-rebinding page cannot use the server).
	HostNames []string
	// SignIn bounds password checks (see SignInLimits).
	SignIn SignInLimits
	// MaxQueue is the number of upload jobs waiting or running at once;
	// past it an upload is answered 503 "busy, try later". Zero means
	// DefaultMaxQueue.
	MaxQueue int
	// MaxQueueBytes bounds the bytes of the files of the jobs waiting or
	// running (they are held in memory); past it, 503. Zero means
	// DefaultMaxQueueBytes or MaxUpload, whichever is larger.
	MaxQueueBytes int64
	// Logger receives one line per failed request and per ingest job. Nil
	// discards.
	Logger *slog.Logger
}

// Server serves one workspace.
type Server struct {
	ws       *workspace.Workspace
	cfg      Config
	key      []byte // HMAC key for CSRF tokens, per process
	pages    *pages
	sessions *sessions
	jobs     *jobs
	handler  http.Handler
	log      *slog.Logger
	hosts    map[string]bool // Config.HostNames, lower case
	throttle *throttle
	// basicCache remembers credentials that signed in (by HMAC).
	basicCache *credCache
	failDelay  time.Duration // added to a wrong password's answer
	// decideBudget is how long one /api/decide may record decisions.
	decideBudget time.Duration

	ctx    context.Context // cancelled by Close: stops ingest jobs
	cancel context.CancelFunc
	wg     sync.WaitGroup // running ingest jobs
}

// New returns a server over ws. ws stays the caller's to close, after
// Close (or Serve) has returned.
func New(ws *workspace.Workspace, cfg Config) (*Server, error) {
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = DefaultMaxUpload
	}
	if cfg.DefaultUser == "" {
		cfg.DefaultUser = "web"
	}
	if cfg.TLS != nil {
		cfg.SecureCookies = true
	}
	if cfg.MaxQueue <= 0 {
		cfg.MaxQueue = DefaultMaxQueue
	}
	if cfg.MaxQueueBytes <= 0 {
		cfg.MaxQueueBytes = max(DefaultMaxQueueBytes, cfg.MaxUpload)
	}
	hosts, err := hostNames(cfg.HostNames)
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	pg, err := loadPages()
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	s := &Server{
		ws:         ws,
		cfg:        cfg,
		key:        make([]byte, 32),
		pages:      pg,
		sessions:   newSessions(),
		jobs:       newJobs(cfg.MaxQueue, cfg.MaxQueueBytes),
		log:        log,
		hosts:      hosts,
		throttle:   newThrottle(cfg.SignIn),
		basicCache: newCredCache(),
		failDelay:  500 * time.Millisecond,

		decideBudget: decideBudget,
	}
	rand.Read(s.key)
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.handler = s.routes()
	return s, nil
}

// Handler returns the server's HTTP handler: every route behind the
// security middleware.
func (s *Server) Handler() http.Handler { return s.handler }

// Close stops running ingest jobs and waits for them.
func (s *Server) Close() error {
	s.cancel()
	s.wg.Wait()
	return nil
}

// WriteTimeout is how long Serve gives a request to be answered.
const WriteTimeout = 5 * time.Minute // the export of a large workbook

// Serve serves HTTP on ln (HTTPS with Config.TLS) until ctx is cancelled,
// then shuts down gracefully: it stops accepting, lets requests finish for
// up to ten seconds, and stops ingest jobs. It returns nil after a
// shutdown that ctx asked for.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // uploads of large PDFs on a slow link
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return s.ctx },
		TLSConfig:         s.cfg.TLS,
	}
	errc := make(chan error, 1)
	go func() {
		if s.cfg.TLS != nil {
			errc <- hs.ServeTLS(ln, "", "") // certificates from TLSConfig
			return
		}
		errc <- hs.Serve(ln)
	}()
	select {
	case err := <-errc:
		s.Close()
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := hs.Shutdown(sctx)
	s.Close()
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shut down %s: %w", ln.Addr(), err)
	}
	return nil
}

// routes wires the pages and the API.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(assets, "assets/static")
	mux.Handle("GET /assets/", http.StripPrefix("/assets/", http.FileServerFS(static)))

	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/search", http.StatusSeeOther)
	})
	mux.HandleFunc("GET /search", s.searchPage)
	mux.HandleFunc("GET /item/{id...}", s.itemPage)
	mux.HandleFunc("POST /item/{id...}", s.itemDecide)
	mux.HandleFunc("GET /docs", s.docsPage)
	mux.HandleFunc("POST /docs", s.upload)
	mux.HandleFunc("GET /jobs/{id}", s.jobPage)
	mux.HandleFunc("GET /export", s.export)
	mux.HandleFunc("GET /login", s.loginPage)
	mux.HandleFunc("POST /login", s.login)
	mux.HandleFunc("POST /logout", s.logout)
	mux.HandleFunc("POST /name", s.setName)

	mux.HandleFunc("GET /api/session", s.apiSession)
	mux.HandleFunc("GET /api/search", s.apiSearch)
	mux.HandleFunc("GET /api/items/{id...}", s.apiItem)
	mux.HandleFunc("GET /api/suggestions/{id...}", s.apiSuggestions)
	mux.HandleFunc("POST /api/decide", s.apiDecide)
	mux.HandleFunc("GET /api/docs", s.apiDocs)
	mux.HandleFunc("POST /api/ingest", s.upload)
	mux.HandleFunc("GET /api/jobs/{id}", s.apiJob)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusNotFound, "There is no page at this address.", nil)
	})

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusForbidden, "This request came from another site and was refused.", nil)
	}))
	return s.secure(s.checkHost(cop.Handler(s.identify(mux))))
}
