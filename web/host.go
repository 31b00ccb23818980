package web

import (
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
)

// hostNames checks and normalises Config.HostNames: names or IP
// addresses, without port or scheme.
func hostNames(names []string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, n := range names {
		n = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(n)), ".")
		if n == "" {
			continue
		}
		if strings.ContainsAny(n, ":/ \t") && net.ParseIP(n) == nil {
			return nil, fmt.Errorf("host name %q: give a name or address without scheme or port", n)
		}
		out[n] = true
	}
	return out, nil
}

// checkHost refuses requests whose Host header names neither the address
// the connection came in on (with its port; "localhost" when that is a
// loopback address) nor one of Config.HostNames. A page on another site
// whose name an attacker points at 127.0.0.1 (DNS rebinding) sends its
// own name, and is refused with 421.
func (s *Server) checkHost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hostAllowed(r) {
			s.fail(w, r, http.StatusMisdirectedRequest,
				"This server does not answer to the host name in the address. Use the address recmap serve printed.", nil)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) hostAllowed(r *http.Request) bool {
	host, port, err := net.SplitHostPort(r.Host)
	if err != nil {
		host, port = r.Host, "80"
		if r.TLS != nil {
			port = "443"
		}
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "" {
		return false
	}
	local, _ := r.Context().Value(http.LocalAddrContextKey).(*net.TCPAddr)
	if local != nil && port != strconv.Itoa(local.Port) {
		return false
	}
	if s.hosts[host] {
		return true
	}
	ip := net.ParseIP(host)
	if local == nil {
		// A handler called without a server (tests): loopback only.
		return host == "localhost" || (ip != nil && ip.IsLoopback())
	}
	switch {
	case ip != nil:
		return ip.Equal(local.IP) || (ip.IsLoopback() && local.IP.IsLoopback())
	case host == "localhost":
		return local.IP.IsLoopback()
	}
	return false
}
