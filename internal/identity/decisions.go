package identity

import (
	"fmt"
	"github.com/talkgraph/talkgraph/internal/source"
	"os"
	"strings"

	"gopkg.in/yaml.v3"
)

// Decisions are a user's overrides, by names as written: each Same pair is one
// person whatever the keys say, and each Different pair is two people.
// Build one in code, or read one with LoadDecisions.
type Decisions struct {
	Same, Different [][2]string

	path                 string // the file read, for Explain
	sameLines, diffLines []int  // the line of each pair in it
}

// source says where pair i of a list was decided: "decisions.yaml:3", or
// "" for decisions built in code.
func (d *Decisions) source(lines []int, i int) string {
	if d.path == "" {
		return ""
	}
	if i < len(lines) && lines[i] > 0 {
		return fmt.Sprintf("%s:%d", d.path, lines[i])
	}
	return d.path
}

// DecisionError is a mistake in a decisions file, at a line (0 when the YAML
// parser gave none): the project's one positioned error, source.Error.
type DecisionError = source.Error

// LoadDecisions reads a decisions file:
//
//	same:
//	  - [Bob Smith, Robert Smith]
//	different:
//	  - [Nathaniel J. Smith, Nathaniel K. Smith]
//
// Both keys are optional and an empty file decides nothing. Each entry is a
// list of two names. Mistakes are *DecisionError values printing
// "path:line: message"; a file that cannot be read returns the os error.
func LoadDecisions(path string) (*Decisions, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read decisions: %w", err)
	}
	d := &Decisions{path: path}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, yamlError(path, b, err)
	}
	if len(doc.Content) == 0 {
		return d, nil
	}
	if err := d.readTop(doc.Content[0]); err != nil {
		return nil, err
	}
	return d, nil
}

// yamlError turns a yaml.v3 syntax error into a *DecisionError, at the
// line source.YAMLError finds.
func yamlError(path string, data []byte, err error) error {
	se := source.YAMLError(path, 1, data, err)
	return se
}

func (d *Decisions) errAt(n *yaml.Node, format string, args ...any) error {
	return &DecisionError{Pos: source.Position{File: d.path, Line: n.Line}, Msg: fmt.Sprintf(format, args...)}
}

func (d *Decisions) readTop(top *yaml.Node) error {
	if top.Kind == yaml.ScalarNode && top.Tag == "!!null" {
		return nil
	}
	if top.Kind != yaml.MappingNode {
		return d.errAt(top, "want a mapping with keys same and different")
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		var err error
		switch k.Value {
		case "same":
			d.Same, d.sameLines, err = d.readPairs(v, "same")
		case "different":
			d.Different, d.diffLines, err = d.readPairs(v, "different")
		default:
			err = d.errAt(k, "unknown key %q (want same or different)", k.Value)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (d *Decisions) readPairs(v *yaml.Node, key string) ([][2]string, []int, error) {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil, nil, nil
	}
	if v.Kind != yaml.SequenceNode {
		return nil, nil, d.errAt(v, "%s: want a list of name pairs", key)
	}
	var pairs [][2]string
	var lines []int
	for _, e := range v.Content {
		p, err := d.readPair(e, key)
		if err != nil {
			return nil, nil, err
		}
		pairs, lines = append(pairs, p), append(lines, e.Line)
	}
	return pairs, lines, nil
}

func (d *Decisions) readPair(e *yaml.Node, key string) ([2]string, error) {
	var p [2]string
	if e.Kind != yaml.SequenceNode || len(e.Content) != 2 {
		return p, d.errAt(e, "%s: want a pair of names like [A, B]", key)
	}
	for i, n := range e.Content {
		p[i] = strings.TrimSpace(n.Value)
		if n.Kind != yaml.ScalarNode || p[i] == "" {
			return p, d.errAt(n, "%s: want a name", key)
		}
	}
	if key == "different" && spelling(p[0]) == spelling(p[1]) {
		return p, d.errAt(e, "different: %q and %q are one spelling; a decision cannot tell them apart", p[0], p[1])
	}
	return p, nil
}
