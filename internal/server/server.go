// Package server is talkgraph's read-only HTTP API: talks, themes,
// speakers and every query pack, as JSON, over the graph store.
package server

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/queries"
)

// Querier runs a read-only Cypher query: both stores have the capability.
type Querier = graph.Querier

// Config bounds and shapes what the server does.
type Config struct {
	// CORSOrigins are the origins allowed to call the API from a browser;
	// ["*"] allows any. Empty allows none (same-origin only).
	CORSOrigins []string
	// MaxRows caps the rows of any response and every limit parameter.
	MaxRows int
	// Timeout is the deadline of one request's query.
	Timeout time.Duration
	// AllowedHosts are the host names (without port) a request's Host may
	// name; empty allows any. A server on a loopback address allows only
	// its own names, so that a web page cannot read a private graph by
	// pointing a name of its own at 127.0.0.1 (DNS rebinding).
	AllowedHosts []string
	// MaxConcurrent bounds the queries running at once; a request that
	// finds them all busy for QueueWait gets 503 with Retry-After, so that
	// a crowd of clients gets quick refusals instead of slow timeouts.
	MaxConcurrent int
	QueueWait     time.Duration
	// APIKey, when set, is required of every API request, as
	// "Authorization: Bearer KEY" or "X-API-Key: KEY"; the explorer page,
	// the widget's script and the OpenAPI document stay open (they hold no
	// notes). For a deployment beyond one machine.
	APIKey string
}

// Default returns the default Config: no cross-origin callers, at most
// 500 rows, 10 seconds a request, 16 queries at once, each waiting at most
// a second for its turn.
func Default() Config {
	return Config{MaxRows: 500, Timeout: 10 * time.Second, MaxConcurrent: 16, QueueWait: time.Second}
}

type server struct {
	cfg    Config
	q      Querier
	packs  []queries.Pack
	log    *slog.Logger
	mux    *http.ServeMux
	slots  chan struct{} // one per query that may run at once
	keySum []byte        // SHA-256 of Config.APIKey; nil when none is required
}

// New returns the API's handler; every route is in routes.go.
// Zero MaxRows or Timeout take the Default ones; a nil log discards.
func New(cfg Config, q Querier, packs []queries.Pack, log *slog.Logger) http.Handler {
	return newServer(cfg, q, packs, log)
}

