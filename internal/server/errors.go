package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/talkgraph/talkgraph/graph"
)

// Error codes of the API's JSON errors.
const (
	EINVALID    = "invalid"
	ENOTFOUND   = "not_found"
	ENOTALLOWED = "method_not_allowed"
	ETIMEOUT    = "timeout"
	EINTERNAL   = "internal"
	EHOST       = "host_not_allowed"
	EBUSY       = "busy"
	EUNAVAIL    = "unavailable"
	EUNAUTH     = "unauthorized"
)

// statuses maps every error code to its HTTP status: the one table.
// Codes not in it are internal errors.
var statuses = map[string]int{
	EINVALID:    http.StatusBadRequest,
	ENOTFOUND:   http.StatusNotFound,
	ENOTALLOWED: http.StatusMethodNotAllowed,
	ETIMEOUT:    http.StatusGatewayTimeout,
	EINTERNAL:   http.StatusInternalServerError,
	EHOST:       http.StatusMisdirectedRequest,
	EBUSY:       http.StatusServiceUnavailable,
	EUNAVAIL:    http.StatusServiceUnavailable,
	EUNAUTH:     http.StatusUnauthorized,
}

// Error is an error the client may see, with its code.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

func errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// fail writes err as a JSON error. Errors that are not *Error are internal:
// they are logged and the client sees only "internal error".
func (s *server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var e *Error
	switch {
	case errors.As(err, &e):
	case errors.Is(err, context.DeadlineExceeded):
		e = errorf(ETIMEOUT, "the query took longer than %s", s.cfg.Timeout)
	case errors.Is(err, graph.ErrUnavailable):
		// The store is down or restarting: the client may try again.
		w.Header().Set("Retry-After", "2")
		e = errorf(EUNAVAIL, "the graph store cannot be reached now: try again shortly")
	case errors.Is(err, graph.ErrInvalid):
		// A parameter the query cannot use (a full-text query that does
		// not parse): the client's to fix, on either store.
		e = errorf(EINVALID, "%v", err)
	default:
		e = &Error{Code: EINTERNAL, Message: "internal error"}
	}
	status, ok := statuses[e.Code]
	if !ok {
		e, status = &Error{Code: EINTERNAL, Message: "internal error"}, http.StatusInternalServerError
	}
	if status >= 500 {
		s.log.Error("http request", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
	}
	if status == http.StatusMethodNotAllowed {
		w.Header().Set("Allow", "GET, HEAD, OPTIONS")
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, status, map[string]any{"error": e})
}
