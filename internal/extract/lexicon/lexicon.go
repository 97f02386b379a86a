// Package lexicon holds the names talkgraph recognises in talk notes: tools,
// concepts and organizations, with their aliases. The shipped lexicon is a set
// of YAML files embedded from data/; users can add their own file in the same
// format, and their entries win on conflicts.
//
// File format: a mapping with any of the keys tools, concepts and
// organizations, each a list of entries:
//
//	tools:
//	  - name: WebAssembly
//	    aliases: [wasm]
//	    homepage: https://webassembly.org
//	    category: standard
//	    ambiguous: false
//	    context: [browser, compile]
//
// Only name is required. An ambiguous entry's names are also ordinary words
// (or are very short) and should only be matched when one of its context
// words is near the mention.
package lexicon

import (
	"bytes"
	"cmp"
	"embed"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/talkgraph/talkgraph/internal/fold"
	"github.com/talkgraph/talkgraph/internal/source"

	"gopkg.in/yaml.v3"
)

//go:embed data/*.yaml
var dataFS embed.FS

// compiled is the shipped lexicon as parsed from data/*.yaml, in gob form:
// decoding it takes a few milliseconds where parsing the YAML takes about
// fifty, which every command that extracts (or only fingerprints the
// extractor) would pay. TestCompiled fails when it is not the YAML's
// parse; TALKGRAPH_UPDATE_LEXICON=1 go test ./internal/extract/lexicon
// -run TestCompiled writes it again.
//
//go:embed compiled.gob
var compiled []byte

// Kind says what an entry names.
type Kind string

// The kinds of entries, one per top-level key of a lexicon file.
const (
	KindTool         Kind = "tool"
	KindConcept      Kind = "concept"
	KindOrganization Kind = "organization"
)

// sections maps a file's top-level keys to the kind of their entries.
var sections = map[string]Kind{
	"tools":         KindTool,
	"concepts":      KindConcept,
	"organizations": KindOrganization,
}

var sectionNames = []string{"tools", "concepts", "organizations"}

var entryKeys = []string{"name", "aliases", "homepage", "category", "ambiguous", "context"}

var categories = []string{
	"language", "library", "framework", "database", "cloud", "service",
	"devops", "data", "ml", "editor", "os", "standard", "product",
	"platform", "hardware",
}

// Categories returns the known tool categories.
func Categories() []string { return slices.Clone(categories) }

// Entry is one named thing.
type Entry struct {
	Name      string   // canonical name, as the community writes it
	Kind      Kind     // tool, concept or organization
	Aliases   []string // other names and spellings
	Homepage  string   // optional http(s) URL
	Category  string   // optional; one of Categories()
	Ambiguous bool     // the name is also an ordinary word or very short
	Context   []string // words that, near a mention, confirm an ambiguous entry
	Source    string   // file the entry came from, e.g. "data/tools.yaml"
	Line      int      // 1-based line of the entry's name in Source
}

// Lexicon is a set of entries, sorted by Kind then Name, in which no folded
// name or alias belongs to two entries.
type Lexicon struct {
	Entries []Entry
}

var loadDefault = sync.OnceValues(func() ([]Entry, error) {
	var all []Entry
	if err := gob.NewDecoder(bytes.NewReader(compiled)).Decode(&all); err == nil {
		return all, nil
	}
	return parseDefault()
})

// parseDefault parses the shipped YAML files.
func parseDefault() ([]Entry, error) {
	files, err := fs.Glob(dataFS, "data/*.yaml")
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	var all []Entry
	for _, f := range files {
		data, err := dataFS.ReadFile(f)
		if err != nil {
			return nil, err
		}
		entries, err := Parse(f, data)
		if err != nil {
			return nil, err
		}
		all = append(all, entries...)
	}
	if err := checkConflicts(all); err != nil {
		return nil, err
	}
	sortEntries(all)
	return all, nil
}

// Default returns the shipped lexicon. Each call returns a fresh copy, so the
// caller may Add to it.
func Default() (*Lexicon, error) {
	entries, err := loadDefault()
	if err != nil {
		return nil, err
	}
	l := &Lexicon{Entries: make([]Entry, len(entries))}
	for i, e := range entries {
		l.Entries[i] = cloneEntry(e)
	}
	return l, nil
}

