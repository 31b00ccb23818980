package web

import (
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// SignInLimits bound the password checks a server runs. A bcrypt check
// takes tens of milliseconds of CPU, so guesses are limited three ways:
// a global cap on checks running at once (the excess is refused at once,
// without a check), and failures counted per account and per client
// address, each locking out further checks for a while when it reaches its
// limit. Attempts that are still running count against the limits too, so
// a burst cannot slip past them. The zero value takes the defaults.
type SignInLimits struct {
	// Concurrent is the number of password checks run at once. Zero means
	// DefaultConcurrentChecks.
	Concurrent int
	// AccountFailures is the number of failed sign-ins for one account (a
	// user name) within Window that locks the account out. Zero means 5.
	AccountFailures int
	// ClientFailures is the same for one client address. Zero means 20.
	ClientFailures int
	// Window is how long failures are remembered. Zero means 15 minutes.
	Window time.Duration
	// Lockout is the first lockout; each further lockout of the same
	// account or address doubles it, up to 16 times. Zero means 1 minute.
	Lockout time.Duration
}

// DefaultConcurrentChecks is SignInLimits.Concurrent's default: password
// checks beyond it would take CPU from searches.
const DefaultConcurrentChecks = 2

func (l SignInLimits) withDefaults() SignInLimits {
	if l.Concurrent <= 0 {
		l.Concurrent = DefaultConcurrentChecks
	}
	if l.AccountFailures <= 0 {
		l.AccountFailures = 5
	}
	if l.ClientFailures <= 0 {
		l.ClientFailures = 20
	}
	if l.Window <= 0 {
		l.Window = 15 * time.Minute
	}
	if l.Lockout <= 0 {
		l.Lockout = time.Minute
	}
	return l
}

// throttle admits password checks under SignInLimits.
type throttle struct {
	lim   SignInLimits
	slots chan struct{} // one per check running
	now   func() time.Time

	mu      sync.Mutex
	records map[string]*attempts // "a\x00user" or "c\x00address"
}

// attempts is what the throttle remembers about one account or address.
type attempts struct {
	failed  int       // failures since first
	first   time.Time // start of the window
	running int       // checks admitted and not finished
	until   time.Time // locked out until then
	strikes int       // lockouts so far, for the back-off
}

// maxRecords bounds the memory of the throttle: beyond it, records with
// nothing to remember are dropped, and then new names share one record.
const maxRecords = 10000

func newThrottle(lim SignInLimits) *throttle {
	lim = lim.withDefaults()
	return &throttle{lim: lim, slots: make(chan struct{}, lim.Concurrent), now: time.Now, records: map[string]*attempts{}}
}

// ticket is an admitted password check; done reports its outcome.
type ticket struct {
	t    *throttle
	keys [2]string
}

// admit reserves a password check for user from client. It returns
// ok=false and how long to wait when the account or the address is locked
// out, when attempts in flight already reach a limit, or when every check
// slot is taken.
func (t *throttle) admit(user, client string) (tk *ticket, retry time.Duration, ok bool) {
	keys := [2]string{"a\x00" + strings.ToLower(user), "c\x00" + client}
	limits := [2]int{t.lim.AccountFailures, t.lim.ClientFailures}
	now := t.now()
	t.mu.Lock()
	var recs [2]*attempts
	for i, k := range keys {
		recs[i] = t.record(k, now)
		r := recs[i]
		if now.Before(r.until) {
			retry = max(retry, r.until.Sub(now))
			continue
		}
		if now.Sub(r.first) > t.lim.Window {
			r.failed, r.first = 0, now
		}
		if r.failed+r.running >= limits[i] {
			retry = max(retry, time.Second) // checks in flight may still fail
		}
	}
	if retry > 0 {
		t.mu.Unlock()
		return nil, retry, false
	}
	select {
	case t.slots <- struct{}{}:
	default:
		t.mu.Unlock()
		return nil, time.Second, false
	}
	for _, r := range recs {
		r.running++
	}
	t.mu.Unlock()
	return &ticket{t: t, keys: keys}, 0, true
}

// locked reports whether user or client is locked out, and for how long.
func (t *throttle) locked(user, client string) (time.Duration, bool) {
	now := t.now()
	t.mu.Lock()
	defer t.mu.Unlock()
	var retry time.Duration
	for _, k := range [2]string{"a\x00" + strings.ToLower(user), "c\x00" + client} {
		if r, ok := t.records[k]; ok && now.Before(r.until) {
			retry = max(retry, r.until.Sub(now))
		}
	}
	return retry, retry > 0
}

// record returns the record of key, making one (under t.mu).
func (t *throttle) record(key string, now time.Time) *attempts {
	if r, ok := t.records[key]; ok {
		return r
	}
	if len(t.records) >= maxRecords {
		for k, r := range t.records {
			if r.running == 0 && now.After(r.until) && now.Sub(r.first) > t.lim.Window {
				delete(t.records, k)
			}
		}
		if len(t.records) >= maxRecords {
			key = key[:2] + "\x00overflow"
			if r, ok := t.records[key]; ok {
				return r
			}
		}
	}
	r := &attempts{first: now}
	t.records[key] = r
	return r
}

// done releases the check's slot and records its outcome: a failure
// counts against the account and the address (and may lock them out), a
// success clears the account's failures.
func (tk *ticket) done(success bool) {
	t := tk.t
	<-t.slots
	now := t.now()
	t.mu.Lock()
	defer t.mu.Unlock()
	limits := [2]int{t.lim.AccountFailures, t.lim.ClientFailures}
	for i, k := range tk.keys {
		r := t.record(k, now)
		r.running--
		switch {
		case success && i == 0:
			r.failed, r.strikes = 0, 0
		case !success:
			r.failed++
			if r.failed >= limits[i] {
				r.strikes++
				r.until = now.Add(t.lim.Lockout << min(r.strikes-1, 4))
				r.failed, r.first = 0, now
			}
		}
	}
}

// clientAddr is the address a request came from (without the port).
// Headers such as X-Forwarded-For are not trusted: anyone could send them.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
