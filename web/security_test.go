package web_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/recmap/recmap/web"
)

func TestHostCheck(t *testing.T) {
	ws := newWorkspace(t, nil)
	c := newServer(t, ws, web.Config{HostNames: []string{"recmap.ministry.example"}})
	u, _ := url.Parse(c.base)
	_, port, _ := net.SplitHostPort(u.Host)
	for _, tt := range []struct {
		host string
		path string
		want int
	}{
		{"127.0.0.1:" + port, "/search", 200},
		{"localhost:" + port, "/search", 200},
		{"LOCALHOST.:" + port, "/search", 200},
		{"[::1]:" + port, "/search", 200},
		{"recmap.ministry.example:" + port, "/search", 200},
		{"evil.example:" + port, "/search", 421},
		{"evil.example:" + port, "/api/session", 421},
		{"evil.example", "/export", 421},
		{"127.0.0.1:1", "/search", 421},
		{"recmap.ministry.example", "/search", 421}, // port 80 is not the port served
		{"localhost.evil.example:" + port, "/search", 421},
	} {
		t.Run(tt.host+tt.path, func(t *testing.T) {
			req, _ := http.NewRequestWithContext(t.Context(), "GET", c.base+tt.path, nil)
			req.Host = tt.host
			resp, body := c.do(req)
			if resp.StatusCode != tt.want {
				t.Fatalf("Host %q: %d, want %d\n%s", tt.host, resp.StatusCode, tt.want, body)
			}
			if tt.want == 421 && strings.Contains(body, "csrf") {
				t.Errorf("Host %q: the refusal leaks a token: %s", tt.host, body)
			}
		})
	}
	if _, err := web.New(ws, web.Config{HostNames: []string{"http://x.example/"}}); err == nil {
		t.Error("a host name with a scheme is accepted")
	}
}

// TestSignInBurst sends 100 wrong passwords at once, as 100 clients from
// one address, and counts the password checks that ran: each is a 401, a
// refusal without a check is a 429 with Retry-After. The account is then
// locked even for its right password; other accounts sign in until the
// address reaches its own limit.
func TestSignInBurst(t *testing.T) {
	ws := newWorkspace(t, nil)
	anna, err := web.HashPassword("anna", "correct horse")
	if err != nil {
		t.Fatal(err)
	}
	bela, _ := web.HashPassword("bela", "battery staple")
	users, err := web.ParseUsers(strings.NewReader(anna + "\n" + bela + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	c := newServer(t, ws, web.Config{Auth: users})
	tok := c.token()
	burst := func(n int, user func(i int) string) (checked, refused int) {
		var mu sync.Mutex
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, _ := c.postForm("/login", url.Values{"csrf": {tok}, "user": {user(i)}, "password": {fmt.Sprint("guess-", i)}})
				mu.Lock()
				defer mu.Unlock()
				switch resp.StatusCode {
				case http.StatusUnauthorized:
					checked++
				case http.StatusTooManyRequests:
					refused++
					if resp.Header.Get("Retry-After") == "" {
						t.Errorf("429 without Retry-After")
					}
				default:
					t.Errorf("wrong password: %d", resp.StatusCode)
				}
			}()
		}
		wg.Wait()
		return checked, refused
	}

	checked, refused := burst(100, func(int) string { return "anna" })
	t.Logf("one account, a burst of 100: %d checked, %d refused", checked, refused)
	if checked < 1 || checked > 5 || checked+refused != 100 {
		t.Errorf("one account, 100 guesses at once: %d checked, %d refused; want at most 5 checked", checked, refused)
	}
	// More bursts until one is refused whole: the account is locked.
	for range 10 {
		n, _ := burst(10, func(int) string { return "anna" })
		if n == 0 {
			break
		}
		checked += n
	}
	if checked != 5 {
		t.Errorf("one account: %d password checks before the lockout, want 5", checked)
	}
	if resp, _ := c.postForm("/login", url.Values{"csrf": {tok}, "user": {"anna"}, "password": {"correct horse"}}); resp.StatusCode != 429 {
		t.Errorf("locked account, right password: %d, want 429", resp.StatusCode)
	}
	if resp, _ := c.postForm("/login", url.Values{"csrf": {tok}, "user": {"bela"}, "password": {"battery staple"}}); resp.StatusCode != 303 {
		t.Errorf("another account, right password: %d, want 303", resp.StatusCode)
	}
	tok = c.token() // the sign-in gave a new session

	// Unknown and varied names: the address's limit (20 failures) holds
	// them all, and then locks the address out.
	for range 30 {
		n, _ := burst(10, func(i int) string { return fmt.Sprint("nobody", i) })
		if n == 0 {
			break
		}
		checked += n
	}
	if checked != 20 {
		t.Errorf("one address: %d password checks before the lockout, want 20", checked)
	}
	if resp, _ := c.postForm("/login", url.Values{"csrf": {tok}, "user": {"bela"}, "password": {"battery staple"}}); resp.StatusCode != 429 {
		t.Errorf("locked address, right password: %d, want 429", resp.StatusCode)
	}
	req, _ := http.NewRequestWithContext(t.Context(), "GET", c.base+"/api/session", nil)
	req.SetBasicAuth("bela", "battery staple")
	if resp, _ := c.do(req); resp.StatusCode != 429 {
		// Remembered credentials are no way around the lockout.
		t.Errorf("locked address, Basic auth: %d, want 429", resp.StatusCode)
	}
}