// LoadFile reads and parses one lexicon file; entries' Source is path.
func LoadFile(path string) ([]Entry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Add merges user entries into l. An entry whose folded name or alias equals
// the folded name of an existing entry (of any kind) replaces that entry; an
// existing entry that merely has a conflicting alias keeps its place but loses
// that alias. Later entries win over earlier ones. l stays sorted.
func (l *Lexicon) Add(entries []Entry) {
	if len(entries) == 0 {
		return
	}
	all := slices.Grow(slices.Clip(l.Entries), len(entries))
	removed := make([]bool, len(all), len(all)+len(entries))
	owner := make(map[string]int, 2*len(all)) // folded name or alias -> index in all
	for i, e := range all {
		for _, s := range names(e) {
			owner[fold.Key(s)] = i
		}
	}
	for _, e := range entries {
		e = cloneEntry(e)
		for _, s := range names(e) {
			k := fold.Key(s)
			i, ok := owner[k]
			if !ok || k == "" {
				continue
			}
			old := &all[i]
			if fold.Key(old.Name) == k {
				removed[i] = true
				for _, s := range names(*old) {
					if owner[fold.Key(s)] == i {
						delete(owner, fold.Key(s))
					}
				}
				continue
			}
			old.Aliases = slices.DeleteFunc(slices.Clone(old.Aliases), func(a string) bool { return fold.Key(a) == k })
			delete(owner, k)
		}
		all = append(all, e)
		removed = append(removed, false)
		for _, s := range names(e) {
			owner[fold.Key(s)] = len(all) - 1
		}
	}
	kept := all[:0]
	for i, e := range all {
		if !removed[i] {
			kept = append(kept, e)
		}
	}
	clear(all[len(kept):])
	sortEntries(kept)
	l.Entries = kept
}

func names(e Entry) []string { return append([]string{e.Name}, e.Aliases...) }

func cloneEntry(e Entry) Entry {
	e.Aliases = slices.Clone(e.Aliases)
	e.Context = slices.Clone(e.Context)
	return e
}

func sortEntries(entries []Entry) {
	slices.SortStableFunc(entries, func(a, b Entry) int {
		return cmp.Or(
			cmp.Compare(a.Kind, b.Kind),
			cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)),
			cmp.Compare(a.Name, b.Name),
		)
	})
}

// checkConflicts reports every folded name or alias shared by two entries.
func checkConflicts(entries []Entry) error {
	var errs []error
	seen := make(map[string]*Entry)
	for i := range entries {
		e := &entries[i]
		for _, s := range names(*e) {
			k := fold.Key(s)
			if o, ok := seen[k]; ok && o != e {
				errs = append(errs, errorAt(e.Source, e.Line, fmt.Sprintf("%q (%s %q) conflicts with %s %q at %s:%d",
					s, e.Kind, e.Name, o.Kind, o.Name, o.Source, o.Line)))
				continue
			}
			seen[k] = e
		}
	}
	return errors.Join(errs...)
}

// Error is a mistake in a lexicon file, at a line (0 when unknown): the
// project's one positioned error, source.Error.
type Error = source.Error

// errorAt returns the Error at line of file.
func errorAt(file string, line int, msg string) *Error {
	return &Error{Pos: source.Position{File: file, Line: line}, Msg: msg}
}

// Parse parses one lexicon file. name is used in errors and as the entries'
// Source. Errors have the form "name:line: message".
func Parse(name string, data []byte) ([]Entry, error) {
	p := parser{file: name}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, p.yamlError(data, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, p.errorf(&extra, "more than one YAML document; put all entries in one")
	} else if !errors.Is(err, io.EOF) {
		return nil, p.yamlError(data, err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return nil, nil
		}
		root = root.Content[0]
	}
	root = deref(root)
	if isNull(root) {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, p.errorf(root, "top level must be a mapping with keys %s", strings.Join(sectionNames, ", "))
	}
	var entries []Entry
	seenSection := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], deref(root.Content[i+1])
		kind, ok := sections[k.Value]
		if !ok || k.Kind != yaml.ScalarNode {
			return nil, p.errorf(k, "unknown key %q%s (want %s)", k.Value, suggest(k.Value, sectionNames), strings.Join(sectionNames, ", "))
		}
		if line, dup := seenSection[k.Value]; dup {
			return nil, p.errorf(k, "duplicate key %q (first at line %d)", k.Value, line)
		}
		seenSection[k.Value] = k.Line
		if isNull(v) {
			continue
		}
		if v.Kind != yaml.SequenceNode {
			return nil, p.errorf(v, "%s must be a list of entries", k.Value)
		}
		for _, item := range v.Content {
			e, err := p.entry(kind, deref(item))
			if err != nil {
				return nil, err
			}
			entries = append(entries, e)
		}
	}
	// No folded name or alias may belong to two entries of one file.
	seen := map[string]*Entry{}
	for i := range entries {
		e := &entries[i]
		for _, s := range names(*e) {
			k := fold.Key(s)
			if o, ok := seen[k]; ok && o != e {
				return nil, errorAt(name, e.Line, fmt.Sprintf("%q (%s %q) conflicts with %s %q at line %d", s, e.Kind, e.Name, o.Kind, o.Name, o.Line))
			}
			seen[k] = e
		}
	}
	return entries, nil
}

