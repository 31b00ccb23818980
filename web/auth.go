package web

import (
	"bufio"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/crypto/bcrypt"
)

// Auth is how people sign in: one shared password, or a users file.
type Auth struct {
	password string            // shared password; "" with users
	users    map[string]string // user → "$2…" bcrypt hash or "sha256:<hex>"
}

// SharedPassword returns an Auth where everyone signs in with their own
// name and one password.
func SharedPassword(pw string) *Auth { return &Auth{password: pw} }

// ParseUsers reads a users file: one "user:hash" per line, where hash is a
// bcrypt hash ($2a$, $2b$, $2y$; make one with `recmap serve
// --hash-password USER`) or "sha256:" and the hex SHA-256 of the password.
// Blank lines and lines starting with # are ignored.
func ParseUsers(r io.Reader) (*Auth, error) {
	a := &Auth{users: map[string]string{}}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		user, hash, ok := strings.Cut(line, ":")
		user = strings.TrimSpace(user)
		switch {
		case !ok || user == "" || hash == "":
			return nil, fmt.Errorf("users file line %d: want user:hash", n)
		case strings.HasPrefix(hash, "$2"):
			if _, err := bcrypt.Cost([]byte(hash)); err != nil {
				return nil, fmt.Errorf("users file line %d (%s): bcrypt hash: %w", n, user, err)
			}
		case strings.HasPrefix(hash, "sha256:"):
			if b, err := hex.DecodeString(hash[len("sha256:"):]); err != nil || len(b) != sha256.Size {
				return nil, fmt.Errorf("users file line %d (%s): sha256 hash must be 64 hex digits", n, user)
			}
		default:
			return nil, fmt.Errorf("users file line %d (%s): hash must be bcrypt ($2b$…) or sha256:<hex>", n, user)
		}
		if _, dup := a.users[user]; dup {
			return nil, fmt.Errorf("users file line %d: user %s listed twice", n, user)
		}
		a.users[user] = hash
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("users file: %w", err)
	}
	if len(a.users) == 0 {
		return nil, fmt.Errorf("users file: no users")
	}
	return a, nil
}

// HashPassword returns a users-file line for user with a bcrypt hash of pw.
func HashPassword(user, pw string) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)
	if err != nil {
		return "", fmt.Errorf("hash password for %s: %w", user, err)
	}
	return user + ":" + string(h), nil
}

// check returns the user name that signs in with user and pw.
func (a *Auth) check(user, pw string) (string, bool) {
	user = cleanName(user)
	if user == "" {
		return "", false
	}
	if a.users == nil {
		ok := subtle.ConstantTimeCompare([]byte(pw), []byte(a.password)) == 1
		return user, ok
	}
	hash, ok := a.users[user]
	if !ok {
		// Spend the time a hash would, so that a wrong name and a wrong
		// password look alike.
		bcrypt.CompareHashAndPassword(dummyHash(), []byte(pw))
		return "", false
	}
	if rest, ok := strings.CutPrefix(hash, "sha256:"); ok {
		sum := sha256.Sum256([]byte(pw))
		want, _ := hex.DecodeString(rest)
		return user, subtle.ConstantTimeCompare(sum[:], want) == 1
	}
	return user, bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw)) == nil
}

// dummyHash is a bcrypt hash that no password matches.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte(newSID()), bcrypt.DefaultCost)
	return h
})

// cleanName makes a person's name safe to record: printable, trimmed, at
// most 64 characters.
func cleanName(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsPrint(r) {
			return r
		}
		return -1
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 64 {
		s = string(r[:64])
	}
	return s
}

// sessions are the signed-in browsers, by session ID. They live in memory:
// a restart signs everyone out.
type sessions struct {
	mu sync.Mutex
	m  map[string]session
}

type session struct {
	user    string
	expires time.Time
}

const sessionTTL = 12 * time.Hour

func newSessions() *sessions { return &sessions{m: map[string]session{}} }

func (ss *sessions) get(sid string) (string, bool) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	s, ok := ss.m[sid]
	if !ok || time.Now().After(s.expires) {
		delete(ss.m, sid)
		return "", false
	}
	return s.user, true
}

func (ss *sessions) put(sid, user string) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	now := time.Now()
	if len(ss.m) > 1000 {
		for k, s := range ss.m {
			if now.After(s.expires) {
				delete(ss.m, k)
			}
		}
	}
	ss.m[sid] = session{user: user, expires: now.Add(sessionTTL)}
}

func (ss *sessions) drop(sid string) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	delete(ss.m, sid)
}

const (
	sidCookie  = "recmap_sid"
	nameCookie = "recmap_name"
)

// who is what identify learned about a request.
type who struct {
	sid    string
	user   string
	signed bool // signed in (or no Auth configured)
	basic  bool // authenticated by an Authorization header, not a cookie
}

type whoKey struct{}

func whoFrom(ctx context.Context) *who {
	w, _ := ctx.Value(whoKey{}).(*who)
	if w == nil {
		return &who{}
	}
	return w
}

func newSID() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func validSID(s string) bool {
	b, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil && len(b) == 32
}

func (s *Server) setSID(w http.ResponseWriter, sid string) {
	http.SetCookie(w, &http.Cookie{
		Name: sidCookie, Value: sid, Path: "/", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteStrictMode,
	})
}

// csrfToken is the token that POSTs of session sid must carry.
func (s *Server) csrfToken(sid string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte("csrf\x00" + sid))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// publicPath reports whether path is served without signing in.
func publicPath(path string) bool {
	return path == "/login" || strings.HasPrefix(path, "/assets/") || path == "/api/session"
}

