package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"encoding/json"

	"github.com/recmap/recmap/web"
)

type guessOptions struct {
	path       string
	rate       float64
	dur        time.Duration
	guessers   int
	p99        time.Duration
	maxGuesses int
}

// runGuess measures sign-in throttling: guessers send wrong passwords
// while a signed-in user searches.
func runGuess(ctx context.Context, out io.Writer, o guessOptions) error {
	const user, pw = "analyst", "correct horse battery"
	line, err := web.HashPassword(user, pw)
	if err != nil {
		return err
	}
	auth, err := web.ParseUsers(strings.NewReader(line + "\n"))
	if err != nil {
		return err
	}
	base, cleanup, err := serveSampleWith(ctx, web.Config{Auth: auth})
	if err != nil {
		return err
	}
	defer cleanup()

	analyst, err := signedIn(ctx, base, user, pw)
	if err != nil {
		return fmt.Errorf("sign in: %w", err)
	}
	fmt.Fprintf(out, "%d clients guessing passwords at %s/login for %s; the signed-in user searches %s at %.0f/s\n",
		o.guessers, base, o.dur, o.path, o.rate)

	gctx, stop := context.WithTimeout(ctx, o.dur)
	defer stop()
	var checked, refused, other atomic.Int64
	var wg sync.WaitGroup
	for g := range o.guessers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			guesser(gctx, base, g, &checked, &refused, &other)
		}()
	}

	var lat []time.Duration
	var errs int
	interval := time.Duration(float64(time.Second) / o.rate)
	tick := time.NewTicker(interval)
	for i := 0; gctx.Err() == nil; i++ {
		select {
		case <-gctx.Done():
		case <-tick.C:
			start := time.Now()
			req, _ := http.NewRequestWithContext(ctx, "GET", base+o.path+"?"+encode(queries[i%len(queries)]), nil)
			resp, err := analyst.Do(req)
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					err = fmt.Errorf("HTTP %d", resp.StatusCode)
				}
			}
			if err != nil {
				errs++
			}
			lat = append(lat, time.Since(start))
		}
	}
	tick.Stop()
	wg.Wait()
	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))].Round(10 * time.Microsecond)
	}
	fmt.Fprintf(out, "guesses checked %d (401), refused without a check %d (429), other %d\n", checked.Load(), refused.Load(), other.Load())
	fmt.Fprintf(out, "signed-in searches %d, errors %d, latency p50 %s  p90 %s  p99 %s  max %s\n",
		len(lat), errs, pct(0.5), pct(0.9), pct(0.99), pct(1))
	switch {
	case errs > 0:
		return fmt.Errorf("%d of the signed-in user's searches failed", errs)
	case checked.Load() >= int64(o.maxGuesses):
		return fmt.Errorf("%d password guesses were checked, the target is under %d", checked.Load(), o.maxGuesses)
	case pct(0.99) > o.p99:
		return fmt.Errorf("p99 %s is above the target %s", pct(0.99), o.p99)
	}
	return nil
}

// signedIn returns a client with a session signed in as user.
func signedIn(ctx context.Context, base, user, pw string) (*http.Client, error) {
	c, tok, err := session(ctx, base)
	if err != nil {
		return nil, err
	}
	resp, err := postLogin(ctx, c, base, tok, user, pw)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	return c, nil
}

// session returns a client with a cookie jar and its CSRF token.
func session(ctx context.Context, base string) (*http.Client, string, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/api/session", nil)
	resp, err := c.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	var s struct{ CSRF string }
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		return nil, "", err
	}
	return c, s.CSRF, nil
}

func postLogin(ctx context.Context, c *http.Client, base, tok, user, pw string) (*http.Response, error) {
	form := url.Values{"csrf": {tok}, "user": {user}, "password": {pw}}
	req, _ := http.NewRequestWithContext(ctx, "POST", base+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp, nil
}

// guesser sends wrong passwords, half for the real user and half for
// made-up names, until ctx ends.
func guesser(ctx context.Context, base string, g int, checked, refused, other *atomic.Int64) {
	c, tok, err := session(ctx, base)
	if err != nil {
		return
	}
	for i := 0; ctx.Err() == nil; i++ {
		user := "analyst"
		if i%2 == 1 {
			user = fmt.Sprintf("user%d-%d", g, i)
		}
		resp, err := postLogin(ctx, c, base, tok, user, fmt.Sprintf("guess-%d-%d", g, i))
		switch {
		case err != nil:
			if ctx.Err() == nil {
				other.Add(1)
			}
		case resp.StatusCode == http.StatusUnauthorized:
			checked.Add(1)
		case resp.StatusCode == http.StatusTooManyRequests:
			refused.Add(1)
		default:
			other.Add(1)
		}
	}
}
