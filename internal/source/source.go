// Package source maps byte offsets in a file to line and column positions and
// carries positioned errors, so every message about input says where.
package source

import (
	"fmt"
	"sort"
	"strings"
)

// Position is a place in a file: 1-based line and column (in bytes). A zero
// Line means the whole file.
type Position struct {
	File string
	Line int
	Col  int
}

// String formats p as file:line:col, file:line or file.
func (p Position) String() string {
	s := p.File
	if s == "" {
		s = "-"
	}
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
		if p.Col > 0 {
			s += fmt.Sprintf(":%d", p.Col)
		}
	}
	return s
}

// File indexes the line starts of one file's content.
type File struct {
	Name  string
	lines []int // offsets of line starts
}

// NewFile indexes content, which is not kept.
func NewFile(name string, content []byte) *File {
	f := &File{Name: name, lines: []int{0}}
	for i, c := range content {
		if c == '\n' {
			f.lines = append(f.lines, i+1)
		}
	}
	return f
}

// LineCount returns the number of lines.
func (f *File) LineCount() int { return len(f.lines) }

// Line returns the 1-based line holding byte offset off.
func (f *File) Line(off int) int {
	return sort.Search(len(f.lines), func(i int) bool { return f.lines[i] > off })
}

// Position returns the position of byte offset off.
func (f *File) Position(off int) Position {
	l := f.Line(off)
	return Position{File: f.Name, Line: l, Col: off - f.lines[l-1] + 1}
}

// Error is an error at a position.
type Error struct {
	Pos Position
	Msg string
	Err error // the cause, if any
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Pos.String() + ": " + e.Msg + ": " + e.Err.Error()
	}
	return e.Pos.String() + ": " + e.Msg
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns a positioned error.
func Errorf(pos Position, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// ErrorList collects positioned errors, at most Max of them (10 when zero).
type ErrorList struct {
	Errs []*Error
	More int // errors dropped past the cap
	Max  int
}

// Add appends e, or counts it as dropped past the cap.
func (l *ErrorList) Add(e *Error) {
	limit := l.Max
	if limit == 0 {
		limit = 10
	}
	if len(l.Errs) >= limit {
		l.More++
		return
	}
	l.Errs = append(l.Errs, e)
}

// Err returns the list as an error, or nil when it is empty.
func (l *ErrorList) Err() error {
	if len(l.Errs) == 0 {
		return nil
	}
	return l
}

func (l *ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l.Errs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	if l.More > 0 {
		fmt.Fprintf(&b, "\n(and %d more errors)", l.More)
	}
	return b.String()
}

// Unwrap returns the errors in the list.
func (l *ErrorList) Unwrap() []error {
	out := make([]error, len(l.Errs))
	for i, e := range l.Errs {
		out[i] = e
	}
	return out
}
