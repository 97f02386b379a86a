package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/talkgraph/talkgraph/graph"
)

// csvTypes maps a column kind to the type suffix of a neo4j-admin header.
var csvTypes = map[kind]string{
	kindString: "", kindLong: ":long", kindDouble: ":double", kindBool: ":boolean", kindList: ":string[]",
}

// CSVReadme is the name of the file CSV writes beside the data files, with
// the command that imports them.
const CSVReadme = "README.txt"

// CSV writes g into dir, creating it if needed, as the files that
// `neo4j-admin database import full` reads: one nodes file per label
// (talk.csv, with the header "id:ID,title,year:long,...,:LABEL") and one
// relationships file per type (mentions.csv, with the header
// ":START_ID,:END_ID,:TYPE,count:long,..."). List properties are typed
// string[] and joined by ";", the importer's default array delimiter, or,
// when some element holds a ";" (a note path can), by the first of "|^~`"
// that none holds, which README.txt's command then names. A missing
// property is an empty field. Only labels and types that g has get a file.
//
// It also writes README.txt, with the import command for these files.
func CSV(dir string, g *graph.Graph) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create csv directory: %w", err)
	}
	var nodeFiles, relFiles []string
	delim := arrayDelimiter(g)
	labels, nodes := nodesByLabel(g)
	for _, l := range labels {
		ns := nodes[l]
		props := make([]map[string]any, len(ns))
		for i, n := range ns {
			props[i] = nodeProps(n)
		}
		cols := columns(props)
		header := []string{"id:ID"}
		for _, c := range cols {
			header = append(header, c.name+csvTypes[c.kind])
		}
		header = append(header, ":LABEL")
		rows := make([][]string, len(ns))
		for i, n := range ns {
			row := append([]string{n.ID}, cells(cols, props[i], delim)...)
			rows[i] = append(row, string(n.Label))
		}
		name := fileName(string(l))
		if err := writeCSV(filepath.Join(dir, name), header, rows); err != nil {
			return err
		}
		nodeFiles = append(nodeFiles, name)
	}
	types, rs := relsByType(g)
	for _, t := range types {
		list := rs[t]
		props := make([]map[string]any, len(list))
		for i, r := range list {
			props[i] = relProps(r)
		}
		cols := columns(props)
		// count first: the header starts ":START_ID,:END_ID,:TYPE,count:long".
		for i, c := range cols {
			if c.name == graph.StoredCount {
				copy(cols[1:i+1], cols[:i])
				cols[0] = c
			}
		}
		header := []string{":START_ID", ":END_ID", ":TYPE"}
		for _, c := range cols {
			header = append(header, c.name+csvTypes[c.kind])
		}
		rows := make([][]string, len(list))
		for i, r := range list {
			rows[i] = append([]string{r.From, r.To, string(r.Type)}, cells(cols, props[i], delim)...)
		}
		name := fileName(string(t))
		if err := writeCSV(filepath.Join(dir, name), header, rows); err != nil {
			return err
		}
		relFiles = append(relFiles, name)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("csv directory: %w", err)
	}
	readme := csvReadme(abs, nodeFiles, relFiles, delim)
	if err := os.WriteFile(filepath.Join(dir, CSVReadme), []byte(readme), 0o644); err != nil {
		return fmt.Errorf("write csv readme: %w", err)
	}
	return nil
}

// fileName returns the CSV file name of a label or type: "talk.csv",
// "affiliated_with.csv".
func fileName(s string) string { return strings.ToLower(s) + ".csv" }

func cells(cols []column, p map[string]any, delim string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		if v, ok := p[c.name]; ok {
			out[i] = text(convert(v, c.kind), c.kind, delim)
		}
	}
	return out
}

// arrayDelimiter returns the array delimiter of an export: ";", neo4j-admin's
// default, unless an element of a list property holds one; then the first
// of the other candidates that no element holds (";" if every one is
// taken, the import then splitting those elements).
func arrayDelimiter(g *graph.Graph) string {
	used := map[rune]bool{}
	see := func(p map[string]any) {
		for _, v := range p {
			if l, ok := v.([]string); ok {
				for _, e := range l {
					for _, r := range e {
						if strings.ContainsRune(";|^~`", r) {
							used[r] = true
						}
					}
				}
			}
		}
	}
	for _, n := range g.Nodes() {
		see(nodeProps(n))
	}
	for _, r := range g.Rels() {
		see(relProps(r))
	}
	for _, d := range ";|^~`" {
		if !used[d] {
			return string(d)
		}
	}
	return ";"
}

func writeCSV(path string, header []string, rows [][]string) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("write csv %s: %w", filepath.Base(path), cerr)
		}
	}()
	bw := bufio.NewWriter(f)
	cw := csv.NewWriter(bw)
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("write csv %s: %w", filepath.Base(path), err)
	}
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("write csv %s: %w", filepath.Base(path), err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write csv %s: %w", filepath.Base(path), err)
	}
	return nil
}

// importCommand returns the neo4j-admin command that imports the CSV files
// written into dir, nodes and relationships given by name in dir.
func importCommand(dir string, nodeFiles, relFiles []string, delim string) string {
	var b strings.Builder
	b.WriteString("neo4j-admin database import full")
	for _, f := range nodeFiles {
		b.WriteString(" \\\n  --nodes=" + shellQuote(filepath.Join(dir, f)))
	}
	for _, f := range relFiles {
		b.WriteString(" \\\n  --relationships=" + shellQuote(filepath.Join(dir, f)))
	}
	if delim != ";" {
		b.WriteString(" \\\n  --array-delimiter=" + shellQuote(delim))
	}
	b.WriteString(" \\\n  --multiline-fields=true \\\n  neo4j")
	return b.String()
}

// shellQuote quotes s for a POSIX shell when it holds anything but safe
// characters.
func shellQuote(s string) string {
	safe := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-:=+,@", r)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func csvReadme(dir string, nodeFiles, relFiles []string, delim string) string {
	return `These CSV files hold a talkgraph graph in the format of neo4j-admin
database import: one nodes file per label, one relationships file per type.
Ids are global (one id space); list properties are joined by "` + delim + `"; text may
span lines, hence --multiline-fields=true.

Stop the database, then import (into an empty database; add
--overwrite-destination=true to replace an existing one):

` + importCommand(dir, nodeFiles, relFiles, delim) + `

Then start the database and create the constraints talkgraph expects, for
example with ` + "`talkgraph export cypher`" + `'s first statements:

  CREATE CONSTRAINT talk_id IF NOT EXISTS FOR (n:Talk) REQUIRE n.id IS UNIQUE;
`
}
