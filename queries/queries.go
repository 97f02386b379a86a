// Package queries holds talkgraph's Cypher query packs: one folder per pack
// (explore, across-years, themes, recommend, quality), one .cypher file per
// query, each with a header of comment lines that names and documents it:
//
//	// name: related-talks
//	// description: Talks related to a talk, scored by shared tools and concepts.
//	// param: talk string = "" example "Taking Django Async"   -- a title or id
//	// param: limit int = 10 example 5
//	// returns: talk, year, score, reason
//
// The shipped packs are embedded; Load reads the same layout from any
// fs.FS, so a user's own pack folders list and run the same way.
package queries

import (
	"bufio"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/talkgraph/talkgraph/internal/source"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
)

//go:embed */*.cypher
var shipped embed.FS

// Query is one query of a pack.
type Query struct {
	Pack        string   `json:"pack"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Params      []Param  `json:"params"`
	Returns     []string `json:"returns"`
	Cypher      string   `json:"cypher"`
	File        string   `json:"file"` // where it was read
	Line        int      `json:"-"`    // the file's line where the Cypher starts
}

// ID returns "pack/name".
func (q *Query) ID() string { return q.Pack + "/" + q.Name }

// Param is one parameter of a query.
type Param struct {
	Name    string `json:"name"`
	Type    string `json:"type"` // string, int, float, bool or list
	Default any    `json:"default"`
	Example any    `json:"example"`
	Comment string `json:"comment,omitempty"`
}

// Pack is a folder of queries.
type Pack struct {
	Name    string   `json:"name"`
	Queries []*Query `json:"queries"`
}

// Error is a problem in a query file, at a line: the project's one
// positioned error, source.Error.
type Error = source.Error

// errorAt returns the Error at line of file.
func errorAt(file string, line int, msg string) *Error {
	return &Error{Pos: source.Position{File: file, Line: line}, Msg: msg}
}

// Default returns the shipped packs.
func Default() ([]Pack, error) { return Load(shipped, "") }

// Load reads every PACK/NAME.cypher file of fsys, in sorted order. prefix
// is put before file names in errors and in Query.File (a user's folder).
// A file that does not read fails alone: Load returns the packs of the
// others, and the errors of the failed files joined.
func Load(fsys fs.FS, prefix string) ([]Pack, error) {
	files, err := fs.Glob(fsys, "*/*.cypher")
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	var packs []Pack
	var errs []error
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		q, err := Parse(path.Join(prefix, f), string(b))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		q.Pack = path.Dir(f)
		if want := strings.TrimSuffix(path.Base(f), ".cypher"); q.Name != want {
			errs = append(errs, errorAt(q.File, 1, fmt.Sprintf("name %q differs from the file name %q", q.Name, want)))
			continue
		}
		if len(packs) == 0 || packs[len(packs)-1].Name != q.Pack {
			packs = append(packs, Pack{Name: q.Pack})
		}
		packs[len(packs)-1].Queries = append(packs[len(packs)-1].Queries, q)
	}
	return packs, errors.Join(errs...)
}

var (
	headerRx = regexp.MustCompile(`^//\s*([a-z]+):\s*(.*?)\s*$`)
	paramRx  = regexp.MustCompile(`^([a-z_][a-z0-9_]*)\s+(string|int|float|bool|list)\s*=\s*(.+?)\s+example\s+(.+?)(?:\s+--\s*(.*))?$`)
)

// Parse reads one query file: its header, then one Cypher statement.
func Parse(file, src string) (*Query, error) {
	q := &Query{File: file}
	sc := bufio.NewScanner(strings.NewReader(src))
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	line := 0
	var body []string
	inHeader := true
	for sc.Scan() {
		line++
		text := sc.Text()
		if inHeader && strings.HasPrefix(strings.TrimSpace(text), "//") {
			if err := q.header(strings.TrimSpace(text), line); err != nil {
				return nil, err
			}
			continue
		}
		if inHeader && strings.TrimSpace(text) == "" {
			continue
		}
		if inHeader {
			q.Line = line
		}
		inHeader = false
		body = append(body, text)
	}
	q.Cypher = strings.TrimSpace(strings.Join(body, "\n"))
	switch {
	case q.Name == "":
		return nil, errorAt(file, 1, "header has no // name: line")
	case q.Description == "":
		return nil, errorAt(file, 1, "header has no // description: line")
	case len(q.Returns) == 0:
		return nil, errorAt(file, 1, "header has no // returns: line")
	case q.Cypher == "":
		return nil, errorAt(file, line, "no Cypher statement after the header")
	}
	return q, nil
}