// identify gives every browser a session cookie, works out who is asking,
// enforces sign-in, limits request bodies and checks CSRF tokens on every
// POST.
func (s *Server) identify(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := &who{}
		if c, err := r.Cookie(sidCookie); err == nil && validSID(c.Value) {
			id.sid = c.Value
		} else {
			id.sid = newSID()
			s.setSID(w, id.sid)
		}
		if s.cfg.Auth == nil {
			id.signed = true
			id.user = s.cfg.DefaultUser
			if c, err := r.Cookie(nameCookie); err == nil {
				if v, err := url.QueryUnescape(c.Value); err == nil && cleanName(v) != "" {
					id.user = cleanName(v)
				}
			}
		} else if u, p, ok := r.BasicAuth(); ok {
			user, good := s.cfg.Auth.check(u, p)
			if !good {
				time.Sleep(500 * time.Millisecond)
				s.fail(w, r, http.StatusUnauthorized, "The user name or password is wrong.", nil)
				return
			}
			id.user, id.signed, id.basic = user, true, true
		} else if user, ok := s.sessions.get(id.sid); ok {
			id.user, id.signed = user, true
		}
		if !id.signed && !publicPath(r.URL.Path) {
			if isAPI(r) {
				s.fail(w, r, http.StatusUnauthorized, "Sign in first (or send HTTP Basic credentials).", nil)
				return
			}
			next := r.URL.RequestURI()
			if r.Method != http.MethodGet {
				next = "/search"
			}
			http.Redirect(w, r, "/login?next="+url.QueryEscape(next), http.StatusSeeOther)
			return
		}
		if r.Method == http.MethodPost {
			limit := int64(maxForm)
			ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if ct == "multipart/form-data" {
				limit = s.cfg.MaxUpload
			}
			r.Body = http.MaxBytesReader(w, r.Body, limit)
			if !id.basic && !s.checkCSRF(w, r, id.sid, ct) {
				return
			}
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), whoKey{}, id)))
	})
}

// checkCSRF checks the token of a POST: the X-CSRF-Token header, or the
// form field csrf. A multipart form is parsed here (its size is already
// limited) so that handlers find it in r.MultipartForm.
func (s *Server) checkCSRF(w http.ResponseWriter, r *http.Request, sid, ct string) bool {
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		switch ct {
		case "multipart/form-data":
			if err := r.ParseMultipartForm(8 << 20); err != nil {
				s.bodyError(w, r, err)
				return false
			}
		case "application/x-www-form-urlencoded":
			if err := r.ParseForm(); err != nil {
				s.bodyError(w, r, err)
				return false
			}
		}
		got = r.PostFormValue("csrf")
	}
	if subtle.ConstantTimeCompare([]byte(got), []byte(s.csrfToken(sid))) != 1 {
		s.fail(w, r, http.StatusForbidden, "This form has expired or did not come from this site. Go back, reload the page and try again.", nil)
		return false
	}
	return true
}

// bodyError answers a request whose body could not be read.
func (s *Server) bodyError(w http.ResponseWriter, r *http.Request, err error) {
	var mbe *http.MaxBytesError
	if errorsAs(err, &mbe) {
		s.fail(w, r, http.StatusRequestEntityTooLarge,
			fmt.Sprintf("The upload is too large: the limit is %s.", sizeLabel(mbe.Limit)), nil)
		return
	}
	s.fail(w, r, http.StatusBadRequest, "The request could not be read.", err)
}

// secure sets the headers every response carries.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if !strings.HasPrefix(r.URL.Path, "/assets/") {
			h.Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Auth == nil {
		http.Redirect(w, r, "/search", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login", "Sign in", loginView{Next: safeNext(r.FormValue("next")), Users: s.cfg.Auth.users != nil})
}

type loginView struct {
	Next  string
	Users bool // a users file: the name is a user name, not free text
	Error string
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Auth == nil {
		http.Redirect(w, r, "/search", http.StatusSeeOther)
		return
	}
	next := safeNext(r.PostFormValue("next"))
	user, ok := s.cfg.Auth.check(r.PostFormValue("user"), r.PostFormValue("password"))
	if !ok {
		time.Sleep(500 * time.Millisecond)
		s.log.Warn("sign-in refused", "user", cleanName(r.PostFormValue("user")), "remote", r.RemoteAddr)
		s.render(w, r, http.StatusUnauthorized, "login", "Sign in", loginView{Next: next, Users: s.cfg.Auth.users != nil, Error: "The name or password is wrong."})
		return
	}
	// A new session ID on sign-in, so that a planted cookie is worthless.
	id := whoFrom(r.Context())
	s.sessions.drop(id.sid)
	sid := newSID()
	s.sessions.put(sid, user)
	s.setSID(w, sid)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	s.sessions.drop(whoFrom(r.Context()).sid)
	s.setSID(w, newSID())
	if s.cfg.Auth == nil {
		http.SetCookie(w, &http.Cookie{Name: nameCookie, Path: "/", MaxAge: -1})
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// setName records the name a person gives, without Auth.
func (s *Server) setName(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Auth != nil {
		s.fail(w, r, http.StatusForbidden, "Signed-in users cannot change their name.", nil)
		return
	}
	name := cleanName(r.PostFormValue("name"))
	c := &http.Cookie{Name: nameCookie, Value: url.QueryEscape(name), Path: "/", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteStrictMode, MaxAge: 365 * 24 * 3600}
	if name == "" {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
}

// safeNext keeps a redirect target on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/search"
	}
	return next
}

func (s *Server) apiSession(w http.ResponseWriter, r *http.Request) {
	id := whoFrom(r.Context())
	writeJSON(w, http.StatusOK, map[string]any{"user": id.user, "signed_in": id.signed, "csrf": s.csrfToken(id.sid)})
}
