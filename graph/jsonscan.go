package graph

import (
	"encoding/json"
	"slices"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// scanGraphJSON reads the JSON form of a graph as MarshalJSON writes it,
// without reflection: a store decodes thousands of fragments, and
// encoding/json spent most of a one-note rebuild on them. It reports false
// for anything it does not read exactly as encoding/json would (an unknown
// or differently cased key, null, a value of another type, an invalid
// number or string), and UnmarshalJSON then leaves the data to
// encoding/json, which says what is wrong. Property values come out as
// decodeProps makes them.
func scanGraphJSON(data []byte) (graphJSON, bool) {
	s := &jscan{b: data}
	var out graphJSON
	ok := s.object(func(key string) bool {
		switch key {
		case "nodes":
			out.Nodes = []Node{}
			return s.array(func() bool {
				var n Node
				if !s.object(func(key string) bool {
					switch key {
					case "id":
						return s.str(&n.ID)
					case "label":
						var l string
						ok := s.str(&l)
						n.Label = Label(l)
						return ok
					case "props":
						return s.props(&n.Props)
					case "sources":
						return s.sources(&n.Sources)
					}
					return false
				}) {
					return false
				}
				out.Nodes = append(out.Nodes, n)
				return true
			})
		case "rels":
			out.Rels = []Rel{}
			return s.array(func() bool {
				var r Rel
				if !s.object(func(key string) bool {
					switch key {
					case "type":
						var t string
						ok := s.str(&t)
						r.Type = RelType(t)
						return ok
					case "from":
						return s.str(&r.From)
					case "to":
						return s.str(&r.To)
					case "props":
						return s.props(&r.Props)
					case "sources":
						return s.sources(&r.Sources)
					}
					return false
				}) {
					return false
				}
				out.Rels = append(out.Rels, r)
				return true
			})
		}
		return false
	})
	s.space()
	return out, ok && s.i == len(s.b)
}

// jscan is a cursor over JSON text.
type jscan struct {
	b []byte
	i int
}

func (s *jscan) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// next skips space and reports whether the next byte is c, consuming it.
func (s *jscan) next(c byte) bool {
	s.space()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// object reads {"key": value, ...}, calling field for each key with the
// cursor before its value. A key given twice is left to encoding/json.
func (s *jscan) object(field func(key string) bool) bool {
	if !s.next('{') {
		return false
	}
	if s.next('}') {
		return true
	}
	var seen []string
	for {
		var key string
		if !s.str(&key) || slices.Contains(seen, key) || !s.next(':') || !field(key) {
			return false
		}
		seen = append(seen, key)
		if s.next('}') {
			return true
		}
		if !s.next(',') {
			return false
		}
	}
}

// array reads [value, ...], calling elem with the cursor before each.
func (s *jscan) array(elem func() bool) bool {
	if !s.next('[') {
		return false
	}
	if s.next(']') {
		return true
	}
	for {
		if !elem() {
			return false
		}
		if s.next(']') {
			return true
		}
		if !s.next(',') {
			return false
		}
	}
}

// str reads a string into out.
func (s *jscan) str(out *string) bool {
	if !s.next('"') {
		return false
	}
	start := s.i
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			raw := s.b[start:s.i]
			s.i++
			if !utf8.Valid(raw) {
				return false // encoding/json would replace the bad bytes
			}
			*out = string(raw)
			return true
		case c == '\\':
			return s.escaped(start, out)
		case c < 0x20:
			return false
		}
		s.i++
	}
	return false
}

// escaped reads the rest of a string that holds an escape, from start.
func (s *jscan) escaped(start int, out *string) bool {
	buf := append([]byte(nil), s.b[start:s.i]...)
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			if !utf8.Valid(buf) {
				return false
			}
			*out = string(buf)
			return true
		case c < 0x20:
			return false
		case c != '\\':
			buf = append(buf, c)
			s.i++
			continue
		}
		if s.i+1 >= len(s.b) {
			return false
		}
		e := s.b[s.i+1]
		s.i += 2
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := s.hex4()
			if !ok {
				return false
			}
			if utf16.IsSurrogate(r) {
				// A pair makes one rune; encoding/json replaces a lone half.
				r2, ok2 := rune(-1), false
				if s.i+1 < len(s.b) && s.b[s.i] == '\\' && s.b[s.i+1] == 'u' {
					save := s.i
					s.i += 2
					if r2, ok2 = s.hex4(); !ok2 {
						return false
					}
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						buf = utf8.AppendRune(buf, d)
						continue
					}
					s.i = save
				}
				return false
			}
			buf = utf8.AppendRune(buf, r)
		default:
			return false
		}
	}
	return false
}

func (s *jscan) hex4() (rune, bool) {
	if s.i+4 > len(s.b) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(s.b[s.i:s.i+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	s.i += 4
	return rune(v), true
}

// number reads a JSON number's text, strictly by the JSON grammar.
func (s *jscan) number() (string, bool) {
	s.space()
	start, b := s.i, s.b
	i := s.i
	digits := func() bool {
		j := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i > j
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case !digits():
		return "", false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if !digits() {
			return "", false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !digits() {
			return "", false
		}
	}
	s.i = i
	return string(b[start:i]), true
}

// integer reads a number that fits an int, as a line number.
func (s *jscan) integer(out *int) bool {
	t, ok := s.number()
	if !ok {
		return false
	}
	n, err := strconv.Atoi(t)
	if err != nil {
		return false
	}
	*out = n
	return true
}

// sources reads a list of sources.
func (s *jscan) sources(out *[]Source) bool {
	list := []Source{}
	ok := s.array(func() bool {
		var src Source
		if !s.object(func(key string) bool {
			switch key {
			case "note":
				return s.str(&src.Note)
			case "line":
				return s.integer(&src.Line)
			case "end_line":
				return s.integer(&src.EndLine)
			}
			return false
		}) {
			return false
		}
		list = append(list, src)
		return true
	})
	*out = list
	return ok
}

// props reads a property map: strings, numbers (int64 or float64, as
// decodeValue reads them), booleans and lists of strings.
func (s *jscan) props(out *map[string]any) bool {
	p := map[string]any{}
	ok := s.object(func(key string) bool {
		s.space()
		if s.i >= len(s.b) {
			return false
		}
		switch c := s.b[s.i]; {
		case c == '"':
			var v string
			if !s.str(&v) {
				return false
			}
			p[key] = v
		case c == 't' || c == 'f':
			lit := "false"
			if c == 't' {
				lit = "true"
			}
			if len(s.b)-s.i < len(lit) || string(s.b[s.i:s.i+len(lit)]) != lit {
				return false
			}
			s.i += len(lit)
			p[key] = c == 't'
		case c == '[':
			l := []string{}
			if !s.array(func() bool {
				var v string
				if !s.str(&v) {
					return false
				}
				l = append(l, v)
				return true
			}) {
				return false
			}
			p[key] = l
		default:
			t, ok := s.number()
			if !ok {
				return false
			}
			v, err := decodeValue(json.Number(t))
			if err != nil {
				return false
			}
			p[key] = v
		}
		return true
	})
	if len(p) == 0 {
		p = nil // as decodeProps gives an empty map
	}
	*out = p
	return ok
}
