package config

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/talkgraph/talkgraph/internal/fold"
)

// Unknown returns a warning for every key of the configuration file at
// path that talkgraph does not read, with its line and the nearest key it
// does: `talkgraph.yaml:3: unknown key "lexicons" (did you mean "lexicon"?)`.
// A misspelt key would otherwise be ignored without a word. The folders
// under events are the user's own names, not keys.
func Unknown(path, name string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, nil // Load reports what does not decode
	}
	var top []string
	sub := map[string][]string{}
	for _, k := range Keys {
		group, rest, nested := strings.Cut(k, ".")
		if !slices.Contains(top, group) {
			top = append(top, group)
		}
		if nested {
			sub[group] = append(sub[group], rest)
		}
	}
	var out []string
	warn := func(n *yaml.Node, key string, choices []string) {
		msg := fmt.Sprintf("%s:%d: unknown key %q", name, n.Line, key)
		if near := fold.Nearest(strings.TrimPrefix(key, key[:strings.LastIndex(key, ".")+1]), choices, 3); near != "" {
			if i := strings.LastIndex(key, "."); i >= 0 {
				near = key[:i+1] + near
			}
			msg += fmt.Sprintf(" (did you mean %q?)", near)
		}
		out = append(out, msg)
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		switch {
		case !slices.Contains(top, k.Value):
			warn(k, k.Value, top)
		case len(sub[k.Value]) > 0 && v.Kind == yaml.MappingNode:
			for j := 0; j+1 < len(v.Content); j += 2 {
				if sk := v.Content[j]; !slices.Contains(sub[k.Value], sk.Value) {
					warn(sk, k.Value+"."+sk.Value, sub[k.Value])
				}
			}
		}
	}
	return out, nil
}

// Line returns the line of the configuration file at path that sets the
// dotted key ("build.workers"), or 0 when the file does not set it.
func Line(path, key string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return 0
	}
	n := doc.Content[0]
	line := 0
	for _, part := range strings.Split(key, ".") {
		if n.Kind != yaml.MappingNode {
			return line
		}
		found := false
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == part {
				line, n, found = n.Content[i].Line, n.Content[i+1], true
				break
			}
		}
		if !found {
			return line
		}
	}
	return line
}
