// Package web is recmap's local web interface: server-rendered pages over a
// workspace for policy staff who will not use a terminal, and a JSON API
// under /api/ that the pages and scripts share.
//
//	srv, err := web.New(ws, web.Config{DefaultUser: "anna"})
//	err = srv.Serve(ctx, ln) // returns after ctx is cancelled and requests drained
//
// or use srv.Handler() with any http.Server (tests use httptest).
//
// # Pages
//
//	GET  /                      → /search
//	GET  /search?q=…&kind=…     search: one box in the query syntax of
//	                            `recmap search` (see package index), facet
//	                            checkboxes with counts, highlighted snippets
//	                            citing document, paragraph and page, paging.
//	                            Every search is a plain GET URL: share it.
//	GET  /item/{id}             a recommendation (or any item): full text,
//	                            its paragraph in context, strength, topics,
//	                            linked actions and provisions, suggestions
//	                            with their reasons, status, evidence,
//	                            comment, decision history.
//	POST /item/{id}             record a decision (form field op: accept,
//	                            link, unlink, reject, status, evidence,
//	                            comment, repeat)
//	GET  /docs                  ingested documents with their item counts,
//	                            upload form, Export button
//	POST /docs                  upload files; starts an ingest job
//	GET  /jobs/{id}             an ingest job's progress (refreshes itself)
//	GET  /export                the compliance matrix workbook (.xlsx)
//	GET  /login, POST /login    sign in (only with Config.Auth)
//	POST /logout                sign out
//	POST /name                  without Config.Auth: the name recorded on
//	                            decisions (remembered in a cookie)
//
// # JSON API
//
//	GET  /api/session           {"user", "csrf"}: the token POSTs need
//	GET  /api/search?q=…        hits, facets and total, as the search page
//	GET  /api/items/{id}        item, state, context, suggestions, history
//	GET  /api/suggestions/{id}  suggestions with reasons
//	POST /api/decide            one decision or an array: {"rec", "op",
//	                            "target", "value", "note"}; op "accept"
//	                            links the best open suggestion
//	GET  /api/docs              ingested documents
//	POST /api/ingest            multipart upload (field "file"); → job
//	GET  /api/jobs/{id}         ingest job status: phase, done, total, files
//
// Item IDs contain "/" and "#": escape them as one path segment
// (url.PathEscape).
//
// # Security
//
// The server is meant for a ministry network: cmd/recmap binds it to
// 127.0.0.1 unless told otherwise, and refuses a non-loopback address
// without Config.Auth.
//
//   - Host check: a request whose Host header is neither the address the
//     connection came in on (127.0.0.1:PORT, localhost:PORT, [::1]:PORT
//     on loopback) nor one of Config.HostNames gets 421, so a page whose
//     name an attacker points at 127.0.0.1 (DNS rebinding) cannot read or
//     decide anything.
//   - Escaping: every string that comes from a document goes through
//     html/template; the package never converts document text to
//     template.HTML. Highlighted snippets are a list of segments (plain or
//     marked) that the template escapes one by one.
//   - CSRF: state-changing requests are POST only, checked twice: by
//     net/http's CrossOriginProtection (Sec-Fetch-Site / Origin) and by a
//     token bound to the session cookie (hidden form field "csrf" or header
//     X-CSRF-Token; GET /api/session gives it to scripts).
//   - Uploads: the request body is limited (Config.MaxUpload, with
//     http.MaxBytesReader) and each file's bytes must be a format recmap
//     reads (extract.FormatOf); anything else is refused with 415. The
//     queue of upload jobs is bounded (Config.MaxQueue jobs,
//     Config.MaxQueueBytes of files): past it, 503 with Retry-After.
//   - Auth (Config.Auth): a shared password (everyone signs in with their
//     name and the password; only its bcrypt hash is kept) or a users file
//     (user:bcrypt-hash or user:sha256:hex per line); the signed-in name
//     is Decision.User. Scripts may send HTTP Basic credentials instead of
//     a session (remembered by HMAC for ten minutes, so not checked per
//     request). Without auth, the user is the name a person enters once,
//     or DefaultUser.
//   - Sign-in throttling (Config.SignIn): at most two password checks run
//     at once, the excess is answered 429 with Retry-After without a
//     check; five failures for an account or twenty from a client address
//     within 15 minutes lock it out for a minute, doubling at each further
//     lockout. Checks in flight count, so a burst of guesses runs no more
//     checks than the limit. An unknown user costs the check a known
//     user's wrong password costs (a dummy bcrypt compare), under the same
//     cap. The client address is the connection's: on a shared machine
//     every local user is 127.0.0.1, and a lockout of that address stops
//     new sign-ins (not signed-in sessions) for its time.
//   - Redirects after sign-in go only to a local path: one leading slash,
//     no scheme or host, no backslash or control character even after
//     percent-decoding; anything else goes to "/".
//   - TLS (Config.TLS): Serve speaks HTTPS and cookies are Secure.
//   - /api/decide takes at most MaxDecideBatch decisions (413 past it) and
//     answers within a time budget well inside the write timeout.
//   - Headers: a Content-Security-Policy without inline script or style,
//     frame-ancestors 'none', X-Content-Type-Options nosniff,
//     Referrer-Policy same-origin; session cookies are HttpOnly and
//     SameSite=Strict.
//
// Serve sets read, write and idle timeouts and shuts down gracefully when
// its context is cancelled, after letting a running ingest job stop.
//
// # Uploads
//
// POST /docs (or /api/ingest) checks every file, then starts a job and
// answers at once: the page is redirected to /jobs/{id}, a script gets the
// job as JSON (202) and polls /api/jobs/{id}; a full queue answers 503
// "busy, try later" with Retry-After. Jobs run one at a time; after
// the ingest, the new recommendations are mapped (every recommendation
// when the files brought actions or provisions, which may answer old
// ones). Jobs live in memory: the last 20 are kept until a restart.
//
// # Tests and load
//
//	go test -race ./web                        handlers, security, and a Chromium run
//	go test ./web -run Browser -args -screenshots DIR   keep the screenshots
//	go test ./web -run X -bench SearchPage     cost of one search page
//	go run ./tools/loadtest -rate 50 -duration 60s      p50/p99 under load
//	go run ./tools/loadtest -guess -duration 10s        password guessing vs search
//
// The browser test skips itself when no chromium, chromium-browser or
// google-chrome is on PATH.
package web
