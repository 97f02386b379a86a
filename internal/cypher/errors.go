// Package cypher runs Cypher on an in-memory graph: the embedded store's
// query engine. Compile parses a statement and checks it (variables in
// scope, aggregation, literal types) before anything runs; Run executes
// the plan over a Graph. What it does not support fails with "not
// supported: ... at line:col", never with a wrong answer.
package cypher

import (
	"fmt"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/cypher/parse"
)

// Error is an error of a query: Kind is the openCypher error type
// ("SyntaxError", "TypeError", "ArgumentError", "SemanticError",
// "EntityNotFound", "ProcedureError", "ParameterMissing", "NotSupported",
// "AccessMode"), Code its detail ("UndefinedVariable", ...), Compile
// whether it was found before the query ran. Line and Col are 0 when the
// error has no position.
type Error struct {
	Kind    string
	Code    string
	Msg     string
	Compile bool
	Line    int
	Col     int
	Snippet string
	cause   error // for Timeout, the context's error
}

func (e *Error) Error() string {
	s := e.Msg
	if e.Line > 0 {
		s = fmt.Sprintf("%s at %d:%d", s, e.Line, e.Col)
	}
	if e.Snippet != "" {
		s += "\n" + e.Snippet
	}
	return s
}

// Unwrap gives graph.ErrInvalid for the errors the query's author can fix
// (all but a stopped query, which gives the context's error), so that
// callers map them to a 400.
func (e *Error) Unwrap() error {
	if e.cause != nil {
		return e.cause
	}
	return graph.ErrInvalid
}

// fromParse turns a parse error into a compile-time Error.
func fromParse(pe *parse.Error) *Error {
	kind := "SyntaxError"
	if pe.Code == "NotSupported" {
		kind = "NotSupported"
	}
	return &Error{Kind: kind, Code: pe.Code, Msg: pe.Msg, Compile: true, Line: pe.Line, Col: pe.Col, Snippet: pe.Snippet}
}

// failure is what the executor panics with; Run recovers it.
type failure struct{ err *Error }

func fail(kind, code, format string, args ...any) {
	panic(failure{&Error{Kind: kind, Code: code, Msg: fmt.Sprintf(format, args...)}})
}

func typeError(format string, args ...any) {
	fail("TypeError", "InvalidArgumentType", format, args...)
}
