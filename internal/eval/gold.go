// Package eval scores extraction against gold annotations: what a careful
// reader finds in each section of a note (see ../shared/eval/GOLD-FORMAT.md),
// by the same rules as ../shared/eval/score, so that users can measure and
// correct extraction on notes of their own and the project's quality tests
// measure it the way the referee does.
package eval

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/talkgraph/talkgraph/internal/source"
)

// Gold is one gold file: what each section of a note says.
type Gold struct {
	Path     string              `yaml:"-"` // the gold file
	Note     string              `yaml:"-"` // the note beside it, "" when there is none
	Name     string              `yaml:"-"` // the note's name in reports; Key() unless set
	Event    map[string]any      `yaml:"event"`
	Aliases  map[string][]string `yaml:"aliases"`
	Sections []GoldSection       `yaml:"sections"`
}

// GoldSection is one talk or session of a gold file.
type GoldSection struct {
	Heading       string        `yaml:"heading"`
	Line          int           `yaml:"line"`
	IsTalk        bool          `yaml:"is_talk"`
	Kind          string        `yaml:"kind"`
	Title         string        `yaml:"title"`
	Speakers      []GoldSpeaker `yaml:"speakers"`
	Tools         []string      `yaml:"tools"`
	Concepts      []string      `yaml:"concepts"`
	Organizations []string      `yaml:"organizations"`
	People        []string      `yaml:"people_mentioned"`
}

// GoldSpeaker is a speaker of a gold section.
type GoldSpeaker struct {
	Name        string `yaml:"name"`
	Handle      string `yaml:"handle"`
	Affiliation string `yaml:"affiliation"`
}

// NoteExts are the extensions of the note a gold file may stand beside.
var NoteExts = []string{".md", ".markdown", ".txt"}

// Load reads the gold files among paths: files named NAME.gold.yaml, or the
// folders that hold them (searched recursively), each with the note beside
// it (NAME.md, NAME.markdown or NAME.txt). It returns them sorted by path.
// A gold file that cannot be read gives a positioned error (file:line:
// message) and the others are still returned.
func Load(paths ...string) ([]*Gold, error) {
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(path, ".gold.yaml") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(files)
	var out []*Gold
	var errs []error
	for _, f := range files {
		g, err := read(f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, g)
	}
	return out, errors.Join(errs...)
}

var yamlLine = regexp.MustCompile(`line (\d+): `)

func read(path string) (*Gold, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	g := &Gold{Path: path}
	g.Name = g.Key()
	if err := yaml.Unmarshal(b, g); err != nil {
		line := 1
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
		}
		msg := yamlLine.ReplaceAllString(strings.TrimPrefix(err.Error(), "yaml: "), "")
		return nil, source.Errorf(source.Position{File: path, Line: line, Col: 1}, "%s", msg)
	}
	if len(g.Sections) == 0 {
		return nil, source.Errorf(source.Position{File: path, Line: 1, Col: 1}, "no sections: not a gold file")
	}
	base := strings.TrimSuffix(path, ".gold.yaml")
	for _, ext := range NoteExts {
		if _, err := os.Stat(base + ext); err == nil {
			g.Note = base + ext
			break
		}
	}
	return g, nil
}

// Key is the name a gold file and its note share: the note's file name
// without its extension.
func (g *Gold) Key() string { return strings.TrimSuffix(filepath.Base(g.Path), ".gold.yaml") }

func (g *Gold) String() string { return fmt.Sprintf("%s (%d sections)", g.Path, len(g.Sections)) }