type parser struct{ file string }

func (p *parser) errorf(n *yaml.Node, format string, args ...any) error {
	line := n.Line
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		line = n.Content[0].Line
	}
	return errorAt(p.file, line, fmt.Sprintf(format, args...))
}

// yamlError turns a yaml.v3 syntax error into an Error, at the line
// source.YAMLError finds.
func (p *parser) yamlError(data []byte, err error) error {
	return source.YAMLError(p.file, 1, data, err)
}

func (p *parser) entry(kind Kind, n *yaml.Node) (Entry, error) {
	e := Entry{Kind: kind, Source: p.file}
	if n.Kind != yaml.MappingNode {
		return e, p.errorf(n, "%s entry must be a mapping with at least a name", kind)
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], deref(n.Content[i+1])
		if k.Kind != yaml.ScalarNode || !slices.Contains(entryKeys, k.Value) {
			return e, p.errorf(k, "unknown key %q%s (want %s)", k.Value, suggest(k.Value, entryKeys), strings.Join(entryKeys, ", "))
		}
		if line, dup := seen[k.Value]; dup {
			return e, p.errorf(k, "duplicate key %q (first at line %d)", k.Value, line)
		}
		seen[k.Value] = k.Line
		var err error
		switch k.Value {
		case "name":
			e.Line = k.Line
			e.Name, err = p.word(v, "name")
		case "aliases":
			e.Aliases, err = p.words(v, "alias")
		case "context":
			e.Context, err = p.words(v, "context word")
		case "homepage":
			if e.Homepage, err = p.str(v, "homepage"); err == nil {
				err = p.checkURL(v, e.Homepage)
			}
		case "category":
			if e.Category, err = p.str(v, "category"); err == nil && !slices.Contains(categories, e.Category) {
				err = p.errorf(v, "unknown category %q%s (want one of %s)", e.Category, suggest(e.Category, categories), strings.Join(categories, ", "))
			}
		case "ambiguous":
			if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!bool" {
				err = p.errorf(v, "ambiguous must be true or false")
			} else {
				err = v.Decode(&e.Ambiguous)
			}
		}
		if err != nil {
			return e, err
		}
	}
	if e.Name == "" {
		return e, p.errorf(n, "%s entry has no name", kind)
	}
	return e, nil
}

// str returns a scalar's text; null and empty values are errors.
func (p *parser) str(n *yaml.Node, what string) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", p.errorf(n, "%s must be a string", what)
	}
	s := strings.TrimSpace(n.Value)
	if isNull(n) || s == "" {
		return "", p.errorf(n, "empty %s", what)
	}
	return s, nil
}

// word is str for something that is matched in text, so it must have a
// letter or digit.
func (p *parser) word(n *yaml.Node, what string) (string, error) {
	s, err := p.str(n, what)
	if err == nil && fold.Key(s) == "" {
		err = p.errorf(n, "%s %q has no letters or digits", what, s)
	}
	return s, err
}

func (p *parser) words(n *yaml.Node, what string) ([]string, error) {
	if isNull(n) {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, p.errorf(n, "%s list must be a list, e.g. [a, b]", what)
	}
	out := make([]string, 0, len(n.Content))
	for _, item := range n.Content {
		s, err := p.word(deref(item), what)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func (p *parser) checkURL(n *yaml.Node, s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return p.errorf(n, "homepage %q is not an http(s) URL", s)
	}
	return nil
}

func deref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// suggest returns ` (did you mean "x"?)` for the closest of choices to s, if
// it is close.
func suggest(s string, choices []string) string {
	best := fold.Nearest(s, choices, 3)
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}
