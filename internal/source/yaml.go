package source

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// YAMLError positions a yaml.v3 syntax error in data, a YAML document that
// starts at line first (1-based) of the file name (front matter starts
// after its "---" line): the one rule for YAML positions of every file
// talkgraph reads. yaml.v3 reports the line where the enclosing collection
// starts, and counts it from 0 for most errors, so the line is recomputed
// as the first line k at which the first k lines of data fail to decode
// with the same problem; an error with no line is at the document's first
// line.
func YAMLError(name string, first int, data []byte, err error) *Error {
	msg := err.Error()
	m := yamlLine.FindStringSubmatch(msg)
	if m == nil {
		return &Error{Pos: Position{File: name, Line: first}, Msg: strings.TrimPrefix(msg, "yaml: ")}
	}
	line, _ := strconv.Atoi(m[1])
	if l := problemLine(data, line, m[2]); l > 0 {
		line = l
	}
	return &Error{Pos: Position{File: name, Line: first - 1 + max(line, 1)}, Msg: m[2]}
}

// problemLine returns the smallest k >= from such that the first k lines of
// data fail to decode with problem, or 0.
func problemLine(data []byte, from int, problem string) int {
	lines := bytes.SplitAfter(data, []byte("\n"))
	for k := max(from, 1); k <= len(lines); k++ {
		dec := yaml.NewDecoder(bytes.NewReader(bytes.Join(lines[:k], nil)))
		for {
			var n yaml.Node
			err := dec.Decode(&n)
			if err == nil {
				continue
			}
			if m := yamlLine.FindStringSubmatch(err.Error()); m != nil && m[2] == problem {
				return k
			}
			break
		}
	}
	return 0
}