func TestSharedPasswordKeepsAHash(t *testing.T) {
	if _, err := web.SharedPassword(""); err == nil {
		t.Error("empty shared password accepted")
	}
	if _, err := web.SharedPassword(strings.Repeat("x", 73)); err == nil {
		t.Error("a password longer than bcrypt takes is accepted")
	}
	a, err := web.SharedPassword("team-password-1")
	if err != nil {
		t.Fatal(err)
	}
	if s := fmt.Sprintf("%+v %#v", *a, *a); strings.Contains(s, "team-password-1") {
		t.Errorf("Auth holds the password: %s", s)
	}
}

func TestNextRedirect(t *testing.T) {
	ws := newWorkspace(t, nil)
	shared, err := web.SharedPassword("team-password")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ next, want string }{
		{"/docs", "/docs"},
		{"/item/GRETA%282099%2901%2354#links", "/item/GRETA%282099%2901%2354#links"},
		{"/search?q=a+b&kind=action", "/search?q=a+b&kind=action"},
		{"//evil.example", "/"},
		{"/\\evil.example", "/"},
		{"/%09/evil.example", "/"},
		{"/%2F/evil.example", "/"},
		{"/%5Cevil.example", "/"},
		{"/\t/evil.example", "/"},
		{"http://evil.example/", "/"},
		{"http:evil.example", "/"},
		{"https:/evil.example", "/"},
		{"evil.example", "/"},
		{"", "/"},
		{"/ok\x7f", "/"},
		{"/%zz", "/"},
		{"/a/..%2F%2Fevil", "/a/..%2F%2Fevil"}, // a path on this site
	} {
		t.Run(tt.next, func(t *testing.T) {
			c := newServer(t, ws, web.Config{Auth: shared})
			tok := c.token()
			resp, _ := c.postForm("/login", url.Values{"csrf": {tok}, "user": {"Kata"}, "password": {"team-password"}, "next": {tt.next}})
			if resp.StatusCode != 303 || resp.Header.Get("Location") != tt.want {
				t.Errorf("next=%q: %d → %q, want %q", tt.next, resp.StatusCode, resp.Header.Get("Location"), tt.want)
			}
		})
	}
}

func TestDecideBatchBound(t *testing.T) {
	ws := sampleWorkspace(t)
	rec := firstRec(t, ws)
	c := newServer(t, ws, web.Config{DefaultUser: "api"})
	tok := c.token()
	post := func(body string) (*http.Response, string) {
		req, _ := http.NewRequestWithContext(t.Context(), "POST", c.base+"/api/decide", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-CSRF-Token", tok)
		return c.do(req)
	}
	batch := func(n int) string {
		ds := make([]map[string]string, n)
		for i := range ds {
			ds[i] = map[string]string{"rec": rec.ID, "op": "comment", "value": fmt.Sprint("c", i)}
		}
		b, _ := json.Marshal(ds)
		return string(b)
	}
	if resp, body := post(batch(web.MaxDecideBatch + 1)); resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "500") {
		t.Errorf("%d decisions: %d %s, want 413 naming the limit", web.MaxDecideBatch+1, resp.StatusCode, body)
	}
	if h, _ := ws.History(t.Context(), rec.ID); len(h) != 0 {
		t.Errorf("a refused batch recorded %d decisions", len(h))
	}
	resp, body := post(batch(web.MaxDecideBatch))
	if resp.StatusCode != 200 {
		t.Fatalf("%d decisions: %d %s", web.MaxDecideBatch, resp.StatusCode, body[:min(len(body), 300)])
	}
	if h, _ := ws.History(t.Context(), rec.ID); len(h) != web.MaxDecideBatch {
		t.Errorf("history after a full batch: %d decisions, want %d", len(h), web.MaxDecideBatch)
	}
	st, _ := ws.State(t.Context(), rec.ID)
	if want := fmt.Sprint("c", web.MaxDecideBatch-1); st.Comment != want {
		t.Errorf("comment after the batch: %q, want %q", st.Comment, want)
	}
}

// TestTLS serves HTTPS with a certificate made here: cookies are Secure.
func TestTLS(t *testing.T) {
	ws := newWorkspace(t, nil)
	cert, pool := selfSigned(t)
	srv, err := web.New(ws, web.Config{TLS: &tls.Config{Certificates: []tls.Certificate{cert}}})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	defer func() { cancel(); <-done }()

	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	req, _ := http.NewRequestWithContext(t.Context(), "GET", "https://"+ln.Addr().String()+"/api/session", nil)
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.TLS == nil {
		t.Fatalf("HTTPS: %d, TLS %v", resp.StatusCode, resp.TLS != nil)
	}
	cookies := resp.Cookies()
	if len(cookies) == 0 {
		t.Fatal("no session cookie")
	}
	for _, ck := range cookies {
		if !ck.Secure || !ck.HttpOnly {
			t.Errorf("cookie %s: Secure %v HttpOnly %v", ck.Name, ck.Secure, ck.HttpOnly)
		}
	}
	// Plain HTTP on the TLS port gets no page.
	req, _ = http.NewRequestWithContext(t.Context(), "GET", "http://"+ln.Addr().String()+"/api/session", nil)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		if resp.StatusCode == 200 {
			t.Error("plain HTTP answered on the TLS port")
		}
	}
}

func selfSigned(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "recmap test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, IsCA: true, BasicConstraintsValid: true,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}