func (q *Query) header(text string, line int) error {
	m := headerRx.FindStringSubmatch(text)
	if m == nil {
		return errorAt(q.File, line, fmt.Sprintf("header line %q is not `// key: value`", text))
	}
	switch key, val := m[1], m[2]; key {
	case "name":
		q.Name = val
	case "description":
		q.Description = val
	case "returns":
		for _, c := range strings.Split(val, ",") {
			if c = strings.TrimSpace(c); c != "" {
				q.Returns = append(q.Returns, c)
			}
		}
	case "param":
		p, err := parseParam(val)
		if err != nil {
			return errorAt(q.File, line, err.Error())
		}
		for _, o := range q.Params {
			if o.Name == p.Name {
				return errorAt(q.File, line, fmt.Sprintf("parameter %s declared twice", p.Name))
			}
		}
		q.Params = append(q.Params, p)
	default:
		return errorAt(q.File, line, fmt.Sprintf("unknown header key %q (want name, description, param or returns)", key))
	}
	return nil
}

func parseParam(s string) (Param, error) {
	m := paramRx.FindStringSubmatch(s)
	if m == nil {
		return Param{}, fmt.Errorf("param %q: want `NAME TYPE = DEFAULT example EXAMPLE [-- comment]`", s)
	}
	p := Param{Name: m[1], Type: m[2], Comment: m[5]}
	var err error
	if p.Default, err = literal(p.Type, m[3]); err != nil {
		return Param{}, fmt.Errorf("param %s default: %w", p.Name, err)
	}
	if p.Example, err = literal(p.Type, m[4]); err != nil {
		return Param{}, fmt.Errorf("param %s example: %w", p.Name, err)
	}
	return p, nil
}

// literal decodes a JSON literal as a value of the parameter type.
func literal(typ, s string) (any, error) {
	var v any
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		return nil, fmt.Errorf("%s is not a JSON literal", s)
	}
	return Convert(typ, v)
}

// Convert turns a decoded JSON value (or a string from the command line)
// into the Go value the driver sends for a parameter of type typ.
func Convert(typ string, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch typ {
	case "string":
		if s, ok := v.(string); ok {
			return s, nil
		}
	case "int":
		switch x := v.(type) {
		case json.Number:
			return x.Int64()
		case string:
			var n json.Number = json.Number(x)
			return n.Int64()
		}
	case "float":
		switch x := v.(type) {
		case json.Number:
			return x.Float64()
		case string:
			return json.Number(x).Float64()
		}
	case "bool":
		switch x := v.(type) {
		case bool:
			return x, nil
		case string:
			if x == "true" || x == "false" {
				return x == "true", nil
			}
		}
	case "list":
		switch x := v.(type) {
		case []any:
			out := make([]any, len(x))
			for i, e := range x {
				if n, ok := e.(json.Number); ok {
					if iv, err := n.Int64(); err == nil {
						out[i] = iv
						continue
					}
					f, _ := n.Float64()
					out[i] = f
					continue
				}
				out[i] = e
			}
			return out, nil
		case string:
			if t := strings.TrimSpace(x); strings.HasPrefix(t, "[") {
				// A JSON array, as the query's example shows it: the way
				// to give an item that holds a comma.
				dec := json.NewDecoder(strings.NewReader(t))
				dec.UseNumber()
				var l []any
				if err := dec.Decode(&l); err != nil || dec.More() {
					return nil, fmt.Errorf("%q is not a JSON list (or a comma-separated one)", x)
				}
				for _, e := range l {
					switch e.(type) {
					case string, json.Number, bool, nil:
					default:
						return nil, fmt.Errorf("%q: a list item is not a string, number or boolean", x)
					}
				}
				return Convert(typ, l)
			}
			var parts []any
			for _, p := range strings.Split(x, ",") {
				if p = strings.TrimSpace(p); p != "" {
					parts = append(parts, p)
				}
			}
			return parts, nil
		}
	}
	return nil, fmt.Errorf("%v is not a %s", v, typ)
}

// Find returns the query "pack/name" of packs.
func Find(packs []Pack, id string) (*Query, bool) {
	for _, p := range packs {
		for _, q := range p.Queries {
			if q.ID() == id {
				return q, true
			}
		}
	}
	return nil, false
}

// Params returns the parameters to run q with: each default (or example,
// when example is true), overridden by given (already converted).
func (q *Query) ParamValues(given map[string]any, example bool) map[string]any {
	out := map[string]any{}
	for _, p := range q.Params {
		out[p.Name] = p.Default
		if example {
			out[p.Name] = p.Example
		}
		if v, ok := given[p.Name]; ok {
			out[p.Name] = v
		}
	}
	return out
}