func newServer(cfg Config, q Querier, packs []queries.Pack, log *slog.Logger) *server {
	def := Default()
	if cfg.MaxRows <= 0 {
		cfg.MaxRows = def.MaxRows
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = def.Timeout
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = def.MaxConcurrent
	}
	if cfg.QueueWait <= 0 {
		cfg.QueueWait = def.QueueWait
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &server{cfg: cfg, q: q, packs: packs, log: log, mux: http.NewServeMux(), slots: make(chan struct{}, cfg.MaxConcurrent)}
	if cfg.APIKey != "" {
		sum := sha256.Sum256([]byte(cfg.APIKey))
		s.keySum = sum[:]
	}
	for _, rt := range routes {
		s.mux.Handle(rt.Method+" "+rt.Path, s.handle(rt.Handler))
	}
	return s
}

// ServeHTTP applies CORS, answers preflights, and turns the mux's own
// 404 and 405 into JSON errors.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	secure(w.Header(), r.URL.Path)
	if !s.hostAllowed(r.Host) {
		s.fail(w, r, errorf(EHOST, "host %q is not served here (allowed: %s)", r.Host, strings.Join(s.cfg.AllowedHosts, ", ")))
		return
	}
	allowed := s.cors(w, r)
	if r.Method == http.MethodOptions {
		if allowed && r.Header.Get("Access-Control-Request-Method") != "" {
			w.Header().Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
			if h := r.Header.Get("Access-Control-Request-Headers"); h != "" {
				w.Header().Set("Access-Control-Allow-Headers", h)
			}
			w.Header().Set("Access-Control-Max-Age", "600")
		}
		w.Header().Set("Allow", "GET, HEAD, OPTIONS")
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if p := r.URL.Path; p != "/" && path.Clean(p) != p && !(strings.HasSuffix(p, "/") && path.Clean(p)+"/" == p) {
		// The mux would redirect "/api/v1/talks//related" with HTML.
		s.fail(w, r, errorf(ENOTFOUND, "no route for %s", p))
		return
	}
	if _, pattern := s.mux.Handler(r); pattern == "" {
		s.fail(w, r, s.unrouted(r))
		return
	}
	if _, err := url.ParseQuery(r.URL.RawQuery); err != nil {
		// Go drops what it cannot parse ("a;b", "%zz", past 10,000
		// parameters): answering from the rest would answer another
		// question.
		s.fail(w, r, errorf(EINVALID, "malformed query string: %v", err))
		return
	}
	if s.keySum != nil && needsKey(r.URL.Path) {
		w.Header().Add("Vary", "Authorization, X-API-Key")
		if !s.keyGiven(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="talkgraph"`)
			s.fail(w, r, errorf(EUNAUTH, "this server needs an API key: send Authorization: Bearer KEY or X-API-Key: KEY"))
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

// needsKey reports whether a path answers with the graph's data, which an
// API key guards; the OpenAPI document and the page's files do not.
func needsKey(path string) bool {
	return strings.HasPrefix(path, "/api/") && path != "/api/v1/openapi.yaml"
}

// keyGiven reports whether the request carries the API key, comparing
// digests in constant time.
func (s *server) keyGiven(r *http.Request) bool {
	key := r.Header.Get("X-API-Key")
	if auth := r.Header.Get("Authorization"); key == "" && len(auth) > 7 && strings.EqualFold(auth[:7], "bearer ") {
		key = strings.TrimSpace(auth[7:])
	}
	if key == "" {
		return false
	}
	sum := sha256.Sum256([]byte(key))
	return subtle.ConstantTimeCompare(sum[:], s.keySum) == 1
}

// secure sets the headers every response carries: no content sniffing, no
// referrer, no framing, and a content security policy: none at all for the
// API's JSON, the page's own files (and its inline style) for the explorer.
func secure(h http.Header, path string) {
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	if strings.HasPrefix(path, "/api/") {
		h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
		return
	}
	h.Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'")
}

// hostAllowed reports whether a request's Host header names this server.
func (s *server) hostAllowed(host string) bool {
	if len(s.cfg.AllowedHosts) == 0 {
		return true
	}
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	return slices.ContainsFunc(s.cfg.AllowedHosts, func(a string) bool { return a == "*" || strings.EqualFold(a, host) })
}

// HostsFor returns the host names a server listening on addr answers by
// default: on a loopback address, its own names (localhost, 127.0.0.1,
// ::1); on a given address, that address and localhost; on every address
// (":8080", "0.0.0.0:8080"), any (nil).
func HostsFor(addr string) []string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	ip := net.ParseIP(host)
	switch {
	case host == "" || ip != nil && ip.IsUnspecified():
		return nil
	case host == "localhost" || ip != nil && ip.IsLoopback():
		return []string{"localhost", "127.0.0.1", "::1"}
	}
	return []string{host, "localhost", "127.0.0.1", "::1"}
}

// unrouted tells a path with no route (404) from a method not allowed
// on a path that has one (405).
func (s *server) unrouted(r *http.Request) error {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		g := r.Clone(r.Context())
		g.Method = http.MethodGet
		if _, pattern := s.mux.Handler(g); pattern != "" {
			return &Error{Code: ENOTALLOWED, Message: r.Method + " is not allowed; the API is read-only (GET)"}
		}
	}
	return errorf(ENOTFOUND, "no route for %s", r.URL.Path)
}

// cors sets the CORS response headers and reports whether the request's
// origin is allowed.
func (s *server) cors(w http.ResponseWriter, r *http.Request) bool {
	w.Header().Add("Vary", "Origin")
	origin := r.Header.Get("Origin")
	if origin == "" {
		return false
	}
	switch {
	case len(s.cfg.CORSOrigins) == 1 && s.cfg.CORSOrigins[0] == "*":
		w.Header().Set("Access-Control-Allow-Origin", "*")
	case slices.ContainsFunc(s.cfg.CORSOrigins, func(o string) bool { return strings.EqualFold(o, origin) }):
		w.Header().Set("Access-Control-Allow-Origin", origin)
	default:
		return false
	}
	w.Header().Set("Access-Control-Expose-Headers", "ETag")
	return true
}

// handlerFunc is a route's handler: it returns the value to send as JSON,
// or an error.
type handlerFunc func(s *server, r *http.Request) (any, error)

func (s *server) handle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		wait := time.NewTimer(s.cfg.QueueWait)
		select {
		case s.slots <- struct{}{}:
			wait.Stop()
			defer func() { <-s.slots }()
		case <-wait.C:
			w.Header().Set("Retry-After", "1")
			s.fail(w, r, errorf(EBUSY, "the server is busy (%d queries running): try again in a second", s.cfg.MaxConcurrent))
			return
		case <-r.Context().Done():
			wait.Stop()
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
		defer cancel()
		v, err := h(s, r.WithContext(ctx))
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.send(w, r, v)
	})
}
