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
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/crypto/bcrypt"
)

// Auth is how people sign in: one shared password, or a users file. It
// holds hashes only: a shared password is kept as its bcrypt hash.
type Auth struct {
	shared []byte            // bcrypt hash of the shared password; nil with users
	users  map[string]string // user → "$2…" bcrypt hash or "sha256:<hex>"
}

// SharedPassword returns an Auth where everyone signs in with their own
// name and one password. Only a salted bcrypt hash of pw is kept.
func SharedPassword(pw string) (*Auth, error) {
	if pw == "" {
		return nil, fmt.Errorf("shared password: empty")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)
	if err != nil {
		return nil, fmt.Errorf("shared password: %w", err) // longer than bcrypt's 72 bytes
	}
	return &Auth{shared: h}, nil
}

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
		return user, bcrypt.CompareHashAndPassword(a.shared, []byte(pw)) == nil
	}
	hash, ok := a.users[user]
	if !ok {
		// Spend the time a wrong password of a known user does, so that
		// a wrong name and a wrong password look alike. The caller runs
		// this under the same throttle as every check.
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
			user, res := s.signIn(r, u, p)
			switch res.code {
			case http.StatusTooManyRequests:
				s.tooMany(w, r, res.retry)
				return
			case http.StatusUnauthorized:
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
	user, res := s.signIn(r, r.PostFormValue("user"), r.PostFormValue("password"))
	view := loginView{Next: next, Users: s.cfg.Auth.users != nil}
	switch res.code {
	case http.StatusTooManyRequests:
		w.Header().Set("Retry-After", retrySeconds(res.retry))
		view.Error = "Too many sign-in attempts. Try again in " + waitLabel(res.retry) + "."
		s.render(w, r, http.StatusTooManyRequests, "login", "Sign in", view)
		return
	case http.StatusUnauthorized:
		s.log.Warn("sign-in refused", "user", cleanName(r.PostFormValue("user")), "remote", r.RemoteAddr)
		view.Error = "The name or password is wrong."
		s.render(w, r, http.StatusUnauthorized, "login", "Sign in", view)
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

// signInResult is the outcome of a sign-in: code is 200 (signed in), 401
// (wrong name or password) or 429 (throttled: try again after retry).
type signInResult struct {
	code  int
	retry time.Duration
}

// signIn checks user and pw under the throttle. Credentials that signed
// in recently are remembered (by an HMAC of them), so that a script
// sending HTTP Basic credentials does not pay a password check per
// request; a locked-out account or address is refused first, so the
// memory is no way around a lockout.
func (s *Server) signIn(r *http.Request, user, pw string) (string, signInResult) {
	if retry, locked := s.throttle.locked(cleanName(user), clientAddr(r)); locked {
		return "", signInResult{code: http.StatusTooManyRequests, retry: retry}
	}
	mac := s.credMAC(user, pw)
	if name, ok := s.basicCache.get(mac); ok {
		return name, signInResult{code: http.StatusOK}
	}
	tk, retry, ok := s.throttle.admit(cleanName(user), clientAddr(r))
	if !ok {
		s.log.Warn("sign-in throttled", "user", cleanName(user), "remote", r.RemoteAddr, "retry", retry)
		return "", signInResult{code: http.StatusTooManyRequests, retry: retry}
	}
	name, good := s.cfg.Auth.check(user, pw)
	tk.done(good)
	if !good {
		time.Sleep(s.failDelay)
		return "", signInResult{code: http.StatusUnauthorized}
	}
	s.basicCache.put(mac, name)
	return name, signInResult{code: http.StatusOK}
}

// credMAC identifies a user and password without keeping the password.
func (s *Server) credMAC(user, pw string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte("cred\x00" + user + "\x00" + pw))
	return string(m.Sum(nil))
}

// tooMany answers a throttled request: 429 with Retry-After.
func (s *Server) tooMany(w http.ResponseWriter, r *http.Request, retry time.Duration) {
	w.Header().Set("Retry-After", retrySeconds(retry))
	s.fail(w, r, http.StatusTooManyRequests, "Too many sign-in attempts. Try again in "+waitLabel(retry)+".", nil)
}

func retrySeconds(d time.Duration) string {
	return strconv.Itoa(max(1, int((d+time.Second-1)/time.Second)))
}

func waitLabel(d time.Duration) string {
	if d <= time.Minute {
		return "a minute"
	}
	return strconv.Itoa(int((d+time.Minute-1)/time.Minute)) + " minutes"
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

// safeNext keeps a redirect target on this site: an absolute path with
// one leading slash, no backslash and no control character, also once
// percent-decoded (so "/%2F/evil" and "/%09/evil" are refused), and no
// scheme or host. Anything else goes to "/".
func safeNext(next string) string {
	if len(next) > 2048 || !localPath(next) {
		return "/"
	}
	dec, err := url.PathUnescape(next)
	if err != nil || !localPath(dec) {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return "/"
	}
	return next
}

// localPath reports whether p starts with exactly one slash and holds no
// backslash or control character.
func localPath(p string) bool {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") {
		return false
	}
	for _, r := range p {
		if r == '\\' || r < 0x20 || r == 0x7f || unicode.IsControl(r) {
			return false
		}
	}
	return true
}

func (s *Server) apiSession(w http.ResponseWriter, r *http.Request) {
	id := whoFrom(r.Context())
	writeJSON(w, http.StatusOK, map[string]any{"user": id.user, "signed_in": id.signed, "csrf": s.csrfToken(id.sid)})
}

// credCache remembers, for credTTL, the credentials that signed in, by
// their HMAC (never the password), so that a script sending HTTP Basic
// credentials with every request costs one password check, not one per
// request.
type credCache struct {
	mu sync.Mutex
	m  map[string]session
}

const (
	credTTL  = 10 * time.Minute
	maxCreds = 1000
)

func newCredCache() *credCache { return &credCache{m: map[string]session{}} }

func (c *credCache) get(mac string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[mac]
	if !ok || time.Now().After(e.expires) {
		delete(c.m, mac)
		return "", false
	}
	return e.user, true
}

func (c *credCache) put(mac, user string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	if len(c.m) >= maxCreds {
		for k, e := range c.m {
			if now.After(e.expires) || len(c.m) >= maxCreds {
				delete(c.m, k)
			}
		}
	}
	c.m[mac] = session{user: user, expires: now.Add(credTTL)}
}
